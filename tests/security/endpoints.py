"""Every state-changing URL of the site and the API, and who may use it: the permission matrix as one table.

Each row names a URL pattern, the personas (tests/security/conftest.py) the server lets through, how a browser or
an app sends the change, and what the change moves in the database. tests/security/test_permission_matrix.py walks
the URL resolver so that a new state-changing URL that is not in this table (or in its short list of exceptions)
fails; the same rows drive the CSRF tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from community import actions, notify
from community.models import HelpfulMark, Post, Report, Subscription, Thread
from community.survey.diary import actions as diary_actions
from community.survey.diary import scales as diary_scales
from community.survey.diary import tasks as diary_tasks
from community.survey.diary.models import DiaryEntry, DiaryReminder
from community.survey.models import Consent, Response
from portal.models import User
from tests.admin_pages import with_two_factor
from tests.factories.members import PASSWORD
from tests.security.conftest import PERSONAS, SIGNED_IN, World
from therapies.forms import ListingForm
from therapies.models import ListingRequest, TherapyConditionVote, TherapyVote
from therapies.news import tokens as news_tokens
from therapies.news.actions import follow_as_member
from therapies.news.models import ConditionFollow

EVERYONE = frozenset(PERSONAS)
NOT_SUSPENDED = SIGNED_IN - {"suspended_member"}


def refused(response: HttpResponse) -> bool:
    """The server's no: forbidden, not found, not signed in (the API), or off to the log-in page."""
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def sent_home(response: HttpResponse) -> bool:
    """allauth's answer when there is nothing to do: a signed-in member who asks to log in or sign up, a visitor who
    asks to log out, is sent to the home page."""
    return response.status_code == 302 and response["Location"] == reverse("home")


def refused_by_the_admin(response: HttpResponse) -> bool:
    """The admin's no: forbidden, off to its log-in page (which is allauth's, with two-factor), or, to staff who
    may read the list but not act on it, the list again without the action on offer."""
    if refused(response):
        return True
    if response.status_code == 302:
        return response["Location"].startswith(reverse("admin:login"))
    page = response.content.decode()
    return response.status_code == 200 and ('name="action"' not in page or "No action selected." in page)


def succeeded(response: HttpResponse) -> bool:
    if response.status_code in (200, 201):
        return True
    return response.status_code in (302, 303) and not response["Location"].startswith(reverse("account_login"))


@dataclass(frozen=True)
class Endpoint:
    name: str
    may: frozenset[str]
    send: Callable[[Client, World, User | None], HttpResponse]
    # What the change moves, read from the database before and after: allowed personas move it, others never.
    state: Callable[[World, User | None], object]
    api: bool = False
    # Set up what the change needs for this persona (their survey answers, say) before the state is read.
    prepare: Callable[[World, User | None], None] | None = None
    refused: Callable[[HttpResponse], bool] = field(default=refused)

    def __str__(self) -> str:
        return self.name


def _json(client: Client, url: str, data: dict) -> HttpResponse:
    return client.post(url, data, content_type="application/json")


def _listing_form(listing, **changes) -> dict:
    """What the owner's edit form posts for `listing`, with `changes`."""
    data = model_to_dict(listing, fields=ListingForm.Meta.fields)
    for name in ("languages", "therapies", "conditions"):
        data[name] = [item.pk for item in data[name]]
    data = {name: ("" if value is None else value) for name, value in data.items()}
    for flag in ("telehealth", "accepting_new_patients"):
        data[flag] = "on" if data[flag] else ""
    return {**data, **changes}


def _suggestion() -> dict:
    return {
        "kind": "person", "name": "Robin Alder", "credentials": "L.Ac.", "city": "Portland", "region": "OR",
        "postcode": "97214", "country": "US", "message": "She treated my legs.",
        "token": "0b0e7d3c-4d1b-4a53-9a63-3f4c1d8e2a10",
    }  # fmt: skip


def _give_survey_answers(world: World, user: User | None) -> None:
    if user is not None:
        Response.objects.create(member=user, survey=world.survey, answers={})


def _give_the_member_a_diary_entry(world: World, user: User | None) -> None:
    diary_actions.record_entry(
        member=world.users["member"], condition="migraine", scale=diary_scales.scale_for("migraine"), score=5
    )


def _the_member_s_diary_entry(world: World) -> int:
    return DiaryEntry.objects.filter(member=world.users["member"]).values_list("pk", flat=True).first()


def _reminder_of_the_member(world: World, user: User | None) -> bool:
    return DiaryReminder.objects.filter(member=world.users["member"], weekly=True).exists()


def _members_follow_up(world: World, user: User | None = None):
    """The member's follow-up, due now (made once per world): only its owner may answer it."""
    from community.survey.followups.models import FollowUp
    from community.survey.models import Treatment

    member = world.users["member"]
    treatment, _created = Treatment.objects.get_or_create(code="matrix-treatment", defaults={"name": "Matrix"})
    response, _created = Response.objects.get_or_create(member=member, survey=world.survey)
    follow_up, _created = FollowUp.objects.get_or_create(
        member=member, treatment=treatment, kind=3, defaults={"response": response, "due_on": "2000-01-01"}
    )
    return follow_up


def _count_follow_up_stops() -> int:
    from community.survey.followups.models import FollowUpStop

    return FollowUpStop.objects.count()


def _reported_and_staff_with_two_factor(world: World, user: User | None) -> None:
    """A post in the moderation queue; staff have set up two-factor, as the admin requires."""
    actions.report_post(reporter=world.users["new_member"], post=world.post, reason="abuse")
    if user is not None and user.is_staff:
        with_two_factor(user)


def _news_request(world: World, user: User | None, *, confirmed: bool = False) -> None:
    """A visitor's request to follow the condition's news, waiting for its confirmation link or confirmed."""
    ConditionFollow.objects.create(
        condition=world.page.condition, email="reader@example.net", consent_text="…", secret="matrix",
        confirmed_at=timezone.now() if confirmed else None,
    )  # fmt: skip


def _news_link(world: World, kind: str) -> str:
    follow = ConditionFollow.objects.get(email="reader@example.net", withdrawn_at__isnull=True)
    token = news_tokens.confirm_token(follow) if kind == "confirm" else news_tokens.stop_token(follow)
    return reverse(f"news:{kind}", args=[world.page.condition.slug, token])


def _own_follow(world: World, user: User | None) -> None:
    if user is not None:
        follow_as_member(condition=world.page.condition, member=user)


def _count(model, **filters) -> Callable[[World, User | None], int]:
    return lambda world, user: model.objects.filter(**filters).count()


ENDPOINTS = [
    # --- Knowledge base and directory ---------------------------------------------------------------------------
    Endpoint(
        "therapies:vote_therapy",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("therapies:vote_therapy", args=[w.therapy.slug]), {"vote": "up"}),
        state=_count(TherapyVote),
    ),
    Endpoint(
        "therapies:vote_therapy_condition",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(
            reverse("therapies:vote_therapy_condition", args=[w.page.therapy.slug, w.page.condition.slug]),
            {"vote": "down"},
        ),
        state=_count(TherapyConditionVote),
    ),
    Endpoint(
        "therapies:practitioner_suggest",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("therapies:practitioner_suggest"), _suggestion()),
        state=_count(ListingRequest, kind=ListingRequest.Kind.SUGGESTION),
    ),
    Endpoint(
        "therapies:practitioner_claim",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(
            reverse("therapies:practitioner_claim", args=[w.open_listing.slug]),
            {"licence_number": "AC-1234", "work_email": "me@unclaimed.example"},
        ),
        state=_count(ListingRequest, kind=ListingRequest.Kind.CLAIM),
    ),
    Endpoint(
        "therapies:practitioner_report",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(
            reverse("therapies:practitioner_report", args=[w.open_listing.slug]),
            {"problem": "moved", "message": "They are at 12 Oak Street now."},
        ),
        state=_count(ListingRequest, kind=ListingRequest.Kind.REPORT),
    ),
    # Only the owner proposes edits to a listing; editors change listings in the admin.
    Endpoint(
        "therapies:practitioner_edit",
        may=frozenset({"practitioner_owner"}),
        send=lambda c, w, u: c.post(
            reverse("therapies:practitioner_edit", args=[w.owned_listing.slug]),
            _listing_form(w.owned_listing, phone="503-555-0199"),
        ),
        state=_count(ListingRequest, kind=ListingRequest.Kind.EDIT),
    ),
    # --- Discussions ------------------------------------------------------------------------------------------------
    Endpoint(
        "community:new_thread",
        may=NOT_SUSPENDED,
        send=lambda c, w, u: c.post(
            reverse("community:new_thread", args=[w.forum.slug]),
            {"title": "Sleep and cold feet", "body": "Does anyone else get cold feet at night?"},
        ),
        state=_count(Thread),
    ),
    Endpoint(
        "community:reply",
        may=NOT_SUSPENDED,
        send=lambda c, w, u: c.post(
            reverse("community:reply", args=[w.forum.slug, w.thread.pk]), {"body": "Walking in the evening helps."}
        ),
        state=lambda w, u: Post.objects.filter(thread=w.thread).count(),
    ),
    # The member's own post: its author (within the edit window) and the moderators.
    Endpoint(
        "community:edit_post",
        may=frozenset({"member", "moderator", "administrator"}),
        send=lambda c, w, u: c.post(
            reverse("community:edit_post", args=[w.own_post.pk]), {"body": "Does magnesium help, at night?"}
        ),
        state=lambda w, u: Post.objects.get(pk=w.own_post.pk).body,
    ),
    Endpoint(
        "community:helpful",
        may=NOT_SUSPENDED,
        send=lambda c, w, u: c.post(reverse("community:helpful", args=[w.post.pk])),
        state=_count(HelpfulMark),
    ),
    # A suspended member may still tell the moderators about a harmful post.
    Endpoint(
        "community:report_post",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("community:report_post", args=[w.post.pk]), {"reason": "spam"}),
        state=_count(Report),
    ),
    Endpoint(
        "community:follow",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("community:follow", args=[w.forum.slug, w.thread.pk]), {"follow": "1"}),
        state=lambda w, u: Subscription.objects.filter(thread=w.thread).count(),
    ),
    # The signed link from an e-mail is the authority, whoever follows it (mail providers post it without a session).
    Endpoint(
        "community:unsubscribe",
        may=EVERYONE,
        send=lambda c, w, u: c.post(
            reverse("community:unsubscribe", args=[notify.unsubscribe_token(w.users["member"])])
        ),
        state=lambda w, u: User.objects.get(pk=w.users["member"].pk).email_frequency,
    ),
    Endpoint(
        "community:survey_take",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("community:survey_take"), {"step": "about", "direction": "back"}),
        state=_count(Response),
    ),
    Endpoint(
        "community:survey_consents",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("community:survey_consents"), {"statistics": "on"}),
        state=_count(Consent),
    ),
    Endpoint(
        "community:survey_delete",
        may=SIGNED_IN,
        prepare=_give_survey_answers,
        send=lambda c, w, u: c.post(reverse("community:survey_delete"), {"confirm": "yes"}),
        state=_count(Response),
    ),
    # The symptom diary: any signed-in member keeps their own (it shows nothing to anyone else, so no trust rule
    # applies); an entry is deleted only by the member who wrote it.
    Endpoint(
        "community:diary",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(
            reverse("community:diary") + "?condition=migraine",
            {"condition": "migraine", "score": "4", "form_token": "3f1c0e7a-1d4e-4c1b-9a53-0b6d2e8f4a11"},
        ),
        state=_count(DiaryEntry),
    ),
    Endpoint(
        "community:diary_delete",
        may=frozenset({"member"}),
        prepare=_give_the_member_a_diary_entry,
        send=lambda c, w, u: c.post(reverse("community:diary_delete", args=[_the_member_s_diary_entry(w)])),
        state=_count(DiaryEntry),
    ),
    Endpoint(
        "community:diary_reminder",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("community:diary_reminder"), {"weekly": "on"}),
        state=_count(DiaryReminder, weekly=True),
    ),
    # The signed link from the reminder e-mail is the authority, whoever follows it.
    Endpoint(
        "community:diary_reminder_off",
        may=EVERYONE,
        prepare=lambda w, u: diary_actions.set_reminder(member=w.users["member"], weekly=True),
        send=lambda c, w, u: c.post(
            reverse("community:diary_reminder_off", args=[diary_tasks.off_token(w.users["member"])])
        ),
        state=_reminder_of_the_member,
    ),
    Endpoint(
        "community:survey_follow_up",
        may=frozenset({"member"}),
        prepare=_members_follow_up,
        send=lambda c, w, u: c.post(
            reverse("community:survey_follow_up", args=[_members_follow_up(w).pk]),
            {"still_using": "yes", "still_helping": "a_lot"},
        ),
        state=lambda w, u: _members_follow_up(w).answered_at is not None,
    ),
    Endpoint(
        "community:survey_follow_ups_stop",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("community:survey_follow_ups_stop"), {"treatment": "all"}),
        state=lambda w, u: _count_follow_up_stops(),
    ),
    # --- The member's own account ---------------------------------------------------------------------------------
    Endpoint(
        "profile",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(
            reverse("profile"), {"display_name": "Renamed Persona", "bio": "", "email_frequency": "daily"}
        ),
        state=_count(User, display_name="Renamed Persona"),
    ),
    Endpoint(
        "create_api_token",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("create_api_token")),
        state=lambda w, u: sorted(Token.objects.values_list("key", flat=True)),
    ),
    Endpoint(
        "revoke_api_token",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("revoke_api_token")),
        state=_count(Token),
    ),
    Endpoint(
        "delete_account",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"}),
        state=_count(User),
    ),
    # --- allauth's account pages ----------------------------------------------------------------------------------
    Endpoint(
        "account_signup",
        may=frozenset({"visitor"}),
        send=lambda c, w, u: c.post(
            reverse("account_signup"),
            {
                "email": "newcomer@example.org",
                "display_name": "Restless Rita",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        ),  # fmt: skip
        state=_count(User),
        refused=lambda response: refused(response) or sent_home(response),
    ),
    Endpoint(
        "account_login",
        may=frozenset({"visitor"}),
        send=lambda c, w, u: c.post(reverse("account_login"), {"login": w.users["member"].email, "password": PASSWORD}),
        state=_count(Session),
        refused=lambda response: refused(response) or sent_home(response),
    ),
    Endpoint(
        "account_logout",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("account_logout")),
        state=_count(Session),
        refused=lambda response: refused(response) or sent_home(response),
    ),
    Endpoint(
        "account_email",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(reverse("account_email"), {"action_add": "", "email": "second@example.org"}),
        state=_count(EmailAddress),
    ),
    Endpoint(
        "account_change_password",
        may=SIGNED_IN,
        send=lambda c, w, u: c.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": "a-brand-new-password-7", "password2": "a-brand-new-password-7"},
        ),
        state=lambda w, u: sorted(User.objects.values_list("password", flat=True)),
    ),
    # --- The moderation admin (one of its actions: the others share its permission checks) --------------------------
    Endpoint(
        "admin:community_queuepost_changelist",
        may=frozenset({"moderator", "administrator"}),
        prepare=_reported_and_staff_with_two_factor,
        send=lambda c, w, u: c.post(
            reverse("admin:community_queuepost_changelist"),
            {"action": "hide", "_selected_action": [w.post.pk], "reason": "Unkind words", "index": "0"},
        ),
        state=lambda w, u: Post.objects.get(pk=w.post.pk).status,
        refused=refused_by_the_admin,
    ),
    # --- The REST API (a token for members; visitors send no credentials) ------------------------------------------
    Endpoint(
        "api:therapy-vote",
        may=SIGNED_IN,
        api=True,
        send=lambda c, w, u: _json(c, reverse("api:therapy-vote", args=[w.therapy.slug]), {"vote": "up"}),
        state=_count(TherapyVote),
    ),
    Endpoint(
        "api:therapy-condition-vote",
        may=SIGNED_IN,
        api=True,
        send=lambda c, w, u: _json(
            c, reverse("api:therapy-condition-vote", args=[w.page.therapy.slug, w.page.condition.slug]), {"vote": "up"}
        ),
        state=_count(TherapyConditionVote),
    ),
    Endpoint(
        "api:thread-list",
        may=NOT_SUSPENDED,
        api=True,
        send=lambda c, w, u: _json(
            c,
            reverse("api:thread-list"),
            {"forum": w.forum.slug, "title": "Sleep and cold feet", "body": "Does anyone else get cold feet?"},
        ),
        state=_count(Thread),
    ),
    Endpoint(
        "api:thread-posts",
        may=NOT_SUSPENDED,
        api=True,
        send=lambda c, w, u: _json(
            c, reverse("api:thread-posts", args=[w.thread.pk]), {"body": "Walking in the evening helps."}
        ),
        state=lambda w, u: Post.objects.filter(thread=w.thread).count(),
    ),
    Endpoint(
        "api:post-helpful",
        may=NOT_SUSPENDED,
        api=True,
        send=lambda c, w, u: _json(c, reverse("api:post-helpful", args=[w.post.pk]), {}),
        state=_count(HelpfulMark),
    ),
    Endpoint(
        "api:diary-entry-list",
        may=SIGNED_IN,
        api=True,
        send=lambda c, w, u: _json(c, reverse("api:diary-entry-list"), {"condition": "migraine", "score": 3}),
        state=_count(DiaryEntry),
    ),
    Endpoint(
        "api:diary-entry-detail",
        may=frozenset({"member"}),
        api=True,
        prepare=_give_the_member_a_diary_entry,
        send=lambda c, w, u: c.delete(reverse("api:diary-entry-detail", args=[_the_member_s_diary_entry(w)])),
        state=_count(DiaryEntry),
    ),
    Endpoint(
        "api:post-report",
        may=SIGNED_IN,
        api=True,
        send=lambda c, w, u: _json(c, reverse("api:post-report", args=[w.post.pk]), {"reason": "spam"}),
        state=_count(Report),
    ),
    # Following a condition's news: a visitor asks for a confirmation e-mail, a verified member follows at once.
    Endpoint(
        "news:follow",
        may=EVERYONE,
        send=lambda c, w, u: c.post(
            reverse("news:follow", args=[w.page.condition.slug]), {"email": "reader@example.net", "website": ""}
        ),
        state=_count(ConditionFollow),
    ),
    # The signed links from the e-mails are the authority, whoever follows them.
    Endpoint(
        "news:confirm",
        may=EVERYONE,
        prepare=_news_request,
        send=lambda c, w, u: c.post(_news_link(w, "confirm")),
        state=lambda w, u: ConditionFollow.objects.confirmed().count(),
    ),
    Endpoint(
        "news:stop",
        may=EVERYONE,
        prepare=lambda w, u: _news_request(w, u, confirmed=True),
        send=lambda c, w, u: c.post(_news_link(w, "stop")),
        state=lambda w, u: ConditionFollow.objects.active().count(),
    ),
    Endpoint(
        "news:unfollow",
        may=SIGNED_IN,
        prepare=_own_follow,
        send=lambda c, w, u: c.post(reverse("news:unfollow", args=[w.page.condition.slug])),
        state=lambda w, u: ConditionFollow.objects.active().count(),
    ),
    Endpoint(
        "api:survey-follow-up-answer",
        may=frozenset({"member"}),
        api=True,
        prepare=_members_follow_up,
        send=lambda c, w, u: _json(
            c,
            reverse("api:survey-follow-up-answer", args=[_members_follow_up(w).pk]),
            {"still_using": "no", "stopped_why": ["cost"]},
        ),
        state=lambda w, u: _members_follow_up(w).answered_at is not None,
    ),
]
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
