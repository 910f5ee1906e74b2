"""What makes the discussions' and the survey's kept pages out of date (portal/generations.py): the one place that
bumps their generations. Every bump waits for the transaction to commit.

Receivers here, on any save or delete of:
- a post or a thread: its thread, its forum and the lists across forums (`generations.DISCUSSIONS`);
- a helpful mark: its thread;
- a forum: the forum and the lists across forums;
- a member, when their display name or active flag changed or they were deleted (they are named on every page),
  and a new version of the community rules (quoted on many pages): the whole site (`generations.SITE`);
- a survey tip, treatment or survey version (shown beside the statistics): the statistics (`generations.STATISTICS`).

Named functions, for changes that no receiver sees (`QuerySet.update`, bulk rewrites):
- `discussions_changed`: community.actions `set_thread_flag` (lock, pin) and `move_thread`;
- `statistics_changed`: community.survey.statistics `refresh_statistics`, after it swapped the figures;
- `everything_changed`: community.page_cache `changed(everything=True)`, after a benchmark seeded rows in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from portal import generations


def discussions_changed(*, thread_ids: Iterable[int] = (), forum_slugs: Iterable[str | None] = ()) -> None:
    """Threads and forums changed: their pages and the lists across forums."""
    generations.bump(
        generations.DISCUSSIONS,
        *(generations.forum(slug) for slug in forum_slugs if slug),
        *(generations.thread(pk) for pk in thread_ids),
    )


def statistics_changed() -> None:
    """The survey's figures, or what shows beside them, changed."""
    generations.bump(generations.STATISTICS)


def everything_changed() -> None:
    """Rows changed behind the receivers' backs, anywhere: no kept page is current."""
    generations.bump_everything()


def connect() -> None:
    from community.models import Forum, HelpfulMark, Post, Thread
    from community.survey.models import Survey, Tip, Treatment
    from portal.models import RulesVersion

    for model, handler in (
        (Post, _post_changed),
        (HelpfulMark, _helpful_changed),
        (Thread, _thread_changed),
        (Forum, _forum_changed),
        (get_user_model(), _member_changed),
        (RulesVersion, _site_changed),
        # Beside the statistics: members' tips once a moderator approved them, the treatments' names, and the
        # survey a call to action invites to.
        (Tip, _statistics_changed),
        (Treatment, _statistics_changed),
        (Survey, _statistics_changed),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"generations.save.{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"generations.delete.{model.__name__}")


def _post_changed(sender, instance, **kwargs) -> None:
    from community.models import Thread

    forum_slug = Thread.objects.filter(pk=instance.thread_id).values_list("forum__slug", flat=True).first()
    discussions_changed(thread_ids=[instance.thread_id], forum_slugs=[forum_slug])


def _helpful_changed(sender, instance, **kwargs) -> None:
    from community.models import Post

    thread_id = Post.objects.filter(pk=instance.post_id).values_list("thread_id", flat=True).first()
    if thread_id:
        generations.bump(generations.thread(thread_id))


def _thread_changed(sender, instance, **kwargs) -> None:
    from community.models import Forum

    forum_slug = Forum.objects.filter(pk=instance.forum_id).values_list("slug", flat=True).first()
    discussions_changed(thread_ids=[instance.pk], forum_slugs=[forum_slug])


def _forum_changed(sender, instance, **kwargs) -> None:
    discussions_changed(forum_slugs=[instance.slug])


def _statistics_changed(sender, instance, **kwargs) -> None:
    statistics_changed()


def _site_changed(sender, instance, **kwargs) -> None:
    generations.bump(generations.SITE)


def _member_changed(sender, instance, update_fields=None, created=False, **kwargs) -> None:
    # A new member is on no page yet, and logging in saves last_login: neither changes a page. A new display name,
    # or a deleted member, does.
    if created:
        return
    if update_fields is not None and "display_name" not in update_fields and "is_active" not in update_fields:
        return
    generations.bump(generations.SITE)
