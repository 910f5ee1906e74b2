"""Rules the pages, the API and search share, each written once: the same question gets the same answer everywhere."""

import pytest
from django.contrib.auth.models import AnonymousUser

from therapies import permissions
from therapies.directory.proposals import OWNER_EDITABLE_FIELDS, OWNER_EDITABLE_RELATIONS
from therapies.forms import DEFAULT_RADIUS, ListingForm, PractitionerSearchForm, SearchChoices
from therapies.models import Condition, Practitioner, Status, Therapy, TherapyCondition, alias_list
from therapies.models.reading import ViewableQuerySet
from therapies.search import _also_called


@pytest.mark.parametrize(
    "query",
    ["", "?condition=migraine", "?label=very-uncertain", "?condition=restless-legs-syndrome&label=very-uncertain"],
)
def test_the_therapy_list_page_and_the_api_list_the_same_therapies_for_every_filter(
    client, rls_page, make_therapy, make_page, make_condition, query
):
    migraine = make_condition(name="Migraine")
    make_page(therapy=make_therapy(name="Relaxation"), condition=migraine, certainty="moderate")
    make_therapy(name="Unstudied")

    page = client.get(f"/therapies/{query}").content.decode()
    api = client.get(f"/api/v1/therapies/{query}").json()["results"]

    listed_by_api = {therapy["name"] for therapy in api}
    for name in ("Acupuncture", "Relaxation", "Unstudied"):
        assert (name in page) == (name in listed_by_api), (name, query)


def test_a_therapy_page_and_its_api_answer_show_the_same_conditions(client, rls_page, make_condition, make_page):
    hidden = make_page(therapy=rls_page.therapy, condition=make_condition(name="Hidden condition"))
    TherapyCondition.objects.filter(pk=hidden.pk).update(status=Status.DRAFT)

    page = client.get("/therapies/acupuncture/").content.decode()
    api = client.get("/api/v1/therapies/acupuncture/").json()

    assert [item["condition"]["name"] for item in api["helps_with"]] == ["Restless legs syndrome"]
    assert "Restless legs syndrome" in page and "Hidden condition" not in page


def test_other_names_are_split_alike_on_pages_in_the_api_and_in_search(client, rls_page):
    Condition.objects.filter(pk=rls_page.condition_id).update(aliases="  Willis–Ekbom disease \n\n RLS  \n")
    condition = Condition.objects.get(pk=rls_page.condition_id)

    api = client.get("/api/v1/conditions/restless-legs-syndrome/").json()

    assert alias_list(condition.aliases) == ["Willis–Ekbom disease", "RLS"]
    assert condition.alias_list == api["aliases"] == ["Willis–Ekbom disease", "RLS"]
    assert _also_called(condition.aliases) == "Also called Willis–Ekbom disease, RLS"
    assert alias_list("") == [] and _also_called("") == ""


@pytest.mark.parametrize("kind", ["visitor", "member", "staff"])
def test_knowledge_and_listings_are_previewed_unpublished_by_the_same_people(
    kind, rls_page, make_member, make_therapy, make_practitioner
):
    user = {"visitor": AnonymousUser, "member": make_member, "staff": lambda: make_member(is_staff=True)}[kind]()
    make_therapy(name="Draft therapy", status=Status.DRAFT)
    make_practitioner(name="Pending listing", status=Practitioner.Status.PENDING)

    sees_drafts = permissions.can_see_drafts(user)

    assert Therapy.objects.viewable_by(user).filter(name="Draft therapy").exists() == sees_drafts
    assert Practitioner.objects.viewable_by(user).filter(name="Pending listing").exists() == sees_drafts
    assert sees_drafts == (kind == "staff")


def test_the_directory_page_and_the_api_read_the_search_form_alike(db):
    unbound = PractitionerSearchForm(None, choices=_no_choices())
    in_miles = PractitionerSearchForm({"q": "lotus", "radius": "10", "unit": "mi"}, choices=_no_choices())
    assert in_miles.is_valid(), in_miles.errors

    assert unbound.search_arguments() == {
        "text": "", "therapy": "", "condition": "", "language": "", "telehealth": False, "verified": False,
        "accepting": False, "near": None, "radius_km": DEFAULT_RADIUS,
    }  # fmt: skip
    assert in_miles.search_arguments()["text"] == "lotus"
    assert in_miles.search_arguments()["radius_km"] == pytest.approx(16.09, abs=0.01)


def test_the_claim_link_shows_while_nobody_owns_a_published_listing(client, make_practitioner, make_member):
    free = make_practitioner(name="Free listing")
    owned = make_practitioner(name="Owned listing", owner=make_member())

    assert "Claim this listing" in client.get(free.get_absolute_url()).content.decode()
    assert "Claim this listing" not in client.get(owned.get_absolute_url()).content.decode()
    assert permissions.is_claimable(free) and not permissions.is_claimable(owned)


def _no_choices():
    return SearchChoices(therapies=(), conditions=(), languages=())


def test_the_listing_form_offers_exactly_the_fields_an_owner_may_propose():
    stored = set(OWNER_EDITABLE_FIELDS) | set(OWNER_EDITABLE_RELATIONS)

    assert set(ListingForm.Meta.fields) == stored
    assert set(ListingForm.base_fields) >= stored
    assert not {"status", "verification_status", "owner", "latitude", "longitude"} & set(ListingForm.base_fields)


def test_knowledge_pages_and_listings_are_published_under_the_value_their_shared_read_rule_filters_on():
    assert Status.PUBLISHED == Practitioner.Status.PUBLISHED == ViewableQuerySet.PUBLISHED
