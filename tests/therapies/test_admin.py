"""Editors write the knowledge base in the admin: lists, filters, revisions, citations, previews, permissions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.admin_pages import form_data, result_rows, with_two_factor
from therapies.models import (
    Acupoint,
    Condition,
    FAQEntry,
    Reference,
    Status,
    Therapy,
    TherapyCondition,
    TherapyConditionAcupoint,
    TherapyVote,
)


def error_next_to(page: str, field: str) -> str:
    """The error text the admin shows in the row of `field`."""
    row = re.search(rf'<div class="form-row[^"]*\berrors\b[^"]*\bfield-{field}\b.*?</ul>', page, re.S)
    assert row, f"no error shown next to {field!r}"
    return re.sub(r"<[^>]+>", " ", row.group(0))


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:therapies_{model._meta.model_name}_{action}", args=args)


# --- People --------------------------------------------------------------------------------


@pytest.fixture
def moderator(make_member):
    user = make_member(email="mod@example.org", display_name="Mod Mona", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return with_two_factor(user)


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


# --- Content (the builders are in tests/factories/therapies.py) ------------------------------


@pytest.fixture
def page(make_page, make_therapy, make_condition, make_reference):
    make_reference(key="cui2008")
    return make_page(
        therapy=make_therapy(name="Acupuncture"),
        condition=make_condition(name="Restless legs syndrome"),
        excerpt="Small trials suggest it may ease the urge to move.",
        evidence_summary="Too few trials to be sure [@cui2008].",
    )


def positions(page: TherapyCondition) -> list[tuple[str, int | None]]:
    """The page's references in the order readers see them: cited ones by first use, then attached ones."""
    rows = page.citations.select_related("reference")
    return sorted(
        ((row.reference.key, row.position) for row in rows), key=lambda row: (row[1] is None, row[1] or 0, row[0])
    )


# --- Who may do what -----------------------------------------------------------------------


@pytest.mark.parametrize("model", [Condition, Therapy, TherapyCondition, Reference, Acupoint, FAQEntry])
def test_an_editor_can_open_every_list_and_add_form(editor_client, page, model):
    listing = editor_client.get(admin_url(model, "changelist")).content.decode()
    add_form = editor_client.get(admin_url(model, "add")).content.decode()

    assert f"<h1>Select {model._meta.verbose_name} to change</h1>" in listing
    assert f"<h1>Add {model._meta.verbose_name}</h1>" in add_form
    assert f'id="{model._meta.model_name}_form"' in add_form


def test_an_editor_sees_the_knowledge_base_on_the_admin_index(editor_client, db):
    page = editor_client.get("/admin/").content.decode()

    assert "Knowledge base" in page
    for path in ["condition", "therapy", "therapycondition", "reference", "acupoint"]:
        assert f'href="/admin/therapies/{path}/"' in page


def test_the_migration_gives_editors_content_and_moderators_only_a_reading(editor, moderator):
    assert editor.has_perm("therapies.change_therapycondition")
    assert editor.has_perm("therapies.add_therapyconditioncitation")
    assert editor.has_perm("therapies.delete_faqentry")
    assert editor.has_perm("therapies.view_historicaltherapycondition")
    assert not editor.has_perm("therapies.change_historicaltherapycondition")
    assert moderator.has_perm("therapies.view_therapycondition")
    assert moderator.has_perm("therapies.view_historicalcondition")
    assert not moderator.has_perm("therapies.change_therapycondition")
    assert not moderator.has_perm("therapies.add_reference")


def test_a_moderator_can_read_a_page_but_not_change_it(moderator_client, page):
    url = admin_url(TherapyCondition, "change", page.pk)

    reading = moderator_client.get(url).content.decode()
    response = moderator_client.post(url, {"excerpt": "Rewritten by a moderator.", "_save": "Save"})

    assert "Too few trials to be sure" in reading
    assert 'name="_save"' not in reading
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.excerpt == "Small trials suggest it may ease the urge to move."
    assert moderator_client.get(admin_url(TherapyCondition, "add")).status_code == 403


def test_an_administrator_reads_votes_but_cannot_change_or_delete_them(client, make_member, page):
    admin_user = with_two_factor(make_member(display_name="Admin Ada", is_staff=True, is_superuser=True))
    vote = TherapyVote.objects.create(user=make_member(display_name="Quiet Night"), target=page.therapy, value=1)
    client.force_login(admin_user)

    listing = client.get(admin_url(TherapyVote, "changelist")).content.decode()
    deletion = client.post(admin_url(TherapyVote, "delete", vote.pk), {"post": "yes"})

    assert "Quiet Night" in result_rows(listing)
    assert "Add therapy vote" not in listing
    assert deletion.status_code == 403
    assert TherapyVote.objects.filter(pk=vote.pk).exists()


# --- Revisions -----------------------------------------------------------------------------


def test_an_edit_in_the_admin_keeps_exactly_one_new_revision_naming_the_editor(editor_client, editor, page):
    url = admin_url(TherapyCondition, "change", page.pk)
    revisions_before = page.history.count()
    data = form_data(editor_client.get(url))
    data["evidence_summary"] = ["Two small trials; too few to be sure [@cui2008]."]

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    assert page.history.count() == revisions_before + 1
    newest = page.history.first()
    assert newest.history_user == editor
    assert newest.history_type == "~"
    assert newest.evidence_summary == "Two small trials; too few to be sure [@cui2008]."


def test_the_history_page_says_who_changed_which_field(editor_client, page):
    url = admin_url(TherapyCondition, "change", page.pk)
    data = form_data(editor_client.get(url))
    data["specific_warnings"] = ["Tell the practitioner if you take blood thinners."]
    editor_client.post(url, data)

    history = editor_client.get(admin_url(TherapyCondition, "history", page.pk)).content.decode()

    assert "Editor Elin" in history
    assert "Specific warnings" in history
    # The rendered copies change with the text; listing them too would only be noise.
    assert "Specific warnings html" not in history
    assert 'style="' not in history.split('id="change-history"')[1]


def test_reverting_to_an_earlier_revision_restores_its_text_and_rendered_html(editor_client, editor, page):
    first_revision = page.history.first()
    url = admin_url(TherapyCondition, "change", page.pk)
    data = form_data(editor_client.get(url))
    data["evidence_summary"] = ["A later, wrong summary."]
    editor_client.post(url, data)
    page.refresh_from_db()
    assert page.evidence_summary == "A later, wrong summary."

    revert_url = admin_url(TherapyCondition, "simple_history", page.pk, first_revision.history_id)
    revert_form = editor_client.get(revert_url)
    assert "A later, wrong summary." not in revert_form.content.decode()
    response = editor_client.post(revert_url, form_data(revert_form))

    assert response.status_code == 302, response.content.decode()
    page.refresh_from_db()
    assert page.evidence_summary == "Too few trials to be sure [@cui2008]."
    assert page.evidence_summary_html.startswith('<p>Too few trials to be sure <sup><a href="#ref-1"')
    assert positions(page) == [("cui2008", 1)]
    assert page.history.first().history_user == editor


# --- Validation ----------------------------------------------------------------------------


def test_an_unknown_citation_key_is_shown_next_to_its_field_and_nothing_is_saved(editor_client, page):
    url = admin_url(TherapyCondition, "change", page.pk)
    revisions_before = page.history.count()
    data = form_data(editor_client.get(url))
    data["why_it_may_work"] = ["Needling may change how nerves signal [@nope]."]

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Unknown reference key: [@nope]" in error_next_to(response.content.decode(), "why_it_may_work")
    page.refresh_from_db()
    assert page.why_it_may_work == ""
    assert page.history.count() == revisions_before


# --- Lists and filters ---------------------------------------------------------------------


@pytest.fixture
def pages_by_review(make_page, make_therapy, make_condition):
    today = timezone.localdate()
    condition = make_condition(name="Restless legs syndrome")
    return {
        "overdue": make_page(
            therapy=make_therapy(name="Acupuncture"), condition=condition, next_review_due=today - dt.timedelta(days=3)
        ),
        "due later": make_page(
            therapy=make_therapy(name="Massage"), condition=condition, next_review_due=today + dt.timedelta(days=30)
        ),
        "no date": make_page(therapy=make_therapy(name="Yoga"), condition=condition),
    }


def test_the_review_overdue_filter_lists_only_overdue_pages(editor_client, pages_by_review):
    overdue = result_rows(editor_client.get("/admin/therapies/therapycondition/?review_overdue=yes").content.decode())
    up_to_date = result_rows(editor_client.get("/admin/therapies/therapycondition/?review_overdue=no").content.decode())

    assert "Acupuncture for Restless legs syndrome" in overdue
    assert "Massage" not in overdue and "Yoga" not in overdue
    assert "Massage for Restless legs syndrome" in up_to_date
    assert "Yoga for Restless legs syndrome" in up_to_date
    assert "Acupuncture" not in up_to_date


def test_the_list_flags_an_overdue_review_with_its_date(editor_client, pages_by_review):
    page = editor_client.get("/admin/therapies/therapycondition/").content.decode()

    due = pages_by_review["overdue"].next_review_due
    assert re.search(r'<span class="review-overdue">Overdue since [^<]*' + str(due.year), page)
    assert page.count("Overdue since") == 1
    assert "/static/admin/therapies.css" in page


def test_the_evidence_label_filter_lists_only_pages_with_that_label(editor_client, make_page, make_therapy):
    make_page(therapy=make_therapy(name="Acupuncture"), certainty="low", direction="benefit")
    make_page(therapy=make_therapy(name="Cupping"), certainty="very_low", direction="benefit")
    make_page(therapy=make_therapy(name="Herbal tea"), evidence_basis="traditional", certainty="", direction="")

    may_help = result_rows(editor_client.get("/admin/therapies/therapycondition/?label=may-help").content.decode())
    traditional = editor_client.get("/admin/therapies/therapycondition/?label=traditional-use-only").content.decode()

    assert "Acupuncture for" in may_help
    assert "May help" in may_help
    assert "Cupping" not in may_help and "Herbal tea" not in may_help
    assert "Herbal tea for" in result_rows(traditional)
    assert "Traditional use only — not studied in people" in result_rows(traditional)
    assert "Acupuncture" not in result_rows(traditional)


def test_searching_finds_pages_by_the_therapy_s_other_names(editor_client, make_page, make_therapy):
    make_page(therapy=make_therapy(name="Acupressure", aliases="Tuina point pressure"))
    make_page(therapy=make_therapy(name="Massage"))

    found = result_rows(editor_client.get("/admin/therapies/therapycondition/?q=tuina").content.decode())

    assert "Acupressure for" in found
    assert "Massage" not in found


# --- Citations -----------------------------------------------------------------------------


def test_citation_positions_follow_first_use_after_an_admin_save(editor_client, make_page, make_reference):
    for key in ["allen2010", "cui2008", "pan2015"]:
        make_reference(key=key)
    page = make_page(why_it_may_work="Points may calm nerves [@cui2008].", evidence_summary="One trial [@allen2010].")
    assert positions(page) == [("cui2008", 1), ("allen2010", 2)]
    url = admin_url(TherapyCondition, "change", page.pk)
    data = form_data(editor_client.get(url))
    data["why_it_may_work"] = ["Points may calm nerves [@pan2015]."]
    data["evidence_summary"] = ["One trial [@allen2010]; an older review [@cui2008]."]
    # The editor also swaps the attached cui2008 row for pan2015, which the new text cites too.
    assert data["citations-0-reference"] == [str(Reference.objects.get(key="cui2008").pk)]
    data["citations-0-reference"] = [str(Reference.objects.get(key="pan2015").pk)]

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    page.refresh_from_db()
    assert positions(page) == [("pan2015", 1), ("allen2010", 2), ("cui2008", 3)]
    assert 'an older review <sup><a href="#ref-3"' in page.evidence_summary_html


def test_a_reference_attached_in_the_form_and_cited_in_the_text_is_listed_once(editor_client, page, make_reference):
    extra = make_reference(key="allen2010")
    further_reading = make_reference(key="guideline2016", kind=Reference.Kind.GUIDELINE)
    url = admin_url(TherapyCondition, "change", page.pk)
    data = form_data(editor_client.get(url))
    data["why_it_may_work"] = ["Dopamine may play a part [@allen2010]."]
    total = int(data["citations-TOTAL_FORMS"][0])
    data[f"citations-{total}-reference"] = [str(extra.pk)]
    data[f"citations-{total + 1}-reference"] = [str(further_reading.pk)]
    data["citations-TOTAL_FORMS"] = [str(total + 2)]

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    assert positions(page) == [("allen2010", 1), ("cui2008", 2), ("guideline2016", None)]
    assert page.history.count() == 2  # created, then this edit: numbering again is no new revision


def test_acupoints_are_attached_to_a_page_in_the_admin(editor_client, page):
    st36 = Acupoint.objects.create(code="ST36", pinyin="Zusanli", meridian="Stomach", location="Below the knee.")
    url = admin_url(TherapyCondition, "change", page.pk)
    data = form_data(editor_client.get(url))
    data["point_rows-0-acupoint"] = [str(st36.pk)]
    data["point_rows-0-order"] = ["1"]
    data["point_rows-0-note"] = ["both sides"]
    data["point_rows-TOTAL_FORMS"] = ["1"]

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    row = TherapyConditionAcupoint.objects.get(therapy_condition=page)
    assert (row.acupoint.code, row.note) == ("ST36", "both sides")


def test_every_input_in_a_page_s_table_rows_is_named_after_its_column(editor_client, page):
    # Django's tabular inlines name a column only in its header: a screen reader would announce a bare checkbox.
    st36 = Acupoint.objects.create(code="ST36", pinyin="Zusanli", meridian="Stomach", location="Below the knee.")
    TherapyConditionAcupoint.objects.create(therapy_condition=page, acupoint=st36, order=1, note="both sides")

    html = editor_client.get(admin_url(TherapyCondition, "change", page.pk)).content.decode()

    inputs = {
        re.search(r'name="([^"]+)"', tag).group(1): re.search(r'aria-label="([^"]*)"', tag)
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
        if re.search(r'name="(?:point_rows|citations)-0-', tag) and 'type="hidden"' not in tag
    }
    assert {"point_rows-0-order", "point_rows-0-note", "point_rows-0-DELETE", "citations-0-DELETE"} <= set(inputs)
    assert {name: label and label.group(1) for name, label in inputs.items()} == {
        "point_rows-0-acupoint": "Acupoint",
        "point_rows-0-order": "Order",
        "point_rows-0-note": "Note",
        "point_rows-0-DELETE": "Delete",
        "citations-0-reference": "Reference",
        "citations-0-DELETE": "Delete",
    }


def test_an_editor_adds_a_condition_as_a_draft_with_its_citations_numbered(editor_client, editor, make_reference):
    make_reference(key="allen2014")
    make_reference(key="cui2008")
    data = form_data(editor_client.get(admin_url(Condition, "add")))
    data.update(
        name=["Fibromyalgia"],
        slug=["fibromyalgia"],
        summary=["Widespread pain with tiredness and poor sleep."],
        overview=["Common and long-lasting [@cui2008]."],
        symptoms=["Pain [@allen2014], often with fatigue [@cui2008]."],
    )

    response = editor_client.post(admin_url(Condition, "add"), data)

    assert response.status_code == 302, response.content.decode()
    condition = Condition.objects.get(slug="fibromyalgia")
    assert condition.status == Status.DRAFT
    assert [ref.key for ref in condition.ordered_references()] == ["cui2008", "allen2014"]
    assert condition.history.get().history_user == editor


def test_a_therapy_s_form_holds_its_faq_and_links_its_pages_for_conditions(editor_client, page):
    therapy = page.therapy
    url = admin_url(Therapy, "change", therapy.pk)
    change_form = editor_client.get(url)
    data = form_data(change_form)
    data.update(
        {
            "faq_entries-0-question": ["Does it hurt?"],
            "faq_entries-0-answer": ["Most people feel a *dull ache* at most."],
            "faq_entries-0-order": ["1"],
            "faq_entries-TOTAL_FORMS": ["1"],
        }
    )

    response = editor_client.post(url, data)

    assert admin_url(TherapyCondition, "change", page.pk) in change_form.content.decode()
    assert "May help" in change_form.content.decode()
    assert response.status_code == 302, response.content.decode()
    entry = therapy.faq_entries.get()
    assert entry.answer_html == "<p>Most people feel a <em>dull ache</em> at most.</p>"


# --- Preview -------------------------------------------------------------------------------


def test_an_editor_previews_a_draft_on_the_real_page(editor_client, make_page, make_therapy, make_condition):
    draft = make_page(
        therapy=make_therapy(name="Electroacupuncture", status=Status.DRAFT),
        condition=make_condition(name="Restless legs syndrome"),
        status=Status.DRAFT,
        excerpt="A draft excerpt nobody outside the team has seen.",
    )
    change_form = editor_client.get(admin_url(TherapyCondition, "change", draft.pk)).content.decode()
    content_type = ContentType.objects.get_for_model(TherapyCondition)
    shortcut = f"/admin/r/{content_type.pk}/{draft.pk}/"

    assert f'href="{shortcut}"' in change_form
    assert "Preview on the site" in change_form
    response = editor_client.get(shortcut)
    assert response.status_code == 302
    assert response["Location"].endswith("/therapies/electroacupuncture/restless-legs-syndrome/")
    assert "Electroacupuncture" in editor_client.get(draft.get_absolute_url()).content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_published_page_links_to_itself_on_the_site(editor_client, page):
    change_form = editor_client.get(admin_url(TherapyCondition, "change", page.pk)).content.decode()

    assert "View on the site" in change_form
    assert "Preview on the site" not in change_form


# --- Query budgets -------------------------------------------------------------------------


@pytest.fixture(params=[3, 30], ids=["small", "large"])
def knowledge_base(request, make_page, make_therapy, make_condition, make_reference):
    conditions = [make_condition(name=f"Sleep problem {n}") for n in range(3)]
    for number in range(request.param):
        reference = make_reference(key=f"study{number}")
        make_page(
            therapy=make_therapy(name=f"Therapy {number}"),
            condition=conditions[number % 3],
            evidence_summary=f"A trial [@{reference.key}].",
            next_review_due=timezone.localdate() - dt.timedelta(days=number),
        )
    return request.param


# Every list: 1. session  2. editor  3. two-factor check  4–5. the editor's own and group permissions
# 6. filtered count  7. full count  8. the page of rows (therapy and condition joined in)
# plus: the therapy and condition filter choices (pages), the years to filter by (references).
@pytest.mark.parametrize(
    ("path", "budget", "shown"),
    [
        ("/admin/therapies/therapycondition/", 10, "Therapy 2 for Sleep problem 2"),
        ("/admin/therapies/therapycondition/?review_overdue=yes&label=may-help", 10, "Therapy 2 for Sleep problem 2"),
        ("/admin/therapies/therapy/", 8, "Therapy 2"),
        ("/admin/therapies/therapy/?review_overdue=no", 8, "Therapy 2"),
        ("/admin/therapies/condition/", 8, "Sleep problem 2"),
        ("/admin/therapies/reference/", 9, "study2"),
    ],
)
def test_the_lists_cost_the_same_number_of_queries_however_much_content(
    editor_client, knowledge_base, path, budget, shown, django_assert_max_num_queries
):
    with django_assert_max_num_queries(budget):
        response = editor_client.get(path)

    assert shown in result_rows(response.content.decode())
