"""What every kind of published content shares in its read rules: who sees what is not published yet."""

from __future__ import annotations

from django.db import models

from therapies.permissions import can_see_drafts


class ViewableQuerySet(models.QuerySet):
    """A QuerySet of content with a `status` whose public value is "published" (knowledge pages and listings alike),
    previewed unpublished by those who may see drafts. A kind whose rule says more overrides `published()`."""

    PUBLISHED = "published"

    def published(self):
        return self.filter(status=self.PUBLISHED)

    def viewable_by(self, user):
        """Published rows for everyone; editors also see drafts (or pending and hidden listings), as a preview on
        the real page."""
        if can_see_drafts(user):
            return self
        return self.published()
