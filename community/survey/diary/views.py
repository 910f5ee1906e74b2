"""The diary's pages: "My progress" (record, chart, table), its print view, the CSV download and the reminder.

Every page is the member's alone: visitors are sent to sign in, another member's entry is a 404, and every answer
is marked private and not to be stored by any cache.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community.survey import definition as definitions
from community.survey.diary import actions, exports, scales, tasks
from community.survey.diary.forms import DEFAULT_PERIOD, PERIODS, EntryForm, ReminderForm
from community.survey.diary.models import DiaryEntry, DiaryReminder
from community.survey.diary.permissions import can_keep_diary, can_receive_reminders
from community.survey.diary.progress import progress_of
from portal.breadcrumbs import crumbs
from portal.shared_pages import mark_private


def private(view):
    """Signed-in members only (visitors go to the sign-in page), and the answer is never kept by a cache."""

    @login_required
    @wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_keep_diary(request.user):
            raise Http404
        response = view(request, *args, **kwargs)
        mark_private(response)
        return response

    return page


def _chosen(request: HttpRequest, survey) -> tuple[str, str, list[tuple[str, str]]]:
    """The condition asked for, or the one the member last wrote about, or the survey's first; with every choice."""
    choices = scales.conditions(survey)
    names = dict(choices)
    asked = request.GET.get("condition") or request.POST.get("condition")
    if asked not in names:
        latest = DiaryEntry.objects.of(request.user).order_by("-recorded_at").values_list("condition", flat=True)
        asked = next(iter(latest[:1]), None)
    if asked not in names:
        asked = choices[0][0] if choices else ""
    return asked, names.get(asked, asked), choices


def _period(request: HttpRequest) -> str:
    period = request.GET.get("period", DEFAULT_PERIOD)
    return period if period in PERIODS else DEFAULT_PERIOD


def _progress_url(condition: str, period: str = DEFAULT_PERIOD) -> str:
    query = {"condition": condition} | ({"period": period} if period != DEFAULT_PERIOD else {})
    return reverse("community:diary") + "?" + urlencode(query)


@private
def progress(request: HttpRequest) -> HttpResponse:
    survey = definitions.current()
    condition, condition_name, choices = _chosen(request, survey)
    if not condition:
        raise Http404(_("There is no survey open at the moment."))
    scale = scales.scale_for(condition, survey)
    period = _period(request)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST, scale=scale, condition=condition)
        if form.is_valid():
            entry, created = actions.record_entry(member=request.user, **form.entry_values())
            if created:
                messages.success(
                    request, _("Recorded: %(score)s of %(maximum)s.") % {"score": entry.score, "maximum": scale.maximum}
                )
            return redirect(_progress_url(condition, period))
        status = 400
    else:
        form = EntryForm(scale=scale, condition=condition)
    mine = DiaryEntry.objects.of(request.user)
    reminder = DiaryReminder.objects.filter(member=request.user).first()
    return render(
        request,
        "survey/diary/progress.html",
        {
            "form": form,
            "scale": scale,
            "condition": condition,
            "condition_name": condition_name,
            "conditions": choices,
            "kept": set(mine.conditions()),
            "periods": [(code, label) for code, (label, _days) in PERIODS.items()],
            "progress": progress_of(
                request.user, condition=condition, condition_name=condition_name, scale=scale, period=period
            ),
            "recent": list(mine.for_condition(condition).order_by("-recorded_at", "-pk")[:10]),
            "reminder_form": ReminderForm(initial={"weekly": bool(reminder and reminder.weekly)}),
            "can_receive_reminders": can_receive_reminders(request.user),
            "crumbs": crumbs((_("Survey"), reverse("community:survey")), (_("My progress"), None)),
        },
        status=status,
    )


@private
@require_safe
def print_view(request: HttpRequest) -> HttpResponse:
    survey = definitions.current()
    condition, condition_name, _choices = _chosen(request, survey)
    if not condition:
        raise Http404
    scale = scales.scale_for(condition, survey)
    # Fewer points and changes than on screen, so the chart, the table and the changes fit on one page.
    progress = progress_of(
        request.user,
        condition=condition,
        condition_name=condition_name,
        scale=scale,
        period=_period(request),
        max_points=24,
        max_changes=10,
    )
    return render(
        request,
        "survey/diary/print.html",
        {
            "scale": scale,
            "condition_name": condition_name,
            "progress": progress,
            "period_label": PERIODS[progress.period][0],
            "printed_on": timezone.localdate(),
            "back_url": _progress_url(condition, progress.period),
        },
    )


@private
@require_safe
def download(request: HttpRequest) -> HttpResponse:
    response = StreamingHttpResponse(exports.csv_rows(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-diary-{timezone.localdate().isoformat()}.csv"'
    return response


@private
@require_POST
def delete_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = DiaryEntry.objects.of(request.user).filter(pk=entry_id).only("condition").first()
    if entry is None:
        raise Http404
    actions.delete_entry(member=request.user, entry_id=entry_id)
    messages.success(request, _("The entry is deleted."))
    return redirect(_progress_url(entry.condition))


@private
@require_POST
def reminder(request: HttpRequest) -> HttpResponse:
    form = ReminderForm(request.POST)
    weekly = form.is_valid() and form.cleaned_data["weekly"]
    actions.set_reminder(member=request.user, weekly=weekly)
    if weekly:
        messages.success(request, _("You will get a reminder by e-mail once a week."))
    else:
        messages.success(request, _("No more reminders."))
    return redirect(_progress_url(request.POST.get("condition", "")))


# The signed token is the authority here, and mail providers' one-click POST (RFC 8058) carries no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def reminder_off(request: HttpRequest, token: str) -> HttpResponse:
    """The off-link in the reminder e-mail, signed in or not: one button in the browser (a mail scanner's GET changes
    nothing), or the mail program's one-click POST; the POST stops the weekly reminder."""
    member_id = tasks.read_off_token(token)
    member = get_user_model().objects.filter(pk=member_id).first() if member_id else None
    if member is None:
        response = render(request, "survey/diary/reminder_off.html", {"invalid": True}, status=400)
    else:
        if request.method == "POST":
            actions.set_reminder(member=member, weekly=False)
            off = True
        else:
            off = not DiaryReminder.objects.filter(member=member, weekly=True).exists()
        response = render(request, "survey/diary/reminder_off.html", {"invalid": False, "off": off})
    mark_private(response)
    return response
