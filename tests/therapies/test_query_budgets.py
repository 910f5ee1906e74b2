"""Knowledge-base pages cost the same number of queries with 5 or 50 therapies per condition."""

import pytest

from therapies.models import FAQEntry, Reference, TherapyConditionAcupoint, TherapyVote


@pytest.fixture(params=[5, 50], ids=["5-therapies", "50-therapies"])
def knowledge_base(request, make_condition, make_therapy, make_page, make_reference, make_acupoint, make_practitioner):
    size = request.param
    condition = make_condition(name="Restless legs syndrome")
    other = make_condition(name="Insomnia")
    for number in range(size):
        make_reference(key=f"k{number}")
    points = [make_acupoint(code=f"P{number}") for number in range(min(size, 12))]
    cites = " ".join(f"[@k{number}]" for number in range(size))
    for number in range(size):
        therapy = make_therapy(name=f"Therapy {number:02d}", what_it_is=f"About it {cites}")
        FAQEntry.objects.create(therapy=therapy, question=f"Question {number}?", answer="An answer.")
        page = make_page(
            therapy=therapy,
            condition=condition,
            certainty=["high", "moderate", "low", "very_low"][number % 4],
            evidence_summary=f"Studies {cites}",
        )
        make_page(therapy=therapy, condition=other)
        for order, point in enumerate(points):
            TherapyConditionAcupoint.objects.create(therapy_condition=page, acupoint=point, order=order)
        make_practitioner(
            therapies=[therapy],
            conditions=[condition],
            languages=["en"],
            verification_status=["verified", "unverified"][number % 2],
        )
    assert Reference.objects.count() == size
    return size


def test_the_conditions_list_costs_one_query_with_5_or_50_therapies(
    client, knowledge_base, django_assert_max_num_queries
):
    # 1. conditions
    with django_assert_max_num_queries(1):
        assert client.get("/conditions/").status_code == 200


def test_a_condition_page_costs_the_same_with_5_or_50_therapies(client, knowledge_base, django_assert_max_num_queries):
    # 1. condition  2. its citations with references  3. therapy pages with their therapies  4. practitioners
    # 5. the condition's forum  6. its newest threads  7. its survey statistics  8. the survey (call to action)
    with django_assert_max_num_queries(8):
        assert client.get("/conditions/restless-legs-syndrome/").status_code == 200


def test_the_therapy_list_costs_the_same_with_or_without_filters_and_with_5_or_50_therapies(
    client, knowledge_base, django_assert_max_num_queries
):
    # 1. conditions for the filter  2. how many therapies (pages of 24)  3. the page's therapies  4. their published
    # pages with conditions
    for query in ["", "?condition=insomnia", "?label=may-help", "?condition=restless-legs-syndrome&label=helps"]:
        with django_assert_max_num_queries(4):
            assert client.get(f"/therapies/{query}").status_code == 200


def test_a_therapy_page_costs_a_member_the_same_with_5_or_50_therapies(
    member_client, knowledge_base, django_assert_max_num_queries
):
    # The page's shell: 1. session  2. member  3. therapy  4. citations with references  5. FAQ  6. pages with
    # conditions  7. practitioners  8. the general forum (for "start a discussion")  9. threads about the therapy
    # 10. its survey statistics  11. members' tips; the member's own parts: 12. standing and unread notifications
    # (header)  13. the member's vote
    with django_assert_max_num_queries(14):
        assert member_client.get("/therapies/therapy-00/").status_code == 200


def test_a_therapy_for_condition_page_costs_a_member_the_same_with_5_or_50_therapies(
    member_client, knowledge_base, django_assert_max_num_queries
):
    # 1. session  2. member  3. page with therapy and condition  4. citations with references
    # 5. points with acupoints  6. the member's vote  7. practitioners  8. the condition's forum
    # 9. threads about the therapy in it  10. unread notifications (header)  11. the pair's survey statistics
    with django_assert_max_num_queries(11):
        assert member_client.get("/therapies/therapy-00/restless-legs-syndrome/").status_code == 200


def test_the_home_page_costs_the_same_with_5_or_50_therapies(client, knowledge_base, django_assert_max_num_queries):
    # 1. conditions  2. most-read therapies  3. the survey (call to action)  4. newest threads
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200


def test_a_vote_costs_the_same_with_5_or_50_therapies(member_client, knowledge_base, django_assert_max_num_queries):
    # session, member, verified address, therapy, savepoint/lock, existing vote, insert, counters, tally (+ message)
    with django_assert_max_num_queries(12):
        member_client.post("/therapies/therapy-00/vote/", {"vote": "up"})
    assert TherapyVote.objects.get(target__slug="therapy-00").value == 1
