"""What the survey registers when the app starts: its admin, home section, sitemap section, data section, seed
step and the receiver that keeps the treatment list in step with the therapies. Called from
`CommunityConfig.ready()`."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from community.survey import admin, holes  # noqa: F401  (register the survey's admin pages and page fillers)
    from community.survey.account_data import erase_survey, export_survey
    from community.survey.demo import seed_survey
    from community.survey.home import home_sections
    from community.survey.sitemaps import SurveySitemap
    from portal import account_data, demo, home, sitemaps
    from therapies.models import Therapy

    demo.register(demo.SeedStep(name="survey", run=seed_survey, order=40))
    sitemaps.register("survey", SurveySitemap)
    for section in home_sections():
        home.register(section)
    account_data.register(
        account_data.DataSection(
            key="survey",
            title=_("Your survey answers"),
            description=_(
                "Your answers to the symptom and treatment survey (sent and saved), your tips for others and every "
                "consent you gave or withdrew. Deleting your account deletes all of them; the statistics stop "
                "counting you at their next update."
            ),
            export=export_survey,
            erase=erase_survey,
        )
    )
    from community.survey.diary.account_data import register as register_diary

    register_diary()
    from community.survey.followups.ready import ready as follow_ups_ready

    follow_ups_ready()
    post_save.connect(_therapy_saved, sender=Therapy, dispatch_uid="community.survey.therapy_treatment")


def _therapy_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from community.survey.treatments import sync_therapy

    sync_therapy(instance)
