"""What only the survey tests use: respondents built through the actions, the statistics refresh, a moderator."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from community.survey.statistics import refresh_statistics
from tests.admin_pages import with_two_factor
from tests.clients import login
from tests.factories.survey import answer


@pytest.fixture
def make_respondent(make_member, survey, knowledge_base, django_capture_on_commit_callbacks):
    """A member who answered: make_respondent(tried={"exercise": "much_better"}, conditions=[...], research=True)."""

    def make(**options):
        member = make_member()
        with django_capture_on_commit_callbacks(execute=True):
            answer(member, survey, **options)
        return member

    return make


@pytest.fixture
def refresh():
    return refresh_statistics


@pytest.fixture
def moderator_client(make_member):
    moderator = with_two_factor(make_member(is_staff=True, display_name="Moritz Moderator"))
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return login(moderator)
