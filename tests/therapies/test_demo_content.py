"""The demo knowledge base: enough content, honest grades, only checked references, idempotent."""

import csv
import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from therapies.citations import cited_keys
from therapies.models import (
    Acupoint,
    Condition,
    Reference,
    Status,
    Therapy,
    TherapyCondition,
    TherapyConditionCitation,
)

PROJECT = Path(__file__).resolve().parents[2]
OUR_COPY = PROJECT / "therapies" / "demo_data" / "references.csv"
CHECKED_LIST = PROJECT.parent / "shared" / "data" / "references.csv"


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--demo", stdout=StringIO())


def snapshot() -> dict[str, str]:
    """A fingerprint of every row of every knowledge-base table, history included."""
    state = {}
    for model in apps.get_app_config("therapies").get_models():
        rows = sorted(map(repr, model.objects.values_list()))
        state[model._meta.db_table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return state


def test_running_seed_demo_again_changes_nothing(seeded):
    before = snapshot()

    call_command("seed_demo", "--demo", stdout=StringIO())

    assert snapshot() == before


def test_there_is_enough_published_content(seeded):
    assert Condition.objects.published().count() >= 5
    assert Therapy.objects.published().count() >= 10
    assert TherapyCondition.objects.published().count() >= 15
    assert Condition.objects.order_by("display_order").first().slug == "restless-legs-syndrome"
    for code in ["ST36", "SP6", "GB41", "BL60", "KI3", "LR3"]:
        assert Acupoint.objects.filter(code=code).exists(), code
    assert TherapyCondition.objects.filter(therapy__slug="acupuncture", point_rows__isnull=False).exists()


def test_every_citation_is_a_row_of_the_checked_list(seeded):
    checked = {row["key"] for row in csv.DictReader(OUR_COPY.open(encoding="utf-8"))}
    cited = set()
    for model in (Condition, Therapy, TherapyCondition):
        for item in model.objects.all():
            for field in model.markdown_fields:
                cited.update(cited_keys(getattr(item, field)))

    assert cited <= checked
    assert set(Reference.objects.values_list("key", flat=True)) <= checked
    published_pages = TherapyCondition.objects.published()
    cited_on_pages = TherapyConditionCitation.objects.filter(therapy_condition__in=published_pages)
    assert cited_on_pages.values("reference").distinct().count() >= 25


@pytest.mark.skipif(not CHECKED_LIST.exists(), reason="the shared checked list is not beside this clone")
def test_our_copy_of_the_reference_list_is_the_checked_one():
    assert OUR_COPY.read_bytes() == CHECKED_LIST.read_bytes()


def test_acupuncture_for_rls_is_graded_as_its_studies_allow(seeded):
    page = TherapyCondition.objects.get(therapy__slug="acupuncture", condition__slug="restless-legs-syndrome")

    assert page.certainty in {"low", "very_low"}
    assert page.downgraded_for_risk_of_bias
    assert {ref.key for ref in page.ordered_references()} >= {"cui2008", "raissi2017"}


def test_the_rls_page_has_a_ranked_list_and_an_unranked_group(client, seeded):
    page = client.get("/conditions/restless-legs-syndrome/").content.decode()

    assert 'class="therapy-ranking"' in page
    assert "Not ranked" in page


def test_demo_pages_all_render(client, seeded):
    for item in [*Condition.objects.published(), *Therapy.objects.published(), *TherapyCondition.objects.published()]:
        assert client.get(item.get_absolute_url()).status_code == 200, item
    assert Therapy.objects.filter(status=Status.DRAFT).exists()
