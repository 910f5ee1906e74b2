"""What knowledge-base pages show of the discussions: `therapies` templates load these; its code never does."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from community.models import Forum, Thread

register = template.Library()
SECTION_SIZE = 5


def _threads(queryset):
    return list(
        queryset.public()
        .select_related("forum", "therapy")
        .only("title", "slug", "forum__slug", "forum__name", "therapy__name", "post_count", "last_activity_at",
              "members_only", "pinned", "locked", "status")
        .order_by("-last_activity_at")[:SECTION_SIZE]
    )  # fmt: skip


def _start_url(forum: Forum | None, therapy=None) -> str:
    if forum is None:
        return reverse("community:forum_list")
    url = reverse("community:new_thread", args=[forum.slug])
    return f"{url}?{urlencode({'therapy': therapy.slug})}" if therapy is not None else url


@register.inclusion_tag("community/includes/discussion_section.html")
def therapy_discussions(therapy):
    """Threads tagged with the therapy, in every forum."""
    forum = Forum.objects.filter(slug="living-with-symptoms").first()
    return {
        "title_kind": "therapy",
        "subject": therapy.name,
        "threads": _threads(Thread.objects.filter(therapy=therapy)),
        "start_url": _start_url(forum, therapy),
    }


@register.inclusion_tag("community/includes/discussion_section.html")
def therapy_condition_discussions(therapy, condition):
    """Threads about the therapy in the condition's forum."""
    forum = Forum.objects.filter(condition=condition).first()
    threads = _threads(Thread.objects.filter(therapy=therapy, forum=forum)) if forum else []
    return {
        "title_kind": "pair",
        "subject": therapy.name,
        "condition": condition.name,
        "threads": threads,
        "start_url": _start_url(forum, therapy),
        "forum": forum,
    }


@register.inclusion_tag("community/includes/discussion_section.html")
def condition_discussions(condition):
    """The newest threads of the condition's forum."""
    forum = Forum.objects.filter(condition=condition).first()
    return {
        "title_kind": "condition",
        "subject": condition.name,
        "threads": _threads(Thread.objects.filter(forum=forum)) if forum else [],
        "start_url": _start_url(forum),
        "forum": forum,
    }
