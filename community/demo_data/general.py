"""Demo threads in the general forums: Introductions, Living with symptoms and Site feedback."""

from __future__ import annotations

from community.demo_data import Say, Topic

INTRODUCTIONS = "introductions"
LIVING = "living-with-symptoms"
FEEDBACK = "site-feedback"

TOPICS = [
    # --- Introductions -----------------------------------------------------------------------------------------------
    Topic(
        forum=INTRODUCTIONS,
        title="Hello from a fellow night-walker",
        days_ago=58,
        posts=(
            Say(
                "willow",
                """
                Hi all. I'm Willow, in my fifties, living in the north of England, and I've had restless legs since
                my twenties, though nobody gave it a name until I was forty. I'm here to swap notes with people who
                understand why I'm pacing the landing at 2am. Looking forward to getting to know you.
                """,
            ),
            Say(
                "harbour",
                """
                Welcome, Willow! Twenty-odd years is a long time to be walking the landing. You'll find plenty of
                company here.
                """,
            ),
            Say(
                "oak",
                """
                Welcome. I've a few years on you in the pacing department. Put the kettle on, it's going to be a
                long night.
                """,
            ),
            Say(
                "kofi",
                """
                Hello and welcome. Fellow pacer, though I do mine in hotel corridors.
                """,
            ),
        ),
    ),
    Topic(
        forum=INTRODUCTIONS,
        title="Retired nurse, twenty years of restless legs",
        days_ago=57,
        posts=(
            Say(
                "harbour",
                """
                Hello. I spent most of my working life as a district nurse, and the last twenty years of it with
                restless legs, which gave me a lot of sympathy for patients who couldn't sit still. Now that I'm
                retired, I'm happy to share what I've learned, with the usual reminder that I'm not your nurse and
                your own doctor should have the final word.
                """,
            ),
            Say(
                "willow",
                """
                Welcome! Lovely to have someone with your experience here.
                """,
            ),
            Say(
                "pam",
                """
                Welcome, and thank you for that reminder at the end. It's good to have someone who keeps us
                grounded.
                """,
            ),
            Say(
                "bram",
                """
                Welcome. I'm looking forward to your posts; balanced voices are always needed.
                """,
            ),
        ),
    ),
    Topic(
        forum=INTRODUCTIONS,
        title="Hello from the fibro corner",
        days_ago=59,
        posts=(
            Say(
                "pam",
                """
                Hi, I'm Pam: patchwork quilter, tea drinker, fibromyalgia for eight years. I'm hoping to pick up
                ideas for pacing and sleep, and to feel a bit less alone with it. Say hello if you're in the fibro
                forum too!
                """,
            ),
            Say(
                "tess",
                """
                Hi Pam! Yoga teacher with fibro here. See you in the forum.
                """,
            ),
            Say(
                "ines",
                """
                Hello! I'm fairly new to fibro, so I'll be reading your posts with interest.
                """,
            ),
        ),
    ),
    Topic(
        forum=INTRODUCTIONS,
        title="Diagnosed with restless legs last month and still taking it in",
        days_ago=45,
        posts=(
            Say(
                "sam",
                """
                Hi everyone. Dad of two, work in logistics, and I was diagnosed with restless legs last month after
                years of thinking I was just a bad sleeper. I'm still getting my head round it. Reading the threads
                here has already helped: it's good to know it's a real thing and I'm not imagining it.
                """,
            ),
            Say(
                "willow",
                """
                Welcome, Sam. The "it's a real thing" moment is a big one. Ask anything; there's a lot of
                experience here.
                """,
            ),
            Say(
                "harbour",
                """
                Welcome aboard. A tip from an old nurse: write your questions down before appointments. It's easy
                to forget them once you're in the room.
                """,
                helpful=("sam", "ines"),
            ),
            Say(
                "cyclist",
                """
                Welcome! Years of thinking you're a bad sleeper: that was me too. It gets easier once you know what
                you're dealing with.
                """,
            ),
            Say(
                "sam",
                """
                Thanks, all. I appreciate the welcome.
                """,
            ),
        ),
    ),
    Topic(
        forum=INTRODUCTIONS,
        title="Hi from a new member with very jumpy legs",
        days_ago=0.25,
        posts=(
            Say(
                "frankie",
                """
                Hi, I'm Frankie. I've had jumpy legs at night for about a year and only just learned the name
                restless legs syndrome. My partner found this site. Looking forward to learning from you all.
                """,
                pending=True,
            ),
        ),
    ),
    # --- Living with symptoms ----------------------------------------------------------------------------------------
    Topic(
        forum=LIVING,
        title="Sleeping apart because of my legs",
        members_only=True,
        days_ago=46,
        posts=(
            Say(
                "cyclist",
                """
                This is a bit personal, which is why I've made it members only. My partner and I have started
                sleeping in separate rooms, because my legs keep her awake and her snoring keeps me awake.
                Practically, it's been great: we both sleep better. But it feels like a failure, and people make
                jokes. Has anyone else done this? How did it go for you?
                """,
            ),
            Say(
                "willow",
                """
                We've done it for years. We call it our "sleep divorce" as a joke, but really it saved our marriage.
                We make time for each other in the evenings, and we're both much kinder for having slept.
                """,
                helpful=("cyclist",),
            ),
            Say(
                "oak",
                """
                Forty-three years married, separate bedrooms for the last ten. Nobody's business but ours.
                """,
            ),
            Say(
                "pam",
                """
                Not a failure at all. Rest is a need. Couples make all sorts of arrangements, and this is a very
                sensible one.
                """,
            ),
            Say(
                "juniper",
                """
                We've done it during the pregnancy and it's been fine. I miss the cuddles, so we have one before I
                go to my room.
                """,
            ),
            Say(
                "cyclist",
                """
                Thanks, everyone. I feel less weird about it now.
                """,
            ),
        ),
    ),
    Topic(
        forum=LIVING,
        title="Explaining invisible symptoms at work",
        days_ago=39,
        posts=(
            Say(
                "dan",
                """
                How do you explain to your manager that you're exhausted because your legs wouldn't let you sleep?
                "Restless legs" sounds like a joke to people who don't have it.
                """,
            ),
            Say(
                "willow",
                """
                Once I used its other name, Willis–Ekbom disease. People took it more seriously. I'm not proud of
                it, but it worked.
                """,
            ),
            Say(
                "pam",
                """
                I ask for specific things rather than explaining everything: a later start after bad nights, a chair
                near the door in long meetings. People find specific requests easier to say yes to.
                """,
                helpful=("dan", "north"),
            ),
            Say(
                "north",
                """
                My occupational health team were helpful once I brought them a letter from my doctor. Might be worth
                asking.
                """,
            ),
            Say(
                "kofi",
                """
                I told my manager it's like a really bad itch you can't scratch unless you move. She got it
                immediately.
                """,
            ),
            Say(
                "dan",
                """
                Some great ideas here. I'll go with the specific requests and the itch comparison.
                """,
            ),
        ),
    ),
    Topic(
        forum=LIVING,
        title="Cinema, theatre, meetings: sitting still in public",
        days_ago=32,
        posts=(
            Say(
                "maren",
                """
                I used to love the cinema. Now I spend the film fidgeting and feeling everyone behind me judging. Has
                anyone got tricks for sitting still in public places?
                """,
            ),
            Say(
                "willow",
                """
                Aisle seat, always. And I go to early showings, because my legs are calmer in the afternoon.
                """,
            ),
            Say(
                "cyclist",
                """
                I press my feet hard into the floor and then release, over and over. Nobody notices, and it takes
                the edge off for me.
                """,
            ),
            Say(
                "oak",
                """
                I stand at the back in meetings. People assume I'm important.
                """,
            ),
            Say(
                "fennel",
                """
                Small theatres and matinées. And I've stopped apologising for getting up; whoever is behind me will
                survive.
                """,
            ),
            Say(
                "maren",
                """
                @OldOakKnees I'm stealing that. Standing at the back, looking important.
                """,
            ),
        ),
    ),
    Topic(
        forum=LIVING,
        title="How do you explain it to your children?",
        days_ago=38,
        posts=(
            Say(
                "sam",
                """
                My six-year-old asked why Daddy walks around the house at night. I said my legs get fidgety, which
                she accepted, but the older one wants proper answers. How have other parents explained it?
                """,
            ),
            Say(
                "juniper",
                """
                Nothing to offer yet, mine isn't born, but I'm taking notes.
                """,
            ),
            Say(
                "willow",
                """
                I told mine my legs have their own alarm clock that goes off at the wrong time. They thought it was
                hilarious and asked whether it had a snooze button.
                """,
            ),
            Say(
                "pam",
                """
                For my fibro, I said my body's volume knob for aches is turned up too high. My ten-year-old got it
                straight away.
                """,
                helpful=("sam",),
            ),
            Say(
                "sam",
                """
                The volume knob is perfect, thank you. I'll try it on the older one.
                """,
            ),
        ),
    ),
    Topic(
        forum=LIVING,
        title="Small wins thread",
        days_ago=26,
        posts=(
            Say(
                "pam",
                """
                Let's have a thread for small wins, because we all need them. Mine today: walked to the shop and
                back without a flare.
                """,
            ),
            Say(
                "willow",
                """
                Slept from midnight until five without getting up. First time in weeks.
                """,
            ),
            Say(
                "runner",
                """
                Ran 5k without my back complaining.
                """,
            ),
            Say(
                "north",
                """
                Got through a whole work presentation after a bad night, and nobody noticed.
                """,
            ),
            Say(
                "lav",
                """
                Three weeks without a migraine. Touching every piece of wood in the house.
                """,
            ),
            Say(
                "juniper",
                """
                Baby is kicking and my legs are not. A rare combination!
                """,
            ),
            Say(
                "dan",
                """
                Stood up every thirty minutes all day. A small win, but I'm claiming it.
                """,
            ),
            Say(
                "ines",
                """
                Finished a whole book this week. I'd stopped reading because I couldn't concentrate.
                """,
            ),
        ),
    ),
    Topic(
        forum=LIVING,
        title="Tired of being told it's just stress",
        days_ago=17,
        posts=(
            Say(
                "ines",
                """
                Every time I mention my symptoms to a friend, they say it's stress. Stress probably doesn't help,
                but it isn't why my legs crawl at night or why my body aches. How do you respond without getting
                into an argument?
                """,
            ),
            Say(
                "pam",
                """
                I just say "maybe, but it's also a diagnosed condition" and leave it there. I don't owe anyone a
                lecture.
                """,
            ),
            Say(
                "bram",
                """
                I point people to the condition pages on sites like this one. The evidence speaks for itself, and I
                don't have to get into it.
                """,
            ),
            Say(
                "willow",
                """
                Some people get it, and some never will. I save my energy for the ones who do.
                """,
                helpful=("ines",),
            ),
            Say(
                "ines",
                """
                Thank you. Leave it there and save my energy: noted.
                """,
            ),
        ),
    ),
    # --- Site feedback -----------------------------------------------------------------------------------------------
    Topic(
        forum=FEEDBACK,
        title="Could therapy pages show how many members tried each therapy?",
        days_ago=42,
        posts=(
            Say(
                "bram",
                """
                The evidence labels on the therapy pages are great. It would be interesting to see how many members
                here have tried each therapy and what they thought, next to the evidence but clearly separate from
                it, so that nobody mistakes one for the other.
                """,
            ),
            Say(
                "willow",
                """
                Yes, please. With a big label saying it's members' experience, not research.
                """,
            ),
            Say(
                "maren",
                """
                I'd fill in a survey like that.
                """,
            ),
            Say(
                "team",
                """
                Thanks for the suggestion! We're working on a member survey for exactly this, shown separately from
                the evidence ratings. We'll post here when it's ready.
                """,
            ),
        ),
    ),
    Topic(
        forum=FEEDBACK,
        title="Dark mode, please (for 2am browsing)",
        days_ago=22,
        posts=(
            Say(
                "north",
                """
                Most of my visits here happen at 2am, when I'm awake and miserable. A dark mode would be kinder on
                the eyes.
                """,
            ),
            Say(
                "fennel",
                """
                Seconded, for the same reason.
                """,
            ),
            Say(
                "kofi",
                """
                Thirded, from a hotel room at 3am.
                """,
            ),
            Say(
                "team",
                """
                Noted, and very understandable. It's on the list.
                """,
            ),
            Say(
                "bram",
                """
                Even a simple version would help. Happy to test it.
                """,
            ),
        ),
    ),
    Topic(
        forum=FEEDBACK,
        title="Thank you for the evidence labels",
        days_ago=15,
        posts=(
            Say(
                "harbour",
                """
                A quick thank you to whoever writes the therapy pages. It's rare to find a site that says plainly
                what the evidence shows and what it doesn't, especially about complementary therapies. It makes
                conversations with friends much easier.
                """,
            ),
            Say(
                "bram",
                """
                Agreed. Being told the evidence is of low certainty is more useful than being told a therapy works
                wonders.
                """,
            ),
            Say(
                "team",
                """
                That's lovely to hear, thank you. Clinicians review the pages, and we update them when new research
                comes out.
                """,
            ),
            Say(
                "maren",
                """
                Agreed, and I like that each page says when it was last reviewed.
                """,
            ),
        ),
    ),
    Topic(
        forum=FEEDBACK,
        title="The daily digest e-mail is just right",
        days_ago=5,
        posts=(
            Say(
                "pam",
                """
                Small thing, but I switched my notifications to the daily digest and it's perfect: one e-mail in
                the morning instead of my phone buzzing all evening. Thank you for making that an option.
                """,
            ),
            Say(
                "willow",
                """
                Same here. The evenings are noisy enough with my legs.
                """,
            ),
            Say(
                "team",
                """
                Glad it works for you! You can change it any time on your account page, including turning e-mails
                off and keeping only the notifications on the site.
                """,
            ),
        ),
    ),
]
