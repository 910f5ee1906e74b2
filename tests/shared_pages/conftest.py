"""Kept pages span every app: the builders of the knowledge base, the directory and the discussions."""

from tests.community.conftest import forum, make_poster, make_thread  # noqa: F401  (fixtures)
from tests.survey.conftest import editor_client  # noqa: F401
from tests.therapies.conftest import (  # noqa: F401
    make_acupoint,
    make_condition,
    make_page,
    make_practitioner,
    make_reference,
    make_therapy,
    rls_page,
)
