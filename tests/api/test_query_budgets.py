"""Every list endpoint of the API costs the same number of queries with 3 or 30 of everything."""

from __future__ import annotations

import pytest
from django.utils import timezone

from community import actions
from community.models import Forum
from community.survey.models import RemedyStatistic, Treatment
from community.survey.statistics import cell_figures
from tests.clients import token_client
from therapies.models import Reference, TherapyConditionAcupoint


@pytest.fixture(params=[3, 30], ids=["3-of-each", "30-of-each"])
def world(
    request, make_condition, make_therapy, make_page, make_reference, make_acupoint, make_practitioner, make_poster
):
    size = request.param
    conditions = [make_condition(name=f"Condition {number:02d}") for number in range(size)]
    for number in range(size):
        make_reference(key=f"k{number}")
    cites = " ".join(f"[@k{number}]" for number in range(size))
    point = make_acupoint(code="ST36")
    forum = Forum.objects.get(slug="living-with-symptoms")
    authors = [make_poster() for _ in range(3)]
    for number in range(size):
        therapy = make_therapy(name=f"Therapy {number:02d}", what_it_is=f"About it {cites}")
        page = make_page(therapy=therapy, condition=conditions[0], evidence_summary=f"Studies {cites}")
        make_page(therapy=therapy, condition=conditions[1])
        TherapyConditionAcupoint.objects.create(therapy_condition=page, acupoint=point)
        make_practitioner(therapies=[therapy], conditions=[conditions[0]], languages=["en", "es"], telehealth=True)
        thread, _post = actions.start_thread(
            author=authors[number % 3], forum=forum, title=f"Thread number {number}", body="Hello.", therapy=therapy
        )
        for reply in range(2):
            actions.reply(author=authors[(number + reply + 1) % 3], thread=thread, body=f"Reply {reply}.")
    # Precomputed survey statistics: one figure set per therapy in the first two conditions.
    figures = cell_figures(
        {"n_tried": 40, "n_rated": 30, "n_too_early": 10, "helped": 20, "not_helped": 10, "much_better": 20,
         "a_little_better": 10, "none": 0, "a_little_worse": 0, "much_worse": 0, "side_effects": 0,
         "no_side_effects": 40},
        min_rated=20, min_count=10, labels={},
    )  # fmt: skip
    RemedyStatistic.objects.bulk_create(
        RemedyStatistic(
            kind=RemedyStatistic.Kind.TREATMENT, condition=condition, treatment=treatment, therapy=treatment.therapy,
            n_tried=40, helped_lower=figures["helped"]["low"], figures=figures, refreshed_at=timezone.now(),
        )
        for condition in conditions[:2]
        for treatment in Treatment.objects.filter(therapy__isnull=False).select_related("therapy")
    )  # fmt: skip
    main_thread = forum.threads.order_by("pk").first()
    for number in range(size):
        actions.reply(author=authors[number % 3], thread=main_thread, body=f"More {number}.")
    assert Reference.objects.count() == size and RemedyStatistic.objects.count() == 2 * size
    return {"size": size, "thread": main_thread, "member": authors[0]}


LIST_BUDGETS = [
    # 1. count  2. conditions
    ("/api/v1/conditions/", 2),
    # 1. published condition slugs for the filter  2. count  3. therapies  4. their pages with conditions
    ("/api/v1/therapies/", 4),
    ("/api/v1/therapies/?condition=condition-00&label=may-help", 4),
    # 1. count  2. pages with therapies and conditions
    ("/api/v1/therapy-conditions/?condition=condition-00", 2),
    # 1. count  2. references
    ("/api/v1/references/?ordering=-year", 2),
    # 1-3. therapies, conditions and languages for the filters  4. count  5. listings  6. their therapies
    # 7. their languages
    ("/api/v1/practitioners/?therapy=therapy-00&telehealth=true", 7),
    ("/api/v1/practitioners/?near=97214&radius=25", 7),
    # 1. count  2. forums with their last posts, threads and authors
    ("/api/v1/forums/", 2),
    # 1. count  2. threads with forum, author, therapy, first post and last poster
    ("/api/v1/threads/", 2),
    ("/api/v1/threads/?forum=living-with-symptoms&ordering=-created_at", 2),
    # 1. the thread  2. count  3. posts with authors
    ("/api/v1/threads/{thread}/posts/", 3),
    # 1. the statistics rows with treatments, therapies and conditions
    ("/api/v1/survey/statistics/", 1),
]


@pytest.mark.parametrize(("url", "budget"), LIST_BUDGETS, ids=[url for url, _budget in LIST_BUDGETS])
def test_a_visitors_list_costs_the_same_at_both_sizes(client, world, url, budget, django_assert_num_queries):
    with django_assert_num_queries(budget):
        response = client.get(url.format(thread=world["thread"].pk))
    assert response.status_code == 200 and response.json()
    if "near=" not in url:
        # Kept for visitors (portal.api.KeptForVisitors): asked again, it costs no query at either size.
        with django_assert_num_queries(0):
            assert client.get(url.format(thread=world["thread"].pk)).content == response.content


# A member's token adds: 1. the token with its member
MEMBER_BUDGETS = [
    # ... and, on threads, 2. the unread posts of the threads the member read (the read positions are in the list query)
    ("/api/v1/threads/", 4),
    # ... and, on posts, whether the member marked each one helpful (in the posts query).
    ("/api/v1/threads/{thread}/posts/", 4),
    ("/api/v1/conditions/", 3),
]


@pytest.mark.parametrize(("url", "budget"), MEMBER_BUDGETS, ids=[url for url, _budget in MEMBER_BUDGETS])
def test_a_members_list_costs_the_same_at_both_sizes(world, url, budget, django_assert_num_queries):
    client = token_client(world["member"])
    with django_assert_num_queries(budget):
        response = client.get(url.format(thread=world["thread"].pk))
    assert response.status_code == 200 and response.json()["results"]


DETAIL_BUDGETS = [
    # 1. condition  2. citations with references  3. its pages with therapies
    ("/api/v1/conditions/condition-00/", 3),
    # 1. therapy  2. citations  3. FAQ  4. pages with conditions
    ("/api/v1/therapies/therapy-00/", 4),
    # 1. page with therapy and condition  2. citations  3. points  4. survey statistics of the pair
    ("/api/v1/therapy-conditions/therapy-00/condition-00/", 4),
]


@pytest.mark.parametrize(("url", "budget"), DETAIL_BUDGETS, ids=[url for url, _budget in DETAIL_BUDGETS])
def test_a_detail_costs_the_same_at_both_sizes(client, world, url, budget, django_assert_num_queries):
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).content == response.content
