"""What the activity screens share: the page renderer (a refusal re-renders the page with the service's
message and status; nothing has changed), posted ids, the councils a user keeps and the score sheet
a manager opens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from activity.models import ScoreSheet
from core.errors import ServiceError
from sessions_app.models import Council, CouncilRole, CouncilRoleKind
from sessions_app.permissions import is_administrator, require_manage


def request_language() -> str:
    return translation.get_language() or "vi"


def page_render(
    *,
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    error: ServiceError | None = None,
    invalid: bool = False,
) -> HttpResponse:
    """A page; shown again after a refusal with the service's message and status (nothing was changed), or
    with 400 when a form could not be read."""
    if error is not None:
        return render(request, template, {**context, "error": error}, status=error.status)
    return render(request, template, context, status=400 if invalid else 200)


def posted_id(*, text: str) -> int:
    """A posted id; anything else matches nothing (a 404, not a 500)."""
    return int(text) if text.isdigit() else 0


def managed_councils(*, user: Any) -> QuerySet[Council]:
    """The councils whose records and score sheets the user keeps (secretariat or chair; all for an admin)."""
    if is_administrator(user):
        return Council.objects.order_by("level", "name")
    roles = CouncilRole.objects.filter(
        user_id=getattr(user, "pk", None), role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
    )
    return Council.objects.filter(pk__in=roles.values("council_id")).order_by("level", "name")


def short_labels(*, table: dict[str, Any]) -> None:
    """Each target row gets ``short``: a council by its short name ("HĐND xã Bến Đò"), as reports write it."""
    ids = [t["council"] for t in table["targets"] if t["council"]]
    short = dict(Council.objects.filter(pk__in=ids).exclude(short_name="").values_list("pk", "short_name"))
    for target in table["targets"]:
        target["short"] = short.get(target["council"], target["label"])


def sheet_for_manage(*, request: HttpRequest, sheet_id: int) -> ScoreSheet:
    sheet = get_object_or_404(ScoreSheet.objects.select_related("council", "based_on"), pk=sheet_id)
    require_manage(request.user, sheet.council_id)
    return sheet
