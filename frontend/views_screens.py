"""The live screens of a session: delegate tablet, secretariat console and hall display. Each page is a
shell; the ES modules fill it from the session stream (frontend/static/frontend/js/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from documents import form
from frontend import selectors
from frontend.display import display_session_for_key
from frontend.strings import screen_strings
from sessions_app.models import Session, Sitting
from sessions_app.permissions import can_manage_council, can_read_council_private, require_manage, require_read_private
from sessions_app.services import sitting_status_set
from sessions_app.views_common import service_page


def _session(session_id: int) -> Session:
    return get_object_or_404(Session.objects.select_related("council", "term"), pk=session_id)


def _page(request: HttpRequest, template: str, session: Session, **boot: Any) -> HttpResponse:
    """Render a screen with its boot data (session id, strings, extras) as one JSON island."""
    data = {"session": session.pk, "strings": screen_strings(), **boot}
    person = getattr(request.user, "person", None)
    return render(
        request, template, {"session": session, "boot": data, "person_name": person.full_name if person else ""}
    )


@login_required
@service_page
def tablet(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
    require_read_private(request.user, session.council_id)
    person = request.user.person
    council = session.council
    official = {  # the Decree 30/2020 header of what the tablet prints (a committee member's recovery card)
        "issuer": form.issuer_lines(council.name),
        "nation": form.NATION,
        "motto": form.MOTTO,
        "place": form.place_of(council.place_name, council.name),
    }
    response = _page(request, "frontend/tablet.html", session, person=person.pk if person else None, official=official)
    return response


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where every login ends: a delegate goes to the tablet of their current session, anyone else home."""
    session = selectors.tablet_session_for(user=request.user)
    return redirect("tablet", session_id=session.pk) if session is not None else redirect("home")


@login_required
@service_page
def console(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
    require_manage(request.user, session.council_id)
    sittings = Sitting.objects.filter(session=session).order_by("number")
    return render(
        request,
        "frontend/console.html",
        {
            "session": session,
            "sittings": sittings,
            "boot": {"session": session.pk, "strings": screen_strings(), "council": session.council_id},
        },
    )


@login_required
@service_page
def chair(request: HttpRequest, session_id: int) -> HttpResponse:
    """The chair's script: what to say next, from the live state (secretariat and chair)."""
    session = _session(session_id)
    require_manage(request.user, session.council_id)
    return _page(request, "frontend/chair.html", session)


@login_required
@service_page
def display(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
    require_read_private(request.user, session.council_id)
    return _page(request, "frontend/display.html", session)


@never_cache
def display_by_key(request: HttpRequest, key: str) -> HttpResponse:
    """The hall display opened with a display-only link: no login, nothing but this screen and its stream."""
    session = display_session_for_key(key=key)
    if session is None:
        raise Http404
    response = _page(request, "frontend/display.html", session, display_key=key)
    response["Referrer-Policy"] = "no-referrer"  # the key is in the URL
    return response


@login_required
@require_POST
@service_page
def sitting_status(request: HttpRequest, sitting_id: int) -> HttpResponse:
    """Open or close a sitting from the console (a plain form: it changes what every screen shows)."""
    sitting = get_object_or_404(Sitting.objects.select_related("session"), pk=sitting_id)
    sitting = sitting_status_set(actor=request.user, sitting=sitting, status=request.POST.get("status", ""))
    done = _("Đã khai mạc phiên %(n)s.") if sitting.status == "open" else _("Đã bế mạc phiên %(n)s.")
    messages.success(request, done % {"n": sitting.number})
    return redirect("console", session_id=sitting.session_id)


def screens_for(user: Any, session: Session) -> dict[str, bool]:
    """Which screens of a session a user may open (for links)."""
    member = can_read_council_private(user, session.council_id)
    return {"console": can_manage_council(user, session.council_id), "tablet": member, "display": member}
