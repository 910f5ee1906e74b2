"""The discussions' part of `manage.py seed_demo --remove`: demo threads go with every post in them.

A demo thread's replies by other members go with it (they answered an invented conversation); a real thread in the
forum of a demo condition keeps its forum, which becomes a general one when the condition goes. The survey's
synthetic answers went before, with the demo accounts (`portal.seed.remove_demo_accounts`); here the survey's
entries for demo therapies go too, except those a real member's answer or tip names, which are taken off the list
instead, and the names typed under "anything else" that no real answer mentions and no editor has decided. Then
the statistics are computed again, from real answers only.
"""

from __future__ import annotations

from community.demo_data.seed import refresh_forum_counters
from community.models import Forum, Thread
from community.survey.actions import count_mentions
from community.survey.models import OtherTreatmentName, Tip, Treatment, TreatmentReport
from community.survey.statistics import refresh_statistics


def remove_discussions(*, stdout) -> None:
    threads = Thread.objects.filter(demo=True)
    forum_ids = set(threads.values_list("forum_id", flat=True).distinct())
    keeping_real_threads = Forum.objects.filter(condition__demo=True, threads__demo=False).values("pk")
    detached = Forum.objects.filter(pk__in=keeping_real_threads).update(condition=None)
    thread_count = threads.count()
    rows, _by_model = threads.delete()
    refresh_forum_counters(forum_ids)
    stdout.write(f"  {thread_count} threads ({rows} rows with their posts); {detached} forums kept for real threads")

    typed = OtherTreatmentName.objects.all()
    count_mentions(list(typed.values_list("name", flat=True)))
    typed.filter(mentions=0, status=OtherTreatmentName.Status.PENDING).delete()

    entries = Treatment.objects.filter(therapy__demo=True)
    named = (
        set(TreatmentReport.objects.filter(treatment__in=entries).values_list("treatment_id", flat=True))
        | set(Tip.objects.filter(treatment__in=entries).values_list("treatment_id", flat=True))
        | set(OtherTreatmentName.objects.filter(treatment__in=entries).values_list("treatment_id", flat=True))
    )
    unlisted = Treatment.objects.filter(pk__in=named).update(listed=False)
    removed, _by_model = entries.exclude(pk__in=named).delete()
    result = refresh_statistics()
    stdout.write(
        f"  Survey entries of demo therapies: {removed} rows removed, {unlisted} kept off the list for real answers; "
        f"statistics: {result.rows} rows from {result.responses} responses"
    )
