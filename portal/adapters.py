"""How allauth fits our accounts: the display name at sign-up, and e-mail through the task queue."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings

from portal.mail import send_later


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The display name must be on the row before its first save: it is unique and required.
        user.display_name = form.cleaned_data["display_name"]
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, mail_context: dict) -> None:
        request = context.request
        ctx = {"request": request, "email": email, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
        ctx.update(mail_context)
        ctx.setdefault("current_site", _SiteName())
        send_later(self.render_mail(template_prefix, email, ctx))


class _SiteName:
    """Stands in for django.contrib.sites in allauth's e-mail templates ("Hello from {{ current_site.name }}")."""

    name = settings.SITE_NAME

    @property
    def domain(self) -> str:
        return settings.SITE_URL.split("://", 1)[-1] or "localhost"
