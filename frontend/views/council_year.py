"""The console page of the past-year import (``/console/councils/<id>/import-year/``): the secretariat downloads
the template, uploads one workbook (or one CSV per sheet), checks it with a dry run, then imports it. A refusal
shows its message and, for row errors, a table of sheet, row, code and message; nothing was saved."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from activity.services.backfill import SHEETS, backfill_import
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Council
from sessions_app.permissions import require_manage
from sessions_app.views_common import service_page

MAX_FIELD = 5 * 1024 * 1024 + 1  # read one byte past the import's limit: it refuses the file itself


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def import_year(request: HttpRequest, council_id: int) -> HttpResponse:
    council = get_object_or_404(Council, pk=council_id)
    require_manage(request.user, council)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "council": council,
        "sheets": SHEETS,
        "year": today.year - 1,
        "years": list(range(today.year, today.year - 10, -1)),
        "result": None,
        "error": None,
        "row_errors": [],
        "error_at": "import",  # the refusal is shown with the result, not again at the top of the page
    }
    if request.method == "GET":
        return render(request, "frontend/setup/import_year.html", context)
    status = 200
    try:
        year_text = request.POST.get("year", "")
        if not year_text.isdigit():
            raise ServiceError(REQUEST_INVALID, details={"year": year_text[:10]})
        context["year"] = int(year_text)
        workbook = request.FILES.get("workbook")
        files = {s.key: request.FILES[s.key].read(MAX_FIELD) for s in SHEETS if s.key in request.FILES}
        context["result"] = backfill_import(
            actor=request.user,
            council=council,
            year=context["year"],
            dry_run=request.POST.get("dry_run") == "1",
            workbook=workbook.read(MAX_FIELD) if workbook is not None else None,
            files=files,
        )
    except ServiceError as error:
        context["error"] = error
        context["row_errors"] = error.details.get("errors", [])
        status = error.status
    return render(request, "frontend/setup/import_year.html", context, status=status)
