"""The pinned welcome thread of every demo forum, signed by the Remedy Commons team."""

from __future__ import annotations

from community.demo_data import Say, Topic

TOPICS = [
    Topic(
        forum="restless-legs-syndrome",
        title="Welcome to the restless legs forum: please read this first",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome! This is the place to talk about life with restless legs syndrome (also called
                Willis–Ekbom disease): what you've tried, what helped, what didn't, and how you get through the
                evenings.

                A few things to keep in mind:

                - Share your own experience, and say what you tried and for how long. It helps others weigh it.
                - Nothing here replaces a conversation with your own doctor, especially before you start or stop
                  any medicine or supplement, iron included.
                - Be kind. Everyone here is tired.
                - If you're having a really hard time, the "Need support now?" link at the bottom of every page
                  lists crisis lines.

                The restless legs syndrome page summarises what research says about each therapy.
                """,
            ),
            Say(
                "willow",
                """
                Thanks for setting this up. It's good to have a space for this.
                """,
            ),
            Say(
                "oak",
                """
                Read and understood. Now, where's the tea?
                """,
            ),
            Say(
                "kofi",
                """
                Glad to have found this place.
                """,
            ),
        ),
    ),
    Topic(
        forum="insomnia",
        title="Welcome to the insomnia forum",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to the insomnia forum. Talk about sleep: the bad nights, the routines, the things you've
                tried and how they went for you. Please share your own experience rather than instructions for
                others, and talk to your doctor before changing any medicine.

                If sleeplessness comes with low mood or thoughts of harming yourself, please use the "Need support
                now?" link at the bottom of every page.
                """,
            ),
            Say(
                "north",
                """
                Hello from a fellow 3am regular.
                """,
            ),
            Say(
                "ines",
                """
                Hi, all. Hoping to learn how to sleep again.
                """,
            ),
        ),
    ),
    Topic(
        forum="fibromyalgia",
        title="Welcome to the fibromyalgia forum",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to the fibromyalgia forum: pacing, pain, sleep, flares and everything in between. Share
                what you've tried and how it went for you, be gentle with each other, and remember that nothing
                posted here replaces the advice of your own care team.
                """,
            ),
            Say(
                "pam",
                """
                Hello, fibro friends.
                """,
            ),
            Say(
                "tess",
                """
                Thanks for the welcome. Looking forward to swapping notes.
                """,
            ),
        ),
    ),
    Topic(
        forum="chronic-low-back-pain",
        title="Welcome to the low back pain forum",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to the chronic low back pain forum. Share your experience with exercise, therapies and
                daily life with back pain.

                If you notice new weakness or numbness in your legs, or any change in bladder or bowel control,
                seek medical help straight away; don't wait for replies here.
                """,
            ),
            Say(
                "dan",
                """
                Hello from a desk-bound back.
                """,
            ),
            Say(
                "runner",
                """
                Hello! Runner with a temperamental back, happy to share what has helped me.
                """,
            ),
        ),
    ),
    Topic(
        forum="migraine",
        title="Welcome to the migraine forum",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to the migraine forum. Talk about triggers, prevention, diaries, and what gets you through
                an attack. Please don't suggest doses, or stopping medicines, to others: share what you did and
                leave the decisions to each person and their doctor.

                A sudden, severe "worst ever" headache needs urgent medical help, not a forum post.
                """,
            ),
            Say(
                "lav",
                """
                Thank you. I'll be here, probably in a dark room.
                """,
            ),
            Say(
                "fennel",
                """
                Hello from another diary keeper.
                """,
            ),
        ),
    ),
    Topic(
        forum="introductions",
        title="Welcome to Remedy Commons: start here",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to Remedy Commons! This forum is for saying hello. Tell us as much or as little as you
                like: what brings you here, which condition you live with, what you hope to find.

                Use a display name you're comfortable with; we never need your real name. Please don't post your
                e-mail address or phone number. The site will remind you if it spots one.
                """,
            ),
            Say(
                "harbour",
                """
                Hello, and welcome to everyone who reads this after me!
                """,
            ),
            Say(
                "willow",
                """
                Lovely to see the place filling up.
                """,
            ),
        ),
    ),
    Topic(
        forum="living-with-symptoms",
        title="Welcome to Living with symptoms",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to Living with symptoms: nights, work, family, and everything else that chronic symptoms
                touch. When you start a thread you can make it "members only", so that visitors see only its title
                and first lines. Be kind, be honest, and look after yourselves.
                """,
            ),
            Say(
                "pam",
                """
                Thanks. I can tell this will be my favourite forum.
                """,
            ),
            Say(
                "cyclist",
                """
                Glad the members-only option exists. Some things are easier to talk about that way.
                """,
            ),
        ),
    ),
    Topic(
        forum="site-feedback",
        title="Welcome to Site feedback",
        pinned=True,
        days_ago=60,
        posts=(
            Say(
                "team",
                """
                Welcome to Site feedback. Tell us what works, what doesn't, and what you'd like to see. We read
                everything, even when we can't do it all at once.
                """,
            ),
            Say(
                "bram",
                """
                Bookmarked. Expect opinions.
                """,
            ),
        ),
    ),
]
