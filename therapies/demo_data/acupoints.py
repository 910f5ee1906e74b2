"""Acupoints used on the demo pages: WHO code, pinyin, English name, meridian and where to find them.

A point traditionally avoided in pregnancy carries that caution in its own field, so that every page that shows
the point, above all one that teaches pressing it at home, shows the caution beside it.

Measurements use the body inch (cun): the width of the person's own thumb at
the knuckle; four finger-widths side by side make about 3 cun.
"""

from __future__ import annotations

ACUPOINTS = [
    {
        "code": "ST36",
        "pinyin": "Zusanli",
        "english_name": "Leg Three Miles",
        "meridian": "Stomach",
        "location": (
            "On the front of the lower leg, about four finger-widths (3 cun) below the hollow at the outer "
            "lower edge of the kneecap, one finger-width out from the front edge of the shin bone."
        ),
    },
    {
        "code": "SP6",
        "pinyin": "Sanyinjiao",
        "english_name": "Three Yin Intersection",
        "meridian": "Spleen",
        "location": (
            "On the inner side of the lower leg, about four finger-widths (3 cun) above the highest point of "
            "the inner ankle bone, just behind the back edge of the shin bone."
        ),
        "pregnancy_caution": (
            "Traditionally avoided in pregnancy: do not press or needle it if you are or may be pregnant, "
            "unless a practitioner experienced in pregnancy advises it."
        ),
    },
    {
        "code": "GB41",
        "pinyin": "Zulinqi",
        "english_name": "Foot Overlooking Tears",
        "meridian": "Gallbladder",
        "location": (
            "On the top of the foot, in the hollow just in front of the point where the bones leading to the "
            "fourth and fifth toes meet, on the little-toe side of the tendon that lifts the little toe."
        ),
    },
    {
        "code": "BL60",
        "pinyin": "Kunlun",
        "english_name": "Kunlun Mountains",
        "meridian": "Bladder",
        "location": (
            "On the outer side of the ankle, in the hollow halfway between the highest point of the outer "
            "ankle bone and the Achilles tendon."
        ),
        "pregnancy_caution": (
            "Traditionally avoided in pregnancy: do not press or needle it if you are or may be pregnant, "
            "unless a practitioner experienced in pregnancy advises it."
        ),
    },
    {
        "code": "KI3",
        "pinyin": "Taixi",
        "english_name": "Great Ravine",
        "meridian": "Kidney",
        "location": (
            "On the inner side of the ankle, in the hollow halfway between the highest point of the inner "
            "ankle bone and the Achilles tendon."
        ),
    },
    {
        "code": "LR3",
        "pinyin": "Taichong",
        "english_name": "Great Rushing",
        "meridian": "Liver",
        "location": (
            "On the top of the foot, in the hollow between the bones leading to the big toe and the second "
            "toe, just before the place where these bones meet."
        ),
    },
    {
        "code": "HT7",
        "pinyin": "Shenmen",
        "english_name": "Spirit Gate",
        "meridian": "Heart",
        "location": (
            "On the palm side of the wrist crease, at the little-finger end, in the small hollow just on the "
            "thumb side of the tendon that runs to the little-finger edge of the hand."
        ),
    },
    {
        "code": "PC6",
        "pinyin": "Neiguan",
        "english_name": "Inner Pass",
        "meridian": "Pericardium",
        "location": (
            "On the inside of the forearm, about three finger-widths (2 cun) above the main wrist crease, "
            "between the two tendons in the middle of the forearm."
        ),
    },
    {
        "code": "LI4",
        "pinyin": "Hegu",
        "english_name": "Union Valley",
        "meridian": "Large Intestine",
        "location": (
            "On the back of the hand, between the thumb and the index finger, beside the middle of the bone "
            "leading to the index finger, on its thumb side."
        ),
        "pregnancy_caution": (
            "Traditionally avoided in pregnancy: do not press or needle it if you are or may be pregnant, "
            "unless a practitioner experienced in pregnancy advises it."
        ),
    },
    {
        "code": "GB20",
        "pinyin": "Fengchi",
        "english_name": "Wind Pool",
        "meridian": "Gallbladder",
        "location": (
            "At the back of the neck, just below the base of the skull, in the hollow between the two large "
            "muscles that run down the side and the back of the neck."
        ),
    },
    {
        "code": "EX-HN3",
        "pinyin": "Yintang",
        "english_name": "Hall of Impression",
        "meridian": "Extra point of the head and neck (GV29 in newer charts)",
        "location": "On the forehead, midway between the inner ends of the eyebrows.",
    },
    {
        "code": "BL23",
        "pinyin": "Shenshu",
        "english_name": "Kidney Shu",
        "meridian": "Bladder",
        "location": (
            "On the lower back, about two finger-widths (1.5 cun) to each side of the spine, level with the "
            "lower edge of the bony bump of the second lumbar vertebra, roughly at waist height."
        ),
    },
    {
        "code": "BL40",
        "pinyin": "Weizhong",
        "english_name": "Bend Middle",
        "meridian": "Bladder",
        "location": "At the back of the knee, in the middle of the skin crease.",
    },
    {
        "code": "GV20",
        "pinyin": "Baihui",
        "english_name": "Hundred Convergences",
        "meridian": "Governing Vessel",
        "location": (
            "On the top of the head, on the midline, roughly where a line over the head from the top of one "
            "ear to the other crosses the midline."
        ),
    },
]
