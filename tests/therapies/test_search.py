"""The site search box: a simple search over what the apps register, with clear messages on odd input."""

import pytest

from therapies.models import Status


@pytest.fixture
def content(make_condition, make_therapy):
    make_condition(name="Restless legs syndrome", aliases="Willis–Ekbom disease\nRLS")
    make_therapy(name="Acupuncture", summary="Thin needles at chosen points.")
    make_therapy(name="Secret draft needles", status=Status.DRAFT)


def test_it_finds_conditions_by_other_names_and_therapies_by_summary(client, content):
    by_alias = client.get("/search/", {"q": "willis"}).content.decode()
    by_summary = client.get("/search/", {"q": "needles"}).content.decode()

    assert "Restless legs syndrome" in by_alias and "Conditions (1)" in by_alias
    assert "Acupuncture" in by_summary and "Therapies (1)" in by_summary
    assert "Secret draft" not in by_summary


def test_an_empty_search_asks_for_a_word_and_a_long_one_is_refused(client, content):
    assert "Type a word to search for" in client.get("/search/", {"q": "   "}).content.decode()
    page = client.get("/search/", {"q": "x" * 201}).content.decode()
    assert "That search is too long" in page


def test_odd_input_is_shown_escaped_and_never_fails(client, content):
    for query in ['"quoted" -minus OR', "<script>alert(1)</script>", "ünïcødé 睡眠", "%_\\"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_header_carries_the_search_box_on_every_page(client, db):
    assert 'action="/search/"' in client.get("/privacy/").content.decode()


def test_search_is_a_fixed_cost(client, content, django_assert_max_num_queries):
    # 1. conditions  2. therapies  3. practitioners
    with django_assert_max_num_queries(3):
        client.get("/search/", {"q": "needles acupuncture"})
