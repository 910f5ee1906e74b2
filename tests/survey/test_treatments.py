"""The list members choose treatments from: it follows the therapies, editors fold in what members typed under
"anything else", and tips are shown only once a moderator has read them."""

from __future__ import annotations

import pytest

from community.survey.models import OtherTreatmentName, Tip, Treatment, TreatmentReport
from community.survey.treatments import choices
from tests.factories.survey import answer
from tests.html import text

pytestmark = pytest.mark.django_db
NAMES = "/admin/community/othertreatmentname/"


def test_a_published_therapy_is_on_the_list_and_a_draft_is_not(make_therapy):
    published = make_therapy(name="Tai chi", slug="tai-chi")
    draft = make_therapy(name="Cupping", slug="cupping", status="draft")

    assert Treatment.objects.get(therapy=published).listed is True
    assert Treatment.objects.get(therapy=draft).listed is False


def test_a_renamed_therapy_keeps_its_code(make_therapy):
    therapy = make_therapy(name="Tai chi", slug="tai-chi")
    therapy.name, therapy.slug = "Tai chi and qigong", "tai-chi-qigong"
    therapy.save()

    treatment = Treatment.objects.get(therapy=therapy)
    assert (treatment.code, treatment.name) == ("tai-chi", "Tai chi and qigong")


def test_an_editor_counts_a_typed_name_as_a_treatment_on_the_list(editor_client, make_member, survey, knowledge_base):
    answer(make_member(), survey, other="massage from my partner")
    answer(make_member(), survey, other="Massage  from my partner")
    typed = OtherTreatmentName.objects.get()

    listing = text(editor_client.get(NAMES))
    editor_client.post(
        NAMES,
        {
            "action": "map_to_treatment",
            "_selected_action": [typed.pk],
            "treatment": knowledge_base["massage"].survey_treatment.pk,
        },
    )

    assert "massage from my partner" in listing and '<td class="field-answers_naming_it">2</td>' in listing
    typed.refresh_from_db()
    assert typed.status == "mapped" and typed.mentions == 2
    assert TreatmentReport.objects.filter(treatment=knowledge_base["massage"].survey_treatment).count() == 2


def test_an_editor_adds_a_typed_name_to_the_list(editor_client, make_member, survey, knowledge_base):
    answer(make_member(), survey, other="Magnesium")
    typed = OtherTreatmentName.objects.get()

    editor_client.post(NAMES, {"action": "add_to_list", "_selected_action": [typed.pk]})

    added = Treatment.objects.get(code="magnesium")
    assert added.listed and added.therapy is None
    assert TreatmentReport.objects.get().treatment == added
    assert ("magnesium", "Magnesium") in choices()


def test_tips_wait_for_a_moderator_who_never_sees_who_wrote_them(moderator_client, make_member, survey, knowledge_base):
    writer = make_member(display_name="Tip Writer", email="tipwriter@example.org")
    answer(writer, survey, tried={"exercise": "much_better"}, tips={"exercise": "Walk after dinner."})
    tip = Tip.objects.get()
    assert tip.status == "pending"

    page = moderator_client.get(f"/admin/community/tip/{tip.pk}/change/").content.decode()
    moderator_client.post("/admin/community/tip/", {"action": "approve", "_selected_action": [tip.pk]})

    assert "Walk after dinner." in page and "Tip Writer" not in page and "tipwriter@" not in page
    tip.refresh_from_db()
    assert tip.status == "approved"
    assert "Walk after dinner." in text(moderator_client.get("/therapies/exercise/"))


def test_a_changed_tip_waits_again(make_member, survey, knowledge_base):
    member = make_member()
    answer(member, survey, tried={"exercise": "much_better"}, tips={"exercise": "First words."})
    Tip.objects.update(status="approved")

    answer(member, survey, tried={"exercise": "much_better"}, tips={"exercise": "Second words."})

    tip = Tip.objects.get()
    assert (tip.text, tip.status) == ("Second words.", "pending")
