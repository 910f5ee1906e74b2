"""Words that claim no more than the grade: headings, the scope of a condition page, overdue reviews, pregnancy
cautions beside self-treatment points, reference links, and citations in FAQ answers and condition pages."""

import csv
import re
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from therapies.models import (
    Condition,
    FAQEntry,
    Reference,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
)

CHECKED_LIST = Path(__file__).resolve().parents[2] / "therapies" / "demo_data" / "references.csv"


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--demo", stdout=StringIO())


def html_of(path: str, client: Client | None = None) -> str:
    response = (client or Client()).get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# --- The therapy page ------------------------------------------------------------------------------------------------


def test_the_therapy_page_lists_the_conditions_it_was_studied_for_each_with_its_plain_label(client, rls_page):
    page = html_of("/therapies/acupuncture/", client)

    section = page[page.index('id="conditions-title"') :]
    assert "Studied for these conditions" in page
    assert "Helps with these conditions" not in page
    assert "Restless legs syndrome" in section
    assert 'data-label="very-uncertain">' in section and "Evidence is very uncertain" in section


# --- The condition page's scope ---------------------------------------------------------------------------------------


def test_a_condition_page_that_grades_no_medicine_says_so_and_cites_its_guidelines(
    make_condition, make_page, make_reference
):
    make_reference(key="trial2020", title="A trial", kind=Reference.Kind.RCT)
    make_reference(key="guide2024", title="A clinical practice guideline", kind=Reference.Kind.GUIDELINE)
    condition = make_condition(
        name="Restless legs syndrome", overview="A trial found things [@trial2020]. Guidance exists [@guide2024]."
    )
    make_page(condition=condition, downgraded_for_risk_of_bias=True, downgraded_for_imprecision=True)

    page = html_of(condition.get_absolute_url())

    note = page[page.index('class="notice scope-note"') :]
    note = note[: note.index("</p>")]
    assert "This page grades options other than medicines" in note
    assert "Standard medicines for Restless legs syndrome exist" in note
    assert "for a clinician to discuss" in note
    assert '<a href="#ref-2">2</a>' in note  # the guideline, numbered as in the reference list
    assert 'href="#ref-1"' not in note  # the trial is not a guideline
    assert page.index("scope-note") < page.index('id="therapies-title"')  # at the top, above the list


def test_without_a_checked_guideline_the_page_says_so_and_cites_none(make_condition, make_page):
    condition = make_condition(name="Fibromyalgia")
    make_page(condition=condition, downgraded_for_risk_of_bias=True, downgraded_for_imprecision=True)

    page = html_of(condition.get_absolute_url())

    note = page[page.index('class="notice scope-note"') :]
    assert "We have not yet checked a clinical guideline for this condition" in note[: note.index("</p>")]


def test_a_condition_page_that_grades_a_medicine_has_no_such_note(make_condition, make_therapy, make_page):
    condition = make_condition(name="Migraine")
    make_page(condition=condition, therapy=make_therapy(name="A medicine", category=Therapy.Category.MEDICINE))

    assert "scope-note" not in html_of(condition.get_absolute_url())


def test_the_demo_condition_pages_cite_the_checked_guideline_rows(seeded):
    rls = html_of("/conditions/restless-legs-syndrome/")
    insomnia = html_of("/conditions/insomnia/")
    back_pain = html_of("/conditions/chronic-low-back-pain/")

    for page, titles in [
        (rls, ["Practice guideline summary: Treatment of restless legs syndrome in adults"]),
        (insomnia, ["Management of Chronic Insomnia Disorder in Adults"]),
    ]:
        note = page[page.index("scope-note") :]
        note = note[: note.index("</p>")]
        numbers = re.findall(r'href="#ref-(\d+)"', note)
        assert numbers
        references = page[page.index('id="references-title"') :]
        for number in numbers:
            item = references[references.index(f'id="ref-{number}"') :]
            assert "Guideline." in item[: item.index("</li>")]
        for title in titles:
            assert title.lower() in references.lower()
    assert "We have not yet checked a clinical guideline" in back_pain


# --- Overdue reviews --------------------------------------------------------------------------------------------------


def test_an_overdue_review_is_flagged_on_the_public_page_from_the_first_day_it_is_overdue(time_machine, rls_page):
    rls_page.next_review_due = date(2027, 4, 2)
    rls_page.save(update_fields=["next_review_due"])
    path = rls_page.get_absolute_url()

    time_machine.move_to(datetime(2027, 4, 2, 23, 59, tzinfo=UTC), tick=False)
    visitor = Client()
    assert "Review overdue" not in html_of(path, visitor)
    assert visitor.get(path)["X-Page-Cache"] == "hit"  # the page is kept, and nothing in it changes at midnight

    time_machine.move_to(datetime(2027, 4, 3, 0, 1, tzinfo=UTC), tick=False)
    page = html_of(path, visitor)

    assert "Review overdue since 2 April 2027" in page
    assert "Review overdue since 2 April 2027" in html_of(path, visitor)


def test_the_overdue_demo_therapy_shows_it_and_the_others_do_not(seeded, time_machine):
    time_machine.move_to(datetime(2026, 12, 3, 12, tzinfo=UTC), tick=False)

    assert "Review overdue since 1 June 2026" in html_of("/therapies/massage/")
    assert "Review overdue" not in html_of("/therapies/acupuncture/")


# --- Pregnancy cautions -----------------------------------------------------------------------------------------------


def test_every_page_that_shows_a_point_shows_its_pregnancy_caution_beside_it(seeded):
    rows = TherapyConditionAcupoint.objects.filter(
        therapy_condition__in=TherapyCondition.objects.published(), acupoint__pregnancy_caution__gt=""
    ).select_related("acupoint", "therapy_condition__therapy", "therapy_condition__condition")
    assert {row.acupoint.code for row in rows} >= {"SP6", "BL60", "LI4"}

    for row in rows:
        page = html_of(row.therapy_condition.get_absolute_url())
        point = page[page.index(f'<th scope="row">{row.acupoint.code}</th>') :]
        point = point[: point.index("</tr>")]
        assert "In pregnancy:" in point and "Traditionally avoided in pregnancy" in point, row


def test_the_self_acupressure_page_says_which_point_to_leave_out_in_pregnancy(seeded):
    page = html_of("/therapies/acupressure/restless-legs-syndrome/")
    how = page[page.index('id="use-title"') : page.index('id="evidence-title"')]

    assert "If you are or may be pregnant, leave out SP6" in how
    sp6 = how[how.index('<th scope="row">SP6</th>') :]
    assert "In pregnancy:" in sp6[: sp6.index("</tr>")]
    assert "leave out the points traditionally avoided in pregnancy" in html_of("/therapies/acupressure/")


# --- Reference links --------------------------------------------------------------------------------------------------


def test_a_reference_links_only_to_doi_and_pubmed_and_never_shows_our_finding(client, make_condition, make_reference):
    make_reference(
        key="mirror2020",
        title="A trial found on a mirror",
        doi="",
        pmid="",
        url="https://mirror.example.com/copy-of-the-trial.pdf",
        finding="Our private summary of the result.",
    )
    make_reference(key="linked2020", title="A trial with identifiers", doi="10.1000/xyz", pmid="123456")
    condition = make_condition(name="Insomnia", overview="Two trials [@mirror2020; @linked2020].")

    page = html_of(condition.get_absolute_url(), client)
    api = client.get("/api/v1/references/").json()

    assert "mirror.example.com" not in page
    assert "Our private summary" not in page
    assert "https://pubmed.ncbi.nlm.nih.gov/?term=A+trial+found+on+a+mirror%5BTitle%5D" in page
    assert "https://doi.org/10.1000/xyz" in page and "https://pubmed.ncbi.nlm.nih.gov/123456/" in page
    listed = api["results"] if isinstance(api, dict) else api
    assert listed and all("url" not in ref and "finding" not in ref for ref in listed)
    assert "mirror.example.com" not in str(api) and "Our private summary" not in str(api)


def test_no_public_page_or_api_answer_shows_where_a_reference_was_checked_or_our_finding(seeded):
    with CHECKED_LIST.open(encoding="utf-8", newline="") as csv_file:
        rows = list(csv.DictReader(csv_file))
    sources = {source.strip() for row in rows for source in row["verified_from"].split(" ; ") if source.strip()}
    # A source that is itself the record's DOI or PubMed address is a link the page gives anyway.
    sources = {
        source for source in sources if not source.startswith(("https://pubmed.ncbi.nlm.nih.gov/", "https://doi.org/"))
    }
    findings = {row["finding"] for row in rows}
    assert sources and Reference.objects.exclude(url="").exists()  # editors keep the provenance in the admin

    paths = [
        *(item.get_absolute_url() for item in Condition.objects.published()),
        *(item.get_absolute_url() for item in Therapy.objects.published()),
        *(item.get_absolute_url() for item in TherapyCondition.objects.published()),
        "/api/v1/references/?page_size=100",
        "/api/v1/conditions/restless-legs-syndrome/",
        "/api/v1/therapies/acupuncture/",
    ]
    for path in paths:
        text = Client().get(path).content.decode()
        for source in sources:
            assert source not in text, (path, source)
        for finding in findings:
            assert finding[:60] not in text, (path, finding)


# --- Citations where findings are stated ------------------------------------------------------------------------------


def test_an_faq_answer_cites_in_the_numbering_of_its_therapy_page(client, make_therapy, make_reference):
    make_reference(key="text2020", title="Cited in the therapy text")
    make_reference(key="faq2021", title="Cited only in an answer")
    therapy = make_therapy(name="Massage", what_it_is="Hands-on treatment [@text2020].")
    entry = FAQEntry(therapy=therapy, question="How often?", answer="Weekly, in a large trial [@faq2021].", order=1)
    entry.full_clean()
    entry.save()

    page = html_of(therapy.get_absolute_url(), client)

    assert '<sup><a href="#ref-2"' in entry.answer_html
    assert [ref.key for ref in therapy.ordered_references()] == ["text2020", "faq2021"]
    references = page[page.index('id="references-title"') :]
    assert references.index("Cited in the therapy text") < references.index("Cited only in an answer")

    entry.delete()
    assert [ref.key for ref in therapy.ordered_references()] == ["text2020", "faq2021"]
    assert therapy.citations.get(reference__key="faq2021").position is None


def test_an_faq_answer_citing_an_unknown_key_is_refused(make_therapy):
    entry = FAQEntry(therapy=make_therapy(), question="Does it work?", answer="A trial said so [@nosuch2020].")

    with pytest.raises(Exception, match="nosuch2020"):
        entry.full_clean()


def test_the_demo_faq_answers_that_state_findings_cite_them(seeded):
    sessions = FAQEntry.objects.get(therapy__slug="acupuncture", question="How many sessions will I need?")
    page = html_of("/therapies/acupuncture/")

    assert "<sup>" in sessions.answer_html
    numbers = re.findall(r'href="#ref-(\d+)"', sessions.answer_html)
    references = page[page.index('id="references-title"') :]
    for number in numbers:
        assert f'id="ref-{number}"' in references
    assert "Evaluation of Acupuncture" in references  # raissi2017, cited by the answer alone
    for slug, question in [
        ("massage", "How often should I have a massage?"),
        ("yoga-and-stretching", "How often should I practise?"),
        ("pneumatic-compression", "When should I wear it?"),
        ("cbt-i", "Is CBT-I just sleep hygiene?"),
    ]:
        assert "<sup>" in FAQEntry.objects.get(therapy__slug=slug, question=question).answer_html, slug


def test_the_chronic_low_back_pain_page_cites_the_findings_it_states(seeded):
    page = html_of("/conditions/chronic-low-back-pain/")
    overview = page[page.index('id="overview-title"') : page.index('id="symptoms-title"')]

    assert len(re.findall(r'href="#ref-\d+"', overview)) >= 4
    references = page[page.index('id="references-title"') :]
    for title in ["2 Types of Massage and Usual Care on Chronic Low Back Pain", "Acupuncture for Chronic Pain"]:
        assert title.lower() in references.lower(), title
