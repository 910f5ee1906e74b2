"""Changes to the knowledge base that go beyond saving one row from its admin form: the reference rows of a page."""

from __future__ import annotations

from django.db import transaction

from therapies.models import Citation, CitedText


@transaction.atomic
def number_citations(*, page: CitedText) -> None:
    """Number a page's citations by first use again once the admin has written its reference rows: the page's
    save() numbered them before, and a changed row writes back the position it was loaded with."""
    page.number_citations()


@transaction.atomic
def remove_citation(*, citation: Citation) -> None:
    """Remove a reference row that duplicates another of its page (an editor swapped it to a reference the text
    already brought in): one row per reference is enough."""
    citation.delete()
