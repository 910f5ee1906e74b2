"""The apps' builders, for the site-wide tests that need real content beside the demo's (tests/portal/test_demo_*)."""

from tests.community.conftest import make_poster  # noqa: F401
from tests.therapies.conftest import (  # noqa: F401
    make_condition,
    make_page,
    make_practitioner,
    make_reference,
    make_therapy,
)
