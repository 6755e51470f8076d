"""Plain builders of test data (fictitious names only). Each returns saved objects."""

from __future__ import annotations

import datetime as dt
import itertools

from sessions_app.models import (
    Council,
    CouncilLevel,
    CouncilRole,
    CouncilRoleKind,
    Membership,
    Person,
    Session,
    SessionStream,
    Sitting,
    Term,
    User,
)

_counter = itertools.count(1)
TERM_START = dt.date(2026, 7, 1)
TERM_END = dt.date(2031, 6, 30)
SESSION_DAY = dt.date(2026, 12, 8)


def make_council(
    *, level: str = CouncilLevel.PROVINCE, name: str | None = None, parent: Council | None = None
) -> Council:
    n = next(_counter)
    return Council.objects.create(
        name=name or f"HĐND tỉnh Thử Nghiệm {n}", level=level, code=f"test-{n}", parent=parent
    )


def make_term(council: Council) -> Term:
    return Term.objects.create(
        council=council, label="2026-2031", ordinal="khóa XI", start_date=TERM_START, end_date=TERM_END
    )


def make_user(*, username: str | None = None, person: Person | None = None, superuser: bool = False) -> User:
    username = username or f"user{next(_counter)}"
    if superuser:
        return User.objects.create_superuser(username=username, password="matkhau-thu-nghiem", person=person)
    return User.objects.create_user(username=username, password="matkhau-thu-nghiem", person=person)


def make_delegate(
    council: Council,
    term: Term,
    *,
    seat: int,
    start: dt.date = TERM_START,
    end: dt.date | None = None,
    with_user: bool = True,
) -> Person:
    person = Person.objects.create(full_name=f"Đại biểu Thử {seat:03d}-{next(_counter)}")
    Membership.objects.create(person=person, council=council, term=term, seat=seat, start_date=start, end_date=end)
    if with_user:
        make_user(username=f"db{council.pk}-{seat}-{next(_counter)}", person=person)
    return person


def make_role_user(council: Council, role: str = CouncilRoleKind.SECRETARIAT) -> User:
    user = make_user(username=f"{role}{council.pk}-{next(_counter)}")
    CouncilRole.objects.create(user=user, council=council, role=role)
    return user


def make_session(council: Council, term: Term, *, number: int = 1, public: bool = True) -> Session:
    session = Session.objects.create(
        council=council,
        term=term,
        number=number,
        title=f"Kỳ họp thứ {number}",
        start_date=SESSION_DAY,
        end_date=SESSION_DAY + dt.timedelta(days=2),
        is_public=public,
    )
    SessionStream.objects.create(session=session)
    return session


def make_sitting(session: Session, *, number: int = 1, closed_door: bool = False, status: str = "open") -> Sitting:
    return Sitting.objects.create(
        session=session,
        number=number,
        date=session.start_date,
        start_time=dt.time(8, 0),
        is_closed_door=closed_door,
        status=status,
    )


class Council_:
    """A ready council: ``n`` delegates with accounts, a secretariat user, one session with an open sitting."""

    def __init__(self, n: int = 5, level: str = CouncilLevel.PROVINCE) -> None:
        self.council = make_council(level=level)
        self.term = make_term(self.council)
        self.delegates = [make_delegate(self.council, self.term, seat=i + 1) for i in range(n)]
        self.secretariat = make_role_user(self.council)
        self.chair = make_role_user(self.council, CouncilRoleKind.CHAIR)
        self.session = make_session(self.council, self.term)
        self.sitting = make_sitting(self.session)

    def user_of(self, person: Person) -> User:
        return person.user
