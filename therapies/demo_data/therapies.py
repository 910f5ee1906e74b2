"""Demo therapies with their safety rating and FAQ entries.

An FAQ answer that states what a study found cites it as `[@key]`; it is numbered
with the therapy page's own references.
"""

from __future__ import annotations

from datetime import date

from therapies.demo_data import md
from therapies.evidence import Safety
from therapies.models import Status, Therapy

THERAPIES = [
    {
        "slug": "acupuncture",
        "name": "Acupuncture",
        "aliases": ["Needle acupuncture", "Manual acupuncture"],
        "category": Therapy.Category.TCM,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Fine, sterile needles placed at chosen points on the body, from traditional Chinese medicine.",
        "what_it_is": md("""
            Acupuncture comes from traditional Chinese medicine. A practitioner inserts very fine, single-use
            needles through the skin at chosen points, usually leaves them in place for a while, and may turn
            them gently. Today it is offered by traditional acupuncturists as well as by doctors and
            physiotherapists who have trained in it.
            """),
        "how_it_works": md("""
            Traditional theory describes points that lie on channels (meridians) through which the body's
            energy, *qi*, flows; needling is meant to restore a healthy flow. Physiological research offers
            another picture: needles stimulate nerves in the skin and muscles, which can change how the
            spinal cord and brain handle pain signals.

            The ritual of treatment, the practitioner's attention and the patient's expectations also play a
            part. That is why careful trials compare real acupuncture with sham acupuncture, in which needles
            do not penetrate or are placed away from the chosen points.
            """),
        "why_it_matters": md("""
            Acupuncture is one of the most widely used complementary therapies for long-lasting pain and
            other chronic symptoms, and it has been tested in many trials. For chronic pain, analyses of
            individual patients' data from large trials found it did better than sham acupuncture, though by
            a modest margin, and more clearly better than no acupuncture [@vickers2012]. For other conditions
            the evidence is much weaker; the condition pages say how much is known for each.
            """),
        "considerations_and_safety": md("""
            Acupuncture is generally safe in the hands of a qualified practitioner who uses sterile,
            single-use needles. Large surveys in the United Kingdom recorded tens of thousands of treatments:
            among 31,822 consultations by doctors and physiotherapists, the notable events were minor, such as
            fainting, a forgotten needle or pain where a needle went in [@white2001]; another survey covered
            about 34,000 treatments by traditional acupuncturists [@macpherson2001]. When 6,348 patients were
            followed for three months, about 1 in 10 reported at least one unwanted effect, and three
            reported a serious one [@macpherson2004].

            In a German study of more than 229,000 patients, 8.6% noticed at least one side effect and 2.2%
            one that needed treatment. Bleeding or bruising was the most common, and two people had a
            collapsed lung (pneumothorax) [@witt2009]. Case reports from many countries show that
            infections are the main serious complication reported [@xu2013]; clean technique and single-use
            needles prevent them. A 2021 review pooled prospective studies to estimate these risks
            [@baumler2021].

            Tell your practitioner about your health conditions and medicines, and tell your doctor that you
            are having acupuncture.
            """),
        "common_side_effects": md("""
            - A small bruise, a drop of blood or soreness where a needle went in; among 1,968 people treated
              in trials, 3.8% had at least one unwanted effect, mostly bruising or bleeding, and none had a
              serious one [@zhao2011].
            - Feeling tired, light-headed or faint during or after a session; lying down for treatment helps.
            - Symptoms sometimes feel worse for a day before they settle.
            """),
        "contraindications": md("""
            - Bleeding disorders, or taking blood thinners: possible with care, but tell the practitioner.
            - Pregnancy: some points are traditionally avoided; see a practitioner experienced in pregnancy.
            - Skin infection, broken skin or swelling where needles would go.
            - A weakened immune system, a heart-valve problem or a joint replacement: strict clean
              technique matters even more; ask your doctor first.
            - Fear of needles: acupressure may be an alternative.
            """),
        "reviewer": "lin",
        "reviewed_on": date(2026, 2, 23),
        "faq": [
            (
                "Does acupuncture hurt?",
                "Most people feel a brief prick, then a dull ache, tingling or heaviness around the needle. "
                "It should not be sharp or lasting pain; tell the practitioner if it is.",
            ),
            (
                "How many sessions will I need?",
                "It varies by condition. Trials gave courses of about 10 to 24 sessions over four to twelve weeks "
                "[@raissi2017; @li2012; @assefi2005]. If you notice no change after four to six sessions, talk "
                "with your practitioner and your doctor about whether to continue.",
            ),
            (
                "How do I find a qualified practitioner?",
                "Look for someone registered with a recognised professional body or licensed where you live, "
                "who uses single-use sterile needles and asks about your health and medicines. Our "
                "practitioner directory shows licences and whether an editor has verified them.",
            ),
            (
                "Can I stop my medicines if acupuncture helps?",
                "Not on your own. Some medicines must be reduced slowly. Talk to the doctor who prescribed them first.",
            ),
        ],
    },
    {
        "slug": "acupressure",
        "name": "Acupressure",
        "aliases": ["Shiatsu-style point pressure", "Self-acupressure"],
        "category": Therapy.Category.TCM,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Firm finger pressure on acupuncture points, given by a therapist or learned for use at home.",
        "what_it_is": md("""
            Acupressure uses the points of acupuncture, but presses them with the fingers, thumbs or a
            small blunt tool instead of needling them. It can be given by a trained therapist or nurse, and
            many people learn to do it on themselves or a family member.
            """),
        "how_it_works": md("""
            In traditional terms, pressure on a point influences the flow of *qi* along a channel. In
            physiological terms, firm pressure stimulates nerves in the skin and muscles and may change how
            pain and other sensations are processed; the calm and attention of a session may help too.
            Whether the exact point location matters is not clear.
            """),
        "why_it_matters": md("""
            Acupressure costs little, needs no needles and can be used at home at the moment symptoms come.
            It has been tried for sleep problems [@cao2009] and, in people on dialysis, for restless legs
            [@tsai2022]. The studies are small, so the condition pages grade the evidence with care.
            """),
        "considerations_and_safety": md("""
            Acupressure is generally safe. Use steady, comfortable pressure; it should not cause sharp pain
            or leave bruises. Ask a practitioner to show you the points before trying them on your own.
            """),
        "common_side_effects": md("""
            - Tenderness or a small bruise at the point.
            - Occasional light-headedness; sit or lie down while you do it.
            """),
        "contraindications": md("""
            - Do not press on broken or infected skin, varicose veins, swollen areas, or a limb with a
              dialysis fistula or graft.
            - Do not massage or press a calf that is suddenly swollen, red and painful: it could be a blood
              clot; get care the same day.
            - Pregnancy: some points are traditionally avoided; ask a practitioner.
            """),
        "reviewer": "lin",
        "reviewed_on": date(2026, 2, 23),
        "faq": [
            (
                "How hard should I press?",
                "Firmly enough to feel a dull ache or pressure, never sharp pain. Many people press or make "
                "small circles for one to two minutes per point.",
            ),
            (
                "Can I do acupressure on myself?",
                "Yes, many points on the legs, hands and face are easy to reach. A practitioner can show you "
                "where they are and how to press them. If you are or may be pregnant, leave out the points "
                "traditionally avoided in pregnancy, such as SP6 on the inner lower leg and LI4 on the hand; "
                "each condition page marks them beside the point.",
            ),
            (
                "Are acupressure wristbands or mats the same thing?",
                "They apply pressure in a similar way, but we have not checked any study of them, so we cannot "
                "say how well they work.",
            ),
        ],
    },
    {
        "slug": "electroacupuncture",
        "name": "Electroacupuncture",
        "aliases": ["Electro-acupuncture", "EA"],
        "category": Therapy.Category.TCM,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Acupuncture in which a small, adjustable electrical current passes between pairs of needles.",
        "what_it_is": md("""
            In electroacupuncture, a practitioner inserts acupuncture needles and then connects pairs of them
            to a small battery-powered stimulator. The current is weak and adjustable; it is felt as
            tingling, tapping or a gentle muscle twitch.
            """),
        "how_it_works": md("""
            The current gives a stronger and more even stimulus than turning the needles by hand. Laboratory
            research links this kind of stimulation to the release of the body's own pain-relieving
            chemicals, but how far this explains any effect in people is not known.
            """),
        "why_it_matters": md("""
            Electroacupuncture is widely used, especially for pain, but it has been studied less than manual
            acupuncture. For fibromyalgia, for example, a Cochrane review found only low-quality evidence,
            from one small trial, that it eased symptoms [@deare2013].
            """),
        "considerations_and_safety": md("""
            The general safety of acupuncture applies. In addition, the current should never pass across the
            chest or heart, and the practitioner should start low and raise it slowly. Tell the practitioner
            straight away if the sensation becomes painful.
            """),
        "common_side_effects": md("""
            - Bruising or soreness at needle sites.
            - Muscle aching after strong stimulation.
            - Light-headedness during or after a session.
            """),
        "contraindications": md("""
            - A pacemaker, implanted defibrillator or other implanted electronic device.
            - Epilepsy that is not well controlled.
            - Pregnancy.
            - Areas with reduced feeling, broken skin or a recent blood clot.
            """),
        "reviewer": "lin",
        "reviewed_on": date(2026, 2, 23),
        "faq": [
            (
                "Is the current dangerous?",
                "The current from an acupuncture stimulator is small and is adjusted to what feels "
                "comfortable. It is not suitable for people with a pacemaker or other implanted device.",
            ),
            (
                "Does it feel different from ordinary acupuncture?",
                "Yes: you feel rhythmic tingling or tapping, and sometimes a small twitch of the muscle. It "
                "should never hurt.",
            ),
        ],
    },
    {
        "slug": "chinese-herbal-medicine",
        "name": "Chinese herbal medicine",
        "aliases": ["Traditional Chinese herbal medicine", "TCM herbs"],
        "category": Therapy.Category.TCM,
        "safety": Safety.CAUTION,
        "summary": (
            "Formulas of several plant (and sometimes mineral or animal) ingredients, chosen by a "
            "practitioner of traditional Chinese medicine."
        ),
        "what_it_is": md("""
            Chinese herbal medicine uses formulas, usually of several ingredients, prepared as teas
            (decoctions), granules, powders or tablets. A practitioner chooses and adjusts the formula
            according to a traditional diagnosis, so two people with the same condition may receive
            different formulas.
            """),
        "how_it_works": md("""
            Traditional theory describes formulas as correcting patterns of imbalance. Many plants used in
            these formulas contain active substances with real effects on the body, which is also why they
            can cause side effects and interact with medicines. For most formulas, how they might work is not
            known.
            """),
        "why_it_matters": md("""
            Herbal medicine is used by many people living with chronic conditions, often alongside
            prescribed medicines and without telling their doctor. The quality of research on specific
            formulas varies a lot, and we have not yet graded herbal formulas for the conditions on this
            site, so no condition page for herbal medicine is published yet. Until then, treat claims that a
            formula cures a chronic condition with caution.
            """),
        "considerations_and_safety": md("""
            Use with caution:

            - **Interactions.** Herbs can change the effect of medicines, including blood thinners,
              medicines for epilepsy, heart disease, diabetes or HIV, and the contraceptive pill. Tell your
              doctor and pharmacist about every herbal product you take.
            - **Quality.** Products bought online or abroad have been found to contain the wrong plant,
              heavy metals, or undeclared prescription drugs. Buy only through a registered practitioner or a
              regulated supplier.
            - **Liver and kidneys.** Rarely, herbal products have caused serious liver or kidney injury.
              Stop and see a doctor if you notice yellow skin or eyes, dark urine, unusual tiredness or
              abdominal pain.
            """),
        "common_side_effects": md("""
            - Stomach upset, nausea, loose stools, bloating.
            - An unpleasant taste (decoctions).
            - Skin rashes or other allergic reactions.
            """),
        "contraindications": md("""
            - Pregnancy and breastfeeding, unless a doctor and a qualified practitioner agree.
            - Liver or kidney disease.
            - Taking blood thinners or other medicines with a narrow safe range, unless your doctor agrees.
            - Children, unless under specialist care.
            - Before surgery: stop in good time and tell the surgical team.
            """),
        "reviewer": "raman",
        "reviewed_on": date(2026, 3, 30),
        "faq": [
            (
                "Natural means safe, doesn't it?",
                "No. Plants can be potent and some interact with medicines or, rarely, harm the liver or "
                "kidneys. Treat herbal products like medicines.",
            ),
            (
                "Should I tell my doctor?",
                "Yes, always, and your pharmacist too, especially if you take prescribed medicines or are "
                "due to have surgery.",
            ),
            (
                "How do I know a product is good quality?",
                "Buy through a registered practitioner or a regulated supplier, and avoid products sold "
                "online with big promises. Ask for the full list of ingredients.",
            ),
        ],
    },
    {
        "slug": "massage",
        "name": "Massage",
        "aliases": ["Massage therapy", "Swedish massage"],
        "category": Therapy.Category.BODYWORK,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Rubbing, kneading and pressing the soft tissues by hand, by a therapist or a partner.",
        "what_it_is": md("""
            Massage is hands-on treatment of the muscles and other soft tissues. Styles range from gentle,
            relaxing Swedish massage to firmer structural or deep-tissue work aimed at particular muscles. It
            can be given by a licensed massage therapist, a physiotherapist or, in simpler forms, by a
            partner at home.
            """),
        "how_it_works": md("""
            How massage works is not fully known. Suggested explanations are that stimulating touch and
            pressure receptors dampens pain signals for a while, and that it relaxes muscles, eases anxiety
            and helps people sleep. Some of any benefit comes from time, attention and a calm setting, which
            is not a reason to dismiss it.
            """),
        "why_it_matters": md("""
            Massage is popular, pleasant and low-risk. It has been tested for chronic low back pain, where
            ten weekly sessions improved function in a large trial [@cherkin2011], and for restless legs in
            people on dialysis. Benefits usually fade after treatment stops, so cost and access matter.
            """),
        "considerations_and_safety": md("""
            Massage is generally safe with a trained therapist. Tell the therapist about your health
            conditions and medicines, and ask for lighter pressure if you bruise easily, take blood thinners
            or have osteoporosis.
            """),
        "common_side_effects": md("""
            - Muscle soreness for a day or two, especially after firm massage.
            - Occasional bruising.
            - Skin reactions to oils; essential oils can irritate or cause allergies.
            """),
        "contraindications": md("""
            - A calf that is suddenly swollen, red and painful, or a known recent blood clot: no massage of
              that limb.
            - Broken, infected or burnt skin; a rash; a fresh injury.
            - Fever or acute infection.
            - Directly over a tumour, a fracture, or a dialysis fistula.
            """),
        "reviewer": "herrera",
        "reviewed_on": date(2025, 6, 1),
        "next_review_due": date(2026, 6, 1),
        "faq": [
            (
                "How often should I have a massage?",
                "A large trial for back pain used one session a week for ten weeks [@cherkin2011]. Afterwards, "
                "many people continue less often or learn self-massage.",
            ),
            (
                "Does massage need to hurt to work?",
                "No. Firm pressure can be uncomfortable, but it should not be painful. In a large back-pain "
                "trial, relaxing massage and firmer structural massage helped about equally [@cherkin2011].",
            ),
            (
                "Can my partner do it?",
                "Yes, simple leg or back massage at home is safe for most people. Avoid pressing on veins, "
                "broken skin or a swollen, painful calf.",
            ),
        ],
    },
    {
        "slug": "yoga-and-stretching",
        "name": "Yoga and stretching",
        "aliases": ["Yoga", "Iyengar yoga", "Hatha yoga", "Stretching exercises"],
        "category": Therapy.Category.MIND_BODY,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Postures, stretches, breathing and relaxation, practised in classes and at home.",
        "what_it_is": md("""
            Yoga combines physical postures and stretches with slow breathing and relaxation. Styles differ:
            gentle forms such as Iyengar or hatha yoga, often adapted with props, are the ones used in most
            trials for chronic conditions. Simple stretching routines for the legs, hips and back share some
            of its elements.
            """),
        "how_it_works": md("""
            Yoga improves flexibility, strength and balance, and its breathing and relaxation parts may calm
            the stress response. Regular practice may change how people relate to symptoms and how much they
            move in daily life.
            """),
        "why_it_matters": md("""
            Yoga is low-cost, can be practised at home, and is used by many people with back pain, sleep
            problems and restless legs. For chronic low back pain, Cochrane reviews have gathered more than
            twenty randomised trials [@wieland2022]; for restless legs, the trials are small.
            """),
        "considerations_and_safety": md("""
            Yoga is generally safe, but people do get hurt, usually by pushing into a posture. Start with a
            gentle class for beginners, tell the teacher about your health, and skip or adapt any posture
            that causes pain.
            """),
        "common_side_effects": md("""
            - Muscle soreness, especially in the first weeks.
            - A temporary increase in back or joint pain if postures are pushed too far.
            """),
        "contraindications": md("""
            - Avoid deep inversions (headstands, shoulder stands) with glaucoma, uncontrolled high blood
              pressure, or neck problems.
            - Hot yoga is not advised in pregnancy or with heart conditions.
            - After recent surgery or a new injury, ask your clinician which movements are safe.
            """),
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
        "faq": [
            (
                "I'm not flexible. Can I still do yoga?",
                "Yes. Gentle classes use blocks, straps and chairs so that postures fit your body. Flexibility "
                "is a result of practice, not a requirement.",
            ),
            (
                "Which style should I choose?",
                "For a chronic condition, choose a gentle style taught for beginners, such as Iyengar or "
                "hatha yoga, and a teacher who adapts postures to you.",
            ),
            (
                "How often should I practise?",
                "Regular classes with practice at home in between is a common pattern. In one small study of "
                "yoga for restless legs, women who practised more at home had larger improvements [@innes2013].",
            ),
        ],
    },
    {
        "slug": "exercise",
        "name": "Aerobic and resistance exercise",
        "aliases": ["Exercise therapy", "Physical activity", "Aerobic exercise", "Strength training"],
        "category": Therapy.Category.PHYSICAL,
        "safety": Safety.GENERALLY_SAFE,
        "summary": (
            "Regular activity that raises the heart rate, such as walking, cycling or swimming, plus strength work."
        ),
        "what_it_is": md("""
            Aerobic exercise is activity that raises your heart rate and breathing for a sustained time, such
            as brisk walking, cycling, swimming or exercise in warm water. Resistance exercise builds
            strength, using body weight, bands or weights. A physiotherapist or exercise specialist can build
            a programme around your condition and fitness.
            """),
        "how_it_works": md("""
            Regular exercise improves fitness, sleep and mood, and lowers the risk of many diseases. For
            chronic pain, repeated activity may calm an over-sensitive pain system. Building up gradually
            lets the body adapt without flares.
            """),
        "why_it_matters": md("""
            Exercise is cheap, widely available and good for health in general. In fibromyalgia, a
            meta-analysis of 35 trials found that aerobic exercise modestly reduced pain, tiredness and low
            mood [@hauser2010]. For restless legs there is one small trial, without blinding and with many
            drop-outs, so what it found is very uncertain [@aukerman2006].
            """),
        "considerations_and_safety": md("""
            Exercise is generally safe. Start at a level you can manage on a bad day and increase slowly.
            If you have heart or lung disease, or have been inactive for a long time, ask your clinician
            before starting a vigorous programme.
            """),
        "common_side_effects": md("""
            - Muscle soreness in the first days or weeks.
            - A temporary rise in pain or tiredness if you increase too quickly.
            """),
        "contraindications": md("""
            - Chest pain, fainting or severe breathlessness on exertion: stop and see a doctor before
              continuing.
            - After a recent heart attack, surgery or injury, follow the advice of your clinician about when
              and how to start.
            """),
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
        "faq": [
            (
                "Exercise makes my pain worse. What should I do?",
                "Start lower than you think you need, for example five to ten minutes, and increase by small "
                "steps every week or two. Some soreness is normal; a flare that lasts days means the step was "
                "too big.",
            ),
            (
                "What kind of exercise is best?",
                "The kind you will keep doing. For fibromyalgia, exercise on land and in water at light to "
                "moderate intensity, two to three times a week, reduced pain in trials [@hauser2010].",
            ),
            (
                "Can I exercise in the evening if I have restless legs?",
                "Gentle movement often helps, but some people find that hard exercise late in the day makes "
                "their evening symptoms worse. Notice what works for you.",
            ),
        ],
    },
    {
        "slug": "iron-supplementation",
        "name": "Iron supplementation",
        "aliases": ["Iron therapy", "Oral iron", "Intravenous iron", "Ferric carboxymaltose"],
        "category": Therapy.Category.SUPPLEMENT,
        "safety": Safety.CAUTION,
        "summary": "Iron given as tablets or as an infusion to refill low iron stores, after a blood test.",
        "what_it_is": md("""
            Iron can be taken as tablets or liquid (for example ferrous sulfate), or given into a vein as an
            infusion (for example ferric carboxymaltose). It is a treatment for low iron stores, which are
            measured with blood tests for ferritin and transferrin saturation.
            """),
        "how_it_works": md("""
            The body needs iron to make red blood cells and for many processes in the brain, including the
            production of dopamine. In restless legs syndrome, iron in parts of the brain is thought to be
            low in many people, even when blood tests look normal; refilling iron stores may help these
            brain circuits work better.
            """),
        "why_it_matters": md("""
            Low iron stores are one of the most common treatable factors in restless legs syndrome.
            Guidelines ask clinicians to test iron in everyone with clinically significant RLS and to treat
            it when ferritin is 75 ng/mL or lower or transferrin saturation is below 20% [@winkelman2024].
            """),
        "considerations_and_safety": md("""
            Use with caution, and only after a blood test.

            - Too much iron is harmful. People with haemochromatosis or other iron overload must not take
              it, and levels should be re-checked during treatment.
            - Intravenous iron is given in a clinic that can manage allergic reactions; a task force found
              the evidence for intravenous ferric carboxymaltose in RLS stronger than for tablets
              [@allen2018].
            - Keep iron tablets away from children: an overdose can be dangerous.
            """),
        "common_side_effects": md("""
            - Tablets: constipation, nausea, stomach pain, dark stools.
            - Infusions: headache, flushing, a metallic taste, and rarely allergic reactions; some
              preparations can lower blood phosphate.
            """),
        "contraindications": md("""
            - Iron overload or haemochromatosis.
            - Anaemia not caused by lack of iron, unless a doctor advises iron.
            - Tablets are absorbed less with tea, coffee, calcium or antacids, and iron can reduce the
              absorption of some medicines such as levothyroxine and some antibiotics: ask your pharmacist
              about timing.
            """),
        "reviewer": "raman",
        "reviewed_on": date(2026, 3, 30),
        "faq": [
            (
                "My blood count is normal. Could low iron still matter for my restless legs?",
                "Yes. Iron stores can be low before anaemia appears. Ask your doctor to check ferritin and "
                "transferrin saturation, not only haemoglobin.",
            ),
            (
                "Can I just buy iron tablets?",
                "Please test first. Taking iron when your stores are normal brings side effects and can be "
                "harmful over time.",
            ),
            (
                "How long before iron helps?",
                "It often takes several weeks to a few months for stores to rise. Your doctor will usually "
                "re-check your levels after a while.",
            ),
        ],
    },
    {
        "slug": "sleep-hygiene",
        "name": "Sleep hygiene",
        "aliases": ["Sleep hygiene education", "Healthy sleep habits"],
        "category": Therapy.Category.LIFESTYLE,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Habits and surroundings that make sleep easier: regular times, a calm bedroom, less caffeine.",
        "what_it_is": md("""
            Sleep hygiene is a set of practical habits that make sleep easier: regular sleep and wake times,
            a dark, quiet and cool bedroom, limiting caffeine and alcohol, a wind-down routine, and daylight
            and activity during the day.
            """),
        "how_it_works": md("""
            The habits remove things that make sleep lighter or delay it, and strengthen the body clock with
            regular times and daylight. They do not, on their own, undo the patterns of worry and wakefulness
            in bed that keep chronic insomnia going.
            """),
        "why_it_matters": md("""
            Sleep hygiene costs nothing and is part of every insomnia treatment. As a treatment on its own,
            though, it is clearly less effective than cognitive behavioural therapy for insomnia
            [@chung2018].
            """),
        "considerations_and_safety": md("""
            Sleep hygiene is safe. If you have followed the advice for a few weeks and still sleep badly,
            ask about CBT-I rather than trying ever stricter rules.
            """),
        "common_side_effects": md("""
            None known. Worrying about following sleep rules perfectly can itself keep you awake; aim for
            "good enough".
            """),
        "contraindications": md("""
            None. People with an underlying sleep disorder, such as sleep apnoea or restless legs syndrome,
            need that disorder treated as well.
            """),
        "reviewer": "okafor",
        "reviewed_on": date(2026, 2, 9),
        "faq": [
            (
                "Is one cup of coffee in the afternoon a problem?",
                "Caffeine stays in the body for many hours. If you sleep badly, try having your last "
                "caffeinated drink before midday for two weeks and see whether it helps.",
            ),
            (
                "Does alcohol help me sleep?",
                "It can make you drowsy, but many people find their sleep lighter and more broken later in the "
                "night after drinking.",
            ),
            (
                "Should I stay in bed longer to catch up?",
                "Usually not. Long hours awake in bed tend to keep insomnia going. Get up at the same time "
                "every day, even after a poor night.",
            ),
        ],
    },
    {
        "slug": "cbt-i",
        "name": "Cognitive behavioural therapy for insomnia (CBT-I)",
        "aliases": ["CBT-I", "CBT for insomnia", "Digital CBT-I"],
        "category": Therapy.Category.MIND_BODY,
        "safety": Safety.GENERALLY_SAFE,
        "summary": (
            "A structured talking and behavioural treatment, over several weeks, that changes the habits and "
            "thoughts that keep insomnia going."
        ),
        "what_it_is": md("""
            CBT-I is a structured treatment, usually over several weekly sessions, delivered by a trained
            therapist or sleep clinician, in a group, or through a guided digital programme. It combines:

            - **sleep restriction**: matching time in bed to the time you actually sleep, then widening it;
            - **stimulus control**: using the bed for sleep, and getting up when you cannot sleep;
            - **cognitive therapy**: working on worries and beliefs about sleep;
            - relaxation and sleep hygiene.

            A sleep diary guides each step.
            """),
        "how_it_works": md("""
            CBT-I builds natural sleep pressure, steadies the body clock, and breaks the link between bed and
            wakeful worry. The changes are learned skills, so people can use them again if insomnia returns.
            """),
        "why_it_matters": md("""
            CBT-I is the first treatment recommended for adults with chronic insomnia, ahead of sleeping
            tablets [@qaseem2016; @edinger2021]. In trials it helped people fall asleep faster and spend
            less time awake at night, with no adverse outcomes reported [@trauer2015].
            """),
        "considerations_and_safety": md("""
            CBT-I is generally safe. In the first week or two of sleep restriction most people feel sleepier
            during the day, so take care with driving and machinery. If you have bipolar disorder, epilepsy,
            or untreated sleep apnoea, CBT-I should be adapted under medical supervision because sleep loss
            can be risky.
            """),
        "common_side_effects": md("""
            - Daytime sleepiness and tiredness early in treatment.
            - Sleep may feel worse for a short time before it improves.
            """),
        "contraindications": md("""
            - Sleep restriction needs medical supervision in bipolar disorder, seizure disorders, and jobs
              where sleepiness is dangerous.
            - Untreated sleep apnoea should be treated first or at the same time.
            """),
        "reviewer": "cole",
        "reviewed_on": date(2026, 2, 16),
        "faq": [
            (
                "Is CBT-I just sleep hygiene?",
                "No. Sleep hygiene is one small part. The core of CBT-I is sleep restriction, stimulus control "
                "and cognitive work; sleep hygiene education alone was clearly less effective than CBT-I "
                "[@chung2018].",
            ),
            (
                "Can I do CBT-I online?",
                "Yes. Guided digital programmes exist, and some health services offer them for free. Ask your "
                "doctor which are available and trustworthy where you live.",
            ),
            (
                "Can I do CBT-I while taking sleeping tablets?",
                "Often yes. If you want to take fewer tablets, plan any reduction with your doctor; do not stop "
                "suddenly.",
            ),
        ],
    },
    {
        "slug": "pneumatic-compression",
        "name": "Pneumatic compression",
        "aliases": ["Sequential compression device", "Intermittent pneumatic compression"],
        "category": Therapy.Category.DEVICE,
        "safety": Safety.GENERALLY_SAFE,
        "summary": "Inflatable sleeves around the legs that squeeze and release in turn, worn for about an hour a day.",
        "what_it_is": md("""
            A pneumatic compression device has sleeves that wrap around the calves (or legs) and an air pump
            that inflates them in sequence, squeezing and releasing. Hospitals use such devices to prevent
            blood clots; for restless legs they are worn at home, usually in the evening.
            """),
        "how_it_works": md("""
            The rhythmic squeezing may act on the sensory nerves of the legs in a way that resembles movement,
            and it improves blood flow in the veins. Why it eases restless legs is not known.
            """),
        "why_it_matters": md("""
            For people who cannot take, or do not want, more medicines, a device is an option with a
            sham-controlled trial behind it [@lettieri2009], and the American Academy of Neurology rated it
            Level B [@winkelman2016].
            """),
        "considerations_and_safety": md("""
            Generally safe when prescribed and fitted correctly. The sleeves should feel snug during
            inflation, never painful or numbing. Check your skin after use.
            """),
        "common_side_effects": md("""
            - Warmth, sweating or skin irritation under the sleeves.
            - Noise from the pump, which some people find disturbs sleep.
            """),
        "contraindications": md("""
            - A known or suspected blood clot in the leg.
            - Poor circulation in the arteries of the legs, or severe heart failure with swollen legs.
            - Leg ulcers, infection, or fragile skin where the sleeves sit.
            """),
        "reviewer": "lindqvist",
        "reviewed_on": date(2026, 3, 2),
        "faq": [
            (
                "When should I wear it?",
                "In the trial people wore it for at least an hour a day [@lettieri2009]; many choose the "
                "evening, before their symptoms usually start.",
            ),
            (
                "Do I need a prescription?",
                "In many countries, yes, and insurers may cover it for restless legs. A clinician should check "
                "first that the device is safe for your circulation.",
            ),
        ],
    },
    {
        "slug": "foot-reflexology",
        "name": "Foot reflexology",
        "aliases": ["Reflexology", "Reflexology massage"],
        "category": Therapy.Category.BODYWORK,
        "safety": Safety.GENERALLY_SAFE,
        "status": Status.DRAFT,
        "summary": "Pressure and massage on areas of the feet, given by a trained reflexologist or nurse.",
        "what_it_is": md("""
            Reflexology is a form of foot massage in which the therapist presses specific areas of the soles
            and sides of the feet. Reflexologists describe these areas as linked to organs elsewhere in the
            body.
            """),
        "how_it_works": md("""
            There is no good evidence for a map linking areas of the feet to organs. Any benefit more likely
            comes from touch, pressure and relaxation, as with other kinds of massage.
            """),
        "why_it_matters": md("""
            Reflexology is offered in some dialysis units and is popular as a relaxing treatment. Trials in
            people on dialysis have tested it for restless legs [@shahgholian; @ghanbari].
            """),
        "considerations_and_safety": md("""
            Generally safe. People with diabetes, reduced feeling in the feet or poor circulation should ask
            for gentle pressure and check their feet afterwards.
            """),
        "common_side_effects": md("""
            - Tender feet for a short while.
            - Light-headedness or tiredness after a session.
            """),
        "contraindications": md("""
            - Foot ulcers, infections, wounds or a recent foot injury.
            - A suspected blood clot in the leg.
            """),
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
        "faq": [
            (
                "Can reflexology diagnose illness?",
                "No. It cannot detect or diagnose disease; see a doctor about any new or worrying symptom.",
            ),
            (
                "Is it different from a foot massage?",
                "It uses more focused pressure on particular areas, but it is best understood as a kind of "
                "foot massage.",
            ),
        ],
    },
]
