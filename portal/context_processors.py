from django.conf import settings

from portal import demo
from portal.navigation import main_navigation, search_url


def site(request) -> dict:
    # The banner and `noindex` while demo content is present (portal/demo.py), as DemoContentMiddleware read it.
    demo_content = getattr(request, "demo_content", None)
    return {
        "site_name": settings.SITE_NAME,
        "main_navigation": main_navigation(),
        "search_url": search_url(),
        "demo_content": demo.content_present() if demo_content is None else demo_content,
        "canonical_url": (
            f"{settings.SITE_URL}{request.path}" if settings.SITE_URL else request.build_absolute_uri(request.path)
        ),
    }
