"""What makes the knowledge base's and the directory's kept pages out of date (portal/generations.py).

Editors change the knowledge base through the admin, where a save of a therapy may come with inline citations, FAQ
entries and acupoints, and listings change through the directory's actions and the admin; every save or delete of a
row those pages show bumps the generation of its kind, whoever wrote it. Votes bump only their own tally
(`therapies.votes.cast_vote`), so a vote does not make every page out of date.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal import generations

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


def connect() -> None:
    from therapies import models

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
