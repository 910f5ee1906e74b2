"""Forums follow their conditions; the general forums (Introductions, …) come from migration 0002."""

from __future__ import annotations


def sync_condition_forum(condition) -> None:
    """Create the condition's forum, or follow a rename; called whenever a condition is saved."""
    from community.models import Forum

    forum = Forum.objects.filter(condition=condition).first()
    if forum is None:
        Forum.objects.create(
            condition=condition,
            name=condition.name,
            slug=_free_slug(condition.slug),
            description=f"Talk about {condition.name}: what you tried, what helped, what did not.",
            display_order=10 + condition.display_order,
        )
    elif forum.name != condition.name:
        forum.name = condition.name
        forum.save(update_fields=["name"])


def _free_slug(slug: str) -> str:
    from community.models import Forum

    candidate, number = slug, 2
    while Forum.objects.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
