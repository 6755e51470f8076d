"""The delegate's check-in page on the tablet: one large button, the sitting's present/total."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import ServiceError
from sessions_app.errors import CHECKIN_NOT_MEMBER
from sessions_app.models import Sitting
from sessions_app.permissions import require_read_private
from sessions_app.selectors import sitting_attendance_of, sitting_attendance_summary
from sessions_app.services.attendance import attendance_check_in
from sessions_app.views_common import service_page, tablet_checkin_method


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def sitting_check_in(request: HttpRequest, sitting_id: int) -> HttpResponse:
    sitting = get_object_or_404(Sitting.objects.select_related("session__council"), pk=sitting_id)
    require_read_private(request.user, sitting.session.council_id)
    person = request.user.person
    if person is None:
        raise ServiceError(CHECKIN_NOT_MEMBER)
    if request.method == "POST":
        attendance_check_in(
            actor=request.user, sitting=sitting, person=person, method=tablet_checkin_method(request, sitting)
        )
        messages.success(request, _("Đã điểm danh. Chúc kỳ họp thành công."))
        return redirect("sitting-check-in", sitting_id=sitting.pk)
    return render(
        request,
        "sessions_app/check_in.html",
        {
            "sitting": sitting,
            "attendance": sitting_attendance_of(sitting=sitting, person_id=person.pk),
            "summary": sitting_attendance_summary(sitting=sitting),
        },
    )
