"""What makes the knowledge base's and the directory's kept pages out of date (portal/generations.py): the one place
the app says so.

- Content: editors change the knowledge base through the admin, where a save of a therapy may come with inline
  citations, FAQ entries and acupoints, and listings change through the directory's actions and the admin; every save
  or delete of a row those pages show bumps the generation of its kind, whoever wrote it. The signal receivers below
  (`connect()`, called from `TherapiesConfig.ready`) do that.
- Votes: a vote makes only its own page's tally out of date, not every page, so the vote action calls
  `vote_counted` explicitly; `therapy_tally` and `pair_tally` name the scope a page (or an API answer) is kept under.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal import generations
from therapies import models

KNOWLEDGE_MODELS = (
    "Condition",
    "Therapy",
    "TherapyCondition",
    "Reference",
    "ConditionCitation",
    "TherapyCitation",
    "TherapyConditionCitation",
    "Acupoint",
    "TherapyConditionAcupoint",
    "FAQEntry",
)
DIRECTORY_MODELS = ("Practitioner", "Language")


# --- Votes ------------------------------------------------------------------------------------------------------------


def therapy_tally(slug: str) -> str:
    """The scope of the votes on a therapy's page, by the slug in its address."""
    return generations.tally("therapy", slug)


def pair_tally(therapy: str, condition: str) -> str:
    """The scope of the votes on a therapy-for-condition page, by the two slugs in its address."""
    return generations.tally("pair", f"{therapy}.{condition}")


def vote_counted(target: models.Therapy | models.TherapyCondition) -> None:
    """A vote on `target` changed its tally: its page and answers are out of date."""
    if isinstance(target, models.TherapyCondition):
        generations.bump(pair_tally(target.therapy.slug, target.condition.slug))
    else:
        generations.bump(therapy_tally(target.slug))


# --- Content, by signal -----------------------------------------------------------------------------------------------


def connect() -> None:
    for name in KNOWLEDGE_MODELS:
        _on_change(getattr(models, name), _knowledge_changed)
    for name in DIRECTORY_MODELS:
        _on_change(getattr(models, name), _directory_changed)
    for field in ("languages", "therapies", "conditions"):
        through = getattr(models.Practitioner, field).through
        m2m_changed.connect(_directory_changed, sender=through, dispatch_uid=f"generations.m2m.{field}")


def _on_change(model, handler) -> None:
    post_save.connect(handler, sender=model, dispatch_uid=f"generations.save.{model.__name__}")
    post_delete.connect(handler, sender=model, dispatch_uid=f"generations.delete.{model.__name__}")


def _knowledge_changed(sender, **kwargs) -> None:
    # Listings show the therapies and conditions they offer by name: the directory's pages change too.
    generations.bump(generations.KNOWLEDGE, generations.DIRECTORY)


def _directory_changed(sender, **kwargs) -> None:
    generations.bump(generations.DIRECTORY)
