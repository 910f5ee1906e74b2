"""Directory pages cost the same number of queries with 30 listings as with 20,000."""

from __future__ import annotations

import random

import pytest

from tests.factories.therapies import PORTLAND_97214
from therapies.models import Language, Practitioner

LAT, LON = PORTLAND_97214


@pytest.fixture(params=[30, 20_000], ids=["30-listings", "20000-listings"])
def directory(request, make_therapy, make_condition):
    """`size` published listings within about 40 km of Portland, each with a therapy, a condition and languages."""
    size = request.param
    therapies = [make_therapy(name=f"Therapy {number}") for number in range(3)]
    condition = make_condition(name="Restless legs syndrome")
    languages = list(Language.objects.filter(code__in=["en", "es", "zh"]))
    rng = random.Random(4)
    Practitioner.objects.bulk_create(
        [
            Practitioner(
                slug=f"listing-{number}",
                name=f"Listing {number}",
                city="Portland",
                country="US",
                latitude=LAT + rng.uniform(-0.35, 0.35),
                longitude=LON + rng.uniform(-0.5, 0.5),
                telehealth=number % 3 == 0,
                verification_status="verified" if number % 2 else "unverified",
                status=Practitioner.Status.PUBLISHED,
            )
            for number in range(size)
        ],
        batch_size=2000,
    )
    ids = list(Practitioner.objects.values_list("pk", flat=True))
    therapy_rows = Practitioner.therapies.through
    therapy_rows.objects.bulk_create(
        [therapy_rows(practitioner_id=pk, therapy_id=therapies[pk % 3].pk) for pk in ids], batch_size=5000
    )
    condition_rows = Practitioner.conditions.through
    condition_rows.objects.bulk_create(
        [condition_rows(practitioner_id=pk, condition_id=condition.pk) for pk in ids], batch_size=5000
    )
    language_rows = Practitioner.languages.through
    language_rows.objects.bulk_create(
        [language_rows(practitioner_id=pk, language_id=languages[pk % 3].pk) for pk in ids], batch_size=5000
    )
    return {"size": size, "therapy": therapies[0], "condition": condition}


@pytest.mark.django_db
def test_directory_pages_are_a_fixed_cost(client, directory, django_assert_max_num_queries):
    assert Practitioner.objects.published().count() == directory["size"]

    # 1. therapies  2. conditions  3. languages in use (the filter choices)  4. the page of listings, counted by the
    # same query  5. the cards' listings  6. their therapies  7. their languages
    with django_assert_max_num_queries(7):
        assert client.get("/practitioners/").status_code == 200

    near = {"near": "97214", "radius": 25, "unit": "km", "therapy": directory["therapy"].slug,
            "condition": "restless-legs-syndrome", "language": "en", "page": 2}  # fmt: skip
    # The choices are kept now (therapies/forms.py). 1. the page of listings nearest first, counted  2-4. the cards
    # of listings not shown before (therapies/directory/cards.py). The place is remembered in a cookie, not a
    # session. With 30 listings page 2 is past the last page, which takes two more: the count, and the last page.
    with django_assert_max_num_queries(6):
        response = client.get("/practitioners/", near)
    assert response.status_code == 200
    assert "km away" in response.content.decode()

    # A page of results seen before (its cards are kept): 1. the page of listings nearest first, counted
    first_page = {key: value for key, value in near.items() if key != "page"}
    client.get("/practitioners/", first_page)
    with django_assert_max_num_queries(1):
        response = client.get("/practitioners/", first_page)
    assert response.content.decode().count("km away") == min(20, response.context["page"].paginator.count)

    listing = Practitioner.objects.order_by("pk").first()
    # 1. the listing with its owner  2. languages  3. therapies  4. conditions
    with django_assert_max_num_queries(4):
        assert client.get(listing.get_absolute_url()).status_code == 200

    # The therapy page's practitioner section near the remembered place is one query (counted in the
    # knowledge base's budgets); here it must stay one query at 20,000 listings too. The page's other queries:
    # therapy, citations, FAQ, condition pages, read counter, general forum, threads, survey statistics, members'
    # tips.
    therapy_url = directory["therapy"].get_absolute_url()
    with django_assert_max_num_queries(10):
        page = client.get(therapy_url).content.decode()
    assert "Nearest to 97214 (Portland, OR, United States)" in page
