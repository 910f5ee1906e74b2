from django.conf import settings

from portal.navigation import main_navigation, search_url


def site(request) -> dict:
    return {
        "site_name": settings.SITE_NAME,
        "main_navigation": main_navigation(),
        "search_url": search_url(),
        "canonical_url": (
            f"{settings.SITE_URL}{request.path}" if settings.SITE_URL else request.build_absolute_uri(request.path)
        ),
    }
