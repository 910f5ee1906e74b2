"""A member's standing (verified, suspended, rules to accept, unread notifications) is fetched once a page and
passed where it is needed: nothing is planted on the user object."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from community import permissions, trust
from community.models import Suspension


def test_a_thread_page_leaves_nothing_on_the_member(forum, make_thread, poster, poster_client):
    thread = make_thread(forum=forum)

    response = poster_client.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()  # the reply form: the page asked about the standing
    user = response.wsgi_request.user
    assert not hasattr(user, "community_standing")
    assert not hasattr(user, "verified_email_known")


def test_the_standing_answers_the_same_as_asking_one_question_at_a_time(poster, django_assert_num_queries):
    Suspension.objects.create(member=poster, until=timezone.now() + timedelta(days=2), reason="Insults")

    with django_assert_num_queries(1):
        standing = trust.standing_of(poster)

    assert standing.verified
    assert trust.active_suspension(poster, standing=standing) == trust.active_suspension(poster)
    assert trust.needs_rules_acceptance(poster, standing=standing) == trust.needs_rules_acceptance(poster)
    assert permissions.posting_refusal(poster, standing=standing) == permissions.posting_refusal(poster)
    assert permissions.posting_refusal(poster).suspended


def test_a_visitor_has_no_standing(rf):
    from django.contrib.auth.models import AnonymousUser

    assert trust.standing_of(AnonymousUser()) is None
