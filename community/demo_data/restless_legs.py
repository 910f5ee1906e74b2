"""Demo threads in the restless legs syndrome forum."""

from __future__ import annotations

from community.demo_data import Flag, Say, Topic

FORUM = "restless-legs-syndrome"

TOPICS = [
    Topic(
        forum=FORUM,
        title="Ferritin came back low: what the iron has done for me so far",
        therapy="iron-supplementation",
        days_ago=56,
        posts=(
            Say(
                "willow",
                """
                For years I assumed my legs were just something I had to put up with. At my last check-up I
                finally asked my GP to test my iron stores, because I'd read on here that ferritin matters even
                when you're not anaemic. Mine came back well below what she wanted to see for someone with RLS.

                She started me on tablets and booked a repeat blood test for three months later. I'm about ten
                weeks in. Honest summary: no miracle, but the evenings are calmer, and I'm down from walking the
                landing four or five times a night to once or twice.

                Has anyone else had their ferritin checked? How long before you noticed anything?
                """,
            ),
            Say(
                "bram",
                """
                Glad it's helping. One thing I'd add for anyone reading: ask for the actual numbers, not just
                "normal". My first result was filed as normal because it sat inside the lab's range, but my
                neurologist looked at it with RLS in mind and read it differently. Same number, two conclusions.
                """,
                helpful=("willow", "maren"),
            ),
            Say(
                "harbour",
                """
                Good on you for asking. From my nursing days: please, nobody start iron on their own because they
                read this thread. Too much iron is a problem of its own, some people don't absorb tablets well,
                and they can interfere with other medicines. The blood test first, then a plan with your doctor,
                the way Willow did it.
                """,
                helpful=("willow", "kofi", "pam", "cyclist"),
            ),
            Say(
                "rick",
                """
                You don't need to wait months for a GP. Skip the blood tests, buy the strongest iron the chemist
                sells and take double. That's what I did, and I stopped the pills my doctor gave me the same week.
                Doctors just want you coming back.
                """,
                flag=Flag(
                    "bram",
                    "misinformation",
                    "Tells people to double an iron dose and stop prescribed medicine without a doctor.",
                ),
            ),
            Say(
                "kofi",
                """
                @RickNaturally I'm glad you feel better, but I really wouldn't tell people to double anything or
                to stop their prescriptions. What suits one body can hurt another. Test, treat, retest sounds a
                lot safer to me.
                """,
            ),
            Say(
                "cyclist",
                """
                Mine took closer to four months before I'd have said it was different, and my stomach didn't love
                the tablets at first. My pharmacist suggested taking them with a little orange juice, which made
                it easier. Keep going and let us know what the retest says.
                """,
            ),
            Say(
                "maren",
                """
                Bookmarking this. I've had restless legs for six years and nobody has ever mentioned ferritin to
                me. Making an appointment this week.
                """,
            ),
            Say(
                "willow",
                """
                Thank you all. @QuietHarbour, yes, I'd never have guessed at the amount myself, and my GP changed
                it once already after the first check. Retest is booked for next month; I'll report back either
                way.
                """,
            ),
            Say(
                "willow",
                """
                Retest done: my ferritin has gone up nicely and my GP is happy to carry on for now and check again
                in a few months. The evenings are still better than they were in spring. Thanks again, everyone.
                """,
                days_ago=24,
                helpful=("maren", "harbour"),
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Calf stretches before bed: my ten-minute routine",
        therapy="yoga-and-stretching",
        days_ago=49,
        posts=(
            Say(
                "oak",
                """
                My physio showed me a short routine and I've stuck with it for a couple of months, so I'm sharing
                it in case it helps someone. Nothing clever:

                - a wall calf stretch for each leg,
                - a hamstring stretch sitting on the edge of the bed,
                - then circling my ankles while I count to thirty.

                Ten minutes, give or take. On the nights I do it, I'm asleep before the crawling starts more often
                than not. On the nights I skip it because I'm "too tired", I pay for it. Anyone else have a routine?
                """,
            ),
            Say(
                "tess",
                """
                Lovely routine. I teach gentle yoga, and the thing I'd add is lying with your legs up the wall for
                a few minutes at the end; a lot of my students with restless legs find it settling. Go easy on the
                hamstrings, though. Holding a stretch gently for longer does more than yanking it.
                """,
                helpful=("oak",),
            ),
            Say(
                "willow",
                """
                Mine is similar, but I do it halfway through the evening rather than at bedtime, because my
                symptoms start around nine. Timing seems to matter as much as the stretch itself.
                """,
            ),
            Say(
                "bram",
                """
                I've tried this for a fortnight. Honestly, I can't tell whether it does anything or whether I just
                feel like I'm doing something. Not knocking it, it costs nothing, but has anyone noticed a
                difference that wasn't just a good week?
                """,
            ),
            Say(
                "oak",
                """
                @BramblePath fair question. I kept a little diary for a month: a tick for stretches, a score out
                of ten for the night. Not scientific, but the ticks lined up with the better scores more often than
                not. Could still be coincidence, I grant you.
                """,
            ),
            Say(
                "juniper",
                """
                Trying the wall one tonight. Pregnancy has made my legs so much worse, and my midwife said gentle
                stretching is fine for me, so anything in that line is welcome.
                """,
            ),
            Say(
                "runner",
                """
                Runner here: the wall calf stretch is gold. One tip: do a second round with the back knee slightly
                bent so you reach the lower calf too. It feels different, in a good way.
                """,
                helpful=("oak", "cyclist"),
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Anyone tried acupressure for the evening crawlies?",
        therapy="acupressure",
        days_ago=44,
        posts=(
            Say(
                "kofi",
                """
                A practitioner at a health fair showed me a couple of acupressure points on the lower leg and the
                inside of the ankle, and told me to press them for a minute or two when my legs start up. It's free
                and I can do it sitting on a hotel bed, which is where I spend half my life.

                Has anyone given it a proper go? I'm not expecting magic, just wondering if it's worth building into
                my evenings.
                """,
            ),
            Say(
                "maren",
                """
                I use a point just below the knee on the outside of the shin, which my acupuncturist showed me.
                It's not a cure for me, but it's a pleasant thing to do while the telly's on, and some nights it
                takes the edge off.
                """,
            ),
            Say(
                "bram",
                """
                I'd be curious whether pressing a random spot on the leg does just as well. Any firm pressure or
                rubbing seems to help my legs a bit, so I wonder how much is down to the particular point.
                """,
            ),
            Say(
                "maren",
                """
                @BramblePath you might be right, and I'm honestly not fussed which it is. If it helps me sit
                through a film, I'll take it.
                """,
            ),
            Say(
                "harbour",
                """
                Pressing on points is harmless for most people, but if you have varicose veins, swelling in the
                legs, or you take blood thinners, ask your doctor before you press hard anywhere on your legs.
                """,
                helpful=("kofi",),
            ),
            Say(
                "kofi",
                """
                Good point, thanks. I'll mention it at my next appointment. Tried it three evenings in a row so
                far: calm on two, terrible on one. Inconclusive, like everything else with this condition!
                """,
            ),
            Say(
                "fennel",
                """
                I do it on the train home. Nobody looks twice at someone rubbing their ankle, and it gives my hands
                something to do other than scroll.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Acupuncture: eight sessions in, my honest notes",
        therapy="acupuncture",
        days_ago=40,
        posts=(
            Say(
                "maren",
                """
                I promised a few people I'd write this up. I've had eight weekly sessions with a licensed
                acupuncturist, mostly needles in the lower legs and feet, about thirty minutes each.

                - Weeks 1 to 3: nothing I could pin down, apart from feeling very relaxed afterwards.
                - Weeks 4 to 6: the nights after a session were calmer, sometimes the next night too.
                - Weeks 7 and 8: a couple of full nights of sleep, which I hadn't had for a long while.

                Is it the needles, or an hour a week lying still in a quiet room with someone kind? I don't know.
                It isn't cheap, so I'm going to stop for a month and see what happens.
                """,
                helpful=("bram", "fennel", "oak"),
            ),
            Say(
                "bram",
                """
                Thanks for writing it up properly. This is more useful than most "it changed my life" posts, and
                stopping for a month to see what happens is exactly the right experiment.
                """,
            ),
            Say(
                "willow",
                """
                The relaxed feeling afterwards is real; I had that too. For me it faded after a day or two, so it
                didn't seem worth the money, but I know others here swear by it.
                """,
            ),
            Say(
                "fennel",
                """
                Did you keep everything else the same during those weeks? I started acupuncture the same month I
                cut out evening coffee, and I've no idea which one to thank.
                """,
            ),
            Say(
                "maren",
                """
                @FennelAndFog mostly, yes: same bedtime, same iron tablets my GP started last year. The sessions
                were the only change, which is why I want to see what happens without them.
                """,
            ),
            Say(
                "oak",
                """
                My acupuncturist asked about my medicines and my blood thinners before she did anything, which gave
                me confidence. Worth making sure any practitioner asks you the same.
                """,
            ),
            Say(
                "cyclist",
                """
                Keep us posted on the month off. If the nights slide back, that would tell you something.
                """,
            ),
            Say(
                "maren",
                """
                Update, three weeks without sessions: the nights are drifting back to how they were. Not
                dramatically, but enough to notice. I'm going back once a fortnight to see if that holds it.
                """,
                days_ago=19,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Pneumatic compression sleeves: worth the money?",
        therapy="pneumatic-compression",
        days_ago=36,
        posts=(
            Say(
                "sam",
                """
                My specialist mentioned that some people with RLS use a pneumatic compression device, the sleeves
                that inflate and deflate around your legs, for an hour in the evening. They're not cheap to buy,
                and I can't find anywhere to try one first. Has anyone here used one? Did it help, and is it
                something you'd actually use every night?
                """,
            ),
            Say(
                "oak",
                """
                A friend lent me hers after her knee operation, and I used it for about three weeks in the evening
                while reading. It's a peculiar sensation, like a firm slow hug around your legs, and I found it
                soothing. The evenings were better than usual, though I was also on holiday, so take that with a
                pinch of salt.
                """,
            ),
            Say(
                "gerry",
                """
                You don't need an expensive machine! My wife and I sell copper leg bands that stopped my restless
                legs in a week, thousands of happy customers. Have a look at legcalm.example and use the code
                LEGS20 for a discount.
                """,
                flag=Flag("kofi", "spam", "Selling a product with a discount code."),
            ),
            Say(
                "willow",
                """
                Some clinics will let you try a device during an appointment, or rent one for a month. Worth asking
                whoever suggested it whether they know a way to trial it before you buy.
                """,
                helpful=("sam",),
            ),
            Say(
                "bram",
                """
                I'd treat anything that "stopped RLS in a week" with a great deal of suspicion. The compression
                question is a fair one, though. I'd also ask your specialist whether it's suitable for your
                circulation before spending anything.
                """,
            ),
            Say(
                "sam",
                """
                Thanks, renting for a month sounds sensible. I'll ask at my next appointment and report back if I
                try it.
                """,
            ),
            Say(
                "kofi",
                """
                For what it's worth, the compression socks I wear on flights help a little on long journeys. Not
                the same thing as the inflating sleeves, but a cheaper way to experiment. Ask your doctor which
                strength suits you.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="No coffee after 2pm: two weeks in",
        therapy="sleep-hygiene",
        days_ago=33,
        posts=(
            Say(
                "fennel",
                """
                Someone here said caffeine made their evenings worse, so I finally tested it: no coffee, tea or
                cola after 2pm for two weeks. The first three days I had a headache and felt sorry for myself.
                Since then the evenings have been a bit kinder. The crawling still comes, but later and milder.

                I'm annoyed, because I love my afternoon coffee. Has anyone found it made no difference at all? I
                want to know if I'm fooling myself.
                """,
            ),
            Say(
                "cyclist",
                """
                No difference for me, honestly. I went fully caffeine-free for a month and my legs didn't care.
                Alcohol was the one that mattered for me: even one glass of wine and I'm up at 2am.
                """,
            ),
            Say(
                "willow",
                """
                It made a small difference for me, like yours. Chocolate sneaks caffeine in too, which I only found
                out after wondering why my "caffeine-free" evenings weren't.
                """,
                helpful=("fennel",),
            ),
            Say(
                "juniper",
                """
                I had to cut down anyway because of the pregnancy, and my evenings are slightly better, but so much
                else has changed that I can't tell which bit is which.
                """,
            ),
            Say(
                "bram",
                """
                Two weeks is a decent test. If you want to be surer, switch back for a week and see whether it gets
                worse again. That's about the nearest thing to an experiment you can run on yourself.
                """,
                helpful=("fennel", "north"),
            ),
            Say(
                "fennel",
                """
                @BramblePath ugh, you're right. I'll do it, purely in the name of science and definitely not because
                I miss my coffee.
                """,
            ),
            Say(
                "fennel",
                """
                Result: I brought back afternoon coffee for six days, and four of those evenings were clearly worse.
                Back to decaf after two, reluctantly.
                """,
                days_ago=24,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Long flights and car journeys: how do you cope?",
        days_ago=30,
        posts=(
            Say(
                "kofi",
                """
                I travel for work, and long-haul flights are my nightmare: eleven hours strapped into a window seat
                with legs that want to run a marathon. What works for you? So far I book an aisle seat, walk to the
                back of the plane every hour, and do ankle circles under the blanket.
                """,
            ),
            Say(
                "willow",
                """
                The aisle seat is non-negotiable for me too. I also try to fly in the morning, because my legs are
                calmer early in the day. Evening flights are the worst.
                """,
            ),
            Say(
                "oak",
                """
                On long car journeys we stop every hour and a half, and I walk round the service station like a man
                possessed. My wife has learned to just let me go.
                """,
            ),
            Say(
                "runner",
                """
                I do a brisk walk or a gym session before I fly, which seems to help for the first few hours. After
                that I'm up and down the aisle like everyone else.
                """,
            ),
            Say(
                "harbour",
                """
                If it's a really long trip and you take any medicine for your RLS, talk to your doctor about the
                timing across time zones before you go. It's easy to end up taking it at the wrong time of your
                body's day.
                """,
                helpful=("kofi", "willow"),
            ),
            Say(
                "kofi",
                """
                These are great, thank you. The time zone point had never crossed my mind. Next trip is in three
                weeks: morning flight booked, aisle seat requested.
                """,
            ),
            Say(
                "cyclist",
                """
                Late to this, but a small foam roller fits in a backpack, and I use it on my calves in the hotel
                room. Works better than anything I've tried on the plane.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Leg massage: my partner versus a professional",
        therapy="massage",
        days_ago=27,
        posts=(
            Say(
                "cyclist",
                """
                My partner has started giving me a ten-minute calf and foot massage when my legs kick off in the
                evening, and it helps more than I expected: not for the whole night, but enough to fall asleep. I
                booked a professional sports massage last week to see if that would last longer. It was lovely, but
                by bedtime it was as if it had never happened.

                Does anyone else find the cheap, frequent version beats the fancy one?
                """,
            ),
            Say(
                "maren",
                """
                Yes! Little and often, right when the symptoms start, works far better for me than a big session
                once a month.
                """,
            ),
            Say(
                "tess",
                """
                That makes sense to me. The relief people describe tends to come while the legs are being worked on
                and for a little while after, so timing it for when the symptoms arrive is the clever bit.
                """,
            ),
            Say(
                "oak",
                """
                I have no partner willing to touch my feet, so I roll a tennis ball under each foot while I watch
                the news. Poor man's massage.
                """,
                helpful=("cyclist", "maren"),
            ),
            Say(
                "bram",
                """
                For me it helps while it's happening and for maybe twenty minutes after, much like moving my legs:
                good while it lasts. Still, twenty minutes is sometimes all I need to drop off.
                """,
            ),
            Say(
                "cyclist",
                """
                @OldOakKnees the tennis ball is genius. My partner deserves a night off.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Hot bath or cold floor? Temperature tricks",
        days_ago=24,
        posts=(
            Say(
                "maren",
                """
                Curious what everyone does with temperature. For me, a warm bath about an hour before bed is the
                single most reliable thing. My sister, who has RLS too, swears by the opposite: she stands on the
                cold kitchen tiles or runs cold water over her legs. Same genes, opposite remedies.
                """,
            ),
            Say(
                "kofi",
                """
                Cold for me: a cold flannel on the calves. Warmth makes mine worse.
                """,
            ),
            Say(
                "willow",
                """
                Warm bath here, with a handful of Epsom salts, mainly because it feels like a treat. I don't know if
                the salts do anything; the warm water definitely does.
                """,
            ),
            Say(
                "fennel",
                """
                I alternate: a warm shower, then a quick cold rinse on the legs at the end. My partner thinks I'm
                mad.
                """,
            ),
            Say(
                "rick",
                """
                Cold showers every morning, whole body, for two years now. I feel great for it, though I can't say
                my legs have noticed.
                """,
            ),
            Say(
                "harbour",
                """
                If anyone has reduced feeling in their feet, for example from diabetes, be careful with very hot
                baths or very cold water: you may not feel it when it's too much.
                """,
                helpful=("maren",),
            ),
            Say(
                "maren",
                """
                @QuietHarbour good reminder. My dad has neuropathy and had exactly that problem with a hot-water
                bottle.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="RLS in pregnancy: third trimester and struggling",
        days_ago=21,
        posts=(
            Say(
                "juniper",
                """
                I'm 31 weeks, and my legs have gone from occasionally annoying to keeping me up most of the night.
                A lot of the things I'd normally try are off the table for now. My midwife is arranging a blood test
                to check my iron, which I'm grateful for. Meanwhile, what got other people through the last months
                of pregnancy?
                """,
            ),
            Say(
                "willow",
                """
                I had it badly with my second. What helped me: a walk in the evening, a warm (not hot) bath, and a
                pillow between my knees. And it faded within a few weeks after she was born, which I hope is some
                comfort.
                """,
                helpful=("juniper",),
            ),
            Say(
                "harbour",
                """
                Really glad your midwife is checking your iron. Keep telling them how much it's affecting your sleep.
                It's a real problem, not just a pregnancy grumble, and they can only help if they know.

                One thing I'd add, since you said a lot is off the table: before you start anything new, check with
                your midwife or doctor first. That goes for supplements (iron too: take the dose your team gives you
                rather than adding your own), herbal teas and remedies, many of which have never been checked for
                safety in pregnancy, and pressing points, because a few acupressure points are traditionally avoided
                until the baby is born. What helped any of us may not be right for you just now.
                """,
            ),
            Say(
                "tess",
                """
                Pregnancy yoga classes often include gentle leg stretches, and my teacher adapted hers for restless
                legs when I asked. Ask your midwife first whether it's fine for you, and tell the teacher what's
                going on.
                """,
            ),
            Say(
                "pam",
                """
                No pregnancy advice from me, just solidarity from another night owl. You're doing brilliantly.
                """,
            ),
            Say(
                "juniper",
                """
                Thank you all so much. The bloods came back low and the midwife team has started me on iron. I'm
                walking after dinner every day now. Still not great, but a little better.
                """,
            ),
            Say(
                "willow",
                """
                @JuniperJo that's good news about the bloods. Hang in there.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Is it RLS or just fidgety legs? How did you get diagnosed?",
        days_ago=18,
        posts=(
            Say(
                "ines",
                """
                I've always been a fidget, but for the past year I get an awful pulling feeling in my legs once I
                lie down, and moving them is the only thing that makes it stop. I already live with fibromyalgia,
                so I'm not sure whether this is part of that or something else. How did you get a diagnosis? Was
                there a test?
                """,
            ),
            Say(
                "harbour",
                """
                There's no single test. A doctor usually makes the diagnosis from your description: the urge to
                move, worse at rest, better with movement, worse in the evening. They'll often check your iron and
                a few other bloods too. Write down when it happens and what it feels like before your appointment.
                """,
                helpful=("ines", "sam"),
            ),
            Say(
                "willow",
                """
                That description will sound very familiar to a lot of us. My GP asked me those exact questions and
                then sent me for bloods. The whole thing took two appointments.
                """,
            ),
            Say(
                "bram",
                """
                Something that helped me: for two weeks before I went, I kept a simple diary with the time it
                started each night and what I was doing. My doctor said it made the conversation much easier.
                """,
            ),
            Say(
                "pam",
                """
                Fibro friend here. I had both going on, and it took a while to untangle them. Mention both to your
                doctor rather than assuming it's all fibro.
                """,
            ),
            Say(
                "ines",
                """
                Thank you, this is reassuring. I started the diary tonight and booked an appointment for next week.
                """,
            ),
            Say(
                "tomasz",
                """
                Same here, I was diagnosed last year. A charity's list of support groups helped me find people
                nearby: www.example.org/rls-support-groups
                """,
                pending=True,
                days_ago=0.4,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Another bad week and I'm running out of ways to cope",
        # A member in crisis: visitors see the title and first lines only, and search engines nothing.
        members_only=True,
        days_ago=6,
        posts=(
            Say(
                "sam",
                """
                Fourth night this week with maybe two hours of sleep. I've tried everything people suggest here and
                nothing is holding. I'm exhausted, I snapped at my kids this morning, and I honestly don't know how
                much longer I can keep going like this. Some nights I think everyone would be better off without me.
                """,
                flag=Flag(
                    "willow", "self_harm", "This worried me. Could someone from the team check in with Sam, please?"
                ),
            ),
            Say(
                "willow",
                """
                Sam, I'm so sorry. I know nights like that, and they make everything look darker. Please talk to
                someone today: your doctor, or one of the crisis lines behind "Need support now?" at the bottom of
                every page here. You don't have to carry this by yourself.
                """,
            ),
            Say(
                "harbour",
                """
                Sam, what you wrote matters, and I'm glad you wrote it here rather than keeping it in. If you feel
                you might act on those thoughts, please call your local emergency number or a crisis line now. If
                not, please still ring your GP this week and tell them exactly what you told us, including how low
                you're feeling.
                """,
            ),
            Say(
                "kofi",
                """
                Thinking of you, Sam. Weeks like this do pass, even when it doesn't feel like it. We're here.
                """,
            ),
            Say(
                "sam",
                """
                Thank you. I talked to my wife last night and I've got a doctor's appointment tomorrow. Still rough,
                but not alone with it.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Does a late workout make your legs worse?",
        therapy="exercise",
        days_ago=14,
        posts=(
            Say(
                "runner",
                """
                I've noticed that if I go for a hard run after 7pm, my legs are terrible that night, but a morning
                run seems to help all day. Anyone else? I'm trying to work out whether it's the timing or the
                intensity.
                """,
            ),
            Say(
                "cyclist",
                """
                Same pattern for me on the bike. Moderate rides in the afternoon help; a hard interval session in
                the evening is a guaranteed bad night.
                """,
                helpful=("runner",),
            ),
            Say(
                "oak",
                """
                At my age there are no hard workouts, only walks, but an evening walk is one of the things that
                helps me most. So maybe gentle is fine late and hard is not?
                """,
            ),
            Say(
                "tess",
                """
                That fits what I hear from students: gentle movement in the evening, more vigorous things earlier
                in the day. But it's very individual, so keep notes, like you're doing.
                """,
            ),
            Say(
                "runner",
                """
                I've moved my runs to the mornings for the last ten days. Noticeably better evenings. Small sample,
                but I'm sticking with it.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Chinese herbal formula from a practitioner: anyone?",
        therapy="chinese-herbal-medicine",
        days_ago=11,
        posts=(
            Say(
                "fennel",
                """
                A friend's TCM practitioner has offered to make me up a herbal formula for my restless legs and my
                sleep. I like the idea of trying something traditional, but I also take a couple of prescribed
                medicines. Has anyone here taken a herbal formula for RLS? How did you check it was safe alongside
                everything else?
                """,
            ),
            Say(
                "bram",
                """
                Personally, I'd want a full list of what's in it, in writing, and I'd show it to a pharmacist. Some
                herbs do interact with medicines, and "natural" doesn't mean nothing can go wrong.
                """,
                helpful=("fennel", "harbour"),
            ),
            Say(
                "maren",
                """
                I tried one for a few months. The practitioner gave me the ingredient list without my asking, which
                I appreciated, and my pharmacist had no concerns. I can't honestly say it helped my legs.
                """,
            ),
            Say(
                "harbour",
                """
                Seconding the pharmacist. Tell your own doctor as well; they'd rather know than find out later. And
                only buy from someone who can tell you where the herbs come from.
                """,
            ),
            Say(
                "fennel",
                """
                That's a plan: ingredient list, pharmacist, doctor. I'll hold off until I've done all three. Thanks
                for keeping me sensible.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="My clinic offered electroacupuncture: what's it like?",
        therapy="electroacupuncture",
        days_ago=9,
        posts=(
            Say(
                "oak",
                """
                I've had ordinary acupuncture for my back for a while, and now the clinic suggests trying
                electroacupuncture for my legs: small clips on the needles with a gentle current through them. I'm
                74 and have a pacemaker, so I asked whether that's a problem, and they said they'd check with my
                cardiologist first. Has anyone here had it?
                """,
            ),
            Say(
                "maren",
                """
                I had a few sessions. It's a tingling, tapping feeling, not painful. I didn't notice more benefit
                than with plain acupuncture, but everyone's different.
                """,
            ),
            Say(
                "harbour",
                """
                Good that they're checking with your cardiologist. Pacemakers and electrical stimulation need a
                specialist's say-so; don't let anyone skip that step.
                """,
                helpful=("oak",),
            ),
            Say(
                "bram",
                """
                Interested to hear how it goes. I'd ask them how they'll judge whether it's working; a sleep diary
                before and during would be a start.
                """,
            ),
            Say(
                "oak",
                """
                The cardiologist says no electrical stimulation for me, so that's that. Back to plain needles and
                my tennis ball. Thanks, all.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Weighted blanket: cosy or claustrophobic?",
        days_ago=7,
        posts=(
            Say(
                "fennel",
                """
                I got a weighted blanket for my birthday. My insomnia loves it. My legs, it turns out, hate being
                pinned down: the moment the crawling starts I have to kick it off. Has anyone else with RLS tried
                one?
                """,
            ),
            Say(
                "willow",
                """
                Same! Lovely on my shoulders, awful on my legs. I now fold it so it only covers my top half.
                """,
            ),
            Say(
                "cyclist",
                """
                I'm the opposite: the pressure on my legs seems to calm them slightly. Maybe it depends on what your
                symptoms feel like?
                """,
            ),
            Say(
                "bram",
                """
                Another one for the "everyone is different" file. At least most shops let you return them within a
                month.
                """,
            ),
            Say(
                "fennel",
                """
                @WillowAtDusk top half only, genius. Trying that tonight.
                """,
            ),
            Say(
                "kofi",
                """
                Hotels never have them, so I'll stay out of this one, but I'm enjoying the debate.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="What finally made my sleep routine stick",
        therapy="sleep-hygiene",
        days_ago=3,
        posts=(
            Say(
                "bram",
                """
                For those who know me as the resident sceptic: here's something that has made a measurable
                difference for me, measured with a boring spreadsheet.

                - The same bedtime and wake-up time every day, weekends included.
                - No screens in the last half hour.
                - A short walk after dinner instead of collapsing on the sofa.

                Nothing clever, and it didn't fix my legs, but my nights have gone from chaotic to merely bad, and
                I'll take it.
                """,
                helpful=("willow", "north", "kofi"),
            ),
            Say(
                "willow",
                """
                Merely bad is a real improvement in this house! The weekend wake-up time is the bit I always fail at.
                """,
            ),
            Say(
                "north",
                """
                The same wake-up time every day was the hardest and most useful part of my CBT-I course too. Good to
                see it helps with legs as well as with insomnia.
                """,
            ),
            Say(
                "kofi",
                """
                @BramblePath a spreadsheet, of course. Would you share the template? Asking for a fellow nerd.
                """,
            ),
            Say(
                "bram",
                """
                @KofiWalksAtNight it's three columns: date, hours slept, legs score out of ten. The magic is filling
                it in every day.
                """,
            ),
            Say(
                "tomasz",
                """
                Hi, first post here. I've been reading for weeks. I started the same-wake-up-time thing after
                reading this, and it's been five days. Too early to tell, but thank you for writing it down so
                plainly.
                """,
                pending=True,
                days_ago=0.5,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Your best non-drug tip, in one sentence",
        days_ago=15,
        posts=(
            Say(
                "maren",
                """
                Let's collect them in one place: your single best non-drug tip for restless evenings, in one
                sentence. Mine: a warm bath an hour before bed.
                """,
            ),
            Say(
                "oak",
                """
                A tennis ball under the foot while the news is on.
                """,
            ),
            Say(
                "willow",
                """
                Get your ferritin checked, then talk to your doctor about the result.
                """,
                helpful=("maren", "sam"),
            ),
            Say(
                "cyclist",
                """
                Exercise early in the day, never hard in the evening.
                """,
            ),
            Say(
                "kofi",
                """
                Always the aisle seat, on planes, trains and in cinemas.
                """,
            ),
            Say(
                "fennel",
                """
                Decaf after 2pm, and yes, that includes chocolate.
                """,
            ),
            Say(
                "bram",
                """
                Keep a diary for a month before deciding anything works.
                """,
            ),
            Say(
                "tess",
                """
                Legs up the wall for five minutes before bed.
                """,
            ),
            Say(
                "harbour",
                """
                Tell your doctor every time your symptoms change, not just at the annual check-up.
                """,
            ),
            Say(
                "juniper",
                """
                A pillow between the knees, pregnant or not.
                """,
            ),
        ),
    ),
    Topic(
        forum=FORUM,
        title="Magnesium: did it do anything for you?",
        days_ago=5,
        posts=(
            Say(
                "cyclist",
                """
                Magnesium comes up every time restless legs are mentioned anywhere online. Has anyone here actually
                noticed a difference from it? I'd like to hear from people, not from adverts.
                """,
            ),
            Say(
                "willow",
                """
                I took it for two months a few years ago. Nothing I could notice, good or bad.
                """,
            ),
            Say(
                "maren",
                """
                I use a magnesium bath flake thing, mostly because I like baths. I couldn't tell you whether the
                magnesium plays any part.
                """,
            ),
            Say(
                "bram",
                """
                The knowledge base here is a good place to check what's actually been studied before spending money.
                I'd trust that over the adverts.
                """,
            ),
            Say(
                "harbour",
                """
                If anyone has kidney problems, or takes other medicines, check with a pharmacist or doctor before
                taking magnesium supplements. Those are the people who can run into trouble with it.
                """,
                helpful=("cyclist", "willow"),
            ),
            Say(
                "cyclist",
                """
                Thanks. Sounds like it's not the secret everyone online says it is. I'll keep my money for now.
                """,
            ),
        ),
    ),
]
