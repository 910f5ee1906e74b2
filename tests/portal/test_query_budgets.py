"""Every page costs a fixed number of queries, whatever the amount of data."""

import pytest

from portal.models import RulesVersion


@pytest.fixture(params=[1, 40], ids=["small", "large"])
def site_with_data(request, make_member):
    for number in range(request.param):
        make_member(display_name=f"Sleeper {number}")
        RulesVersion.objects.get_or_create(version=number + 2, defaults={"body": f"Rules {number}"})
    return request.param


@pytest.mark.parametrize("path", ["/privacy/", "/terms/", "/disclaimer/", "/support/", "/robots.txt"])
def test_public_pages_need_no_queries_for_a_visitor(client, site_with_data, path, django_assert_max_num_queries):
    # The session is untouched for a visitor, so these pages never reach the database.
    with django_assert_max_num_queries(0):
        assert client.get(path).status_code == 200


def test_the_home_page_asks_each_registered_section_once(client, site_with_data, django_assert_max_num_queries):
    # 1. conditions  2. most-read therapies (the knowledge base's sections)  3. newest threads (the discussions')
    # 4. the survey, for its call to action
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200


def test_healthz_asks_the_database_one_question(client, site_with_data, django_assert_num_queries):
    # 1. SELECT 1
    with django_assert_num_queries(1):
        client.get("/healthz")


def test_the_rules_page_reads_one_row(client, site_with_data, django_assert_max_num_queries):
    # 1. the newest rules version in force
    with django_assert_max_num_queries(1):
        client.get("/rules/")


@pytest.mark.parametrize(("path", "budget"), [("/accounts/profile/", 5), ("/accounts/data/", 3)])
def test_member_pages_stay_small(member_client, site_with_data, path, budget, django_assert_max_num_queries):
    # 1. session  2. member  3. unread notifications (header)  4. on the profile: when the API token was made
    # 5. on the profile: the conditions whose news the member follows
    with django_assert_max_num_queries(budget):
        assert member_client.get(path).status_code == 200


def test_the_export_is_a_fixed_cost(member_client, site_with_data, django_assert_max_num_queries):
    # 1. session  2. member  3. e-mail addresses  4. two-factor methods
    # 5-6. therapy votes and therapy-for-condition votes (the knowledge base's section)
    # 7-8. directory requests with their listings, listings the member manages (the directory's section)
    # 9-12. posts with threads and forums, followed threads, reports made, rules accepted (the discussions')
    # 13-15. survey responses with their versions, tips, consents (the survey's)
    # 16-17. diary reminder, diary entries (the symptom diary's)
    # 18-19. follows of conditions' news with their conditions, and the digests sent (the condition news')
    # 20-21. follow-ups with their treatments and question versions, "stop asking me" rows (issue 18)
    with django_assert_max_num_queries(21):
        assert member_client.get("/accounts/data/export/").status_code == 200
