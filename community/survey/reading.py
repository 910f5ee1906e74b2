"""What pages show of the statistics: the stored rows turned into sentences, tables and charts.

Each function reads the precomputed table once; a page view never touches the responses. The figures are already
suppressed when stored, so nothing here can show a hidden number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from community.survey.charts import Chart, bar_chart
from community.survey.models import RemedyStatistic

LIST_SIZE = 5


def percent(share: float | None) -> str:
    if share is None:
        return ""
    value = share * 100
    if 0 < value < 1:
        return "<1%"
    return f"{round(value)}%"


@dataclass
class Cell:
    """One treatment in one condition, ready for a template."""

    treatment: str
    treatment_code: str
    therapy_slug: str | None
    condition_name: str
    condition_slug: str
    figures: dict
    refreshed_at: object = None
    # The research grade of the therapy for this condition, when the page shows it beside the figures.
    grade: object = None

    @property
    def n_tried(self):
        return self.figures.get("n_tried")

    @property
    def n_tried_range(self):
        return self.figures.get("n_tried_range")

    @property
    def tried_count(self) -> int | None:
        """For ordering: the number who tried it, or the lower end of its range."""
        return self.n_tried or (self.n_tried_range or [None])[0]

    @property
    def tried_text(self) -> str:
        if self.n_tried is not None:
            return str(self.n_tried)
        if self.n_tried_range:
            return _("%(low)d to %(high)d") % {"low": self.n_tried_range[0], "high": self.n_tried_range[1]}
        return ""

    @property
    def n_rated(self):
        return self.figures.get("n_rated")

    @property
    def n_too_early(self):
        return self.figures.get("n_too_early")

    @property
    def helped(self) -> dict | None:
        return self.figures.get("helped")

    @property
    def helped_text(self) -> str:
        helped = self.helped
        if not helped:
            return ""
        return _("%(share)s helped (95%% interval %(low)s to %(high)s)") % {
            "share": percent(helped["share"]),
            "low": percent(helped["low"]),
            "high": percent(helped["high"]),
        }

    @property
    def side_effects(self) -> dict | None:
        return self.figures.get("side_effects")

    @property
    def side_effects_percent(self) -> str:
        return percent(self.side_effects["share"]) if self.side_effects else ""

    @property
    def outcomes(self) -> list[dict]:
        return [dict(row, percent=percent(row["share"])) for row in self.figures.get("outcomes") or []]

    @property
    def follow_ups(self) -> dict:
        """Issue 18: still helping at 3 and 12 months, stopped because of side effects (community/survey/followups)."""
        from community.survey.followups.reading import follow_up_display

        return follow_up_display(self.figures.get("follow_ups"))

    @property
    def enough(self) -> bool:
        return self.helped is not None

    @property
    def dom_id(self) -> str:
        return f"{self.condition_slug}-{self.treatment_code}"

    def outcome_chart(self) -> Chart | None:
        if not self.figures.get("outcomes"):
            return None
        rows = []
        for row in self.outcomes:
            if row["count"] is None:
                value = _("not shown")
                title = _("%(label)s: not shown") % {"label": row["label"]}
            else:
                value = f"{row['percent']} ({row['count']})"
                title = _("%(label)s: %(percent)s, %(count)d of %(n)d members who rated it") % {
                    "label": row["label"],
                    "percent": row["percent"],
                    "count": row["count"],
                    "n": self.n_rated,
                }
            rows.append(
                {
                    "label": row["label"],
                    "fraction": row["share"],
                    "value_text": value,
                    "title": title,
                }
            )
        return bar_chart(
            chart_id=f"outcomes-{self.dom_id}",
            title=_("How %(treatment)s went for members with %(condition)s")
            % {"treatment": self.treatment, "condition": self.condition_name},
            description=_("Share of the %(n)d members who rated it, by what they reported.") % {"n": self.n_rated},
            rows=rows,
        )


@dataclass
class ConditionReport:
    condition_name: str
    condition_slug: str
    cells: list[Cell] = field(default_factory=list)
    severity: dict | None = None
    refreshed_at: object = None

    @cached_property
    def by_therapy_slug(self) -> dict[str, Cell]:
        return {cell.therapy_slug: cell for cell in self.cells if cell.therapy_slug}

    @property
    def most_tried(self) -> list[Cell]:
        shown = [cell for cell in self.cells if cell.tried_count]
        return sorted(shown, key=lambda cell: (-cell.tried_count, cell.treatment.lower()))[:LIST_SIZE]

    @property
    def most_helpful(self) -> list[Cell]:
        """Ranked by the lower end of the interval, never by the raw share: a small sample cannot top the list."""
        shown = [cell for cell in self.cells if cell.helped]
        return sorted(shown, key=lambda cell: (-cell.helped["low"], -cell.n_rated, cell.treatment.lower()))[:LIST_SIZE]

    def most_tried_chart(self) -> Chart | None:
        cells = self.most_tried
        if not cells:
            return None
        top = max(cell.tried_count for cell in cells)
        return bar_chart(
            chart_id=f"tried-{self.condition_slug}",
            title=_("Most tried by members with %(condition)s") % {"condition": self.condition_name},
            description=_("Number of members who said they tried each treatment."),
            rows=[
                {
                    "label": cell.treatment,
                    "fraction": cell.tried_count / top,
                    "value_text": _("%(n)s members") % {"n": cell.tried_text},
                    "title": _("%(treatment)s: tried by %(n)s members")
                    % {"treatment": cell.treatment, "n": cell.tried_text},
                }
                for cell in cells
            ],
        )

    def most_helpful_chart(self) -> Chart | None:
        cells = self.most_helpful
        if not cells:
            return None
        return bar_chart(
            chart_id=f"helped-{self.condition_slug}",
            title=_("Most often reported as helpful by members with %(condition)s")
            % {"condition": self.condition_name},
            description=_(
                "Share of members who rated each treatment and said their symptoms got much better, with the 95% "
                "interval as a line; ranked by the lower end of that interval."
            ),
            rows=[_helped_row(cell, cell.treatment) for cell in cells],
        )

    @property
    def severity_bands(self) -> list[dict]:
        if not self.severity or not self.severity.get("bands"):
            return []
        return [dict(band, percent=percent(band["share"])) for band in self.severity["bands"]]

    def severity_chart(self) -> Chart | None:
        bands = self.severity_bands
        if not bands:
            return None
        rows = []
        for band in bands:
            shown = band["count"] is not None
            rows.append(
                {
                    "label": band["label"],
                    "fraction": band["share"],
                    "value_text": f"{band['percent']} ({band['count']})" if shown else _("not shown"),
                    "title": (
                        _("%(label)s: %(percent)s, %(count)d members")
                        % {"label": band["label"], "percent": band["percent"], "count": band["count"]}
                        if shown
                        else _("%(label)s: not shown") % {"label": band["label"]}
                    ),
                }
            )
        return bar_chart(
            chart_id=f"severity-{self.condition_slug}",
            title=_("How severe symptoms are for members with %(condition)s") % {"condition": self.condition_name},
            description=self.severity.get("score_name", ""),
            rows=rows,
        )


def _helped_row(cell: Cell, label: str) -> dict:
    helped = cell.helped
    return {
        "label": label,
        "fraction": helped["share"],
        "interval": (helped["low"], helped["high"]),
        "value_text": f"{percent(helped['share'])} ({percent(helped['low'])}–{percent(helped['high'])})",
        "title": _("%(label)s: %(share)s of %(n)d members reported it helped; 95%% interval %(low)s to %(high)s")
        % {
            "label": label,
            "share": percent(helped["share"]),
            "n": cell.n_rated,
            "low": percent(helped["low"]),
            "high": percent(helped["high"]),
        },
    }


def _cell(row: RemedyStatistic) -> Cell:
    return Cell(
        treatment=row.treatment.name,
        treatment_code=row.treatment.code,
        therapy_slug=row.therapy.slug if row.therapy_id else None,
        condition_name=row.condition.name,
        condition_slug=row.condition.slug,
        figures=row.figures,
        refreshed_at=row.refreshed_at,
    )


def _rows():
    return RemedyStatistic.objects.filter(condition__status="published").select_related(
        "treatment", "therapy", "condition"
    )


def _shown_treatment(row: RemedyStatistic) -> bool:
    # Treatments off the list (an unpublished therapy, one an editor withdrew) are not shown.
    return row.kind == RemedyStatistic.Kind.SEVERITY or (row.treatment.listed)


def condition_report(condition) -> ConditionReport:
    """The statistics of one condition: one query."""
    report = ConditionReport(condition_name=condition.name, condition_slug=condition.slug)
    for row in _rows().filter(condition=condition):
        _add(report, row)
    return report


def _add(report: ConditionReport, row: RemedyStatistic) -> None:
    report.refreshed_at = row.refreshed_at
    if row.kind == RemedyStatistic.Kind.SEVERITY:
        report.severity = row.figures
    elif _shown_treatment(row):
        report.cells.append(_cell(row))


def therapy_cells(therapy) -> list[Cell]:
    """The therapy in each condition: one query."""
    rows = _rows().filter(therapy=therapy, kind=RemedyStatistic.Kind.TREATMENT, treatment__listed=True)
    return sorted((_cell(row) for row in rows), key=lambda cell: cell.condition_name.lower())


def therapy_chart(therapy_name: str, therapy_slug: str, cells: list[Cell]) -> Chart | None:
    shown = [cell for cell in cells if cell.helped]
    if not shown:
        return None
    return bar_chart(
        chart_id=f"helped-{therapy_slug}",
        title=_("Members who reported that %(therapy)s helped, by condition") % {"therapy": therapy_name},
        description=_("Share of members who rated it, with the 95% interval as a line."),
        rows=[_helped_row(cell, cell.condition_name) for cell in shown],
    )


def pair_cell(therapy, condition) -> Cell | None:
    """The therapy in one condition: one query."""
    row = (
        _rows()
        .filter(therapy=therapy, condition=condition, kind=RemedyStatistic.Kind.TREATMENT, treatment__listed=True)
        .first()
    )
    return _cell(row) if row else None


def all_reports() -> list[ConditionReport]:
    """Every published condition's statistics, for /survey/results/: one query."""
    reports: dict[int, ConditionReport] = {}
    for row in _rows().order_by("condition__display_order", "condition__name"):
        report = reports.setdefault(
            row.condition_id, ConditionReport(condition_name=row.condition.name, condition_slug=row.condition.slug)
        )
        _add(report, row)
    for report in reports.values():
        report.cells.sort(key=lambda cell: cell.treatment.lower())
    return list(reports.values())
