"""The diary in the account registries: in the member's own export, and deleted with the account."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community.survey.diary.exports import export_diary


def erase_diary(user, *, keep_contributions: bool = False) -> None:
    """A diary is never kept: it was never anyone else's to read."""
    from community.survey.diary.actions import delete_diary

    delete_diary(member=user)


def register() -> None:
    from portal import account_data

    account_data.register(
        account_data.DataSection(
            key="symptom_diary",
            title=_("Your symptom diary"),
            description=_(
                "The scores, notes and treatment changes you recorded in your diary, and whether you asked for a "
                "weekly reminder. Only you can read them. Deleting your account deletes all of them."
            ),
            export=export_diary,
            erase=erase_diary,
        )
    )
