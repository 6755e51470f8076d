"""The console's set-up pages: a secretariat (or an administrator) sets a council up and prepares, runs and closes
its sessions without the admin. Plain forms posting to thin views that call the services; after a change,
Post/Redirect/Get. A refusal re-renders the page with the service's message, code and status: nothing changed.

- ``setup_home``: the councils the user keeps (administrators also create councils);
- ``council_setup``: terms (administrators), committees and delegate groups, delegates and their seats, sessions;
- ``council_roles``: who holds the council's roles; its account administrators give and take them back;
- ``session_setup``: the session's details and convening notice, its sittings (add, edit, open, close, reopen
  with a reason), closing the session, and its resolutions (number, title, category, dates, signed text, publish)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import COUNCIL_FORBIDDEN, REQUEST_INVALID, ServiceError
from frontend import forms_setup as f
from frontend.setup_resolutions import resolution_actions, resolutions_context
from sessions_app import services
from sessions_app.models import (
    Committee,
    Council,
    CouncilRole,
    CouncilRoleKind,
    DelegateGroup,
    Membership,
    Session,
    Sitting,
    Term,
)
from sessions_app.permissions import can_grant_roles, is_administrator, require_authenticated, require_manage
from sessions_app.services import roles as services_roles
from sessions_app.services import setup as services_setup
from sessions_app.views_common import service_page

Handler = Callable[[HttpRequest, Any], Any]


def managed_councils(*, user: Any) -> QuerySet[Council]:
    """The councils whose sessions the user runs (secretariat or chair; all for an administrator)."""
    if is_administrator(user):
        return Council.objects.order_by("level", "name")
    roles = CouncilRole.objects.filter(
        user_id=getattr(user, "pk", None), role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
    )
    return Council.objects.filter(pk__in=roles.values("council_id")).order_by("level", "name")


def _dispatch(
    request: HttpRequest,
    *,
    actions: dict[str, tuple[type[f.SetupForm] | None, Handler, str]],
    page: Callable[..., HttpResponse],
    done: str,
) -> HttpResponse:
    """Run the posted ``action``: read its form, call its handler; a bad form or a refusal shows the page again."""
    name = request.POST.get("action", "")
    if name not in actions:
        return page(error=ServiceError(REQUEST_INVALID, details={"action": name}), error_at="")
    form_class, handler, message = actions[name]
    form = None
    if form_class is not None:
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return page(forms={name: form}, error=ServiceError(REQUEST_INVALID), error_at=name)
    try:
        handler(request, form)
    except ServiceError as error:
        return page(forms={name: form} if form is not None else {}, error=error, error_at=name)
    messages.success(request, message)
    return redirect(done)


def _render(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    error: ServiceError | None = None,
    error_at: str = "",
) -> HttpResponse:
    return render(
        request,
        template,
        {**context, "error": error, "error_at": error_at},
        status=error.status if error is not None else 200,
    )


# Councils ---------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def setup_home(request: HttpRequest) -> HttpResponse:
    require_authenticated(request.user)
    councils = managed_councils(user=request.user)
    admin = is_administrator(request.user)

    def page(
        *, forms: dict[str, Any] | None = None, error: ServiceError | None = None, error_at: str = ""
    ) -> HttpResponse:
        context = {
            "councils": councils,
            "role_councils": (
                Council.objects.all()
                if admin
                else Council.objects.filter(roles__user_id=request.user.pk, roles__role=CouncilRoleKind.ADMIN)
            ).order_by("level", "name"),
            "admin": admin,
            "council_form": (forms or {}).get("council") or f.CouncilForm(),
        }
        return _render(request, "frontend/setup/home.html", context, error=error, error_at=error_at)

    if request.method == "GET":
        return page()
    actions = {
        "council": (
            f.CouncilForm,
            lambda r, form: services_setup.council_create(actor=r.user, values=form.changes()),
            _("Đã tạo Hội đồng nhân dân."),
        )
    }
    return _dispatch(request, actions=actions, page=page, done=reverse("setup-home"))


def _current_term(council: Council) -> Term | None:
    return Term.objects.filter(council=council).order_by("-start_date").first()


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def council_setup(request: HttpRequest, council_id: int) -> HttpResponse:
    council = get_object_or_404(Council, pk=council_id)
    require_manage(request.user, council)
    terms = list(Term.objects.filter(council=council).order_by("-start_date"))
    term_id = request.GET.get("term", "")
    term = next((t for t in terms if str(t.pk) == term_id), terms[0] if terms else None)

    def page(
        *, forms: dict[str, Any] | None = None, error: ServiceError | None = None, error_at: str = ""
    ) -> HttpResponse:
        forms = forms or {}
        context = {
            "council": council,
            "terms": terms,
            "term": term,
            "admin": is_administrator(request.user),
            "can_grant": can_grant_roles(request.user, council),
            "committees": Committee.objects.filter(term=term).order_by("name") if term else [],
            "groups": DelegateGroup.objects.filter(term=term).order_by("name") if term else [],
            "seats": (
                Membership.objects.filter(term=term)
                .select_related("person", "committee", "group")
                .order_by("seat", "start_date")
                if term
                else []
            ),
            "sessions": Session.objects.filter(council=council).select_related("term").order_by("-start_date"),
            "term_form": forms.get("term") or f.TermForm(),
            "organ_form": forms.get("organ") or f.OrganForm(),
            "delegate_form": forms.get("delegate") or f.DelegateForm(term=term),
            "session_form": forms.get("session") or f.SessionForm(),
        }
        return _render(request, "frontend/setup/council.html", context, error=error, error_at=error_at)

    if request.method == "GET":
        return page()

    def need_term() -> Term:
        if term is None:
            raise ServiceError(REQUEST_INVALID, details={"term": "none"})
        return term

    def add_delegate(r: HttpRequest, form: f.DelegateForm) -> None:
        values = form.cleaned_data
        person = services_setup.person_create(actor=r.user, council=council, values={"full_name": values["full_name"]})
        services.membership_add(
            actor=r.user,
            person=person,
            council=council,
            term=need_term(),
            seat=values["seat"],
            start_date=values["start_date"],
            role=values["role"],
            committee=values["committee"],
            group=values["group"],
            full_time=values["full_time"],
        )

    def end_seat(r: HttpRequest, form: f.VacancyForm) -> None:
        seat = get_object_or_404(Membership, pk=r.POST.get("membership", "0"), council=council)
        services.membership_end(actor=r.user, membership=seat, end_date=form.cleaned_data["end_date"])

    actions: dict[str, tuple[Any, Handler, str]] = {
        "term": (
            f.TermForm,
            lambda r, form: services_setup.term_create(actor=r.user, council=council, values=form.changes()),
            _("Đã tạo nhiệm kỳ."),
        ),
        "organ": (
            f.OrganForm,
            lambda r, form: services_setup.organ_create(
                actor=r.user, kind=form.cleaned_data["kind"], term=need_term(), values=form.changes()
            ),
            _("Đã thêm."),
        ),
        "delegate": (lambda *a: f.DelegateForm(*a, term=term), add_delegate, _("Đã thêm đại biểu.")),
        "vacancy": (f.VacancyForm, end_seat, _("Đã ghi nhận ngày kết thúc nhiệm vụ đại biểu.")),
        "session": (
            f.SessionForm,
            lambda r, form: services.session_create(actor=r.user, council=council, term=need_term(), **form.changes()),
            _("Đã tạo kỳ họp."),
        ),
    }
    done = reverse("setup-council", args=[council.pk]) + (f"?term={term.pk}" if term else "")
    return _dispatch(request, actions=actions, page=page, done=done)


# Sessions ---------------------------------------------------------------------------------------------------------


def _session_initial(session: Session) -> dict[str, Any]:
    return {
        key: getattr(session, key)
        for key in ("number", "type", "title", "venue", "start_date", "end_date", "is_public")
    }


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def session_setup(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("council", "term"), pk=session_id)
    require_manage(request.user, session.council_id)
    sittings = Sitting.objects.filter(session=session).order_by("number")

    def page(
        *, forms: dict[str, Any] | None = None, error: ServiceError | None = None, error_at: str = ""
    ) -> HttpResponse:
        forms = forms or {}
        next_number = max([s.number for s in sittings], default=0) + 1
        context = {
            "session": session,
            "sittings": sittings,
            "edit_form": forms.get("edit") or f.SessionEditForm(initial=_session_initial(session)),
            "sitting_form": forms.get("sitting")
            or f.SittingForm(initial={"number": next_number, "date": session.start_date}),
            "notice_form": forms.get("notice") or f.NoticeForm(),
            **resolutions_context(session=session),
        }
        return _render(request, "frontend/setup/session.html", context, error=error, error_at=error_at)

    if request.method == "GET":
        return page()

    def sitting_of(r: HttpRequest) -> Sitting:
        return get_object_or_404(
            Sitting.objects.select_related("session"), pk=r.POST.get("sitting", "0"), session=session
        )

    def edit(r: HttpRequest, form: f.SessionEditForm) -> None:
        services_setup.session_update(
            actor=r.user,
            session=session,
            changes=form.changes(),
            correction_reason=form.cleaned_data["correction_reason"],
        )

    actions: dict[str, tuple[Any, Handler, str]] = {
        "edit": (f.SessionEditForm, edit, _("Đã lưu thông tin kỳ họp.")),
        "notice": (
            f.NoticeForm,
            lambda r, form: services_setup.session_notice_upload(
                actor=r.user, session=session, file=form.cleaned_data["file"]
            ),
            _("Đã tải lên giấy triệu tập."),
        ),
        "sitting": (
            f.SittingForm,
            lambda r, form: services.sitting_create(actor=r.user, session=session, **form.changes()),
            _("Đã thêm phiên họp."),
        ),
        "sitting_edit": (
            f.SittingForm,
            lambda r, form: services_setup.sitting_update(actor=r.user, sitting=sitting_of(r), changes=form.changes()),
            _("Đã lưu phiên họp."),
        ),
        "sitting_open": (
            None,
            lambda r, form: services.sitting_status_set(actor=r.user, sitting=sitting_of(r), status="open"),
            _("Đã khai mạc phiên họp."),
        ),
        "sitting_close": (
            None,
            lambda r, form: services.sitting_status_set(actor=r.user, sitting=sitting_of(r), status="closed"),
            _("Đã bế mạc phiên họp."),
        ),
        "sitting_reopen": (
            f.ReasonForm,
            lambda r, form: services.sitting_reopen(
                actor=r.user, sitting=sitting_of(r), reason=form.cleaned_data["reason"]
            ),
            _("Đã mở lại phiên họp."),
        ),
        "session_close": (
            None,
            lambda r, form: services.session_status_set(actor=r.user, session=session, status="closed"),
            _("Đã bế mạc kỳ họp."),
        ),
        **resolution_actions(session=session),
    }
    return _dispatch(request, actions=actions, page=page, done=reverse("setup-session", args=[session.pk]))


# Roles ------------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def council_roles(request: HttpRequest, council_id: int) -> HttpResponse:
    """The council's roles (secretariat, chair, account administrators): give one to an account (a new one gets a
    one-time activation link, shown once on this page), take one back, issue a fresh activation link."""
    council = get_object_or_404(Council, pk=council_id)
    services_roles.require_grant(request.user, council)

    def page(
        *,
        forms: dict[str, Any] | None = None,
        error: ServiceError | None = None,
        error_at: str = "",
        activation: dict[str, str] | None = None,
    ) -> HttpResponse:
        context = {
            "council": council,
            "roles": services_roles.council_roles_list(actor=request.user, council=council),
            "grant_form": (forms or {}).get("grant") or f.RoleGrantForm(),
            "activation": activation,
        }
        return _render(request, "frontend/setup/roles.html", context, error=error, error_at=error_at)

    if request.method == "GET":
        return page()

    def role_of(r: HttpRequest) -> CouncilRole:
        return get_object_or_404(CouncilRole.objects.select_related("user"), pk=r.POST.get("role_id", "0"))

    action = request.POST.get("action", "")
    if action in {"grant", "activation"}:
        # These answer with the one-time link on the page itself (never in a cookie or a redirect).
        form = f.RoleGrantForm(request.POST) if action == "grant" else None
        try:
            if form is not None:
                if not form.is_valid():
                    return page(forms={"grant": form}, error=ServiceError(REQUEST_INVALID), error_at="grant")
                granted = services_roles.role_grant(actor=request.user, council=council, **form.cleaned_data)
                username, path = granted.role.user.username, granted.activation_path
            else:
                role = role_of(request)
                if role.council_id != council.pk:
                    raise ServiceError(COUNCIL_FORBIDDEN)
                username, path = role.user.username, services_roles.activation_reissue(actor=request.user, role=role)
        except ServiceError as error:
            return page(forms={"grant": form} if form is not None else {}, error=error, error_at=action)
        activation = {"username": username, "url": request.build_absolute_uri(path)} if path else None
        messages.success(request, _("Đã giao vai trò.") if action == "grant" else _("Đã cấp đường dẫn kích hoạt mới."))
        if activation is None:
            return redirect(reverse("setup-roles", args=[council.pk]))
        return page(activation=activation)
    actions: dict[str, tuple[Any, Handler, str]] = {
        "revoke": (
            None,
            lambda r, form: services_roles.role_revoke(actor=r.user, role=role_of(r), council=council),
            _("Đã thu hồi vai trò."),
        ),
    }
    return _dispatch(request, actions=actions, page=page, done=reverse("setup-roles", args=[council.pk]))
