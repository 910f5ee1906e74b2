"""What makes the discussions' kept pages out of date (portal/generations.py).

A post, a helpful mark, a thread or a forum saved or deleted bumps the generations of its thread, its forum and the
lists across forums, once the transaction commits; actions that change rows in bulk (`QuerySet.update`) call
`discussions_changed` themselves. A member's new display name, or a deleted member, shows on every page that names
them; a new version of the community rules on the pages that quote them: both bump the site's generation. The
survey's approved tips, treatment names and versions show beside its statistics: they bump the statistics'.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from portal import generations


def discussions_changed(*, thread_ids: Iterable[int] = (), forum_slugs: Iterable[str | None] = ()) -> None:
    generations.bump(
        generations.DISCUSSIONS,
        *(generations.forum(slug) for slug in forum_slugs if slug),
        *(generations.thread(pk) for pk in thread_ids),
    )


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
    generations.bump(generations.STATISTICS)


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
