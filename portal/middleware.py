"""Staff must protect their account with two-factor authentication before they may use the admin."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


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
