"""Demo therapy-for-condition pages: protocol, points, graded evidence and warnings.

Every grade is an editor's judgement that follows from what the checked list
records of the studies each page cites (its `finding` column); `downgrades` names
the GRADE domains the certainty was lowered for, and `therapies.evidence.
grading_problems` holds the limits the grades keep to (tested on every page).
`studies_count` and `participants_count` count studies in people with the page's
condition only: a review across several conditions is described in the summary,
never counted. A page whose cited studies cannot carry a grade is
`EvidenceBasis.INSUFFICIENT` ("not enough checked evidence"). Pages exist only for
pairs that the reference list has studies for.
"""

from __future__ import annotations

from datetime import date

from therapies.demo_data import md
from therapies.evidence import Certainty, Direction, EffectSize, EvidenceBasis
from therapies.models import Status

RISK_OF_BIAS = "risk_of_bias"
INCONSISTENCY = "inconsistency"
INDIRECTNESS = "indirectness"
IMPRECISION = "imprecision"
PUBLICATION_BIAS = "publication_bias"

_NO_STOPPING = (
    "Keep taking the medicines your doctor prescribed; do not stop or change them without talking to your doctor."
)
_CLOT_WARNING = (
    "A calf that is suddenly swollen, red, warm and painful may be a blood clot: do not massage or press it, "
    "and get medical care the same day."
)

RLS_PAGES = [
    {
        "therapy": "acupuncture",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "Small trials suggest acupuncture might ease RLS symptoms and sleep, but the evidence is very "
            "uncertain; at most it is an add-on to standard care."
        ),
        "why_it_may_work": md("""
            Why acupuncture would help restless legs is not known. Needling stimulates sensory nerves in the
            legs and might change how the spinal cord and brain handle the uncomfortable sensations and the
            urge to move. One trial also measured higher blood serotonin levels after a specific acupuncture
            method [@guan2024], but a change in a blood marker does not show how, or whether, symptoms
            improve.

            In traditional Chinese medicine, restless legs are often described as a lack of nourishing blood
            and a poor flow in the channels of the legs, which guides the choice of points.
            """),
        "how_it_is_used": md("""
            In the trials, acupuncture was usually given two or three times a week for about a month, often
            together with medicine. In one trial, people had 10 acupuncture sessions over 4 weeks on top of
            gabapentin 300 mg a day [@raissi2017].

            The practitioner chooses the points. Points often used for restless legs lie on the lower legs and
            feet, such as ST36, SP6, GB41, BL60, KI3 and LR3, usually on both legs.
            """),
        "evidence_summary": md("""
            - A 2008 Cochrane review found only 2 trials (170 people) good enough to include, and judged the
              evidence insufficient to say whether acupuncture works, or is safe, for RLS. One of the trials
              found that adding dermal needling eased leg discomfort [@cui2008].
            - A 2021 meta-analysis pooled 18 studies (640 people treated with acupuncture, 447 controls).
              Treatment was rated "ineffective" in about 5% of people with acupuncture against about 33%
              without, and IRLS scores fell by roughly 9 points after acupuncture [@huang2021]. The studies
              were small, most came from China, their methods leave a high risk of bias, and "response
              rates" are a crude outcome.
            - A 2023 review of 6 randomised trials found that all of them reported better response, sleep
              quality and quality of life with acupuncture [@chae2023]. When every small trial is positive,
              negative trials may have gone unpublished.
            - In a trial of 46 people, gabapentin alone and gabapentin plus acupuncture both improved symptoms
              (VAS and IRLS); only the combination improved sleep quality (PSQI), and the benefit was still
              there at 8 weeks [@raissi2017].
            - A trial of 66 people compared two ways of giving acupuncture, not acupuncture with no
              acupuncture [@guan2024], so it cannot show whether acupuncture itself helps.

            **Our grade: very low certainty**, pointing towards benefit. We downgraded for risk of bias,
            imprecision and possible publication bias. Larger trials with sham acupuncture could change this
            picture in either direction.
            """),
        "specific_warnings": md(f"""
            - Acupuncture does not replace checking your iron levels. {_NO_STOPPING}
            - On dialysis: no needles in the arm with the fistula or graft.
            - With diabetes or reduced feeling in the feet, needling the feet needs extra care to avoid
              infection.
            - In pregnancy, some of the usual points (including SP6 and BL60) are traditionally avoided; tell
              the practitioner.
            """),
        "sessions_per_week": (2, 3),
        "total_sessions": 10,
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, IMPRECISION, PUBLICATION_BIAS),
        "studies_count": 18,
        "participants_count": 1087,
        "points": [
            ("ST36", "both legs"),
            ("SP6", "both legs"),
            ("GB41", "both feet"),
            ("BL60", "both ankles"),
            ("KI3", "both ankles"),
            ("LR3", "both feet"),
        ],
        "reviewer": "lindqvist",
        "reviewed_on": date(2026, 3, 2),
    },
    {
        "therapy": "acupressure",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "In a small trial in people on dialysis, leg acupressure lowered RLS severity but did not improve "
            "sleep; the evidence is very uncertain."
        ),
        "why_it_may_work": md("""
            Why acupressure might help restless legs is not known. Acupressure presses the points that
            acupuncture needles; one idea is that firm pressure stimulates nerves in the skin and muscles and
            so quietens the uncomfortable feelings for a while, as moving the legs does. The attention and
            calm of a session may also play a part. Whether the exact points matter is not known either.
            """),
        "how_it_is_used": md("""
            In the trial, leg acupressure was given three times a week during dialysis sessions for 4 weeks
            [@tsai2022].

            At home, you or a partner can press points such as ST36, SP6 and KI3 on both legs with steady,
            comfortable pressure for a minute or two each, for example in the early evening before symptoms
            usually start. Ask a practitioner to show you the points first.

            **If you are or may be pregnant, leave out SP6:** it is traditionally avoided in pregnancy. RLS
            is common in late pregnancy; talk to your midwife or doctor before trying acupressure.
            """),
        "evidence_summary": md("""
            - In a crossover pilot trial of 23 people on haemodialysis, 4 weeks of leg acupressure three times
              a week lowered RLS severity, but sleep quality (PSQI) did not improve [@tsai2022].
            - A 2025 meta-analysis of 12 studies in people on haemodialysis found, in subgroup analyses, that
              both massage and acupressure reduced RLS severity [@doner2025]. Subgroups made of a few small
              trials give fragile results.

            **Our grade: very low certainty**, pointing towards benefit. We downgraded for risk of bias,
            imprecision, and indirectness: all the studies were in people on dialysis, whose RLS may differ
            from RLS without kidney disease.
            """),
        "specific_warnings": md(f"""
            - Do not press on the arm with a dialysis fistula or graft, on broken skin, varicose veins or
              swollen areas.
            - {_CLOT_WARNING}
            - Stop if pressing causes pain, numbness or bruising.
            """),
        "sessions_per_week": (3, 3),
        "total_sessions": 12,
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, INDIRECTNESS, IMPRECISION),
        "studies_count": 1,
        "participants_count": 23,
        "points": [
            ("ST36", "both legs; steady pressure for 1–2 minutes"),
            ("SP6", "both legs"),
            ("KI3", "both ankles"),
        ],
        "reviewer": "lin",
        "reviewed_on": date(2026, 3, 9),
    },
    {
        "therapy": "massage",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "In people on haemodialysis, leg massage lowered RLS scores in small unblinded trials, but not more "
            "than sham touch a month later. The evidence is very uncertain."
        ),
        "why_it_may_work": md("""
            Why massage might help restless legs is not known. One idea is that stimulating touch and
            pressure receptors in the skin and muscles dampens the uncomfortable feelings for a while, much
            as moving the legs does; massage is also relaxing, and relaxation before bed might help sleep.
            None of this has been shown for RLS.
            """),
        "how_it_is_used": md("""
            Trials in dialysis units used leg massage, often Swedish massage and sometimes with lavender oil,
            several times a week for about 4 weeks. At home, a partner can give a gentle to firm massage of
            the calves and thighs in the evening, or a massage therapist can teach self-massage.
            """),
        "evidence_summary": md("""
            - A 2022 meta-analysis of 5 randomised trials (369 people on haemodialysis) found RLS scores about
              12 points lower with massage than with routine care; massage with lavender oil also lowered
              scores [@xia2022].
            - A 2025 meta-analysis of 12 studies found, in subgroup analyses, that massage reduced RLS
              severity in people on haemodialysis [@doner2025].
            - In a trial of 90 people, the only one with a sham comparison (sham touch), foot reflexology gave
              better RLS and sleep scores right after 4 weeks of treatment than Swedish massage or sham touch,
              and no group kept a significant gain one month after treatment ended [@ghanbari].

            **Our grade: very low certainty.** We rated down three times: for risk of bias, because the
            pooled trials compared massage with routine care and nobody was blinded, which tends to overstate
            effects; for inconsistency, because the one trial with a sham comparison did not find a lasting
            gain over sham touch; and for indirectness, because only people on dialysis were studied, whose
            RLS may differ from RLS without kidney disease. With evidence this uncertain we do not state a
            size for the effect: the 12-point difference against routine care may be much larger than any
            real benefit.
            """),
        "specific_warnings": md(f"""
            - {_CLOT_WARNING}
            - No massage over the arm with a dialysis fistula or graft, or over broken or fragile skin.
            - Essential oils such as lavender can irritate the skin or cause allergies; test a small area
              first.
            """),
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, INCONSISTENCY, INDIRECTNESS),
        "studies_count": 5,
        "participants_count": 369,
        "reviewer": "lindqvist",
        "reviewed_on": date(2026, 3, 2),
    },
    {
        "therapy": "yoga-and-stretching",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "Small trials of gentle yoga, and one of leg stretching in people on dialysis, found less severe RLS "
            "symptoms; the evidence is very uncertain."
        ),
        "why_it_may_work": md("""
            Why yoga or stretching might help restless legs is not known. Yoga combines gentle stretches of
            the legs and hips with slow breathing and relaxation. One idea is that stretching eases the urge
            to move for a while, and that relaxation lowers the stress and arousal that can make symptoms and
            sleep worse; yoga is also a form of regular activity. These are hypotheses, not findings.
            """),
        "how_it_is_used": md("""
            In the yoga studies, people attended gentle yoga classes for 8 to 12 weeks and practised at home
            between classes; in a small study, those who practised more at home had larger drops in severity
            [@innes2013]. The protocol of a pilot trial comparing 12 weeks of Iyengar yoga with an educational
            film programme in 44 adults with moderate to severe RLS was published in advance [@selfe2019]. In
            people on dialysis, stretching exercises were done three times a week for 4 weeks [@shahgholian].

            Look for a teacher used to working with beginners and health conditions, and try a calm routine
            in the evening, before symptoms usually start.
            """),
        "evidence_summary": md("""
            - In a randomised trial of 41 adults, yoga reduced RLS symptoms and severity and improved stress
              and mood more than an educational film programme; 77% of those who completed the yoga course
              reached minimal or mild severity [@innes2020].
            - In 20 older women with RLS, within a larger trial, 8 weeks of gentle yoga improved sleep quality,
              mood, perceived stress and blood pressure more than educational films [@innes2012].
            - In a pilot without a comparison group, 10 of 13 women completed 8 weeks of gentle yoga and their
              RLS severity fell sharply [@innes2013]; without a comparison group, part of that fall may be due
              to expectation or to symptoms varying naturally.
            - In 90 people on haemodialysis, stretching exercises reduced RLS severity compared with no
              treatment, about as much as foot reflexology [@shahgholian].

            **Our grade: very low certainty.** We rated down for risk of bias (participants knew which
            treatment they had, and the single-group pilot lost 3 of its 13 women), for imprecision (the
            yoga trials are small and come from one research group) and for indirectness (the stretching
            evidence comes only from people on dialysis, whose RLS may differ from RLS without kidney
            disease). With evidence this uncertain we do not state a size for the effect.
            """),
        "specific_warnings": md("""
            - Skip or adapt any posture that causes pain, and avoid deep inversions if you have glaucoma,
              uncontrolled high blood pressure or neck problems.
            - On dialysis, do stretching exercises as taught by the dialysis team, and protect the arm with the
              fistula or graft.
            """),
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, INDIRECTNESS, IMPRECISION),
        "studies_count": 3,
        "participants_count": 151,
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
    {
        "therapy": "exercise",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "One small trial, in which almost half the people dropped out, found that 12 weeks of exercise eased "
            "RLS symptoms. The evidence is very uncertain."
        ),
        "why_it_may_work": md("""
            Why regular exercise might help restless legs is not known. Moving eases RLS in the moment; one
            idea is that regular exercise also changes how the nervous system controls the legs, or that it
            helps through better sleep. Whatever it does for RLS, exercise is good for the heart, mood and
            weight.
            """),
        "how_it_is_used": md("""
            In the trial, adults trained three days a week for 12 weeks, combining aerobic exercise with
            lower-body resistance exercises [@aukerman2006]. Start gently and build up. Some people find that
            hard exercise late in the evening makes their symptoms worse, so notice what timing suits you.
            """),
        "evidence_summary": md("""
            - 41 adults were randomised and 23 completed the study. After 12 weeks of exercise three days a
              week, IRLS and ordinal severity scores improved significantly more than in the control group
              [@aukerman2006].

            **Our grade: very low certainty.** This is one small trial without blinding in which 18 of the
            41 people (44%) did not complete the study, so we rated down for risk of bias; with a single
            trial this small we also rated down for imprecision. We do not state a size for the effect.
            """),
        "specific_warnings": md("""
            - If you have heart or lung disease, or have been inactive for a long time, ask your clinician
              before starting.
            - Chest pain, fainting or severe breathlessness during exercise: stop and see a doctor.
            """),
        "sessions_per_week": (3, 3),
        "total_sessions": 36,
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, IMPRECISION),
        "studies_count": 1,
        "participants_count": 41,
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
    {
        "therapy": "iron-supplementation",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "For people with RLS and low iron stores, iron probably eases symptoms. It should follow a blood "
            "test and a doctor's advice."
        ),
        "why_it_may_work": md("""
            Iron is needed to make dopamine and for the normal working of the brain circuits involved in RLS.
            In many people with RLS, iron in parts of the brain is thought to be low even when blood tests look
            normal. Refilling iron stores may help these circuits work better.
            """),
        "how_it_is_used": md("""
            A doctor first measures ferritin and transferrin saturation. The 2024 AASM guideline advises
            iron when ferritin is 75 ng/mL or lower or transferrin saturation is below 20% [@winkelman2024].

            Iron is taken as tablets or, when tablets are not enough or not tolerated, given as an infusion.
            An international task force judged intravenous ferric carboxymaltose (1000 mg) effective for
            moderate to severe RLS when ferritin is below 300 µg/L, and oral iron possibly effective when
            ferritin is 75 µg/L or lower; evidence in children was insufficient [@allen2018]. Levels are
            checked again after some weeks or months.
            """),
        "evidence_summary": md("""
            - A Cochrane review of 10 trials (428 participants) found that iron lowered IRLS scores by about
              3.8 points more than placebo, with moderate certainty; one small trial found iron about as
              effective as pramipexole [@trotti2019].
            - Guidelines support iron when stores are low: the American Academy of Neurology gave intravenous
              ferric carboxymaltose a Level B rating [@winkelman2016], the 2012 AASM update listed iron as an
              option for people with low ferritin [@aurora2012], and international guidance on augmentation
              advises correcting low iron stores [@garciaborreguero2016].

            **Our grade: moderate certainty** that iron probably helps people with RLS whose iron stores are
            low, with a small average effect. We downgraded once for imprecision: the trials were few and
            small. The grade does not apply to people whose iron stores are already high.
            """),
        "specific_warnings": md("""
            - Do not take iron for RLS without a blood test. Too much iron is harmful, and people with
              haemochromatosis must not take it.
            - Intravenous iron is given in a clinic that can treat allergic reactions.
            - Keep iron tablets away from children.
            - Tea, coffee, calcium and antacids reduce absorption of iron tablets, and iron can reduce the
              absorption of some medicines; ask your pharmacist about timing.
            """),
        "certainty": Certainty.MODERATE,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.SMALL,
        "downgrades": (IMPRECISION,),
        "studies_count": 10,
        "participants_count": 428,
        "reviewer": "lindqvist",
        "reviewed_on": date(2026, 3, 2),
    },
    {
        "therapy": "pneumatic-compression",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "Wearing a sequential compression device on the legs for an hour a day improved RLS in a small "
            "sham-controlled trial. Low-certainty evidence."
        ),
        "why_it_may_work": md("""
            The sleeves squeeze and release the legs in turn. This may act on the sensory nerves in a way that
            resembles movement, and it improves blood flow in the veins. Why it eases RLS is not known.
            """),
        "how_it_is_used": md("""
            In the trial, people wore the device for at least 1 hour a day for a month [@lettieri2009],
            usually in the evening before symptoms start. A clinician prescribes the device and checks that it
            is safe for your circulation.
            """),
        "evidence_summary": md("""
            - In a randomised trial of 35 adults, a real device worn for at least an hour a day for a month
              improved severity, quality of life, sleepiness and fatigue compared with a sham device; about a
              third had complete relief, against none with the sham [@lettieri2009].
            - In an uncontrolled pilot study, 9 of 10 adults tolerated wearing the device each evening for 1–3
              months; 3 had complete resolution, and the group's average severity fell from 24 to 8 out of 40
              [@eliasson2007].
            - The American Academy of Neurology rated pneumatic compression Level B [@winkelman2016].

            **Our grade: low certainty** that it may help, with a moderate effect. The sham-controlled trial
            is encouraging but small, so we downgraded by two levels for imprecision.
            """),
        "specific_warnings": md("""
            - Not for people with a known or suspected blood clot in the leg, poor arterial circulation in the
              legs, or severe heart failure with swollen legs.
            - Stop and ask your clinician if the sleeves cause pain, numbness, or skin damage.
            """),
        "sessions_per_week": (7, 7),
        "minutes_per_session": 60,
        "certainty": Certainty.LOW,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.MODERATE,
        "downgrades": (IMPRECISION,),
        "studies_count": 1,
        "participants_count": 35,
        "reviewer": "lindqvist",
        "reviewed_on": date(2026, 3, 2),
    },
    {
        "therapy": "foot-reflexology",
        "condition": "restless-legs-syndrome",
        "excerpt": (
            "Foot reflexology reduced RLS severity in small trials of people on dialysis, but the gain did not "
            "last a month after treatment ended. Very uncertain evidence."
        ),
        "why_it_may_work": md("""
            Reflexologists describe areas of the feet as linked to organs, but there is no good evidence for
            such a map. Any benefit more likely comes from touch, pressure and relaxation, as with massage.
            """),
        "how_it_is_used": md("""
            In the trials, trained nurses or therapists gave foot reflexology in the dialysis unit for 4 weeks;
            in one of them, three times a week [@shahgholian].
            """),
        "evidence_summary": md("""
            - 90 people on haemodialysis were randomised to foot reflexology, stretching or no treatment; both
              active groups had less severe RLS than the control group, with no difference between them
              [@shahgholian].
            - In another trial of 90 people, reflexology gave the best RLS and sleep scores right after 4 weeks
              of treatment, compared with Swedish massage and sham touch, but no group kept a significant gain
              one month later [@ghanbari].

            **Our grade: very low certainty.** We downgraded for risk of bias, indirectness (only people on
            dialysis) and imprecision (two small trials, with effects that faded).
            """),
        "specific_warnings": md(f"""
            - With diabetes, reduced feeling in the feet or poor circulation, ask for gentle pressure and check
              your feet afterwards.
            - {_CLOT_WARNING}
            """),
        "sessions_per_week": (3, 3),
        "total_sessions": 12,
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, INDIRECTNESS, IMPRECISION),
        "studies_count": 2,
        "participants_count": 180,
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
]

INSOMNIA_PAGES = [
    {
        "therapy": "acupuncture",
        "condition": "insomnia",
        "excerpt": (
            "Many small trials report better sleep with acupuncture, but they are at high risk of bias; the "
            "evidence is very uncertain."
        ),
        "why_it_may_work": md("""
            Why acupuncture might help sleep is not known. Suggested explanations include effects on the
            body's stress response and on brain chemicals involved in sleep, but these come mainly from
            laboratory research and have not been confirmed in people. A calm, regular appointment might
            help in its own right.
            """),
        "how_it_is_used": md("""
            Courses usually run for several weeks, with one to three sessions a week. Points often used for
            sleep include HT7 at the wrist, PC6 on the forearm, SP6 on the lower leg, Yintang between the
            eyebrows and GV20 on the top of the head.
            """),
        "evidence_summary": md("""
            - A Cochrane review of 33 randomised trials (2,293 participants) found all of them at high risk of
              bias and very different from each other, so no reliable conclusion could be drawn about whether
              acupuncture works, or is safe, for insomnia [@cheuk2012].
            - An earlier meta-analysis of 46 trials (3,811 patients) found acupuncture better than no treatment
              in a small subset of trials, and that adding acupuncture to sleeping medicine lengthened sleep;
              no serious adverse effects were reported [@cao2009].

            **Our grade: very low certainty.** We downgraded for risk of bias and inconsistency. Cognitive
            behavioural therapy for insomnia remains the recommended first treatment for chronic insomnia
            [@qaseem2016].
            """),
        "specific_warnings": md("""
            - If poor sleep comes with loud snoring or pauses in breathing, low mood, or an urge to move the
              legs, see a doctor: acupuncture does not treat these causes.
            - Do not stop sleeping tablets suddenly; plan any change with your doctor.
            """),
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, INCONSISTENCY),
        "studies_count": 33,
        "participants_count": 2293,
        "points": [
            ("HT7", "both wrists"),
            ("PC6", "both forearms"),
            ("SP6", "both legs"),
            ("EX-HN3", "between the eyebrows"),
            ("GV20", "top of the head"),
        ],
        "reviewer": "okafor",
        "reviewed_on": date(2026, 2, 9),
    },
    {
        "therapy": "acupressure",
        "condition": "insomnia",
        "status": Status.DRAFT,
        "excerpt": (
            "Pressing points such as HT7 may help sleep a little according to small trials, but the evidence "
            "is very uncertain."
        ),
        "why_it_may_work": md("""
            Gentle, steady pressure and a quiet routine before bed may help the body settle. Whether the
            particular points matter is not known.
            """),
        "how_it_is_used": md("""
            Self-acupressure is easy to learn: in the hour before bed, press HT7 at the wrist crease and PC6
            on the forearm, on each side, and Yintang between the eyebrows, for a minute or two each, with
            slow breathing.
            """),
        "evidence_summary": md("""
            - In a meta-analysis of 46 trials, real acupressure did better than sham acupressure on the
              Pittsburgh Sleep Quality Index in a small subset of trials [@cao2009].
            - A 2025 meta-analysis of 42 trials (4,245 adults) found that acupressure did better than sleep
              hygiene education; most of the trials had a high risk of bias [@ruan2025].

            **Our grade: very low certainty.** We downgraded for risk of bias and imprecision.
            """),
        "specific_warnings": md("""
            - Do not press on broken or irritated skin.
            - If insomnia lasts more than a few weeks, ask about cognitive behavioural therapy for insomnia.
            """),
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, IMPRECISION),
        "points": [
            ("HT7", "both wrists"),
            ("PC6", "both forearms"),
            ("EX-HN3", "gentle pressure"),
        ],
        "reviewer": "lin",
        "reviewed_on": date(2026, 3, 9),
    },
    {
        "therapy": "cbt-i",
        "condition": "insomnia",
        "excerpt": (
            "CBT-I is the recommended first treatment for chronic insomnia in adults; it probably helps people "
            "fall asleep faster and spend less time awake at night."
        ),
        "why_it_may_work": md("""
            CBT-I works on what keeps insomnia going: long hours awake in bed, irregular sleep times, and worry
            about sleep. Limiting time in bed builds natural sleep pressure, getting up when you cannot sleep
            re-links the bed with sleeping, and cognitive techniques loosen anxious thoughts about sleep.
            """),
        "how_it_is_used": md("""
            CBT-I is usually given over several weekly sessions by a trained therapist or sleep clinician, in
            person, in a group or through a guided digital programme. It combines sleep restriction, stimulus
            control, cognitive therapy, relaxation and sleep hygiene, guided by a sleep diary. Expect sleep to
            feel worse for the first week or two of sleep restriction before it improves.
            """),
        "evidence_summary": md("""
            - A meta-analysis of 20 randomised trials (1,162 adults) of face-to-face CBT-I found that people
              fell asleep about 19 minutes faster, spent about 26 minutes less awake during the night, and
              their sleep efficiency rose by about 10%; no adverse outcomes were reported [@trauer2015].
            - The American College of Physicians strongly recommends CBT-I as the first treatment for all
              adults with chronic insomnia, with medicines considered only when CBT-I alone has not worked
              [@qaseem2016].
            - The American Academy of Sleep Medicine strongly recommends multicomponent CBT-I, and
              conditionally recommends brief behavioural therapy, stimulus control and sleep restriction used
              alone [@edinger2021].
            - Sleep hygiene education alone was clearly less effective than CBT-I [@chung2018].

            **Our grade: moderate certainty** that CBT-I probably helps, with a moderate effect. We
            downgraded once for risk of bias, because neither participants nor therapists can be blinded.
            """),
        "specific_warnings": md("""
            - Sleep restriction makes you sleepier at first: take care with driving and machinery.
            - With bipolar disorder, epilepsy, or untreated sleep apnoea, CBT-I should be adapted under medical
              supervision.
            """),
        "certainty": Certainty.MODERATE,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.MODERATE,
        "downgrades": (RISK_OF_BIAS,),
        "studies_count": 20,
        "participants_count": 1162,
        "reviewer": "cole",
        "reviewed_on": date(2026, 2, 16),
    },
    {
        "therapy": "sleep-hygiene",
        "condition": "insomnia",
        "excerpt": (
            "Sleep hygiene advice works less well than CBT-I; whether it helps chronic insomnia on its own is "
            "very uncertain."
        ),
        "why_it_may_work": md("""
            Whether sleep hygiene on its own helps chronic insomnia is not known. The idea is that caffeine,
            alcohol, late heavy meals, light, noise and irregular sleep times can make sleep lighter or
            later, so removing them takes obstacles away. It does not address the worry and wakefulness in
            bed that keep chronic insomnia going.
            """),
        "how_it_is_used": md("""
            - Get up at the same time every day, including weekends.
            - Have your last caffeinated drink before midday; do not use alcohol to get to sleep.
            - Keep the bedroom dark, quiet and cool, and the hour before bed calm.
            - Get daylight and some activity during the day.
            """),
        "evidence_summary": md("""
            - A meta-analysis of 15 studies found that sleep hygiene education gave small to medium
              improvements but was clearly less effective than CBT-I; none of the studies compared it with a
              sham or with no treatment [@chung2018].
            - A 2025 meta-analysis compared many insomnia treatments across 42 trials (4,245 adults in all,
              most of whom had other treatments than sleep hygiene). With sleep hygiene education the Insomnia
              Severity Index improved by about 3.4 points from the start, but it did worse than full or
              partial CBT-I, exercise and acupressure; most trials had a high risk of bias [@ruan2025]. Those
              42 trials are evidence about insomnia treatments in general, so we do not count them as
              evidence for sleep hygiene.

            **Our grade: very low certainty.** No study we cite compared sleep hygiene with a sham or with no
            treatment: the only measure of its own effect is the change from the start in the people who
            received it, which is not a randomised comparison, and the rest compares it with other active
            treatments. We rated down for that indirectness and for risk of bias, and we do not state a size
            for the effect.
            """),
        "specific_warnings": md("""
            - If you have followed the advice for a few weeks and still sleep badly, ask about CBT-I rather than
              making the rules ever stricter.
            - Loud snoring, pauses in breathing or restless legs need a doctor's assessment.
            """),
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, INDIRECTNESS),
        "studies_count": 15,
        "reviewer": "okafor",
        "reviewed_on": date(2026, 2, 9),
    },
]

FIBROMYALGIA_PAGES = [
    {
        "therapy": "acupuncture",
        "condition": "fibromyalgia",
        "excerpt": (
            "Acupuncture did better than drug treatment in trials with design problems, but no better than "
            "sham acupuncture. Results are mixed."
        ),
        "why_it_may_work": md("""
            Whether acupuncture helps fibromyalgia, and why it might, is not known. One idea is that needling
            influences pain processing in the spinal cord and brain, which is thought to be over-sensitive in
            fibromyalgia. That real and sham acupuncture did about equally well in trials suggests that much
            of any effect comes from the treatment setting, attention and expectation.
            """),
        "how_it_is_used": md("""
            In a trial in the United States, acupuncture designed for fibromyalgia was given twice a week for
            12 weeks [@assefi2005]. Practitioners often combine general points such as LI4, LR3, ST36 and SP6
            with tender points near the painful areas; some add cupping.
            """),
        "evidence_summary": md("""
            - A Cochrane review included 9 trials (395 participants) [@deare2013]; its clearest finding, on
              electroacupuncture, is on the electroacupuncture page.
            - In a trial of 100 adults, 12 weeks of twice-weekly acupuncture did not reduce pain more than
              three sham procedures did; there were no serious adverse effects [@assefi2005].
            - A meta-analysis of 16 trials (1,081 participants, only 2 of the trials at low risk of bias) found
              that acupuncture, with or without cupping, did better than conventional medicines on pain or
              tender points, but no better than sham acupuncture [@cao2013].

            **Our grade: low certainty, mixed results.** Acupuncture may help compared with drug treatment in
            trials at high risk of bias, but it did not beat sham acupuncture. We downgraded for risk of bias
            and inconsistency.
            """),
        "specific_warnings": md(f"""
            - Some people with fibromyalgia are very sensitive to needling; ask for few, shallow needles at
              first.
            - {_NO_STOPPING}
            """),
        "sessions_per_week": (2, 2),
        "total_sessions": 24,
        "certainty": Certainty.LOW,
        "direction": Direction.MIXED,
        "downgrades": (RISK_OF_BIAS, INCONSISTENCY),
        "studies_count": 16,
        "participants_count": 1081,
        "points": [
            ("LI4", "both hands"),
            ("LR3", "both feet"),
            ("ST36", "both legs"),
            ("SP6", "both legs"),
        ],
        "reviewer": "bianchi",
        "reviewed_on": date(2026, 4, 14),
    },
    {
        "therapy": "electroacupuncture",
        "condition": "fibromyalgia",
        "excerpt": (
            "One very small trial suggests electroacupuncture may ease fibromyalgia symptoms for a month; the "
            "evidence is very uncertain."
        ),
        "why_it_may_work": md("""
            Why electroacupuncture might help fibromyalgia is not known. The electrical current gives a
            stronger and more even stimulus than manual needling, which laboratory research links to the
            release of the body's own pain-relieving chemicals; whether that explains any effect in people
            with fibromyalgia is unknown.
            """),
        "how_it_is_used": md("""
            After placing the needles, the practitioner connects pairs of them to a stimulator and raises the
            current until you feel a tingling or tapping that is strong but comfortable. Points often used
            include ST36 on the lower leg and LI4 on the hand.
            """),
        "evidence_summary": md("""
            - The Cochrane review of acupuncture for fibromyalgia found low-quality evidence, from a single
              small trial of 13 people, that electroacupuncture improved symptoms at one month, with no adverse
              events reported [@deare2013].

            **Our grade: very low certainty.** One trial of 13 people cannot tell us much; we downgraded for
            risk of bias and for serious imprecision.
            """),
        "specific_warnings": md("""
            - Not for people with a pacemaker, an implanted defibrillator or another implanted electronic
              device, or with epilepsy that is not well controlled.
            - Tell the practitioner at once if the stimulation becomes painful.
            """),
        "certainty": Certainty.VERY_LOW,
        "direction": Direction.BENEFIT,
        "downgrades": (RISK_OF_BIAS, IMPRECISION),
        "studies_count": 1,
        "participants_count": 13,
        "points": [
            ("ST36", "both legs, paired with the stimulator"),
            ("LI4", "both hands"),
        ],
        "reviewer": "lin",
        "reviewed_on": date(2026, 3, 9),
    },
    {
        "therapy": "exercise",
        "condition": "fibromyalgia",
        "excerpt": (
            "Regular aerobic exercise at light to moderate intensity may reduce fibromyalgia pain and tiredness "
            "a little. Low-certainty evidence."
        ),
        "why_it_may_work": md("""
            Why exercise might ease fibromyalgia is not known. Exercise improves fitness, sleep and mood, and
            one idea is that repeated, gradual activity calms an over-sensitive pain system. Starting low and
            building up slowly helps avoid flares.
            """),
        "how_it_is_used": md("""
            Walk, cycle, swim or exercise in warm water at light to moderate intensity, two to three times a
            week [@hauser2010]. If ten minutes is what you can manage, start there and build up over weeks;
            strength and flexibility exercises can be added. A physiotherapist can help you plan.
            """),
        "evidence_summary": md("""
            - A meta-analysis of 35 randomised trials (2,494 patients) found that aerobic exercise modestly
              reduced pain, tiredness and low mood and improved quality of life and fitness; exercise on land
              or in water at light to moderate intensity two to three times a week reduced pain [@hauser2010].
            - A later Cochrane review set out to compare aerobic training with usual care or a waiting list,
              with other aerobic programmes, and with treatments without exercise such as medicines or
              education [@bidonde2017]. We cite it for what it covers; our grade does not rest on it.

            **Our grade, outcome by outcome**, from the meta-analysis above:

            - **Pain: low certainty** of a small benefit.
            - **Tiredness (fatigue): low certainty** of a small benefit.
            - **Whether the benefit lasts after a programme ends: not enough checked evidence** to say.

            We rated down for risk of bias, because people know they are exercising and pain and tiredness
            are self-reported, and for inconsistency, because the trials tested very different programmes (on
            land and in water, at different intensities) and our checked record of the pooled analysis does
            not show how consistent their results were.
            """),
        "specific_warnings": md("""
            - Expect some soreness at first; a flare lasting several days means the last step up was too big.
            - With heart or lung disease, ask your clinician before starting.
            """),
        "sessions_per_week": (2, 3),
        "certainty": Certainty.LOW,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.SMALL,
        "downgrades": (RISK_OF_BIAS, INCONSISTENCY),
        "studies_count": 35,
        "participants_count": 2494,
        "reviewer": "bianchi",
        "reviewed_on": date(2026, 4, 14),
    },
]

LOW_BACK_PAIN_PAGES = [
    {
        "therapy": "acupuncture",
        "condition": "chronic-low-back-pain",
        "excerpt": (
            "Acupuncture probably eases chronic back pain a little more than sham acupuncture, and more than "
            "no acupuncture, in analyses across several kinds of chronic pain."
        ),
        "why_it_may_work": md("""
            How acupuncture eases back pain is not known for certain. One explanation is that needling
            stimulates nerves in the skin and muscles, which can change how the spinal cord and brain handle
            pain signals. The margin over sham acupuncture is small, so part of the effect probably comes from
            the treatment setting and expectation.
            """),
        "how_it_is_used": md("""
            A course usually runs over several weeks. Practitioners often use BL23 on the lower back and BL40
            behind the knee, together with tender points near the pain.
            """),
        "evidence_summary": md("""
            - An analysis of individual patients' data from 29 randomised trials in several kinds of chronic
              pain (17,922 patients in all, with back and neck pain, osteoarthritis or headache) found
              acupuncture better than sham by about 0.23 standard deviations for back and neck pain, and
              better than no acupuncture by about 0.55 standard deviations [@vickers2012].
            - The update, with 39 trials (20,827 patients in all) across chronic musculoskeletal pain,
              osteoarthritis, headache and shoulder pain, found effects of about 0.5 standard deviations
              against no acupuncture and about 0.2 against sham, and the benefit shrank by only about 15% over
              a year [@vickers2018].
            - Those totals cover all the chronic pain conditions together. Our checked record does not say how
              many of the trials or patients had low back pain, so we do not count them as this page's
              evidence.
            - In a trial of 262 adults with chronic back pain, massage did better than acupuncture on
              disability at 10 weeks and was still ahead at one year [@cherkin2001].

            **Our grade: moderate certainty** that acupuncture probably helps, with a small effect beyond
            sham. We downgraded for indirectness: the pooled analyses combine several chronic pain conditions.
            """),
        "specific_warnings": md("""
            - Back pain with numbness around the genitals or buttocks, bladder or bowel problems, or worsening
              leg weakness needs urgent medical care, not acupuncture.
            - Tell the practitioner if you take blood thinners.
            """),
        "certainty": Certainty.MODERATE,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.SMALL,
        "downgrades": (INDIRECTNESS,),
        # Not counted: the pooled analyses cover several chronic pain conditions (see the summary).
        "points": [
            ("BL23", "both sides of the lower back"),
            ("BL40", "behind both knees"),
        ],
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
    {
        "therapy": "massage",
        "condition": "chronic-low-back-pain",
        "excerpt": (
            "Massage may ease chronic back pain and improve function in the short term; the benefits are "
            "small and the evidence is low certainty."
        ),
        "why_it_may_work": md("""
            Why massage might ease back pain is not known. Suggested explanations are that it relaxes tense
            muscles, stimulates touch and pressure receptors that can dampen pain, and eases stress.
            Relaxation massage and firmer structural massage helped about equally in a large trial
            [@cherkin2011], which suggests that general effects matter more than particular techniques.
            """),
        "how_it_is_used": md("""
            In the largest trial, people had one massage a week for 10 weeks, either relaxation (Swedish)
            massage or structural massage aimed at particular muscles [@cherkin2011].
            """),
        "evidence_summary": md("""
            - In a trial of 401 adults, 10 weekly sessions of either kind of massage improved disability (by
              about 2.5–2.9 points on the Roland-Morris questionnaire) and how bothersome the pain was,
              compared with usual care, at 10 weeks; the gain in function with relaxation massage was small but
              still present at one year [@cherkin2011].
            - In a trial of 262 adults, massage did better than self-care education on symptoms and disability
              at 10 weeks, and better than acupuncture on disability; at one year, the massage group used the
              fewest medicines and had the lowest costs [@cherkin2001].
            - A Cochrane review of 25 trials (3,096 participants with acute, subacute or chronic back pain
              together) rated the evidence low to very low quality; in acute back pain, one trial showed
              short-term pain relief against an inactive control but no better function [@furlan2015]. As it
              mixes short-lived and long-lasting back pain, we do not count its trials as this page's evidence.
            - An overview of 9 systematic reviews of varying quality found the underlying trials mostly weak,
              with massage possibly effective compared with placebo [@kumar2013].

            **Our grade: low certainty** that massage may help, with a small effect. We downgraded for risk of
            bias and inconsistency.
            """),
        "specific_warnings": md(f"""
            - Ask for lighter pressure if you have osteoporosis, bruise easily or take blood thinners.
            - {_CLOT_WARNING}
            """),
        "sessions_per_week": (1, 1),
        "total_sessions": 10,
        "certainty": Certainty.LOW,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.SMALL,
        "downgrades": (RISK_OF_BIAS, INCONSISTENCY),
        # The two trials in chronic low back pain [@cherkin2011; @cherkin2001]; the Cochrane review mixes all durations.
        "studies_count": 2,
        "participants_count": 663,
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
    {
        "therapy": "yoga-and-stretching",
        "condition": "chronic-low-back-pain",
        "excerpt": (
            "Yoga has been tested for chronic back pain in more than twenty trials, but we have not yet checked "
            "their results closely enough to grade them."
        ),
        "why_it_may_work": md("""
            Whether yoga helps chronic back pain, and why it might, is not established on this page. Yoga
            combines stretching, strengthening and relaxation; the ideas are that it helps people move with
            less fear, builds strength around the spine, and eases the stress that often comes with
            long-lasting pain.
            """),
        "how_it_is_used": md("""
            Trials mostly used Iyengar, hatha or viniyoga, taught in classes adapted for back pain, often with
            practice at home. Choose a gentle class, tell the teacher about your back, and skip postures that
            hurt.
            """),
        "evidence_summary": md("""
            - A 2017 Cochrane review of 12 trials (1,080 participants) compared yoga with no specific
              treatment, a minimal intervention or another active therapy, and assessed the evidence with
              GRADE [@wieland2017].
            - The 2022 update included 21 trials (2,223 participants, mostly women in their 40s and 50s),
              comparing yoga with non-exercise controls, back-focused exercise or qigong [@wieland2022].

            **Not graded: not enough checked evidence.** Our checked record of these two reviews covers what
            they set out to compare, not what they found, so we cannot grade yoga for chronic low back pain
            from it. We would rather say so than guess; the grade will follow once the reviews' results are
            checked.
            """),
        "specific_warnings": md("""
            - Avoid deep forward bends and twists that bring on pain down the leg; tell the teacher if you have
              sciatica.
            - Back pain with numbness around the genitals or buttocks, bladder or bowel problems, or worsening
              leg weakness needs urgent medical care.
            """),
        "evidence_basis": EvidenceBasis.INSUFFICIENT,
        "reviewer": "herrera",
        "reviewed_on": date(2026, 5, 6),
    },
]

MIGRAINE_PAGES = [
    {
        "therapy": "acupuncture",
        "condition": "migraine",
        "excerpt": (
            "A course of acupuncture probably makes migraine attacks less frequent; the added benefit over "
            "sham acupuncture is small."
        ),
        "why_it_may_work": md("""
            Acupuncture may change how pain signals from the head are processed in the brainstem and brain,
            but the mechanism is not known. The small difference from sham acupuncture suggests that part of
            the benefit comes from the treatment itself as an experience: attention, routine and expectation.
            """),
        "how_it_is_used": md("""
            Acupuncture is used to prevent attacks, not to treat one in progress. In two large trials from
            China, people had 20 sessions over 4 weeks, five a week [@li2012; @zhao2017]; in a Czech trial,
            acupuncture was added to usual care and results were measured after 12 weeks [@musil2018].
            Points often include GB20 at the back of the neck, LI4 on the hand, LR3 on the foot and GV20 on the
            top of the head.
            """),
        "evidence_summary": md("""
            - A Cochrane review update covers 22 randomised trials, each lasting at least 8 weeks, comparing
              acupuncture with routine care only, sham acupuncture or preventive medicines [@linde2016]. We
              cite it for what it covers; our grade rests on the three trials below.
            - In a trial of 480 people given 20 sessions over 4 weeks, real acupuncture did not differ
              significantly from sham in weeks 5–8, but all three real-acupuncture groups had about one
              migraine day fewer than sham in weeks 13–16 [@li2012].
            - In a trial of 249 adults with migraine without aura, who had 20 sessions of true or sham
              acupuncture over 4 weeks or waited, with 24 weeks of follow-up, true acupuncture was linked with
              fewer migraine attacks over the long term [@zhao2017].
            - In 86 patients, migraine days fell by 5.5 with acupuncture added to care against 2.0 on a waiting
              list after 12 weeks; 50% against 27% responded after treatment, and 81% against 36% at 6 months
              [@musil2018].

            **Our grade: moderate certainty** that acupuncture probably helps prevent attacks, with a small
            effect compared with sham. We downgraded for inconsistency: in the largest trial, the short-term
            difference from sham was not significant.
            """),
        "specific_warnings": md(f"""
            - A sudden, very severe headache, or a headache with weakness, confusion, fever or a stiff neck,
              needs emergency care, not acupuncture.
            - {_NO_STOPPING}
            """),
        "sessions_per_week": (5, 5),
        "total_sessions": 20,
        "certainty": Certainty.MODERATE,
        "direction": Direction.BENEFIT,
        "effect_size": EffectSize.SMALL,
        "downgrades": (INCONSISTENCY,),
        # The three trials the grade rests on [@li2012; @zhao2017; @musil2018], not the review cited for its scope.
        "studies_count": 3,
        "participants_count": 815,
        "points": [
            ("GB20", "both sides of the neck"),
            ("LI4", "both hands"),
            ("LR3", "both feet"),
            ("GV20", "top of the head"),
        ],
        "reviewer": "weber",
        "reviewed_on": date(2026, 1, 20),
    },
]

THERAPY_CONDITIONS = RLS_PAGES + INSOMNIA_PAGES + FIBROMYALGIA_PAGES + LOW_BACK_PAIN_PAGES + MIGRAINE_PAGES
