"""The search tests build knowledge-base content, listings and discussions: the builders of both apps."""

from tests.community.conftest import (  # noqa: F401  (fixtures)
    forum,
    make_long_thread,
    make_poster,
    make_thread,
    moderator,
    new_member,
)
from tests.therapies.conftest import make_condition, make_page, make_practitioner, make_therapy  # noqa: F401
