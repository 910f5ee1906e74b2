"""The demo members: pseudonymous people who cannot log in, the two new members whose first posts wait for a
moderator, and the account the welcome threads are signed with."""

from __future__ import annotations

from community.demo_data import Member

MEMBERS = [
    Member("willow", "WillowAtDusk", 420, "Restless legs since my twenties. Evening walker, tea drinker."),
    Member("bram", "BramblePath", 380, "Engineer by trade, sceptic by nature. Keeps a spreadsheet about his nights."),
    Member("maren", "MarenByTheSea", 300, "Restless legs, and a soft spot for acupuncture. Lives by the coast."),
    Member("oak", "OldOakKnees", 510, "Retired, creaky back, jumpy legs. Tennis-ball enthusiast."),
    Member("tess", "TeaAndStretches", 260, "Gentle yoga teacher living with fibromyalgia."),
    Member("north", "NorthernLights72", 230, "Long-time insomniac, recent CBT-I graduate."),
    Member("harbour", "QuietHarbour", 470, "Retired district nurse with twenty years of restless legs."),
    Member("pam", "PatchworkPam", 240, "Quilter, tea drinker, fibromyalgia for eight years."),
    Member("runner", "RunnerInRecovery", 200, "Lower back pain; running again, slowly."),
    Member("lav", "Lavender Lane", 190, "Keeps a migraine diary and is not afraid to use it."),
    Member("dan", "DeskJockeyDan", 180, "Desk job, grumpy lower back."),
    Member("fennel", "FennelAndFog", 160, "Migraines, insomnia and restless legs: the full set."),
    Member("cyclist", "MidnightCyclist", 150, "Rides by day, paces by night."),
    Member("juniper", "JuniperJo", 120, "First baby on the way, restless legs along for the ride."),
    Member("kofi", "KofiWalksAtNight", 110, "Travels for work; knows every hotel corridor at 2am."),
    Member("ines", "InesLearnsToRest", 90, "Fibromyalgia, poor sleep, and lately restless legs."),
    Member("sam", "StillAwakeSam", 75, "Dad of two, recently diagnosed."),
    Member("gerry", "GerryG", 100),
    Member("rick", "RickNaturally", 130, "Natural living."),
]

# Joined a day or two before the seed ran, with nothing published yet: their posts wait in the moderation queue.
NEW_MEMBERS = [
    Member("frankie", "FrankieNewHere", 1),
    Member("tomasz", "Tomasz_K", 2),
]

TEAM = Member("team", "Remedy Commons team", 400, "The people who run Remedy Commons.")
