"""Secretariat pages for QR log-in: printing a session's cards, revoking a person's codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NOT_FOUND, ServiceError
from sessions_app.auth_tokens import login_cards_issue, login_tokens_revoke
from sessions_app.models import Person, Session
from sessions_app.permissions import require_manage
from sessions_app.qr import qr_login_url, qr_svg
from sessions_app.selectors import memberships_in_force
from sessions_app.views_common import service_page


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@service_page
def qr_cards(request: HttpRequest, session_id: int) -> HttpResponse:
    """GET: choose the sitting and see who gets a card. POST: issue fresh codes and show the A4 sheet."""
    session = get_object_or_404(Session.objects.select_related("council", "term"), pk=session_id)
    require_manage(request.user, session.council_id)
    sittings = list(session.sittings.order_by("number"))
    if request.method == "GET":
        delegates = (
            memberships_in_force(council_id=session.council_id, on=session.start_date)
            .select_related("person__user")
            .order_by("seat")
        )
        return render(
            request,
            "sessions_app/qr_cards_form.html",
            {
                "session": session,
                "sittings": sittings,
                "delegates": delegates,
                "ttl_minutes": max(1, settings.NT["QR_TOKEN_TTL_SECONDS"] // 60),
            },
        )
    sitting = None
    if request.POST.get("sitting"):
        sitting = next((s for s in sittings if str(s.pk) == request.POST["sitting"]), None)
        if sitting is None:
            raise ServiceError(NOT_FOUND)
    cards = [
        {"card": card, "qr": mark_safe(qr_svg(qr_login_url(request, card.signed))) if card.signed else None}
        for card in login_cards_issue(actor=request.user, session=session, sitting=sitting)
    ]
    return render(request, "sessions_app/qr_cards.html", {"session": session, "sitting": sitting, "cards": cards})


@login_required
@require_POST
@service_page
def person_tokens_revoke(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_id)
    revoked = login_tokens_revoke(actor=request.user, person=person)
    messages.success(
        request, _("Đã thu hồi %(count)s mã QR đăng nhập của %(name)s.") % {"count": revoked, "name": person.full_name}
    )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("home")
