"""The follow page, the links in the news e-mails, and a member's one-click follow and unfollow."""

from __future__ import annotations

from allauth.core.ratelimit import consume, respond_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.breadcrumbs import crumbs
from therapies.models import Condition
from therapies.news import actions, tokens
from therapies.news.forms import FollowForm
from therapies.news.models import ConditionFollow
from therapies.news.permissions import can_follow_in_one_click

# Counted in the cache by allauth's rate limiter, per client address and per address typed (settings.py).
RATE_LIMIT_ACTION = "follow_condition"


def _condition(slug: str) -> Condition:
    return get_object_or_404(Condition.objects.published().only("name", "slug", "status"), slug=slug)


def _crumbs(condition: Condition) -> list[dict]:
    return crumbs(
        (_("Conditions"), reverse("therapies:condition_list")),
        (condition.name, condition.get_absolute_url()),
        (_("Follow news"), None),
    )


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Visitors (and members without a verified address) ask for a confirmation e-mail; a verified member follows
    in one click."""
    condition = _condition(slug)
    one_click = can_follow_in_one_click(request.user)
    if one_click and request.method == "POST":
        actions.follow_as_member(condition=condition, member=request.user)
        messages.success(request, _("You follow news of %(name)s.") % {"name": condition.name})
        return redirect(reverse("profile") + "#condition-news")
    form = FollowForm(request.POST or None) if not one_click else None
    if form is not None and request.method == "POST" and form.is_valid():
        if form.is_spam:
            return _check_your_inbox(request, condition)
        if not consume(request, action=RATE_LIMIT_ACTION, key=form.cleaned_data["email"].strip().lower()):
            return respond_429(request)
        actions.request_follow(condition=condition, email=form.cleaned_data["email"])
        return _check_your_inbox(request, condition)
    following = one_click and ConditionFollow.objects.active().filter(condition=condition, member=request.user).exists()
    return render(
        request,
        "therapies/news/follow.html",
        {
            "condition": condition,
            "form": form,
            "one_click": one_click,
            "following": following,
            "consent_text": actions.consent_sentence(condition),
            "crumbs": _crumbs(condition),
        },
    )


def _check_your_inbox(request: HttpRequest, condition: Condition) -> HttpResponse:
    # The same answer for every address, following already or not, and for a bot that filled the honeypot.
    return render(
        request,
        "therapies/news/follow_sent.html",
        {"condition": condition, "days": tokens.CONFIRM_WITHIN.days, "crumbs": _crumbs(condition)},
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: a page with one button (a mail scanner's GET confirms nothing)."""
    condition = _condition(slug)
    follow = tokens.follow_to_confirm(token, condition_slug=slug)
    if follow is None or follow.withdrawn_at is not None:
        return render(request, "therapies/news/confirm.html", {"condition": condition, "invalid": True}, status=400)
    if follow.confirmed_at is not None:
        return render(request, "therapies/news/confirm.html", {"condition": condition, "used": True})
    if request.method == "POST":
        confirmed = actions.confirm_follow(follow=follow)
        return render(
            request,
            "therapies/news/confirm.html",
            {"condition": condition, "confirmed": confirmed, "used": not confirmed},
        )
    return render(request, "therapies/news/confirm.html", {"condition": condition, "follow": follow})


# The signed token is the authority here, and mail providers' one-click POST (RFC 8058) carries no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The unsubscribe link in every digest: one button in the browser, or the mail program's one-click POST."""
    follow = tokens.follow_to_stop(token, condition_slug=slug)
    if follow is None:
        return render(request, "therapies/news/stop.html", {"invalid": True}, status=400)
    context = {"condition": follow.condition, "already": follow.withdrawn_at is not None}
    if request.method == "POST":
        actions.stop_follow(follow=follow)
        context["stopped"] = True
    return render(request, "therapies/news/stop.html", context)


@login_required
@require_POST
def unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    """A member stops following from their profile page."""
    condition = _condition(slug)
    if actions.stop_member_follow(condition=condition, member=request.user):
        messages.success(request, _("You no longer follow news of %(name)s.") % {"name": condition.name})
    return redirect(reverse("profile") + "#condition-news")
