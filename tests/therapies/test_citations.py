"""Editors cite with [@key]; pages number references in order of first use across the whole page."""

import pytest
from django.core.exceptions import ValidationError

from portal.citations import CITATION
from portal.search import clean_markup
from therapies.citations import CitationRenderer, cited_keys


def test_keys_are_found_in_order_of_first_use_without_repeats():
    text = "First [@b2020]. Then [@a2019; @b2020]. And [@c-2021]."

    assert cited_keys(text) == ["b2020", "a2019", "c-2021"]


def test_numbers_run_across_fields_in_display_order():
    renderer = CitationRenderer()

    first = renderer.render("Why [@b].")
    second = renderer.render("Evidence [@a; @b].")

    assert '<sup><a href="#ref-1" rel="noopener">1</a></sup>' in first
    assert '<sup><a href="#ref-2" rel="noopener">2</a>, <a href="#ref-1" rel="noopener">1</a></sup>' in second
    assert renderer.order == ["b", "a"]


def test_the_page_stores_references_in_order_of_first_use(rls_page):
    keys = [reference.key for reference in rls_page.ordered_references()]

    # raissi2017 is cited first (why it may work), cui2008 next (evidence); the attached one comes last.
    assert keys == ["raissi2017", "cui2008", "unused2020"]


def test_an_edit_renumbers_the_references(rls_page):
    rls_page.why_it_may_work = "No citation here any more."
    rls_page.save()

    assert [reference.key for reference in rls_page.ordered_references()] == ["cui2008", "raissi2017", "unused2020"]
    assert 'href="#ref-1" rel="noopener">1</a>' in rls_page.evidence_summary_html


def test_an_unknown_key_is_a_validation_error_on_its_field(rls_page):
    rls_page.specific_warnings = "See [@nobody1999]."

    with pytest.raises(ValidationError) as error:
        rls_page.full_clean()

    assert "specific_warnings" in error.value.message_dict
    assert "[@nobody1999]" in error.value.message_dict["specific_warnings"][0]


@pytest.mark.parametrize("written", ["[@cui2008]", "[@cui2008; @raissi-2017]", "[@a;@b]", "[@key, p. 3]"])
def test_search_snippets_leave_out_every_citation_the_pages_number(written):
    text = f"Acupuncture helped {written}. Ask first."

    assert clean_markup(text) == "Acupuncture helped. Ask first."
    if CITATION.search(written):
        assert cited_keys(text)
