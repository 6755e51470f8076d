"""Activity statistics and emulation screens: the public statistics dashboard, the score sheets (list, the
secretariat's editor and scoring page, the ranking and its printed form) and the secretariat's activity
records. Plain forms posting to thin views that call the services; after a change, Post/Redirect/Get. A
refusal re-renders the page with the service's message and its status, and nothing has changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.models import (
    PETITION_NEXT,
    CitizenReception,
    Criterion,
    CriterionMethod,
    CriterionSection,
    Evidence,
    GoodPractice,
    PetitionStatus,
    ScoreSheet,
    ScoreTarget,
    SheetStatus,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from activity.periods import Period, period_parse
from activity.selectors.emulation import criteria_tree, sheet_table, sheets_visible
from activity.selectors.statistics import (
    COUNCIL,
    STATISTICS,
    council_comparison,
    council_delegates_statistics,
    council_statistics,
    council_trend,
    statistic_labels,
)
from activity.services import emulation as sheets
from activity.services import records
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Council, CouncilLevel, CouncilRole, CouncilRoleKind, Person
from sessions_app.permissions import can_manage_council, can_read_council_private, is_administrator, require_manage
from sessions_app.views_common import service_page

from frontend import forms_activity as f
from frontend.charts import Bar, Series, bar_chart, line_chart

# The dashboard's groups of council figures, in the order of the councils' own activity reports.
STAT_GROUPS = [
    (gettext_lazy("Kỳ họp và nghị quyết"),
     ["sessions_total", "sessions_regular", "sessions_thematic", "sittings", "polls", "resolutions_adopted"]),
    (gettext_lazy("Chất vấn và trả lời chất vấn"),
     ["questions_registered", "questions_asked", "questions_answered_live", "questions_answered_written",
      "questions_written_pending", "questions_written_overdue"]),
    (gettext_lazy("Thực hiện lời hứa"), ["promises_total", "promises_done", "promises_overdue"]),
    (gettext_lazy("Giám sát, khảo sát, giải trình"),
     ["supervision_missions", "supervision_reports_late", "surveys", "explanation_sessions", "good_practices"]),
    (gettext_lazy("Tiếp công dân"),
     ["citizen_receptions", "citizens_received", "receptions_periodic", "citizens_periodic", "opinions_periodic",
      "complaints_periodic", "receptions_regular", "citizens_regular", "opinions_regular", "complaints_regular"]),
    (gettext_lazy("Tiếp xúc cử tri"), ["voter_meetings", "voters_attending"]),
    (gettext_lazy("Kiến nghị cử tri"),
     ["petitions_total", "petitions_received", "petitions_in_progress", "petitions_resolved", "petitions_explained",
      "petitions_resolved_percent"]),
]
TREND_KEYS = ["sessions_total", "resolutions_adopted", "supervision_missions", "surveys", "citizen_receptions",
              "voter_meetings"]
COMPARISON_KEYS = ["sessions_total", "resolutions_adopted", "supervision_missions", "surveys", "citizen_receptions",
                   "voter_meetings", "petitions_total", "petitions_resolved"]
COMPARISON_DEFAULT = "petitions_resolved_percent"
TREND_YEARS = 5
LEVEL_ORDER = {CouncilLevel.PROVINCE: 0, CouncilLevel.COMMUNE: 1, CouncilLevel.DISTRICT: 2}


def _language() -> str:
    return translation.get_language() or "vi"


def _page(*, request: HttpRequest, template: str, context: dict[str, Any], error: ServiceError | None = None,
          invalid: bool = False) -> HttpResponse:
    """A page; shown again after a refusal with the service's message and status (nothing was changed), or
    with 400 when a form could not be read."""
    if error is not None:
        return render(request, template, {**context, "error": error}, status=error.status)
    return render(request, template, context, status=400 if invalid else 200)


def _int(*, text: str) -> int:
    """A posted id; anything else matches nothing (a 404, not a 500)."""
    return int(text) if text.isdigit() else 0


def _managed_councils(*, user: Any) -> QuerySet[Council]:
    """The councils whose records and score sheets the user keeps (secretariat or chair; all for an admin)."""
    if is_administrator(user):
        return Council.objects.order_by("level", "name")
    roles = CouncilRole.objects.filter(user_id=getattr(user, "pk", None),
                                       role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR])
    return Council.objects.filter(pk__in=roles.values("council_id")).order_by("level", "name")


# Statistics dashboard -----------------------------------------------------------------------------------------

def _period_choice(*, query: Mapping[str, str]) -> dict[str, str]:
    """What the period form shows: ``half`` is "" (whole year), "1", "2" or "custom" (start and end dates)."""
    return {"year": query.get("year") or str(timezone.localdate().year), "half": query.get("half", ""),
            "start": query.get("start", ""), "end": query.get("end", "")}


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
        chart_id="trend-chart", title=_("Hoạt động qua các năm"),
        description=_("Biểu đồ đường; số liệu chi tiết trong bảng ngay sau biểu đồ."), categories=categories,
        series=[Series(label=labels[key], values=[row[key] for row in rows]) for key in TREND_KEYS],
    )
    return {"chart": chart, "years": categories,
            "rows": [{"label": labels[key], "values": [row[key] for row in rows]} for key in TREND_KEYS]}


def _comparison(*, council: Council, period: Period, key: str, labels: dict[str, str],
                language: str) -> dict[str, Any] | None:
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
        rows.append({"council": row["council"], "name": name, "full_name": row["name"], "current": current,
                     "values": [row[k] for k in keys], "wording": row["petitions_wording"][wording],
                     "bar": Bar(label=name, value=row[key], highlight=current)})
    percent = STATISTICS[key].unit == "percent"
    chart = bar_chart(
        chart_id="comparison-chart", title=_("So sánh các HĐND trực thuộc %(parent)s: %(figure)s")
        % {"parent": parent.short_name or parent.name, "figure": labels[key]},
        description=_("Biểu đồ cột ngang; số liệu chi tiết trong bảng ngay sau biểu đồ."),
        bars=[row["bar"] for row in rows], unit="%" if percent else "", maximum=100 if percent else None,
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
    language = _language()
    labels = statistic_labels(language)
    compare = request.GET.get("compare", COMPARISON_DEFAULT)
    if compare not in STATISTICS or COUNCIL not in STATISTICS[compare].subjects:
        compare = COMPARISON_DEFAULT
    choice = _period_choice(query=request.GET)
    this_year = timezone.localdate().year
    context = {
        "council_groups": [(CouncilLevel(level).label, [c for c in councils if c.level == level]) for level in LEVEL_ORDER
                           if any(c.level == level for c in councils)],
        "council": council, "choice": choice, "compare": compare,
        "years": sorted({str(y) for y in range(this_year - 6, this_year + 2)}
                        | ({choice["year"]} if choice["year"].isdigit() else set()), reverse=True),
        "compare_choices": [(k, labels[k]) for k, spec in STATISTICS.items() if COUNCIL in spec.subjects],
    }
    try:
        period = _period(choice=choice)
    except ServiceError as error:
        return _page(request=request, template="frontend/activity/dashboard.html", context=context, error=error)
    figures = council_statistics(council=council, period=period)
    groups = [{"title": title, "figures": [{"key": k, "label": labels[k], "value": figures[k],
                                             "percent": STATISTICS[k].unit == "percent"} for k in keys]}
              for title, keys in STAT_GROUPS]
    private = can_read_council_private(request.user, council)
    return render(request, "frontend/activity/dashboard.html", {
        **context, "period": period, "period_label": period.label, "groups": groups,
        "petitions_wording": figures["petitions_wording"]["en" if language.startswith("en") else "vi"],
        "trend": _trend(council=council, period=period, labels=labels),
        "comparison": _comparison(council=council, period=period, key=compare, labels=labels, language=language),
        "private": private,
        "delegates": council_delegates_statistics(council=council, period=period) if private else None,
        "manages": can_manage_council(request.user, council),
    })


# Score sheets -------------------------------------------------------------------------------------------------

def _short_labels(*, table: dict[str, Any]) -> None:
    """Each target row gets ``short``: a council by its short name ("HĐND xã Bến Đò"), as reports write it."""
    ids = [t["council"] for t in table["targets"] if t["council"]]
    short = dict(Council.objects.filter(pk__in=ids).exclude(short_name="").values_list("pk", "short_name"))
    for target in table["targets"]:
        target["short"] = short.get(target["council"], target["label"])


def _sheet_for_manage(*, request: HttpRequest, sheet_id: int) -> ScoreSheet:
    sheet = get_object_or_404(ScoreSheet.objects.select_related("council", "based_on"), pk=sheet_id)
    require_manage(request.user, sheet.council_id)
    return sheet


@require_GET
def sheet_list(request: HttpRequest) -> HttpResponse:
    return _sheet_list_page(request=request, form=None)


def _sheet_list_page(*, request: HttpRequest, form: f.SheetCreateForm | None,
                     error: ServiceError | None = None) -> HttpResponse:
    managed = _managed_councils(user=request.user)
    if form is None and managed.exists():
        form = f.SheetCreateForm(councils=managed, initial={"year": timezone.localdate().year, "bonus_cap": 0})
    context = {
        "sheets": sheets_visible(user=request.user).order_by("-year", "council__name", "target_kind"),
        "managed": {c.pk for c in managed}, "managed_councils": managed, "form": form, "error_at": "create",
    }
    return _page(request=request, template="frontend/activity/sheet_list.html", context=context, error=error,
                 invalid=bool(form and form.errors))


@login_required
@require_POST
@service_page
def sheet_create(request: HttpRequest) -> HttpResponse:
    form = f.SheetCreateForm(request.POST, councils=_managed_councils(user=request.user))
    if not form.is_valid():
        return _sheet_list_page(request=request, form=form)
    try:
        sheet = sheets.score_sheet_create(actor=request.user, **form.cleaned_data)
    except ServiceError as error:
        return _sheet_list_page(request=request, form=form, error=error)
    messages.success(request, _("Đã tạo thang điểm “%(title)s”.") % {"title": sheet.title})
    return redirect("activity-sheet", sheet_id=sheet.pk)


def _numbering(*, sheet: ScoreSheet) -> dict[int, str]:
    """Criterion id → its number on the sheet ("1.2", "T1"), for the parent choices."""
    out: dict[int, str] = {}
    pending = criteria_tree(sheet=sheet)
    while pending:
        node = pending.pop(0)
        out[node.criterion.pk] = node.number
        pending[:0] = node.children
    return out


def _editor_page(*, request: HttpRequest, sheet: ScoreSheet, criterion_form: f.CriterionForm | None = None,
                 settings_form: f.SheetSettingsForm | None = None, copy_form: f.SheetCopyForm | None = None,
                 error: ServiceError | None = None, error_at: str = "") -> HttpResponse:
    language = _language()
    table = sheet_table(sheet=sheet, language=language)
    for row in table["criteria"]:
        row["section_label"] = CriterionSection(row["section"]).label
        row["method_label"] = CriterionMethod(row["method"]).label
    draft = sheet.status == SheetStatus.DRAFT
    context = {
        "sheet": sheet, "table": table, "draft": draft,
        "criterion_form": criterion_form or f.CriterionForm(sheet=sheet, language=language,
                                                            numbering=_numbering(sheet=sheet)),
        "settings_form": settings_form or f.SheetSettingsForm(initial={
            "title": sheet.title, "bonus_cap": f.plain_number(value=sheet.bonus_cap), "tie_rule": sheet.tie_rule}),
        "copy_form": copy_form or f.SheetCopyForm(initial={"year": sheet.year + 1}),
        # A locked sheet has no criterion or settings form to show the refusal next to: it goes on top.
        "error_at": error_at if draft or error_at not in {"criterion", "settings"} else "",
    }
    return _page(request=request, template="frontend/activity/sheet_editor.html", context=context, error=error,
                 invalid=any(form is not None and form.errors for form in (criterion_form, settings_form, copy_form)))


@login_required
@require_GET
@service_page
def sheet_editor(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    return _editor_page(request=request, sheet=_sheet_for_manage(request=request, sheet_id=sheet_id))


@login_required
@require_POST
@service_page
def sheet_settings(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    sheet = _sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.SheetSettingsForm(request.POST)
    if not form.is_valid():
        return _editor_page(request=request, sheet=sheet, settings_form=form)
    try:
        sheets.score_sheet_update(actor=request.user, sheet=sheet, **form.cleaned_data)
    except ServiceError as error:
        return _editor_page(request=request, sheet=sheet, settings_form=form, error=error, error_at="settings")
    messages.success(request, _("Đã lưu thông tin thang điểm."))
    return redirect("activity-sheet", sheet_id=sheet.pk)


@login_required
@require_POST
@service_page
def sheet_copy(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    sheet = _sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.SheetCopyForm(request.POST)
    if not form.is_valid():
        return _editor_page(request=request, sheet=sheet, copy_form=form)
    try:
        copy = sheets.score_sheet_copy(actor=request.user, sheet=sheet, **form.cleaned_data)
    except ServiceError as error:
        return _editor_page(request=request, sheet=sheet, copy_form=form, error=error, error_at="copy")
    messages.success(request, _("Đã tạo thang điểm năm %(year)s từ thang điểm năm %(from)s.")
                     % {"year": copy.year, "from": sheet.year})
    return redirect("activity-sheet", sheet_id=copy.pk)


@login_required
@require_POST
@service_page
def criterion_add(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    sheet = _sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.CriterionForm(request.POST, sheet=sheet, language=_language(), numbering=_numbering(sheet=sheet))
    if not form.is_valid():
        return _editor_page(request=request, sheet=sheet, criterion_form=form)
    try:
        criterion = sheets.criterion_create(actor=request.user, sheet=sheet, **form.values())
    except ServiceError as error:
        return _editor_page(request=request, sheet=sheet, criterion_form=form, error=error, error_at="criterion")
    messages.success(request, _("Đã thêm tiêu chí “%(title)s”.") % {"title": criterion.title})
    return redirect(reverse("activity-sheet", args=[sheet.pk]) + f"#criterion-{criterion.pk}")


def _criterion_for_manage(*, request: HttpRequest, criterion_id: int) -> Criterion:
    criterion = get_object_or_404(Criterion.objects.select_related("sheet__council"), pk=criterion_id)
    require_manage(request.user, criterion.sheet.council_id)
    return criterion


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def criterion_edit(request: HttpRequest, *, criterion_id: int) -> HttpResponse:
    criterion = _criterion_for_manage(request=request, criterion_id=criterion_id)
    sheet = criterion.sheet
    numbering = _numbering(sheet=sheet)
    language = _language()
    if request.method == "GET":
        form = f.CriterionForm(initial=f.CriterionForm.initial_of(criterion=criterion), sheet=sheet,
                               language=language, numbering=numbering)
        return _criterion_page(request=request, criterion=criterion, form=form, numbering=numbering)
    form = f.CriterionForm(request.POST, sheet=sheet, language=language, numbering=numbering)
    if not form.is_valid():
        return _criterion_page(request=request, criterion=criterion, form=form, numbering=numbering)
    # Only what changed: the service refuses a section change on a group with children even when the
    # section sent is the one it already has.
    changed = {name: value for name, value in form.values().items() if getattr(criterion, name) != value}
    try:
        sheets.criterion_update(actor=request.user, criterion=criterion, **changed)
    except ServiceError as error:
        return _criterion_page(request=request, criterion=criterion, form=form, numbering=numbering, error=error)
    messages.success(request, _("Đã lưu tiêu chí “%(title)s”.") % {"title": form.cleaned_data["title"]})
    return redirect(reverse("activity-sheet", args=[sheet.pk]) + f"#criterion-{criterion.pk}")


def _criterion_page(*, request: HttpRequest, criterion: Criterion, form: f.CriterionForm, numbering: dict[int, str],
                    error: ServiceError | None = None) -> HttpResponse:
    context = {"criterion": criterion, "sheet": criterion.sheet, "form": form, "number": numbering.get(criterion.pk, "")}
    return _page(request=request, template="frontend/activity/criterion_edit.html", context=context, error=error,
                 invalid=bool(form.errors))


@login_required
@require_POST
@service_page
def criterion_remove(request: HttpRequest, *, criterion_id: int) -> HttpResponse:
    criterion = _criterion_for_manage(request=request, criterion_id=criterion_id)
    sheet = criterion.sheet
    try:
        sheets.criterion_delete(actor=request.user, criterion=criterion)
    except ServiceError as error:
        return _editor_page(request=request, sheet=sheet, error=error, error_at="tree")
    messages.success(request, _("Đã xóa tiêu chí “%(title)s”.") % {"title": criterion.title})
    return redirect("activity-sheet", sheet_id=sheet.pk)


# Scoring ------------------------------------------------------------------------------------------------------

def _evidence_for(*, sheet: ScoreSheet, target: ScoreTarget) -> QuerySet[Evidence]:
    """Evidence to pick for a target: the scored council's own files, and those the scoring council uploaded
    for scoring (not the files of its own good practices)."""
    mine = Q(council_id=sheet.council_id, good_practice__isnull=True)
    return Evidence.objects.filter(mine | Q(council_id=target.council_id) if target.council_id else mine).order_by("-pk")


def _cell_forms(*, sheet: ScoreSheet, table: dict[str, Any], data: Any = None,
                posted_target: int | None = None) -> dict[int, dict[int, f.ScoreCellForm]]:
    """Per target, per manual criterion, a form holding its points, note and evidence (the posted ones for
    ``posted_target``, the stored entry for the others)."""
    manual = [row for row in table["criteria"] if row["method"] == CriterionMethod.MANUAL]
    targets = {t.pk: t for t in sheet.targets.all()}
    out: dict[int, dict[int, f.ScoreCellForm]] = {}
    for row in table["targets"]:
        evidence = _evidence_for(sheet=sheet, target=targets[row["id"]])
        out[row["id"]] = {}
        for criterion in manual:
            prefix = f"t{row['id']}-c{criterion['id']}"
            if row["id"] == posted_target:
                out[row["id"]][criterion["id"]] = f.ScoreCellForm(data, prefix=prefix, evidence=evidence)
                continue
            entry = row["entries"].get(criterion["id"])
            initial = {} if entry is None else {"points": f.plain_number(value=entry.points), "note": entry.note,
                                                "evidence": list(entry.evidence.all())}
            out[row["id"]][criterion["id"]] = f.ScoreCellForm(initial=initial, prefix=prefix, evidence=evidence)
    return out


def _scoring_page(*, request: HttpRequest, sheet: ScoreSheet, posted_target: int | None = None,
                  error: ServiceError | None = None, error_at: str = "",
                  evidence_form: f.EvidenceForm | None = None) -> HttpResponse:
    table = sheet_table(sheet=sheet, language=_language())
    _short_labels(table=table)
    cells = _cell_forms(sheet=sheet, table=table, data=request.POST if posted_target else None,
                        posted_target=posted_target)
    manual = [row for row in table["criteria"] if row["method"] == CriterionMethod.MANUAL]
    rows = []
    for target in table["targets"]:
        row_cells = [{"criterion": c, "form": cells[target["id"]][c["id"]], "entry": target["entries"].get(c["id"]),
                      "key": f"t{target['id']}-c{c['id']}"} for c in manual]
        missing = sum(1 for cell in row_cells if cell["entry"] is None)
        rows.append({"target": target, "cells": row_cells, "missing": missing,
                     "open": bool(missing) or target["id"] == posted_target})
    draft = sheet.status == SheetStatus.DRAFT
    context = {
        "sheet": sheet, "table": table, "manual": manual, "rows": rows, "draft": draft,
        "missing": sum(row["missing"] for row in rows),
        "evidence_form": evidence_form or f.EvidenceForm(), "posted_target": posted_target,
        # Once locked the grid and upload forms are gone: a refusal shows with the sheet's steps.
        "error_at": error_at if draft else "steps",
        "manages": True,
    }
    invalid = bool(evidence_form is not None and evidence_form.errors) or any(
        cell["form"].errors for row in rows for cell in row["cells"])
    return _page(request=request, template="frontend/activity/scoring.html", context=context, error=error,
                 invalid=invalid)


def _unchanged(*, form: f.ScoreCellForm, entry: Any) -> bool:
    data = form.cleaned_data
    return entry is not None and (entry.points, entry.note, {e.pk for e in entry.evidence.all()}) == (
        data["points"], data["note"].strip(), {e.pk for e in data["evidence"]})


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def sheet_scoring(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    """GET: the grid of targets × manual criteria. POST: one target's cells, saved together or not at all."""
    sheet = _sheet_for_manage(request=request, sheet_id=sheet_id)
    if request.method == "GET":
        return _scoring_page(request=request, sheet=sheet)
    target = get_object_or_404(ScoreTarget, pk=_int(text=request.POST.get("target", "")), sheet=sheet)
    table = sheet_table(sheet=sheet, language=_language())
    row = next(t for t in table["targets"] if t["id"] == target.pk)
    forms = _cell_forms(sheet=sheet, table=table, data=request.POST, posted_target=target.pk)[target.pk]
    if not all([form.is_valid() for form in forms.values()]):
        return _scoring_page(request=request, sheet=sheet, posted_target=target.pk)
    criteria = {c.pk: c for c in sheet.criteria.filter(pk__in=forms)}
    saved, cell = 0, ""
    try:
        with transaction.atomic():
            for criterion_id, form in forms.items():
                cell = f"t{target.pk}-c{criterion_id}"
                if form.cleaned_data["points"] is None or _unchanged(form=form, entry=row["entries"].get(criterion_id)):
                    continue
                sheets.score_entry_set(actor=request.user, target=target, criterion=criteria[criterion_id],
                                       points=form.cleaned_data["points"], note=form.cleaned_data["note"],
                                       evidence=list(form.cleaned_data["evidence"]))
                saved += 1
    except ServiceError as error:
        return _scoring_page(request=request, sheet=sheet, posted_target=target.pk, error=error, error_at=cell)
    messages.success(request, _("Đã lưu %(n)s ô điểm của %(target)s.") % {"n": saved, "target": target.label})
    return redirect(reverse("activity-scoring", args=[sheet.pk]) + f"#target-{target.pk}")


@login_required
@require_POST
@service_page
def scoring_evidence(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    """Upload an evidence file (kept by the scoring council) to pick in the grid."""
    sheet = _sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _scoring_page(request=request, sheet=sheet, evidence_form=form)
    upload = form.cleaned_data["file"]
    try:
        evidence = records.evidence_upload(actor=request.user, council=sheet.council, title=form.cleaned_data["title"],
                                           stream=upload, size=upload.size, original_name=upload.name)
    except ServiceError as error:
        return _scoring_page(request=request, sheet=sheet, evidence_form=form, error=error, error_at="evidence")
    messages.success(request, _("Đã tải lên minh chứng “%(title)s”.") % {"title": evidence.title})
    return redirect(reverse("activity-scoring", args=[sheet.pk]) + "#evidence")


SHEET_STEPS: dict[str, tuple[Callable[..., ScoreSheet], Any]] = {
    "score": (sheets.score_sheet_score, gettext_lazy("Đã tính điểm và xếp hạng.")),
    "lock": (sheets.score_sheet_lock, gettext_lazy("Đã khóa thang điểm: điểm và xếp hạng không thể thay đổi nữa.")),
    "publish": (sheets.score_sheet_publish, gettext_lazy("Đã công bố kết quả xếp hạng.")),
}


@login_required
@require_POST
@service_page
def sheet_step(request: HttpRequest, *, sheet_id: int, step: str) -> HttpResponse:
    """Score and rank, lock, or publish; a refusal shows the scoring page with the reason."""
    sheet = _sheet_for_manage(request=request, sheet_id=sheet_id)
    service, done = SHEET_STEPS[step]
    try:
        service(actor=request.user, sheet=sheet)
    except ServiceError as error:
        return _scoring_page(request=request, sheet=sheet, error=error, error_at="steps")
    messages.success(request, done)
    return redirect("activity-ranking" if step == "publish" else "activity-scoring", sheet_id=sheet.pk)


# Ranking ------------------------------------------------------------------------------------------------------

def _ranking(*, request: HttpRequest, sheet_id: int) -> dict[str, Any]:
    """The ranking as last computed (frozen once locked), for the page and the print view."""
    sheet = get_object_or_404(sheets_visible(user=request.user), pk=sheet_id)
    table = sheet_table(sheet=sheet, language=_language())
    _short_labels(table=table)
    heads = [row for row in table["criteria"] if row["depth"] == 0 and row["section"] == CriterionSection.REGULAR]
    ranked = [t for t in table["targets"] if t["result"] is not None]
    rows = [{"target": t, "result": t["result"],
             "sections": [Decimal(v) for v in t["result"].section_points]} for t in ranked]
    scale = table["max_points"] + sheet.bonus_cap
    chart = bar_chart(
        chart_id="ranking-chart", title=_("Tổng điểm thi đua: %(title)s") % {"title": sheet.title},
        description=_("Biểu đồ cột ngang theo thứ hạng; số liệu chi tiết trong bảng xếp hạng."),
        bars=[Bar(label=f"{r['result'].rank}. {r['target']['short']}", value=r["result"].total) for r in rows],
        maximum=scale or None,
    ) if rows else None
    return {"sheet": sheet, "table": table, "heads": heads, "rows": rows, "chart": chart,
            "manages": can_manage_council(request.user, sheet.council_id), "printed_at": timezone.localtime()}


@require_GET
def sheet_ranking(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    return render(request, "frontend/activity/ranking.html", _ranking(request=request, sheet_id=sheet_id))


@require_GET
def ranking_print(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    return render(request, "frontend/activity/print_ranking.html", _ranking(request=request, sheet_id=sheet_id))


# Activity records ---------------------------------------------------------------------------------------------

class RecordKind(models.TextChoices):
    SUPERVISION = "supervision", gettext_lazy("Giám sát chuyên đề")
    SURVEYS = "surveys", gettext_lazy("Khảo sát")
    RECEPTIONS = "receptions", gettext_lazy("Tiếp công dân")
    MEETINGS = "meetings", gettext_lazy("Tiếp xúc cử tri")
    PETITIONS = "petitions", gettext_lazy("Kiến nghị cử tri")
    PRACTICES = "practices", gettext_lazy("Mô hình, cách làm hay")


PETITION_ORDER = [PetitionStatus.IN_PROGRESS, PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED]
# Per kind: the model, its form, the service that records it, and the columns of its list.
RECORDS: dict[str, tuple[type[models.Model], type[f.RecordForm], Callable[..., Any], list[str]]] = {
    RecordKind.SUPERVISION: (SupervisionMission, f.SupervisionForm, records.supervision_save,
                             ["title", "committee", "start_date", "end_date", "report_due", "report_submitted_on",
                              "delegates"]),
    RecordKind.SURVEYS: (Survey, f.SurveyForm, records.survey_save, ["title", "committee", "date", "place", "delegates"]),
    RecordKind.RECEPTIONS: (CitizenReception, f.CitizenReceptionForm, records.citizen_reception_save,
                            ["kind", "date", "place", "citizens_received", "opinions_received",
                             "petitions_received", "delegates"]),
    RecordKind.MEETINGS: (VoterMeeting, f.VoterMeetingForm, records.voter_meeting_save,
                          ["date", "group", "place", "voters_attending", "petitions_raised", "delegates"]),
    RecordKind.PETITIONS: (VoterPetition, f.PetitionForm, records.petition_register,
                           ["content", "field", "authority_level", "received_on", "status", "status_changed_on"]),
    RecordKind.PRACTICES: (GoodPractice, f.GoodPracticeForm, records.good_practice_save,
                           ["title", "description", "recognized_on"]),
}


def _cell(*, record: models.Model, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(p) for p in getattr(record, name).all())
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    value = getattr(record, name)
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ("" if value is None else value)


def _delegates_of(*, council: Council) -> QuerySet[Person]:
    """Everyone who holds or held a seat of the council (the service checks the seat on the record's date)."""
    return Person.objects.filter(memberships__council=council).distinct().order_by("full_name", "pk")


def _records_page(*, request: HttpRequest, council: Council, kind: str, form: f.RecordForm | None = None,
                  error: ServiceError | None = None, error_at: str = "") -> HttpResponse:
    model, form_class, _service, columns = RECORDS[kind]
    rows = model.objects.filter(council=council)
    if kind == RecordKind.PRACTICES:
        rows = rows.prefetch_related("evidence")
    elif any(model._meta.get_field(name).many_to_many for name in columns):
        rows = rows.prefetch_related("delegates")
    context = {
        "council": council, "kind": kind, "kinds": RecordKind.choices, "kind_label": RecordKind(kind).label,
        "form": form or form_class(council=council, delegates=_delegates_of(council=council)),
        "heads": [model._meta.get_field(name).verbose_name for name in columns],
        "rows": [{"record": r, "cells": [_cell(record=r, name=name) for name in columns],
                  "steps": [(step, PetitionStatus(step).label) for step in PETITION_ORDER
                            if step in PETITION_NEXT.get(getattr(r, "status", ""), set())]} for r in rows],
        "today": timezone.localdate(), "error_at": error_at,
    }
    return _page(request=request, template="frontend/activity/records.html", context=context, error=error,
                 invalid=bool(form and form.errors))


def _council_for_manage(*, request: HttpRequest, council_id: int) -> Council:
    council = get_object_or_404(Council, pk=council_id)
    require_manage(request.user, council)
    return council


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def council_records(request: HttpRequest, *, council_id: int, kind: str) -> HttpResponse:
    """GET: the council's records of one kind and a form to add one. POST: add it."""
    if kind not in RECORDS:
        raise Http404
    council = _council_for_manage(request=request, council_id=council_id)
    if request.method == "GET":
        return _records_page(request=request, council=council, kind=kind)
    _model, form_class, service, _columns = RECORDS[kind]
    form = form_class(request.POST, council=council, delegates=_delegates_of(council=council))
    if not form.is_valid():
        return _records_page(request=request, council=council, kind=kind, form=form)
    try:
        service(actor=request.user, council=council, **form.cleaned_data)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=kind, form=form, error=error, error_at="form")
    messages.success(request, _("Đã ghi nhận: %(kind)s.") % {"kind": RecordKind(kind).label})
    return redirect("activity-records", council_id=council.pk, kind=kind)


@login_required
@require_POST
@service_page
def record_remove(request: HttpRequest, *, kind: str, record_id: int) -> HttpResponse:
    if kind not in RECORDS:
        raise Http404
    record = get_object_or_404(RECORDS[kind][0], pk=record_id)
    council = _council_for_manage(request=request, council_id=record.council_id)
    try:
        records.record_delete(actor=request.user, record=record)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=kind, error=error, error_at="list")
    messages.success(request, _("Đã xóa: %(label)s.") % {"label": str(record)[:80]})
    return redirect("activity-records", council_id=council.pk, kind=kind)


@login_required
@require_POST
@service_page
def petition_step(request: HttpRequest, *, petition_id: int) -> HttpResponse:
    """Move a voter petition one step on (the service refuses a skipped step or a date going back)."""
    petition = get_object_or_404(VoterPetition.objects.select_related("council"), pk=petition_id)
    council = _council_for_manage(request=request, council_id=petition.council_id)
    form = f.PetitionStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(REQUEST_INVALID)
        records.petition_status_set(actor=request.user, petition=petition, **form.cleaned_data)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=RecordKind.PETITIONS, error=error,
                             error_at="list")
    messages.success(request, _("Đã cập nhật tình trạng kiến nghị."))
    return redirect(reverse("activity-records", args=[council.pk, RecordKind.PETITIONS]) + f"#petition-{petition.pk}")


@login_required
@require_POST
@service_page
def practice_evidence(request: HttpRequest, *, practice_id: int) -> HttpResponse:
    """Attach an evidence file to a good practice."""
    practice = get_object_or_404(GoodPractice.objects.select_related("council"), pk=practice_id)
    council = _council_for_manage(request=request, council_id=practice.council_id)
    form = f.EvidenceForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ServiceError(REQUEST_INVALID)
        upload = form.cleaned_data["file"]
        records.evidence_upload(actor=request.user, council=council, title=form.cleaned_data["title"], stream=upload,
                                size=upload.size, original_name=upload.name, good_practice=practice)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=RecordKind.PRACTICES, error=error,
                             error_at="list")
    messages.success(request, _("Đã tải lên minh chứng."))
    return redirect(reverse("activity-records", args=[council.pk, RecordKind.PRACTICES]) + f"#practice-{practice.pk}")
