"""Words for the synthetic benchmark discussions (`seed_demo --scale large`): short, readable, and plainly generated.

A post's body is one opening and one closing sentence, so there are a few dozen distinct bodies, each rendered once.
"""

from __future__ import annotations

SUBJECTS = [
    "evening stretches",
    "warm baths before bed",
    "walking after dinner",
    "iron levels and retests",
    "acupressure on the lower leg",
    "long journeys",
    "caffeine and evenings",
    "sleep diary results",
    "massage timing",
    "compression sleeves",
    "weekend wake-up times",
    "pacing on good days",
    "cool bedrooms",
    "questions for my next appointment",
    "yoga for beginners",
    "night shifts",
    "wind-down routines",
    "small wins this week",
    "acupuncture sessions",
    "explaining symptoms at work",
]

OPENINGS = [
    "Benchmark post: a short note about tonight.",
    "Generated for load testing: the evening went much like yesterday.",
    "Synthetic reply: I tried the same routine again.",
    "Benchmark post: legs restless after nine, calmer by midnight.",
    "Generated text: a walk after dinner, then an early night.",
    "Synthetic note: slept a little better than last week.",
    "Benchmark post: kept the diary going for another day.",
    "Generated for load testing: a warm bath an hour before bed.",
    "Synthetic reply: thanks for sharing, that sounds familiar.",
    "Benchmark post: a quiet evening, nothing new to report.",
    "Generated text: stretches done, tea made, lights out at eleven.",
    "Synthetic note: a restless night, but the morning was fine.",
]

CLOSINGS = [
    "No claims here, just a placeholder of realistic length.",
    "This text exists only to fill the page for a benchmark.",
    "It describes no real person and gives no advice.",
    "More of the same tomorrow, for the sake of the measurements.",
    "A second sentence, so the post is not too short to be realistic.",
    "The numbers in this thread are made up for testing.",
    "Nothing to see, apart from how fast the page loads.",
    "Written by a script, read by a stopwatch.",
]
