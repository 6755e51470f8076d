"""Score sheets: the list (and a new sheet), the secretariat's editor (settings, copy to the next year, the
criteria tree). Plain forms posting to thin views that call the services; after a change, Post/Redirect/Get."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.models import Criterion, CriterionMethod, CriterionSection, ScoreSheet, SheetStatus
from activity.selectors.emulation import criteria_tree, sheet_table, sheets_visible
from activity.services import emulation as sheets
from core.errors import ServiceError
from frontend import forms_activity as f
from frontend.views.activity_common import managed_councils, page_render, request_language, sheet_for_manage
from sessions_app.permissions import require_manage
from sessions_app.views_common import service_page


@require_GET
def sheet_list(request: HttpRequest) -> HttpResponse:
    return _sheet_list_page(request=request, form=None)


def _sheet_list_page(
    *, request: HttpRequest, form: f.SheetCreateForm | None, error: ServiceError | None = None
) -> HttpResponse:
    managed = managed_councils(user=request.user)
    if form is None and managed.exists():
        form = f.SheetCreateForm(councils=managed, initial={"year": timezone.localdate().year, "bonus_cap": 0})
    context = {
        "sheets": sheets_visible(user=request.user).order_by("-year", "council__name", "target_kind"),
        "managed": {c.pk for c in managed},
        "managed_councils": managed,
        "form": form,
        "error_at": "create",
    }
    return page_render(
        request=request,
        template="frontend/activity/sheet_list.html",
        context=context,
        error=error,
        invalid=bool(form and form.errors),
    )


@login_required
@require_POST
@service_page
def sheet_create(request: HttpRequest) -> HttpResponse:
    form = f.SheetCreateForm(request.POST, councils=managed_councils(user=request.user))
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


def _editor_page(
    *,
    request: HttpRequest,
    sheet: ScoreSheet,
    criterion_form: f.CriterionForm | None = None,
    settings_form: f.SheetSettingsForm | None = None,
    copy_form: f.SheetCopyForm | None = None,
    error: ServiceError | None = None,
    error_at: str = "",
) -> HttpResponse:
    language = request_language()
    table = sheet_table(sheet=sheet, language=language)
    for row in table["criteria"]:
        row["section_label"] = CriterionSection(row["section"]).label
        row["method_label"] = CriterionMethod(row["method"]).label
    draft = sheet.status == SheetStatus.DRAFT
    context = {
        "sheet": sheet,
        "table": table,
        "draft": draft,
        "criterion_form": criterion_form
        or f.CriterionForm(sheet=sheet, language=language, numbering=_numbering(sheet=sheet)),
        "settings_form": settings_form
        or f.SheetSettingsForm(
            initial={
                "title": sheet.title,
                "bonus_cap": f.plain_number(value=sheet.bonus_cap),
                "tie_rule": sheet.tie_rule,
            }
        ),
        "copy_form": copy_form or f.SheetCopyForm(initial={"year": sheet.year + 1}),
        # A locked sheet has no criterion or settings form to show the refusal next to: it goes on top.
        "error_at": error_at if draft or error_at not in {"criterion", "settings"} else "",
    }
    return page_render(
        request=request,
        template="frontend/activity/sheet_editor.html",
        context=context,
        error=error,
        invalid=any(form is not None and form.errors for form in (criterion_form, settings_form, copy_form)),
    )


@login_required
@require_GET
@service_page
def sheet_editor(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    return _editor_page(request=request, sheet=sheet_for_manage(request=request, sheet_id=sheet_id))


@login_required
@require_POST
@service_page
def sheet_settings(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    sheet = sheet_for_manage(request=request, sheet_id=sheet_id)
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
    sheet = sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.SheetCopyForm(request.POST)
    if not form.is_valid():
        return _editor_page(request=request, sheet=sheet, copy_form=form)
    try:
        copy = sheets.score_sheet_copy(actor=request.user, sheet=sheet, **form.cleaned_data)
    except ServiceError as error:
        return _editor_page(request=request, sheet=sheet, copy_form=form, error=error, error_at="copy")
    messages.success(
        request,
        _("Đã tạo thang điểm năm %(year)s từ thang điểm năm %(from)s.") % {"year": copy.year, "from": sheet.year},
    )
    return redirect("activity-sheet", sheet_id=copy.pk)


@login_required
@require_POST
@service_page
def criterion_add(request: HttpRequest, *, sheet_id: int) -> HttpResponse:
    sheet = sheet_for_manage(request=request, sheet_id=sheet_id)
    form = f.CriterionForm(request.POST, sheet=sheet, language=request_language(), numbering=_numbering(sheet=sheet))
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
    language = request_language()
    if request.method == "GET":
        form = f.CriterionForm(
            initial=f.CriterionForm.initial_of(criterion=criterion), sheet=sheet, language=language, numbering=numbering
        )
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


def _criterion_page(
    *,
    request: HttpRequest,
    criterion: Criterion,
    form: f.CriterionForm,
    numbering: dict[int, str],
    error: ServiceError | None = None,
) -> HttpResponse:
    context = {
        "criterion": criterion,
        "sheet": criterion.sheet,
        "form": form,
        "number": numbering.get(criterion.pk, ""),
    }
    return page_render(
        request=request,
        template="frontend/activity/criterion_edit.html",
        context=context,
        error=error,
        invalid=bool(form.errors),
    )


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
