"""Demo conditions, in the order they are listed on the site (restless legs syndrome first)."""

from __future__ import annotations

from datetime import date

from therapies.demo_data import md

CONDITIONS = [
    {
        "slug": "restless-legs-syndrome",
        "name": "Restless legs syndrome",
        "aliases": ["Willis–Ekbom disease", "RLS", "Willis-Ekbom disease"],
        "display_order": 1,
        "summary": (
            "A condition of the nervous system that brings an urge to move the legs, mostly in the evening "
            "and at rest, and often disturbs sleep."
        ),
        "overview": md("""
            Restless legs syndrome (RLS), also called Willis–Ekbom disease, causes an urge to move the legs,
            usually together with unpleasant feelings deep inside them. Moving brings relief, but only while
            the movement lasts. The symptoms follow a daily rhythm: they gather in the evening and at night,
            which is why RLS so often costs sleep.

            RLS ranges from an occasional nuisance to a nightly problem. Clinicians and researchers often
            measure it with the International RLS rating scale (IRLS): ten questions scored 0–4, for a total
            of 0–40. The scale was tested in several countries and gives consistent, valid results
            [@walters2003]. Sham treatments can also lower part of the score [@mitchell2014], which is one
            reason why small studies without a sham or placebo group need careful reading.

            Effective treatments exist, and guidelines weigh medicines, iron and some non-drug options
            [@winkelman2016; @winkelman2024]. The 2024 guideline of the American Academy of Sleep Medicine
            rests on a GRADE review of 148 studies [@winkelman2025]; when sleep societies in other countries
            were asked, those that answered fully supported 12 of its 20 recommendations and accepted the
            ones on dopamine agonists only with reservations [@ferri2025]. Which treatment suits you depends
            on your iron levels, your other health conditions and how often symptoms come, so it is worth
            working out a plan with a clinician.
            """),
        "symptoms": md("""
            - An urge to move the legs, usually with feelings that people describe as creeping, pulling,
              aching, itching or fizzing deep in the legs rather than on the skin.
            - The feelings start or get worse during rest: sitting, lying down, long journeys, the cinema.
            - Walking, stretching or moving the legs eases them, at least while the movement goes on.
            - They are worse in the evening and at night than earlier in the day.
            - Many people also have brief, repeated jerks of the legs in sleep (periodic limb movements) and
              feel tired in the day because of broken sleep.

            When RLS is more severe, the arms or other parts of the body can be involved too.
            """),
        "causes_and_triggers": md("""
            Often no single cause is found, and RLS frequently runs in families. The brain's handling of
            iron and of dopamine seems to be involved, and low iron stores are the most important thing to
            check: guidelines ask clinicians to measure ferritin and transferrin saturation in everyone with
            clinically significant RLS [@winkelman2024].

            Things that can bring RLS on or make it worse:

            - iron deficiency, with or without anaemia;
            - pregnancy, especially the last three months;
            - kidney failure and dialysis;
            - some medicines, such as sedating antihistamines, some anti-sickness medicines, and some
              antidepressants and antipsychotics;
            - for some people, alcohol, caffeine, nicotine and lack of sleep.

            Do not stop a prescribed medicine on your own: ask the prescriber whether there is an alternative.
            """),
        "when_to_seek_care": md("""
            See a doctor if:

            - symptoms disturb your sleep or your days more than now and then;
            - you are pregnant, have kidney disease, or have been told your iron is low;
            - on treatment, symptoms start earlier in the day, spread to the arms or become stronger. This
              can be **augmentation**, a known risk of long-term treatment with dopamine-type medicines
              [@winkelman2016]. It calls for a review of the treatment, not a higher dose on your own
              [@garciaborreguero2016]. In a year-long trial, augmentation was less common with pregabalin
              than with pramipexole 0.5 mg (2.1% against 7.7%) [@allen2014];
            - you have numbness, weakness, or pain that does not ease when you move: these point to other
              conditions that are worth checking.

            Get urgent help for sudden weakness of a leg, loss of bladder or bowel control, or a calf that is
            suddenly swollen, hot and painful.
            """),
        "reviewer": "lindqvist",
        "reviewed_on": date(2026, 3, 2),
    },
    {
        "slug": "insomnia",
        "name": "Insomnia",
        "aliases": ["Chronic insomnia", "Sleeplessness"],
        "display_order": 2,
        "summary": "Trouble falling asleep, staying asleep or waking too early, with effects on the day.",
        "overview": md("""
            Insomnia means difficulty getting to sleep, staying asleep or waking too early even though there
            is time and a place to sleep, together with effects on the day such as tiredness, poor
            concentration or irritability. Short spells after stress or change are common and usually pass.
            When poor sleep happens at least three nights a week for three months or more, it is called
            chronic insomnia.

            Chronic insomnia tends to keep itself going: worry about sleep, long hours awake in bed and
            irregular sleep times make sleep lighter and more broken. For that reason, guidelines recommend a
            structured psychological treatment, cognitive behavioural therapy for insomnia (CBT-I), as the
            first treatment for adults with chronic insomnia, before sleeping tablets
            [@qaseem2016; @edinger2021].
            """),
        "symptoms": md("""
            - Taking a long time to fall asleep.
            - Waking during the night and lying awake.
            - Waking too early and not getting back to sleep.
            - Sleep that does not feel refreshing.
            - In the day: tiredness, low energy, poor concentration or memory, irritability, worry about sleep.
            """),
        "causes_and_triggers": md("""
            Insomnia often starts with a trigger and then continues on its own. Common triggers and
            contributors:

            - stress, worry, grief, anxiety or depression;
            - pain, breathlessness, needing the toilet at night, hot flushes;
            - other sleep conditions, such as restless legs syndrome or sleep apnoea;
            - shift work, jet lag, irregular sleep times, long naps;
            - caffeine, nicotine, alcohol, heavy late meals;
            - some medicines, for example some antidepressants, steroids and decongestants.
            """),
        "when_to_seek_care": md("""
            See a doctor if poor sleep lasts more than a few weeks or affects your work, mood or safety, and
            especially if:

            - you snore loudly, stop breathing for moments in your sleep or wake gasping (possible sleep
              apnoea);
            - you feel an urge to move your legs in the evening (possible restless legs syndrome);
            - you feel low, hopeless or anxious most days;
            - you nod off while driving or at work.

            If you have thoughts of harming yourself, seek help now: contact your local emergency number or
            a crisis line.
            """),
        "reviewer": "okafor",
        "reviewed_on": date(2026, 2, 9),
    },
    {
        "slug": "fibromyalgia",
        "name": "Fibromyalgia",
        "aliases": ["Fibromyalgia syndrome", "FMS"],
        "display_order": 3,
        "summary": (
            "Long-lasting pain in many parts of the body, with tiredness, unrefreshing sleep and trouble concentrating."
        ),
        "overview": md("""
            Fibromyalgia is a long-term condition of widespread pain, often with tiredness, unrefreshing
            sleep and problems with memory and concentration, sometimes called "fibro fog". Blood tests and
            scans are usually normal. The pain is thought to come from a pain-processing system that has
            become over-sensitive, rather than from damage to muscles or joints. The pain is real.

            There is no cure yet, but many people find that a combination of approaches helps: learning
            about the condition, regular physical activity built up slowly, better sleep, psychological
            support and, for some, medicines. Among the options without medicines, regular aerobic exercise
            has been tested in many trials: pooled together, they found that it modestly reduced pain,
            tiredness and low mood [@hauser2010]. Acupuncture did no better than sham acupuncture in a
            trial of 100 adults [@assefi2005].
            """),
        "symptoms": md("""
            - Pain and tenderness in many areas, on both sides of the body, above and below the waist.
            - Tiredness that rest does not fix.
            - Sleep that does not refresh.
            - Stiffness, especially in the morning.
            - Trouble with memory and concentration.
            - Often also headaches, an irritable bowel, low mood or anxiety.

            Symptoms usually come and go, with better and worse spells (flares).
            """),
        "causes_and_triggers": md("""
            The cause is not known. Fibromyalgia is more common in women, can run in families, and often
            appears alongside other conditions such as rheumatoid arthritis, lupus or osteoarthritis.
            Sometimes it starts after an illness, an injury or a stressful period.

            Flares are often linked with stress, poor sleep, doing too much on a good day, cold or damp
            weather, and other illnesses.
            """),
        "when_to_seek_care": md("""
            See a doctor to get a diagnosis: other conditions, such as an underactive thyroid or
            inflammatory arthritis, can cause similar symptoms and need different treatment.

            See a doctor sooner if you have swollen joints, fever, weight loss you cannot explain, new
            weakness or numbness, or if low mood or anxiety is hard to bear. If you have thoughts of harming
            yourself, seek help now.
            """),
        "reviewer": "bianchi",
        "reviewed_on": date(2026, 4, 14),
    },
    {
        "slug": "chronic-low-back-pain",
        "name": "Chronic low back pain",
        "aliases": ["Chronic non-specific low back pain", "Lumbago"],
        "display_order": 4,
        "summary": (
            "Low back pain that has lasted 12 weeks or more; rarely due to serious disease, but it can limit "
            "daily life."
        ),
        "overview": md("""
            Low back pain is called chronic when it has lasted 12 weeks or longer. In most people no single
            cause in the spine can be found; this is called non-specific back pain. A clinician will usually
            suggest a scan only when something specific is suspected. Pain often varies over time, with
            better and worse spells.

            Options without medicines have been tested in trials. In a trial of 401 adults, ten weekly
            massage sessions improved everyday function more than usual care [@cherkin2011]. Analyses of
            trials across several kinds of chronic pain, back pain among them, found acupuncture better than
            sham acupuncture by a modest margin [@vickers2012; @vickers2018]. More than twenty trials of yoga
            have been gathered in Cochrane reviews [@wieland2022]. What suits one person may not suit
            another; a clinician can help you put together a plan that fits your back and your life.
            """),
        "symptoms": md("""
            - Aching or stiffness in the lower back, sometimes spreading to the buttocks or thighs.
            - Pain that changes with position or activity, and is often worse after sitting or standing for
              long.
            - Sometimes pain, tingling or numbness running down a leg (sciatica).
            - Poor sleep, tiredness and low mood can come with long-lasting pain.
            """),
        "causes_and_triggers": md("""
            Back pain usually comes from the muscles, ligaments, joints and discs of the back working under
            strain, often without a clear injury. Things that go with it include lifting and twisting,
            long periods in one position, low physical activity, smoking, being overweight, and stress or
            low mood, which can also make pain harder to live with.

            Rarely, back pain comes from a trapped nerve, a fracture, an infection or cancer; see below for
            the warning signs.
            """),
        "when_to_seek_care": md("""
            Get **urgent** help if back pain comes with numbness around the genitals or buttocks, new
            trouble passing urine or controlling your bladder or bowels, or weakness of the legs that is
            getting worse.

            See a doctor soon if you also have fever, weight loss you cannot explain, a history of cancer,
            pain after a fall or injury, pain that is worse at night and does not ease with rest, or if you
            have osteoporosis or take steroid tablets. See a doctor too if pain or numbness spreads below the
            knee, or if your back does not start to improve.
            """),
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
    {
        "slug": "migraine",
        "name": "Migraine",
        "aliases": ["Migraine headache", "Episodic migraine"],
        "display_order": 5,
        "summary": (
            "Repeated attacks of headache, often one-sided and throbbing, with sensitivity to light and sound "
            "or nausea."
        ),
        "overview": md("""
            Migraine is a common condition of the nervous system that causes attacks of moderate to severe
            headache, often on one side and throbbing, lasting from a few hours to up to three days. Light,
            noise and movement usually make it worse, and many people feel sick or vomit. Some people have an
            aura before some attacks: visual disturbances such as zigzag lines or blind spots, or tingling.

            Treatment has two parts: treating an attack when it comes, and preventing attacks for people who
            have them often or find them disabling. Prevention includes medicines and options without
            medicines; acupuncture, for example, has been tested for prevention in randomised trials
            [@linde2016].
            """),
        "symptoms": md("""
            - Headache, often on one side, throbbing or pulsing, made worse by movement.
            - Sensitivity to light, sound or smells.
            - Nausea or vomiting.
            - For some people, an aura beforehand: flashing lights, zigzag lines, blind spots, tingling or,
              rarely, difficulty speaking.
            - Tiredness and poor concentration for a day or so after an attack.
            """),
        "causes_and_triggers": md("""
            Migraine runs in families and involves changes in how the brain and the nerves of the head
            process signals. Attacks can be set off by:

            - hormonal changes, for example around periods;
            - stress, or the let-down after stress;
            - too little or too much sleep, skipped meals, not drinking enough;
            - alcohol, and for some people particular foods;
            - bright or flickering light, strong smells.

            Taking painkillers or triptans on many days a month can itself make headaches more frequent
            (medication-overuse headache).
            """),
        "when_to_seek_care": md("""
            See a doctor if headaches are frequent or disabling, if you need pain relief on more than a few
            days a week, or if your usual pattern changes.

            Get **emergency** help for a sudden, very severe headache that peaks within a minute or so; a
            headache with fever, a stiff neck, confusion or a rash; weakness, numbness or trouble speaking
            that does not pass; or a headache after a head injury. See a doctor promptly about a new kind of
            headache after the age of 50, or a severe headache in pregnancy or after giving birth.
            """),
        "reviewer": "weber",
        "reviewed_on": date(2026, 1, 20),
    },
]
