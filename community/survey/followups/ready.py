"""What follow-ups register when the app starts: their section of the account data and their demo seed step.
Called from the survey's `ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from community.survey.followups.account_data import erase_follow_ups, export_follow_ups
    from community.survey.followups.demo import seed_demo_follow_ups
    from portal import account_data, demo

    demo.register(demo.SeedStep(name="survey follow-ups", run=seed_demo_follow_ups, order=41))
    account_data.register(
        account_data.DataSection(
            key="survey_follow_ups",
            title=_("Your survey follow-ups"),
            description=_(
                "The follow-up questions we asked you 3 and 12 months after you rated a treatment, your answers, and "
                "the treatments you asked us to stop asking about. Deleting your account deletes all of them; the "
                "statistics stop counting your answers at their next update."
            ),
            export=export_follow_ups,
            erase=erase_follow_ups,
        )
    )
