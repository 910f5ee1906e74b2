"""Demo threads started by the demo logins (member@ and member2@): seeded only when those accounts exist, so that
signing in as them shows threads of their own, replies, @mentions and unread notifications."""

from __future__ import annotations

from community.demo_data import Say, Topic

TOPICS = [
    Topic(
        forum="restless-legs-syndrome",
        title="It has started in my arms too: anyone else?",
        days_ago=19,
        posts=(
            Say(
                "member",
                """
                For years it's been just my legs, but lately I get the same crawling feeling in my arms in the
                evening. It's freaking me out a bit. Has anyone else had this?
                """,
            ),
            Say(
                "willow",
                """
                It can happen, and it's worth telling your doctor: they'll want to know if your symptoms are
                spreading or getting worse, and they may want to look at your treatment and check your iron again.
                """,
                helpful=("member",),
            ),
            Say(
                "harbour",
                """
                I agree with Willow. Please book an appointment rather than waiting to see. It's a change, and
                changes are worth mentioning.
                """,
            ),
            Say(
                "member2",
                """
                @NightWalker same here last winter. My doctor looked at my iron and my medicines, and it settled.
                Hope yours does too.
                """,
            ),
            Say(
                "member",
                """
                Thank you, all. Appointment booked for Thursday.
                """,
            ),
            Say(
                "willow",
                """
                Fingers crossed for Thursday, @NightWalker.
                """,
                days_ago=2,
            ),
        ),
    ),
    Topic(
        forum="living-with-symptoms",
        title="Night shifts and restless legs",
        days_ago=11,
        posts=(
            Say(
                "member2",
                """
                I work nights at a hospital three times a week, and my legs have no idea what time it is. Anyone
                else doing shift work with RLS? How do you manage sleeping in the day?
                """,
            ),
            Say(
                "north",
                """
                Not RLS, but night shifts and insomnia: blackout blinds, earplugs, and the same sleep window after
                every shift, on days off too if I can manage it.
                """,
                helpful=("member2",),
            ),
            Say(
                "cyclist",
                """
                My legs seem to follow the clock on the wall as much as the one in my body: late evening is always
                worst, whatever my shift. Moving around at work actually helps me.
                """,
            ),
            Say(
                "member",
                """
                @SleeplessInLeeds respect for doing nights with RLS. I'd be climbing the walls.
                """,
            ),
            Say(
                "member2",
                """
                Ha, I do a lot of walking on the wards, which helps! Blackout blinds ordered.
                """,
            ),
            Say(
                "north",
                """
                Good luck with the blinds. The first week of proper dark daytime sleep felt like a holiday to me.
                """,
                days_ago=1,
            ),
        ),
    ),
]
