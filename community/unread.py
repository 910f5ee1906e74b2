"""What a member has not read yet in a list of threads: shared by the forum pages and the API's thread list."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery

from community.models import Post, ReadPosition


def with_read_position(threads, user):
    """Each thread with `read_up_to`, the number of the last post `user` has seen (None if never opened)."""
    return threads.annotate(
        read_up_to=Subquery(
            ReadPosition.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_number")[:1]
        )
    )


def attach_unread_counts(user, threads) -> None:
    """Unread visible posts per thread, in one query for the page: posts numbered above the read position.

    Sets `unread` on each thread: a count, or None for a thread the member never opened.
    """
    threads = list(threads)
    read = {thread.pk: thread.read_up_to for thread in threads if thread.read_up_to is not None}
    if not read:
        for thread in threads:
            thread.unread = None
        return
    condition = Q()
    for thread_id, number in read.items():
        condition |= Q(thread_id=thread_id, number__gt=number)
    counts = dict(
        Post.objects.visible()
        .filter(condition)
        .values_list("thread_id")
        .annotate(n=Count("pk"))
        .values_list("thread_id", "n")
    )
    for thread in threads:
        thread.unread = counts.get(thread.pk, 0) if thread.pk in read else None
