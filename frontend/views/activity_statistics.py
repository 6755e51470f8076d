"""The public statistics dashboard: a council's figures for a period, its trend by year and the comparison
with its neighbours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from activity.periods import Period, period_parse
from activity.selectors.statistics import (
    COUNCIL,
    STATISTICS,
    council_comparison,
    council_delegates_statistics,
    council_statistics,
    council_trend,
    statistic_labels,
)
from core.errors import ServiceError
from frontend.charts import Bar, Series, bar_chart, line_chart
from frontend.views.activity_common import page_render, request_language
from sessions_app.models import Council, CouncilLevel
from sessions_app.permissions import can_manage_council, can_read_council_private

# The dashboard's groups of council figures, in the order of the councils' own activity reports.
STAT_GROUPS = [
    (
        gettext_lazy("Kỳ họp và nghị quyết"),
        ["sessions_total", "sessions_regular", "sessions_thematic", "sittings", "polls", "resolutions_adopted"],
    ),
    (
        gettext_lazy("Chất vấn và trả lời chất vấn"),
        [
            "questions_registered",
            "questions_asked",
            "questions_answered_live",
            "questions_answered_written",
            "questions_written_pending",
            "questions_written_overdue",
        ],
    ),
    (gettext_lazy("Thực hiện lời hứa"), ["promises_total", "promises_done", "promises_overdue"]),
    (
        gettext_lazy("Giám sát, khảo sát, giải trình"),
        ["supervision_missions", "supervision_reports_late", "surveys", "explanation_sessions", "good_practices"],
    ),
    (
        gettext_lazy("Tiếp công dân"),
        [
            "citizen_receptions",
            "citizens_received",
            "receptions_periodic",
            "citizens_periodic",
            "opinions_periodic",
            "complaints_periodic",
            "receptions_regular",
            "citizens_regular",
            "opinions_regular",
            "complaints_regular",
        ],
    ),
    (gettext_lazy("Tiếp xúc cử tri"), ["voter_meetings", "voters_attending"]),
    (
        gettext_lazy("Kiến nghị cử tri"),
        [
            "petitions_total",
            "petitions_received",
            "petitions_in_progress",
            "petitions_resolved",
            "petitions_explained",
            "petitions_resolved_percent",
        ],
    ),
]
TREND_KEYS = [
    "sessions_total",
    "resolutions_adopted",
    "supervision_missions",
    "surveys",
    "citizen_receptions",
    "voter_meetings",
]
COMPARISON_KEYS = [
    "sessions_total",
    "resolutions_adopted",
    "supervision_missions",
    "surveys",
    "citizen_receptions",
    "voter_meetings",
    "petitions_total",
    "petitions_resolved",
]
COMPARISON_DEFAULT = "petitions_resolved_percent"
TREND_YEARS = 5
LEVEL_ORDER = {CouncilLevel.PROVINCE: 0, CouncilLevel.COMMUNE: 1, CouncilLevel.DISTRICT: 2}


def _period_choice(*, query: Mapping[str, str]) -> dict[str, str]:
    """What the period form shows: ``half`` is "" (whole year), "1", "2" or "custom" (start and end dates)."""
    return {
        "year": query.get("year") or str(timezone.localdate().year),
        "half": query.get("half", ""),
        "start": query.get("start", ""),
        "end": query.get("end", ""),
    }


def _period(*, choice: Mapping[str, str]) -> Period:
    keys = ("start", "end") if choice["half"] == "custom" else ("year", "half")
    return period_parse({key: choice[key] for key in keys}, default_year=timezone.localdate().year)


def _trend(*, council: Council, period: Period, labels: dict[str, str]) -> dict[str, Any]:
    """The council's main figures over the last years up to the period's, leading empty years left out."""
    years = list(range(period.end.year - TREND_YEARS + 1, period.end.year + 1))
    rows = council_trend(council=council, years=years)
    while len(rows) > 2 and not any(rows[0][key] for key in TREND_KEYS):
        rows.pop(0)
    categories = [str(row["year"]) for row in rows]
    chart = line_chart(
        chart_id="trend-chart",
        title=_("Hoạt động qua các năm"),
        description=_("Biểu đồ đường; số liệu chi tiết trong bảng ngay sau biểu đồ."),
        categories=categories,
        series=[Series(label=labels[key], values=[row[key] for row in rows]) for key in TREND_KEYS],
    )
    return {
        "chart": chart,
        "years": categories,
        "rows": [{"label": labels[key], "values": [row[key] for row in rows]} for key in TREND_KEYS],
    }


def _comparison(
    *, council: Council, period: Period, key: str, labels: dict[str, str], language: str
) -> dict[str, Any] | None:
    """The councils under the chosen one's province (or under the chosen province), side by side: the chosen
    figure charted, the main figures in a table."""
    parent = council if council.children.exists() else council.parent
    if parent is None:
        return None
    short = dict(Council.objects.filter(parent=parent).values_list("pk", "short_name"))
    keys = [key, *(k for k in COMPARISON_KEYS if k != key)]
    wording = "en" if language.startswith("en") else "vi"
    rows = []
    for row in council_comparison(parent=parent, period=period):
        name, current = short.get(row["council"]) or row["name"], row["council"] == council.pk
        rows.append(
            {
                "council": row["council"],
                "name": name,
                "full_name": row["name"],
                "current": current,
                "values": [row[k] for k in keys],
                "wording": row["petitions_wording"][wording],
                "bar": Bar(label=name, value=row[key], highlight=current),
            }
        )
    percent = STATISTICS[key].unit == "percent"
    chart = bar_chart(
        chart_id="comparison-chart",
        title=_("So sánh các HĐND trực thuộc %(parent)s: %(figure)s")
        % {"parent": parent.short_name or parent.name, "figure": labels[key]},
        description=_("Biểu đồ cột ngang; số liệu chi tiết trong bảng ngay sau biểu đồ."),
        bars=[row["bar"] for row in rows],
        unit="%" if percent else "",
        maximum=100 if percent else None,
    )
    return {"parent": parent, "rows": rows, "chart": chart, "heads": [labels[k] for k in keys], "percent": percent}


@require_GET
def statistics_dashboard(request: HttpRequest) -> HttpResponse:
    """Public: a council's figures for a period, its trend by year and the comparison with its neighbours;
    the per-delegate table only for those who may read the council's private data."""
    councils = sorted(Council.objects.all(), key=lambda c: (LEVEL_ORDER.get(c.level, len(LEVEL_ORDER)), c.name))
    chosen = request.GET.get("council", "")
    council = next((c for c in councils if str(c.pk) == chosen), None) if chosen else (councils or [None])[0]
    if council is None:
        raise Http404
    language = request_language()
    labels = statistic_labels(language)
    compare = request.GET.get("compare", COMPARISON_DEFAULT)
    if compare not in STATISTICS or COUNCIL not in STATISTICS[compare].subjects:
        compare = COMPARISON_DEFAULT
    choice = _period_choice(query=request.GET)
    this_year = timezone.localdate().year
    context = {
        "council_groups": [
            (CouncilLevel(level).label, [c for c in councils if c.level == level])
            for level in LEVEL_ORDER
            if any(c.level == level for c in councils)
        ],
        "council": council,
        "choice": choice,
        "compare": compare,
        "years": sorted(
            {str(y) for y in range(this_year - 6, this_year + 2)}
            | ({choice["year"]} if choice["year"].isdigit() else set()),
            reverse=True,
        ),
        "compare_choices": [(k, labels[k]) for k, spec in STATISTICS.items() if COUNCIL in spec.subjects],
    }
    try:
        period = _period(choice=choice)
    except ServiceError as error:
        return page_render(request=request, template="frontend/activity/dashboard.html", context=context, error=error)
    figures = council_statistics(council=council, period=period)
    groups = [
        {
            "title": title,
            "figures": [
                {"key": k, "label": labels[k], "value": figures[k], "percent": STATISTICS[k].unit == "percent"}
                for k in keys
            ],
        }
        for title, keys in STAT_GROUPS
    ]
    private = can_read_council_private(request.user, council)
    return render(
        request,
        "frontend/activity/dashboard.html",
        {
            **context,
            "period": period,
            "period_label": period.label,
            "groups": groups,
            "petitions_wording": figures["petitions_wording"]["en" if language.startswith("en") else "vi"],
            "resolutions_wording": figures["resolutions_wording"]["en" if language.startswith("en") else "vi"],
            "resolutions_by_category": [
                {**row, "label": row["name_en"] or row["name"] if language.startswith("en") else row["name"]}
                for row in figures["resolutions_by_category"]
            ],
            "trend": _trend(council=council, period=period, labels=labels),
            "comparison": _comparison(council=council, period=period, key=compare, labels=labels, language=language),
            "private": private,
            "delegates": council_delegates_statistics(council=council, period=period) if private else None,
            "manages": can_manage_council(request.user, council),
        },
    )
