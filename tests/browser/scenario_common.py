"""What the fixture steps of the browser tests (``scenario.py``, ``scenario_live.py``) share: a council's
secretariat, a session of a step's own, delegates checked in by hand, and running a step from the command line
inside the test server's environment. Everything goes through the services."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any


def commune(code: str) -> tuple[Any, Any]:
    """One of the demo's other communes (``demo.councils.MORE_COMMUNES``) and its secretariat's account."""
    from demo import councils as demo
    from sessions_app.models import User

    spec = next(c for c in demo.MORE_COMMUNES if c.code == code)
    return spec, User.objects.get(username=spec.secretariat_username)


def session_new(
    secretariat: Any,
    council_code: str,
    *,
    title: str,
    type: str,
    is_public: bool,
    sittings: Iterable[str] = ("",),
    days: int | None = None,
) -> tuple[Any, list[Any]]:
    """A session of a step's own in the council's latest term, numbered after its last one, starting today (a
    sitting opens on its own date only) and lasting ``days`` (a day a sitting unless given): a sitting per title,
    one a day at 8:00, the first one open."""
    import datetime as dt

    from django.db.models import Max
    from django.utils import timezone

    from sessions_app.models import Council, Session, Term
    from sessions_app.services import session_create, sitting_create, sitting_status_set

    council = Council.objects.get(code=council_code)
    term = Term.objects.filter(council=council).order_by("-start_date").first()
    number = (Session.objects.filter(term=term).aggregate(m=Max("number"))["m"] or 0) + 1
    start = timezone.localdate()
    titles = list(sittings)
    session = session_create(
        actor=secretariat,
        council=council,
        term=term,
        number=number,
        type=type,
        title=title,
        start_date=start,
        end_date=start + dt.timedelta(days=(days or len(titles)) - 1),
        is_public=is_public,
    )
    made = [
        sitting_create(
            actor=secretariat,
            session=session,
            number=n,
            date=start + dt.timedelta(days=n - 1),
            start_time=dt.time(8, 0),
            title=sitting_title,
        )
        for n, sitting_title in enumerate(titles, start=1)
    ]
    sitting_status_set(actor=secretariat, sitting=made[0], status="open")
    return session, made


def check_in_by_hand(secretariat: Any, sitting: Any, seats: Iterable[int]) -> dict[int, Any]:
    """The secretariat checks in the delegates of ``seats`` (the tablets check in themselves); returns the
    session term's memberships by seat."""
    from sessions_app.models import CheckInMethod, Membership
    from sessions_app.services import attendance_check_in

    session = sitting.session
    by_seat = {
        m.seat: m
        for m in Membership.objects.filter(council=session.council, term=session.term).select_related("person")
    }
    for seat in seats:
        attendance_check_in(
            actor=secretariat, sitting=sitting, person=by_seat[seat].person, method=CheckInMethod.MANUAL
        )
    return by_seat


def step_run(parser: argparse.ArgumentParser, steps: dict[str, Callable[[argparse.Namespace], Any]]) -> None:
    """Parse ``step`` and the parser's options, set Django up in this process, print the step's JSON."""
    parser.add_argument("step", choices=list(steps))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    json.dump(steps[args.step](args), sys.stdout)


def step_call(module: str, env: dict[str, str], *args: str) -> Any:
    """Run a step of ``module`` (``tests.browser.scenario``…) in a server's environment; its JSON, or its traceback
    as the failure."""
    import subprocess

    from bench.processes import ROOT

    run = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode != 0:  # show the step's traceback, not only its exit status
        raise AssertionError(run.stderr)
    return json.loads(run.stdout)
