"""Demo threads in the forums of the other demo conditions: insomnia, fibromyalgia, low back pain and migraine."""

from __future__ import annotations

from community.demo_data import Say, Topic

INSOMNIA = "insomnia"
FIBROMYALGIA = "fibromyalgia"
BACK_PAIN = "chronic-low-back-pain"
MIGRAINE = "migraine"

TOPICS = [
    # --- Insomnia ----------------------------------------------------------------------------------------------------
    Topic(
        forum=INSOMNIA,
        title="CBT-I week three: sleep restriction is brutal",
        therapy="cbt-i",
        days_ago=47,
        posts=(
            Say(
                "north",
                """
                I'm doing a CBT-I course through my sleep clinic. Week three, and the sleep restriction part is as
                hard as everyone warned: I'm only allowed six hours in bed, so I stay up until 1am and get up at 7.
                The strange thing is that I now fall asleep within minutes instead of lying awake for hours.
                Anyone else been through it? Does it get easier?
                """,
            ),
            Say(
                "fennel",
                """
                It does get easier. Weeks two and three were the worst for me. Once my sleep got more solid, they
                let me add fifteen minutes at a time. Months later I still use the rules when I have a bad patch.
                """,
                helpful=("north",),
            ),
            Say(
                "ines",
                """
                I'm on the waiting list for this and slightly terrified. How do you stay awake until 1am without
                dozing off on the sofa?
                """,
            ),
            Say(
                "north",
                """
                @InesLearnsToRest honestly: I stand up, do the ironing and keep the lights bright. Sitting on the
                sofa is a trap.
                """,
            ),
            Say(
                "harbour",
                """
                Worth saying: sleep restriction is best done with a clinician guiding it, as North is doing,
                especially if you drive or operate machinery, because you may be sleepier than usual for a while
                at the start.
                """,
                helpful=("north", "ines"),
            ),
            Say(
                "dan",
                """
                Did it two years ago. Hardest six weeks of my life, and the best thing I ever did for my sleep.
                Stick with it.
                """,
            ),
            Say(
                "north",
                """
                Week six update: they've moved my bedtime to 12:30 and I sleep through most of the window. Never
                thought I'd say it, but thank you, CBT-I.
                """,
                days_ago=26,
            ),
        ),
    ),
    Topic(
        forum=INSOMNIA,
        title="The same wake-up time at weekends: does it really matter?",
        therapy="sleep-hygiene",
        days_ago=38,
        posts=(
            Say(
                "dan",
                """
                Everyone says to get up at the same time every day. But Saturday lie-ins are one of my few
                pleasures. Has anyone actually noticed a difference from giving them up?
                """,
            ),
            Say(
                "north",
                """
                Yes, sadly. My Sunday nights used to be the worst of the week and I blamed work stress. It turned
                out the two lie-ins were pushing my body clock later.
                """,
            ),
            Say(
                "fennel",
                """
                I compromise: no more than an hour later than on weekdays. It feels like a lie-in and doesn't wreck
                Sunday night.
                """,
                helpful=("dan",),
            ),
            Say(
                "bram",
                """
                The spreadsheet says yes for me. Lie-in weekends were followed by my two worst weeknights, every
                single time.
                """,
            ),
            Say(
                "dan",
                """
                Fine, fine. I'll try the one-hour compromise, and say goodbye to my Saturday mornings with great
                sadness.
                """,
            ),
        ),
    ),
    Topic(
        forum=INSOMNIA,
        title="Racing thoughts at 3am",
        days_ago=29,
        posts=(
            Say(
                "ines",
                """
                I can fall asleep, but I wake at 3am and my brain starts writing lists, replaying conversations and
                planning the week. By the time it quietens down it's almost time to get up. What do you do in those
                hours?
                """,
            ),
            Say(
                "north",
                """
                My CBT-I therapist's rule: if I've been awake for what feels like twenty minutes, I get up, go to
                another room with dim light, and read something dull until I'm sleepy. It felt ridiculous at first,
                but it works better than lying there arguing with myself.
                """,
                helpful=("ines",),
            ),
            Say(
                "pam",
                """
                I keep a notebook by the bed. When the lists start, I write them down and tell myself they're
                handled for tonight. Sounds silly, but it helps.
                """,
                helpful=("ines", "tess"),
            ),
            Say(
                "fennel",
                """
                Slow breathing, in for four and out for six, while counting backwards from a hundred. I rarely get
                past sixty.
                """,
            ),
            Say(
                "harbour",
                """
                If the early waking goes on for weeks, or you feel low along with it, please mention it to your
                doctor. Early waking can be part of something they'd want to know about.
                """,
            ),
            Say(
                "ines",
                """
                Notebook bought. The getting-up rule scares me, but I'll try it.
                """,
            ),
        ),
    ),
    Topic(
        forum=INSOMNIA,
        title="Evening stretches or yoga nidra to wind down",
        therapy="yoga-and-stretching",
        days_ago=20,
        posts=(
            Say(
                "tess",
                """
                For the insomnia crowd: I've started ending my evenings with twenty minutes of very gentle
                stretching, then a guided yoga nidra recording (a lying-down relaxation). It's not a cure, but it
                draws a line between day and night for my brain. Does anyone else have a wind-down ritual that
                helps?
                """,
            ),
            Say(
                "north",
                """
                Mine is a warm shower and a paper book. No phone after ten. Boring, but it works for me.
                """,
            ),
            Say(
                "ines",
                """
                I tried a yoga nidra recording last night after reading this and fell asleep before the end, which
                I'm counting as a win.
                """,
            ),
            Say(
                "dan",
                """
                Stretching helps my back as much as my sleep. Do you have a recording you'd recommend? Nothing with
                whale music, please.
                """,
            ),
            Say(
                "tess",
                """
                @DeskJockeyDan ha! Many libraries and sleep charities have free ones. Try a few and pick a voice
                you like; the voice matters more than the music.
                """,
            ),
        ),
    ),
    Topic(
        forum=INSOMNIA,
        title="Acupuncture for insomnia: has it helped anyone?",
        therapy="acupuncture",
        days_ago=12,
        posts=(
            Say(
                "fennel",
                """
                My acupuncturist thinks she can help with my sleep as well as my migraines. Has anyone had
                acupuncture for insomnia specifically? I'm trying to decide whether to spend the money.
                """,
            ),
            Say(
                "maren",
                """
                I slept better the night after each session, but I can't say it changed my sleep overall. A nice
                thing, not a magic one.
                """,
            ),
            Say(
                "north",
                """
                Honestly, I'd do CBT-I first if you haven't. It's the one thing that really shifted my insomnia.
                Acupuncture on top, if you like it.
                """,
            ),
            Say(
                "bram",
                """
                The same advice as always from me: decide beforehand how you'll judge it. Keep a sleep diary for two
                weeks before, then during. Otherwise you'll never know.
                """,
            ),
            Say(
                "fennel",
                """
                Diary started. I'll try six sessions and compare.
                """,
            ),
        ),
    ),
    Topic(
        forum=INSOMNIA,
        title="Sleep trackers: helpful or making it worse?",
        days_ago=8,
        posts=(
            Say(
                "dan",
                """
                I bought a sleep-tracking watch and now I check my "sleep score" before I've even opened my eyes.
                A bad score puts me in a bad mood for the day. Is anyone else finding the tracker makes things worse?
                """,
            ),
            Say(
                "north",
                """
                Yes. My therapist on the CBT-I course asked me to put mine away for the duration. Worrying about
                the numbers was keeping me awake.
                """,
                helpful=("dan",),
            ),
            Say(
                "bram",
                """
                I like data more than most people here, but I don't trust the watch's idea of deep sleep. I stick
                to what I can write down myself: when I went to bed, when I got up, how I felt.
                """,
            ),
            Say(
                "fennel",
                """
                Mine is useful for one thing: it shows me I sleep more than I think I do. That alone calms me down.
                """,
            ),
            Say(
                "ines",
                """
                I stopped wearing mine at night and only use it for step counts now. Much happier.
                """,
            ),
            Say(
                "dan",
                """
                Drawer it is, at least at night. Thanks, all.
                """,
            ),
        ),
    ),
    # --- Fibromyalgia ------------------------------------------------------------------------------------------------
    Topic(
        forum=FIBROMYALGIA,
        title="Gentle exercise without a flare: how do you pace it?",
        therapy="exercise",
        days_ago=52,
        posts=(
            Say(
                "pam",
                """
                Every time I feel a bit better, I overdo it: a long walk, a big clean of the house, and then I'm
                flat for three days. My physio talks about pacing, starting small and building up slowly. I
                understand it in theory. In practice I'm terrible at it. How do you all pace yourselves?
                """,
            ),
            Say(
                "tess",
                """
                I set a timer: ten minutes of activity, then a rest, even if I feel fine. Especially if I feel fine,
                actually, because that's when I overdo it.
                """,
                helpful=("pam", "ines"),
            ),
            Say(
                "ines",
                """
                I'm learning this too. My physio told me to find the amount I can manage on a bad day and start
                there, not on a good day. Annoying but true.
                """,
            ),
            Say(
                "runner",
                """
                From a different angle, since I'm recovering from a back injury: I've found the same. Boring
                consistency beats heroic days.
                """,
            ),
            Say(
                "pam",
                """
                @TeaAndStretches "especially if I feel fine": I'm writing that on the fridge.
                """,
            ),
            Say(
                "tess",
                """
                Three weeks on, Pam: how's the pacing going?
                """,
                days_ago=31,
            ),
            Say(
                "pam",
                """
                Better! Two flares in three weeks instead of one a week. The timer is annoying and I love it.
                """,
                days_ago=30,
            ),
        ),
    ),
    Topic(
        forum=FIBROMYALGIA,
        title="Massage: too much pressure set me back",
        therapy="massage",
        days_ago=43,
        posts=(
            Say(
                "ines",
                """
                I booked a massage hoping it would help with the aching, and the therapist went in hard. I was sore
                for four days afterwards. Has anyone found a kind of massage that helps with fibro without the
                payback?
                """,
            ),
            Say(
                "pam",
                """
                Gentle is the key for me. I tell the therapist at the start that I have fibromyalgia and want light
                pressure, and I say so during the massage if it's too much. A good therapist won't mind.
                """,
                helpful=("ines",),
            ),
            Say(
                "tess",
                """
                Light, slow massage suits a lot of my students with fibromyalgia best. Some even prefer to have only
                their hands and feet done.
                """,
            ),
            Say(
                "maren",
                """
                It helped me to book a shorter session at first, thirty minutes, to see how my body reacted.
                """,
            ),
            Say(
                "ines",
                """
                Thank you. I'll look for someone who knows about fibromyalgia, and say "gently" at the start, and
                again in the middle if I need to.
                """,
            ),
        ),
    ),
    Topic(
        forum=FIBROMYALGIA,
        title="Acupuncture for fibro: mixed feelings",
        therapy="acupuncture",
        days_ago=31,
        posts=(
            Say(
                "pam",
                """
                Ten sessions of acupuncture done. Some weeks I felt brighter and less achy for a couple of days,
                other weeks nothing. I can't tell whether it was the needles, the hour of rest, or the fact that I
                was also pacing better. Has anyone else with fibro tried it?
                """,
            ),
            Say(
                "maren",
                """
                Similar experience here: a couple of good days after a session, then back to normal. I think of it
                as a treat rather than a treatment now.
                """,
            ),
            Say(
                "bram",
                """
                Credit to you for noticing that the pacing might be doing some of the work. Changing one thing at a
                time is so hard in real life.
                """,
            ),
            Say(
                "ines",
                """
                I'm curious: did your acupuncturist ask about your flares? I'd be nervous about being sore
                afterwards.
                """,
            ),
            Say(
                "pam",
                """
                @InesLearnsToRest she did, and she used fewer needles on bad days. I was never sore afterwards, just
                sleepy.
                """,
            ),
        ),
    ),
    Topic(
        forum=FIBROMYALGIA,
        title="Unrefreshing sleep: does anything help?",
        therapy="sleep-hygiene",
        days_ago=16,
        posts=(
            Say(
                "tess",
                """
                I sleep eight hours and wake up feeling as if I haven't slept at all. My doctor says it's common
                with fibromyalgia. I have the basics in place: a cool dark room, regular times, no caffeine late.
                Has anything made a difference for anyone?
                """,
            ),
            Say(
                "pam",
                """
                Honestly, gentle exercise in the morning did more for my sleep than anything I changed in the
                bedroom.
                """,
            ),
            Say(
                "north",
                """
                Not fibro, but I'd ask your doctor about a referral to a sleep clinic. Mine found I was waking dozens
                of times a night without knowing it, which explained the unrefreshing sleep.
                """,
                helpful=("tess",),
            ),
            Say(
                "ines",
                """
                Same feeling here. The only thing that helped a little was a warm bath before bed. It doesn't fix
                the mornings, but I fall asleep more easily.
                """,
            ),
            Say(
                "tess",
                """
                Thanks. I've asked about a sleep clinic referral. Good to know I'm not alone in the "slept eight
                hours, feel like two" club.
                """,
            ),
        ),
    ),
    Topic(
        forum=FIBROMYALGIA,
        title="Warm-water exercise classes",
        therapy="exercise",
        days_ago=22,
        posts=(
            Say(
                "pam",
                """
                Our local pool runs a gentle exercise class in the warm teaching pool, and I've been going for a
                month. Moving in warm water is the first exercise in years that hasn't left me paying for it the
                next day. Does anyone else do this?
                """,
            ),
            Say(
                "tess",
                """
                I send a lot of people in my classes towards it. The warmth and the support of the water make
                movement possible on days when the mat would be too much.
                """,
            ),
            Say(
                "ines",
                """
                I didn't know classes like that existed. Asking at my pool tomorrow.
                """,
            ),
            Say(
                "runner",
                """
                Swimming was part of my back rehab too. Even just walking lengths in the shallow end helped.
                """,
            ),
            Say(
                "pam",
                """
                @InesLearnsToRest ask whether they have a "therapy pool" session; some pools call it that. Let me
                know how you get on!
                """,
            ),
        ),
    ),
    # --- Chronic low back pain ---------------------------------------------------------------------------------------
    Topic(
        forum=BACK_PAIN,
        title="Desk job and back pain: what made a difference",
        therapy="exercise",
        days_ago=54,
        posts=(
            Say(
                "dan",
                """
                Eight hours a day at a desk, and my lower back has been grumbling for years. What has helped me so
                far: a timer to stand up every thirty minutes, walking meetings where I can, and a short set of
                exercises from my physio. The standing desk helped less than I'd hoped. What has worked for others?
                """,
            ),
            Say(
                "runner",
                """
                Walking. Boring but true. I went from no walking to three short walks a day, and my back is happier
                than it's been in years.
                """,
                helpful=("dan",),
            ),
            Say(
                "oak",
                """
                I lost my back to thirty years of office life. My physio's exercises were the thing for me, and
                doing them when my back felt fine, not only when it hurt.
                """,
            ),
            Say(
                "tess",
                """
                Gentle movement through the day matters more than the perfect chair. The timer idea is great.
                """,
            ),
            Say(
                "dan",
                """
                @RunnerInRecovery three walks a day, I'll try it. My colleagues will think I've been replaced by a
                restless robot.
                """,
            ),
        ),
    ),
    Topic(
        forum=BACK_PAIN,
        title="Six sessions of acupuncture for my lower back",
        therapy="acupuncture",
        days_ago=41,
        posts=(
            Say(
                "runner",
                """
                After my physio plateaued, I tried six sessions of acupuncture alongside my exercises. My pain went
                from about six out of ten to about four, and I'm sleeping better. I don't know how much was the
                needles and how much was the exercises finally kicking in, but I'm pleased.
                """,
            ),
            Say(
                "oak",
                """
                Similar story. I keep my exercises going and have acupuncture once a month now. It's part of my
                routine rather than a fix.
                """,
            ),
            Say(
                "bram",
                """
                Glad you're better. Did your physio notice a difference when you went back? An outside view might
                help untangle it.
                """,
            ),
            Say(
                "runner",
                """
                @BramblePath she said I was moving better, but she wasn't sure why either. We agreed to stop the
                needles for a while, keep the exercises, and see.
                """,
            ),
            Say(
                "dan",
                """
                Where did you find your acupuncturist? The directory here lists a few near me, but I can't tell
                which one to choose.
                """,
            ),
            Say(
                "runner",
                """
                @DeskJockeyDan I looked for someone registered, and asked whether they'd treated back pain before.
                Mine also went through my medical history at the first visit, which I took as a good sign.
                """,
                helpful=("dan",),
            ),
        ),
    ),
    Topic(
        forum=BACK_PAIN,
        title="Yoga for back pain: anything beginner-friendly?",
        therapy="yoga-and-stretching",
        days_ago=28,
        posts=(
            Say(
                "dan",
                """
                I've never done yoga in my life and I'm as stiff as a board. Is there anything a complete beginner
                with a bad back can do without making it worse?
                """,
            ),
            Say(
                "tess",
                """
                Absolutely. Look for classes called gentle, beginners, or yoga for back care, and tell the teacher
                about your back before the class. Skip anything that hurts, as opposed to aches. Child's pose and a
                gentle cat-cow are good places to start.
                """,
                helpful=("dan", "runner"),
            ),
            Say(
                "runner",
                """
                I started with a beginners' course at a community centre. Nobody cared how bad I was at it.
                """,
            ),
            Say(
                "pam",
                """
                Chair yoga is a thing too, if getting down onto the floor is hard.
                """,
            ),
            Say(
                "dan",
                """
                Booked a beginners' course for next month. If you hear a creaking sound across the country, that's
                me.
                """,
            ),
        ),
    ),
    Topic(
        forum=BACK_PAIN,
        title="Massage gun or a real massage?",
        therapy="massage",
        days_ago=13,
        posts=(
            Say(
                "gerry",
                """
                My son got me a massage gun for my birthday. It's fun on my thighs, but I'm not sure about using it
                on my lower back. Would I be better off just booking a proper massage?
                """,
            ),
            Say(
                "tess",
                """
                I'd steer clear of the spine itself and go gently on the muscles either side. If in doubt, ask a
                physio to show you how to use it.
                """,
            ),
            Say(
                "runner",
                """
                I use mine on my glutes and hamstrings, which helps my back indirectly. A proper massage is nicer,
                but the gun is there every day.
                """,
            ),
            Say(
                "oak",
                """
                My physio says heat and movement are my best friends, massage gun or not. I have a hot-water bottle
                older than some of the members here.
                """,
            ),
            Say(
                "gerry",
                """
                Thanks, all. Gently, not on the spine, and ask at my next physio appointment. Got it.
                """,
            ),
        ),
    ),
    Topic(
        forum=BACK_PAIN,
        title="Heat or ice for a bad back day?",
        days_ago=19,
        posts=(
            Say(
                "oak",
                """
                Every few weeks my back locks up and I spend the day shuffling like a penguin. I reach for the
                hot-water bottle, but my grandson insists ice is better. Which do you use?
                """,
            ),
            Say(
                "runner",
                """
                Heat for me, every time. It lets me move, and moving is what gets me through a bad day.
                """,
            ),
            Say(
                "dan",
                """
                Heat as well, plus a gentle walk as soon as I can manage it.
                """,
            ),
            Say(
                "tess",
                """
                Whichever lets you move more comfortably is the right one for you. Most people with long-standing
                back pain seem to prefer heat.
                """,
            ),
            Say(
                "oak",
                """
                Two against one, grandson. The hot-water bottle stays.
                """,
            ),
        ),
    ),
    # --- Migraine ----------------------------------------------------------------------------------------------------
    Topic(
        forum=MIGRAINE,
        title="Acupuncture to prevent migraines: keeping a diary",
        therapy="acupuncture",
        days_ago=50,
        posts=(
            Say(
                "lav",
                """
                My neurologist suggested acupuncture as one option for prevention, alongside what I already take,
                and asked me to keep a headache diary throughout. I'm six weeks in. Migraine days a month: nine
                before, seven in the first month, five so far this month. Early days, and migraines come and go
                anyway, but I'm hopeful.
                """,
            ),
            Say(
                "fennel",
                """
                That's a great way to do it, with the diary and your neurologist in the loop. I'm trying the same
                and will post my numbers.
                """,
            ),
            Say(
                "bram",
                """
                Nice to see actual numbers. Keep going for a few months if you can; migraine frequency jumps around
                so much that one good month can fool you.
                """,
                helpful=("lav",),
            ),
            Say(
                "maren",
                """
                The diary is so useful. I note sleep and meals too, which is how I noticed that skipped lunches were
                one of my triggers.
                """,
                helpful=("lav", "fennel"),
            ),
            Say(
                "lav",
                """
                @MarenByTheSea clever, I'll add meals to mine. Update a few weeks later: nine, seven, five, then six.
                Better than before, but not a straight line.
                """,
                days_ago=12,
            ),
        ),
    ),
    Topic(
        forum=MIGRAINE,
        title="Better sleep, fewer migraines?",
        therapy="sleep-hygiene",
        days_ago=35,
        posts=(
            Say(
                "fennel",
                """
                I've noticed that most of my migraines come after a bad night or after a lie-in. Since I started
                keeping regular sleep times for my insomnia, I've had fewer. Does anyone else see the same link?
                """,
            ),
            Say(
                "lav",
                """
                Yes: both too little and too much sleep set mine off. Regular times have helped me a lot.
                """,
            ),
            Say(
                "north",
                """
                I don't get migraines, but my sister does, and she swears by a strict wake-up time even on holiday.
                """,
            ),
            Say(
                "harbour",
                """
                Mention it to your doctor too, if you haven't: the sleep problems are part of the bigger picture
                they'll want to see.
                """,
            ),
            Say(
                "fennel",
                """
                Good point. I'll take my sleep diary along with the migraine one to my next appointment.
                """,
            ),
        ),
    ),
    Topic(
        forum=MIGRAINE,
        title="Caffeine: friend or foe?",
        days_ago=25,
        posts=(
            Say(
                "lav",
                """
                Coffee sometimes helps me at the very start of a migraine, but I'm also told that too much caffeine
                can make headaches more frequent. I'm drinking three or four cups a day. Has anyone cut back and
                noticed a change?
                """,
            ),
            Say(
                "fennel",
                """
                I went from four cups to one and had a week of withdrawal headaches that were miserable. After that,
                fewer migraines overall. Go slowly if you try it.
                """,
            ),
            Say(
                "dan",
                """
                I did it gradually, half a cup less every few days. Much gentler.
                """,
                helpful=("lav",),
            ),
            Say(
                "harbour",
                """
                If you take painkillers often as well, ask your doctor about that too. Taking some headache medicines
                very often can itself make headaches more frequent, and your doctor can help you plan any change.
                """,
                helpful=("lav", "fennel"),
            ),
            Say(
                "lav",
                """
                I'll step down slowly, and ask my neurologist about the painkiller question at my next visit. Thank
                you.
                """,
            ),
        ),
    ),
    Topic(
        forum=MIGRAINE,
        title="Acupressure wristbands for migraine nausea",
        therapy="acupressure",
        days_ago=10,
        posts=(
            Say(
                "kofi",
                """
                I wear those acupressure wristbands on ferries, the ones with a little stud pressing on the inside
                of the wrist. A friend says she wears them during migraines for the nausea. Has anyone here tried
                that?
                """,
            ),
            Say(
                "lav",
                """
                I do! They don't touch the headache, but I think the nausea is a little easier. Could be in my
                head, but they're cheap and harmless.
                """,
            ),
            Say(
                "juniper",
                """
                I wore them all through my first trimester for morning sickness. I couldn't tell you whether they
                worked, but I felt better with them on.
                """,
            ),
            Say(
                "bram",
                """
                I doubt they do more than reassure, but reassurance isn't nothing when you feel rotten. Just don't
                rely on them if the nausea is severe; tell your doctor, or your midwife if you're pregnant.
                """,
            ),
            Say(
                "kofi",
                """
                Sounds like a "can't hurt, might help", then. Thanks.
                """,
            ),
        ),
    ),
]
