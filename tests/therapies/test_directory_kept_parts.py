"""A search's results page is one reader's own and rendered every time, but the parts that are the same for everyone
are kept per content generation (portal/kept.py): the next request after a change shows it all the same."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from therapies.models import Status

pytestmark = pytest.mark.django_db

URL = "/practitioners/"
NEAR = {"near": "97214", "radius": 25, "unit": "km"}


def tables_read(client, query) -> str:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, query).status_code == 200
    return " ".join(entry["sql"] for entry in captured.captured_queries)


def test_the_search_forms_choices_are_read_once_and_kept_for_the_next_searches(client, make_therapy):
    make_therapy(name="Acupuncture")
    assert "therapies_therapy" in tables_read(client, NEAR)
    assert "therapies_therapy" not in tables_read(client, {**NEAR, "radius": 50})
    assert "therapies_language" not in tables_read(client, {**NEAR, "near": "Berlin, Germany"})


def test_a_therapy_published_or_renamed_shows_in_the_search_form_on_the_next_search(client, make_therapy):
    cupping = make_therapy(name="Cupping", status=Status.DRAFT)
    assert ">Cupping</option>" not in client.get(URL, NEAR).content.decode()

    cupping.status = Status.PUBLISHED
    cupping.save()
    assert '<option value="cupping">Cupping</option>' in client.get(URL, NEAR).content.decode()

    cupping.name = "Fire cupping"
    cupping.save()
    page = client.get(URL, {**NEAR, "therapy": "cupping"}).content.decode()
    assert '<option value="cupping" selected>Fire cupping</option>' in page


def test_a_language_is_offered_once_a_published_listing_speaks_it(client, make_practitioner):
    listing = make_practitioner(name="Polyglot Clinic", languages=["en"])
    assert ">Portuguese</option>" not in client.get(URL, NEAR).content.decode()

    listing.languages.add(*listing.languages.model.objects.filter(code="pt"))
    assert '<option value="pt">Portuguese</option>' in client.get(URL, NEAR).content.decode()
