"""The stored follow-up figures turned into sentences for the therapy-for-condition page and the API."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.survey.reading import percent

NOTE = gettext_lazy(
    "Follow-ups are answered by the members who choose to answer them, 3 and 12 months after the survey: they are "
    "not a random sample of everyone who tried the treatment, so these shares may lean towards those for whom it "
    "went well, or badly."
)


def _share_text(figure: dict | None, n: int | None, label: str) -> str:
    if figure is None:
        if n is None:
            return _("%(label)s: not shown (too few answers).") % {"label": label}
        return _("%(label)s: not enough answers yet (%(n)d).") % {"label": label, "n": n}
    return _("%(label)s: %(share)s of %(n)d members who answered (95%% interval %(low)s to %(high)s).") % {
        "label": label,
        "share": percent(figure["share"]),
        "n": n,
        "low": percent(figure["low"]),
        "high": percent(figure["high"]),
    }


def follow_up_display(figures: list[dict] | None) -> dict:
    """The rows (one per interval, with its two sentences; none when the pair has no follow-up answers) and the note
    on who answers follow-ups."""
    return {"rows": follow_up_rows(figures), "note": NOTE}


def follow_up_rows(figures: list[dict] | None) -> list[dict]:
    rows = []
    for interval in figures or []:
        months, n = interval["after_months"], interval["n"]
        rows.append(
            {
                "after_months": months,
                "n": n,
                "still_helping": _share_text(
                    interval["still_helping"], n, _("Still helping at %(months)d months") % {"months": months}
                ),
                "stopped_for_side_effects": _share_text(
                    interval["stopped_for_side_effects"],
                    n,
                    _("Stopped because of side effects by %(months)d months") % {"months": months},
                ),
            }
        )
    return rows
