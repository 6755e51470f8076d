"""Create a load-test council in the server's database and print what the clients need (JSON).

``python -m bench.prepare --delegates 500`` (with the server's environment: DATABASE_URL etc.) makes a
fictitious province council with N delegates holding accounts and logged-in sessions, a secretariat
account, a public session with an open sitting where everyone is checked in, and a draft named poll.
Rows are written in bulk (this is a fixture, not a scenario); only the poll goes through its service."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import sys
import tempfile
from typing import Any


def django_in_process() -> None:
    """Django set up in this process (the in-process benches) on ``DATABASE_URL``, a fresh SQLite database in a
    temporary directory when it is unset, and migrated."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='nt-bench-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def prepare(delegates: int) -> dict[str, Any]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as WebSession
    from django.db import transaction
    from django.utils import timezone

    from sessions_app.models import (
        Attendance,
        AttendanceStatus,
        CheckInMethod,
        Council,
        CouncilLevel,
        CouncilRole,
        CouncilRoleKind,
        Membership,
        Person,
        Session,
        SessionStream,
        Sitting,
        SittingStatus,
        Term,
        User,
    )
    from voting.services.polls import poll_create

    tag = secrets.token_hex(3)
    today = timezone.localdate()
    password = make_password(secrets.token_urlsafe(12))
    with transaction.atomic():
        council = Council.objects.create(
            name=f"HĐND tỉnh Thử Tải {tag}", level=CouncilLevel.PROVINCE, code=f"bench-{tag}"
        )
        term = Term.objects.create(
            council=council,
            label="2026-2031",
            ordinal="khóa XI",
            start_date=today - dt.timedelta(days=30),
            end_date=today + dt.timedelta(days=1800),
        )
        people = Person.objects.bulk_create(
            [Person(full_name=f"Đại biểu Thử Tải {n:04d}") for n in range(1, delegates + 1)]
        )
        Membership.objects.bulk_create(
            [
                Membership(person=p, council=council, term=term, seat=n, start_date=term.start_date)
                for n, p in enumerate(people, start=1)
            ]
        )
        users = User.objects.bulk_create(
            [User(username=f"bench-{tag}-{n}", password=password, person=p) for n, p in enumerate(people, start=1)]
        )
        secretariat = User.objects.create(username=f"bench-{tag}-thuky", password=password)
        CouncilRole.objects.create(user=secretariat, council=council, role=CouncilRoleKind.SECRETARIAT)
        session = Session.objects.create(
            council=council,
            term=term,
            number=1,
            title="Kỳ họp thử tải",
            start_date=today,
            end_date=today + dt.timedelta(days=1),
            is_public=True,
            status="in_progress",
        )
        SessionStream.objects.create(session=session)
        sitting = Sitting.objects.create(
            session=session, number=1, date=today, start_time=dt.time(8, 0), status=SittingStatus.OPEN
        )
        now = timezone.now()
        Attendance.objects.bulk_create(
            [
                Attendance(
                    sitting=sitting,
                    person=p,
                    status=AttendanceStatus.PRESENT,
                    method=CheckInMethod.TABLET,
                    checked_in_at=now,
                )
                for p in people
            ]
        )
        store = SessionStore()
        cookies: dict[int, str] = {}
        rows = []
        for user in [*users, secretariat]:
            key = store._get_new_session_key()
            data = {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
            rows.append(
                WebSession(session_key=key, session_data=store.encode(data), expire_date=now + dt.timedelta(hours=12))
            )
            cookies[user.pk] = key
        WebSession.objects.bulk_create(rows)
    poll = poll_create(
        actor=secretariat,
        session=session,
        sitting=sitting,
        title="Biểu quyết thông qua Nghị quyết thử tải",
        show_running_counts=True,
    )
    return {
        "session": session.pk,
        "sitting": sitting.pk,
        "poll": poll.pk,
        "delegates": [{"user": u.pk, "person": u.person_id, "cookie": cookies[u.pk]} for u in users],
        "secretariat": {"user": secretariat.pk, "cookie": cookies[secretariat.pk]},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=500)
    args = parser.parse_args(argv)
    if args.delegates < 1:
        parser.error("--delegates must be at least 1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    json.dump(prepare(args.delegates), sys.stdout)


if __name__ == "__main__":
    main()
