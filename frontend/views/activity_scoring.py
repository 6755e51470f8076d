"""Scoring a sheet (the grid of targets × manual criteria, evidence uploads, the score / lock / publish
steps) and the ranking with its printed form."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.models import CriterionMethod, CriterionSection, Evidence, ScoreSheet, ScoreTarget, SheetStatus
from activity.selectors.emulation import sheet_table, sheets_visible
from activity.services import emulation as sheets
from activity.services import records
from core.errors import ServiceError
from frontend import forms_activity as f
from frontend.charts import Bar, bar_chart
from frontend.views.activity_common import page_render, posted_id, request_language, sheet_for_manage, short_labels
from sessions_app.permissions import can_manage_council
from sessions_app.views_common import service_page


def _evidence_for(*, sheet: ScoreSheet, target: ScoreTarget) -> QuerySet[Evidence]:
    """Evidence to pick for a target: the scored council's own files, and those the scoring council uploaded
    for scoring (not the files of its own good practices)."""
    mine = Q(council_id=sheet.council_id, good_practice__isnull=True)
    return Evidence.objects.filter(mine | Q(council_id=target.council_id) if target.council_id else mine).order_by(
        "-pk"
    )


def _cell_forms(
    *, sheet: ScoreSheet, table: dict[str, Any], data: Any = None, posted_target: int | None = None
) -> dict[int, dict[int, f.ScoreCellForm]]:
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
            initial = (
                {}
                if entry is None
                else {
                    "points": f.plain_number(value=entry.points),
                    "note": entry.note,
                    "evidence": list(entry.evidence.all()),
                }
            )
            out[row["id"]][criterion["id"]] = f.ScoreCellForm(initial=initial, prefix=prefix, evidence=evidence)
    return out


def _scoring_page(
    *,
    request: HttpRequest,
    sheet: ScoreSheet,
    posted_target: int | None = None,
    error: ServiceError | None = None,
    error_at: str = "",
    evidence_form: f.EvidenceForm | None = None,
) -> HttpResponse:
    table = sheet_table(sheet=sheet, language=request_language())
    short_labels(table=table)
    cells = _cell_forms(
        sheet=sheet, table=table, data=request.POST if posted_target else None, posted_target=posted_target
    )
    manual = [row for row in table["criteria"] if row["method"] == CriterionMethod.MANUAL]
    rows = []
    for target in table["targets"]:
        row_cells = [
            {
                "criterion": c,
                "form": cells[target["id"]][c["id"]],
                "entry": target["entries"].get(c["id"]),
                "key": f"t{target['id']}-c{c['id']}",
            }
            for c in manual
        ]
        missing = sum(1 for cell in row_cells if cell["entry"] is None)
        rows.append(
            {
                "target": target,
                "cells": row_cells,
                "missing": missing,
                "open": bool(missing) or target["id"] == posted_target,
            }
        )
    draft = sheet.status == SheetStatus.DRAFT
    context = {
        "sheet": sheet,
        "table": table,
        "manual": manual,
        "rows": rows,
        "draft": draft,
        "missing": sum(row["missing"] for row in rows),
        "evidence_form": evidence_form or f.EvidenceForm(),
        "posted_target": posted_target,
        # Once locked the grid and upload forms are gone: a refusal shows with the sheet's steps.
        "error_at": error_at if draft else "steps",
        "manages": True,
    }
    invalid = bool(evidence_form is not None and evidence_form.errors) or any(
        cell["form"].errors for row in rows for cell in row["cells"]
    )
    return page_render(
        request=request, template="frontend/activity/scoring.html", context=context, error=error, invalid=invalid
    )


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def sheet_scoring(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    """GET: the grid of targets × manual criteria. POST: one target's cells, saved together or not at all."""
    sheet = sheet_for_manage(request=request, sheet_id=sheet_id)
    if request.method == "GET":
        return _scoring_page(request=request, sheet=sheet)
    target = get_object_or_404(ScoreTarget, pk=posted_id(text=request.POST.get("target", "")), sheet=sheet)
    table = sheet_table(sheet=sheet, language=request_language())
    forms = _cell_forms(sheet=sheet, table=table, data=request.POST, posted_target=target.pk)[target.pk]
    if not all([form.is_valid() for form in forms.values()]):  # noqa: C419  (every form validated, to show all errors)
        return _scoring_page(request=request, sheet=sheet, posted_target=target.pk)
    criteria = {c.pk: c for c in sheet.criteria.filter(pk__in=forms)}
    cells = [
        sheets.ScoreCell(
            criterion=criteria[criterion_id],
            points=form.cleaned_data["points"],
            note=form.cleaned_data["note"],
            evidence=list(form.cleaned_data["evidence"]),
        )
        for criterion_id, form in forms.items()
    ]
    try:
        saved = sheets.score_entries_set(actor=request.user, target=target, cells=cells)
    except ServiceError as error:
        cell = f"t{target.pk}-c{error.details.get('criterion', '')}"
        return _scoring_page(request=request, sheet=sheet, posted_target=target.pk, error=error, error_at=cell)
    messages.success(request, _("Đã lưu %(n)s ô điểm của %(target)s.") % {"n": saved, "target": target.label})
    return redirect(reverse("activity-scoring", args=[sheet.pk]) + f"#target-{target.pk}")


@login_required
@require_POST
@service_page
def scoring_evidence(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    """Upload an evidence file (kept by the scoring council) to pick in the grid."""
    sheet = sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _scoring_page(request=request, sheet=sheet, evidence_form=form)
    upload = form.cleaned_data["file"]
    try:
        evidence = records.evidence_upload(
            actor=request.user,
            council=sheet.council,
            title=form.cleaned_data["title"],
            stream=upload,
            size=upload.size,
            original_name=upload.name,
        )
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
    sheet = sheet_for_manage(request=request, sheet_id=sheet_id)
    service, done = SHEET_STEPS[step]
    try:
        service(actor=request.user, sheet=sheet)
    except ServiceError as error:
        return _scoring_page(request=request, sheet=sheet, error=error, error_at="steps")
    messages.success(request, done)
    return redirect("activity-ranking" if step == "publish" else "activity-scoring", sheet_id=sheet.pk)


def _ranking(*, request: HttpRequest, sheet_id: int) -> dict[str, Any]:
    """The ranking as last computed (frozen once locked), for the page and the print view."""
    sheet = get_object_or_404(sheets_visible(user=request.user), pk=sheet_id)
    table = sheet_table(sheet=sheet, language=request_language())
    short_labels(table=table)
    heads = [row for row in table["criteria"] if row["depth"] == 0 and row["section"] == CriterionSection.REGULAR]
    ranked = [t for t in table["targets"] if t["result"] is not None]
    rows = [
        {"target": t, "result": t["result"], "sections": [Decimal(v) for v in t["result"].section_points]}
        for t in ranked
    ]
    scale = table["max_points"] + sheet.bonus_cap
    chart = (
        bar_chart(
            chart_id="ranking-chart",
            title=_("Tổng điểm thi đua: %(title)s") % {"title": sheet.title},
            description=_("Biểu đồ cột ngang theo thứ hạng; số liệu chi tiết trong bảng xếp hạng."),
            bars=[Bar(label=f"{r['result'].rank}. {r['target']['short']}", value=r["result"].total) for r in rows],
            maximum=scale or None,
        )
        if rows
        else None
    )
    return {
        "sheet": sheet,
        "table": table,
        "heads": heads,
        "rows": rows,
        "chart": chart,
        "manages": can_manage_council(request.user, sheet.council_id),
        "printed_at": timezone.localtime(),
    }


@require_GET
def sheet_ranking(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    return render(request, "frontend/activity/ranking.html", _ranking(request=request, sheet_id=sheet_id))


@require_GET
def ranking_print(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    return render(request, "frontend/activity/print_ranking.html", _ranking(request=request, sheet_id=sheet_id))
