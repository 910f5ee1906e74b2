"""What a visitor sees on the knowledge-base pages."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.html import outline
from therapies.models import Status, Therapy


def jsonld_of(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_therapy_for_condition_page_has_its_sections_grade_protocol_and_points(client, rls_page):
    response = client.get("/therapies/acupuncture/restless-legs-syndrome/")

    page = response.content.decode()
    for heading in [
        "Why it may work for Restless legs syndrome",
        "How it is used for Restless legs syndrome",
        "Scientific evidence for Restless legs syndrome",
        "Specific warnings for Restless legs syndrome",
        "References",
    ]:
        assert heading in page, heading
    assert "Evidence is very uncertain" in page
    assert "Very low" in page and "risk of bias, imprecision" in page
    assert "2–3" in page and ">10<" in page and ">30<" in page
    assert "ST36" in page and "SP6" in page and "both legs" in page
    assert "Reviewed by Dr. Page Reviewer" in page and "MD, neurologist" in page
    assert "information, not medical advice" in page
    assert outline(page).h1_count == 1


def test_citations_are_numbered_in_order_of_first_use_and_linked_to_the_list(client, rls_page):
    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()

    references = page[page.index('id="references-title"') :]
    assert references.index("Evaluation of Acupuncture in RLS") < references.index(
        "Acupuncture for restless legs syndrome"
    )
    assert references.index("Acupuncture for restless legs syndrome") < references.index("Attached but never cited")
    assert 'id="ref-1"' in references and 'id="ref-2"' in references
    assert '<sup><a href="#ref-1" rel="noopener">1</a></sup>' in page
    assert "https://doi.org/10.1000/test." in references
    assert "https://pubmed.ncbi.nlm.nih.gov/" in references


def test_the_page_carries_title_description_canonical_and_medical_json_ld(client, rls_page):
    page = client.get("/therapies/acupuncture/restless-legs-syndrome/").content.decode()

    assert "<title>Acupuncture for Restless legs syndrome · Remedy Commons</title>" in page
    assert '<meta name="description" content="A short excerpt.">' in page
    assert '<link rel="canonical" href="http://testserver/therapies/acupuncture/restless-legs-syndrome/">' in page
    data = jsonld_of(page)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-04-02"
    assert data["reviewedBy"]["name"] == "Dr. Page Reviewer"
    assert data["about"]["@type"] == "MedicalTherapy"
    assert 'aria-label="Breadcrumb"' in page


def test_the_therapy_page_has_its_sections_and_lists_conditions_with_grades(client, rls_page):
    page = client.get("/therapies/acupuncture/").content.decode()

    for heading in ["What it is", "Studied for these conditions", "Considerations and safety", "References"]:
        assert heading in page
    assert "Restless legs syndrome" in page and "Evidence is very uncertain" in page
    assert "Generally safe with a qualified practitioner" in page
    assert "0 up · 0 down" in " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert jsonld_of(page)["about"]["@type"] == "MedicalTherapy"


def test_reading_a_therapy_page_writes_nothing(client, rls_page):
    client.get("/therapies/acupuncture/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/therapies/acupuncture/")

    reads = ("SELECT", "SAVEPOINT", "RELEASE")
    assert [q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith(reads)] == []


def test_the_condition_page_ranks_therapies_and_keeps_uncertain_ones_apart(client, rls_page, make_therapy, make_page):
    condition = rls_page.condition
    make_page(therapy=make_therapy(name="Iron"), condition=condition, certainty="moderate", effect_size="moderate")
    make_page(therapy=make_therapy(name="Exercise"), condition=condition, certainty="high", effect_size="small")
    make_page(
        therapy=make_therapy(name="Herbal formula"),
        condition=condition,
        certainty="",
        direction="",
        evidence_basis="traditional",
    )

    page = client.get("/conditions/restless-legs-syndrome/").content.decode()

    ranked = page[page.index('class="therapy-ranking"') : page.index("Not ranked")]
    unranked = page[page.index("Not ranked") :]
    assert ranked.index("Exercise") < ranked.index("Iron")
    assert "Acupuncture" not in ranked and "Herbal formula" not in ranked
    assert "Acupuncture" in unranked and "Traditional use only — not studied in people" in unranked
    data = jsonld_of(page)
    assert data["about"]["@type"] == "MedicalCondition"
    assert {t["name"] for t in data["about"]["possibleTreatment"]} == {
        "Exercise",
        "Iron",
        "Acupuncture",
        "Herbal formula",
    }
    assert "Willis–Ekbom disease" in page


def test_the_conditions_list_shows_published_conditions_only(client, rls_page, make_condition):
    make_condition(name="Secret draft", status=Status.DRAFT)

    page = client.get("/conditions/").content.decode()

    assert "Restless legs syndrome" in page
    assert "Secret draft" not in page


def test_the_therapy_list_filters_by_condition_and_by_label(client, rls_page, make_therapy, make_page, make_condition):
    migraine = make_condition(name="Migraine")
    make_page(therapy=make_therapy(name="Relaxation"), condition=migraine, certainty="moderate")

    everything = client.get("/therapies/").content.decode()
    by_condition = client.get("/therapies/?condition=migraine").content.decode()
    by_label = client.get("/therapies/?label=very-uncertain").content.decode()
    both = client.get("/therapies/?condition=migraine&label=very-uncertain").content.decode()

    assert "Acupuncture" in everything and "Relaxation" in everything
    assert "Relaxation" in by_condition and "Acupuncture" not in by_condition
    assert "Acupuncture" in by_label and "Relaxation" not in by_label
    assert "No therapy matches these filters." in both


def test_an_unknown_filter_value_shows_a_message_instead_of_an_error(client, rls_page):
    response = client.get("/therapies/?label=cures-everything")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/conditions/nope/",
        "/therapies/nope/",
        "/therapies/acupuncture/nope/",
        "/therapies/nope/restless-legs-syndrome/",
    ],
)
def test_unknown_slugs_are_404(client, rls_page, path):
    assert client.get(path).status_code == 404


def test_drafts_are_404_for_visitors_and_members_but_a_preview_for_staff(client, rls_page, make_member):
    rls_page.status = Status.DRAFT
    rls_page.save(update_fields=["status"])
    url = "/therapies/acupuncture/restless-legs-syndrome/"

    assert client.get(url).status_code == 404
    client.force_login(make_member())
    assert client.get(url).status_code == 404
    assert "Restless legs syndrome" not in client.get("/therapies/acupuncture/").content.decode()

    client.force_login(make_member(is_staff=True))
    preview = client.get(url).content.decode()
    assert "Preview for staff" in preview
    assert '<meta name="robots" content="noindex">' in preview


def test_a_page_is_hidden_while_its_therapy_is_a_draft(client, rls_page):
    Therapy.objects.filter(pk=rls_page.therapy_id).update(status=Status.IN_REVIEW)

    assert client.get("/therapies/acupuncture/restless-legs-syndrome/").status_code == 404
    assert "Acupuncture" not in client.get("/conditions/restless-legs-syndrome/").content.decode()


def test_the_home_page_lists_conditions_and_the_therapies_reviewed_last(client, rls_page, make_therapy):
    make_therapy(name="Reviewed long ago", reviewed_on=datetime.date(2020, 1, 1))
    Therapy.objects.filter(slug="acupuncture").update(reviewed_on=datetime.date(2026, 11, 1))

    page = client.get("/").content.decode()

    assert "Restless legs syndrome" in page
    recent = page[page.index("Recently reviewed therapies") :]
    assert recent.index("Acupuncture") < recent.index("Reviewed long ago")
    assert "Reviewed 1 November 2026" in recent


def test_the_sitemap_lists_published_knowledge_pages_only(client, rls_page, make_therapy):
    make_therapy(name="Hidden draft", status=Status.DRAFT)

    body = client.get("/sitemap.xml").content.decode()

    assert "/conditions/restless-legs-syndrome/" in body
    assert "/therapies/acupuncture/" in body
    assert "/therapies/acupuncture/restless-legs-syndrome/" in body
    assert "hidden-draft" not in body


def test_the_header_now_links_conditions_and_therapies(client, db):
    nav = client.get("/").content.decode()

    assert 'href="/conditions/"' in nav and 'href="/therapies/"' in nav


def test_the_therapy_list_comes_in_pages_a_phone_can_load(client, make_therapy):
    for number in range(30):
        make_therapy(name=f"Therapy {number:02d}")

    first = client.get("/therapies/").content.decode()
    second = client.get("/therapies/?page=2").content.decode()

    assert "Therapy 00" in first and "Therapy 23" in first and "Therapy 24" not in first
    assert "Therapy 24" in second and "Therapy 29" in second and "Therapy 00" not in second
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert '<meta name="robots" content="noindex">' in second
