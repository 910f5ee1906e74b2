"""Staff must protect their account with two-factor authentication before they may use the admin; a site showing
demo content says so to search engines on every answer; a session begun under an earlier authentication backend
keeps its member signed in."""

from __future__ import annotations

from functools import partial

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from portal import demo
from portal.backends import amove_earlier_session, move_earlier_session


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but a session begun under a backend this site used before MemberBackend (portal/backends.py) is
    moved to MemberBackend when its member is first asked for, instead of being signed out. As lazy as Django's:
    a request that never asks who is signed in reads no session."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _member(request))
        request.auser = partial(_amember, request)


def _member(request):
    if not hasattr(request, "_cached_user"):
        move_earlier_session(request.session)
    return auth_middleware.get_user(request)


async def _amember(request):
    if not hasattr(request, "_acached_user"):
        await amove_earlier_session(request.session)
    return await auth_middleware.auser(request)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        user = getattr(request, "user", None)
        if (
            request.path.startswith(self.admin_prefix)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _("Staff accounts need two-factor authentication. Set it up here, then go back to the admin."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class DemoContentMiddleware:
    """While demo content is present (portal/demo.py), every answer carries `X-Robots-Tag: noindex`, and the page
    templates show the banner and the robots meta tag (`request.demo_content`, read once here from the cache).

    It sits inside VisitorPageMiddleware, so a visitor's kept page keeps the header it was rendered with; the seed
    and the removal bump every generation, so no page kept before either is served after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.demo_content = demo.content_present()
        response = self.get_response(request)
        if request.demo_content:
            response["X-Robots-Tag"] = "noindex"
        return response
