"""The writes that set a council up and run its sessions, each declared once (``core.writes``): its input
(``serializers_setup``), a coarse permission checked before the input is read, the service and the reply (the
REST body). Served over REST by ``api_setup``; not socket commands (``socket=False``)."""

from __future__ import annotations

from typing import Any

from core.writes import Write
from sessions_app import serializers_setup as io
from sessions_app import services, services_setup
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Person, Session, Sitting, Term
from sessions_app.permissions import require_manage, require_manage_person, require_manage_some
from sessions_app.selectors import sitting_attendance_list, sitting_attendance_summary, sitting_state
from sessions_app.serializers import (
    AttendanceSerializer,
    BulkAttendanceResultSerializer,
    CouncilSerializer,
    MembershipSerializer,
    PersonSerializer,
    SessionSerializer,
    TermSerializer,
)

# Permissions checked before the input (``core.writes``): the services check the same and more, fully.


def _administrator(user: Any, scope: Any) -> None:
    services_setup.require_administrator(user)


def _secretariat(user: Any, scope: Any) -> None:
    """Creating: the council comes with the input, so only "a secretariat somewhere" is known beforehand."""
    require_manage_some(user)


def _manages(user: Any, scope: Committee | DelegateGroup | Membership | Session) -> None:
    require_manage(user, scope.council_id)


def _manages_sitting(user: Any, sitting: Sitting) -> None:
    require_manage(user, sitting.session.council_id)


def _manages_person(user: Any, person: Person) -> None:
    require_manage_person(user, person.pk)


# Replies: the REST bodies. A manager reads the council's view of a sitting.


def council_reply(council: Council) -> dict[str, Any]:
    return dict(CouncilSerializer(council).data)


def term_reply(term: Term) -> dict[str, Any]:
    return dict(TermSerializer(term).data)


def person_reply(person: Person) -> dict[str, Any]:
    return dict(PersonSerializer(person, context={"managed_council_ids": None}).data)


def session_reply(session: Session) -> dict[str, Any]:
    return dict(SessionSerializer(session).data)


def sitting_reply(sitting: Sitting) -> dict[str, Any]:
    return sitting_state(sitting=sitting, audience="council")


def membership_reply(membership: Membership) -> dict[str, Any]:
    return dict(MembershipSerializer(membership).data)


# Services in the shape of their input: the update services take the fields sent as ``changes``.


def _council_create(*, actor: Any, **values: Any) -> Council:
    return services_setup.council_create(actor=actor, values=values)


def _council_update(*, actor: Any, council: Council, **changes: Any) -> Council:
    return services_setup.council_update(actor=actor, council=council, changes=changes)


def _term_create(*, actor: Any, council: Council, **values: Any) -> Term:
    return services_setup.term_create(actor=actor, council=council, values=values)


def _term_update(*, actor: Any, term: Term, **changes: Any) -> Term:
    return services_setup.term_update(actor=actor, term=term, changes=changes)


def _person_create(*, actor: Any, council: Council, **values: Any) -> Person:
    return services_setup.person_create(actor=actor, council=council, values=values)


def _person_update(*, actor: Any, person: Person, **changes: Any) -> Person:
    return services_setup.person_update(actor=actor, person=person, changes=changes)


def _session_create(*, actor: Any, term: Term, **values: Any) -> Session:
    return services.session_create(actor=actor, council=term.council, term=term, **values)


def _session_update(*, actor: Any, session: Session, correction_reason: str = "", **changes: Any) -> Session:
    return services_setup.session_update(
        actor=actor, session=session, changes=changes, correction_reason=correction_reason
    )


def _session_close(*, actor: Any, session: Session) -> Session:
    return services.session_status_set(actor=actor, session=session, status="closed")


def _sitting_update(*, actor: Any, sitting: Sitting, **changes: Any) -> Sitting:
    return services_setup.sitting_update(actor=actor, sitting=sitting, changes=changes)


def _sitting_open(*, actor: Any, sitting: Sitting) -> Sitting:
    return services.sitting_status_set(actor=actor, sitting=sitting, status="open")


def _sitting_close(*, actor: Any, sitting: Sitting) -> Sitting:
    return services.sitting_status_set(actor=actor, sitting=sitting, status="closed")


def _membership_add(*, actor: Any, term: Term, **values: Any) -> Membership:
    return services.membership_add(actor=actor, council=term.council, term=term, **values)


def _organ_create(kind: str) -> Any:
    def create(*, actor: Any, term: Term, **values: Any) -> Committee | DelegateGroup:
        return services_setup.organ_create(actor=actor, kind=kind, term=term, values=values)

    return create


def _organ_update(*, actor: Any, organ: Committee | DelegateGroup, **changes: Any) -> Committee | DelegateGroup:
    return services_setup.organ_update(actor=actor, organ=organ, changes=changes)


def _organ_delete(*, actor: Any, organ: Committee | DelegateGroup) -> None:
    services_setup.organ_delete(actor=actor, organ=organ)


def _rest(name: str, input: Any, service: Any, reply: Any, **options: Any) -> Write:
    return Write(name, input, service, reply, socket=False, **options)


COUNCIL_CREATE = _rest(
    "council.create", io.CouncilInputSerializer, _council_create, council_reply, permission=_administrator
)
COUNCIL_UPDATE = _rest(
    "council.update",
    io.CouncilUpdateSerializer,
    _council_update,
    council_reply,
    target="council",
    partial=True,
    permission=_administrator,
)
TERM_CREATE = _rest("term.create", io.TermCreateSerializer, _term_create, term_reply, permission=_administrator)
TERM_UPDATE = _rest(
    "term.update",
    io.TermUpdateSerializer,
    _term_update,
    term_reply,
    target="term",
    partial=True,
    permission=_administrator,
)
PERSON_CREATE = _rest("person.create", io.PersonCreateSerializer, _person_create, person_reply, permission=_secretariat)
PERSON_UPDATE = _rest(
    "person.update",
    io.PersonUpdateSerializer,
    _person_update,
    person_reply,
    target="person",
    partial=True,
    permission=_manages_person,
)
SESSION_CREATE = _rest(
    "session.create", io.SessionCreateSerializer, _session_create, session_reply, permission=_secretariat
)
SESSION_UPDATE = _rest(
    "session.update",
    io.SessionUpdateSerializer,
    _session_update,
    session_reply,
    target="session",
    partial=True,
    permission=_manages,
)
SESSION_CLOSE = _rest(
    "session.close", io.SessionRef, _session_close, session_reply, target="session", permission=_manages
)
SESSION_NOTICE = _rest(
    "session.convening_notice",
    io.UploadSerializer,
    services_setup.session_notice_upload,
    session_reply,
    target="session",
    permission=_manages,
)
SITTING_CREATE = _rest(
    "sitting.create", io.SittingCreateSerializer, services.sitting_create, sitting_reply, permission=_secretariat
)
SITTING_UPDATE = _rest(
    "sitting.update",
    io.SittingUpdateSerializer,
    _sitting_update,
    sitting_reply,
    target="sitting",
    partial=True,
    permission=_manages_sitting,
)
SITTING_OPEN = _rest(
    "sitting.open", io.SittingRef, _sitting_open, sitting_reply, target="sitting", permission=_manages_sitting
)
SITTING_CLOSE = _rest(
    "sitting.close", io.SittingRef, _sitting_close, sitting_reply, target="sitting", permission=_manages_sitting
)
SITTING_REOPEN = _rest(
    "sitting.reopen",
    io.SittingReopenSerializer,
    services.sitting_reopen,
    sitting_reply,
    target="sitting",
    permission=_manages_sitting,
)
ATTENDANCE_MARK = _rest(
    "attendance.mark",
    io.AttendanceMarkSerializer,
    services.attendance_mark,
    lambda record: dict(AttendanceSerializer(record).data),
    target="sitting",
    permission=_manages_sitting,
)


def _attendance_mark_many(*, actor: Any, sitting: Sitting, **marks: Any) -> dict[str, Any]:
    """The sitting's attendance after the marks, and the ids whose record changed."""
    changed = services.attendance_mark_many(actor=actor, sitting=sitting, **marks)
    return {
        "summary": sitting_attendance_summary(sitting=sitting),
        "records": sitting_attendance_list(sitting=sitting),
        "changed": changed,
    }


ATTENDANCE_MARK_MANY = _rest(
    "attendance.mark_many",
    io.AttendanceMarkManySerializer,
    _attendance_mark_many,
    lambda body: dict(BulkAttendanceResultSerializer(body).data),
    target="sitting",
    permission=_manages_sitting,
)
MEMBERSHIP_CREATE = _rest(
    "membership.create", io.MembershipCreateSerializer, _membership_add, membership_reply, permission=_secretariat
)
MEMBERSHIP_END = _rest(
    "membership.end",
    io.MembershipEndSerializer,
    services.membership_end,
    membership_reply,
    target="membership",
    permission=_manages,
)


def organ_writes(kind: str, ref: Any, update: Any, output: Any) -> dict[str, Write]:
    """Committees and delegate groups: the same three writes over two tables."""

    def reply(organ: Committee | DelegateGroup) -> dict[str, Any]:
        return dict(output(organ).data)

    return {
        "create": _rest(
            f"{kind}.create", io.OrganCreateSerializer, _organ_create(kind), reply, permission=_secretariat
        ),
        "update": _rest(
            f"{kind}.update", update, _organ_update, reply, target="organ", partial=True, permission=_manages
        ),
        "delete": _rest(f"{kind}.delete", ref, _organ_delete, lambda _: None, target="organ", permission=_manages),
    }


COMMITTEE = organ_writes("committee", io.CommitteeRef, io.CommitteeUpdateSerializer, io.CommitteeRowSerializer)
GROUP = organ_writes("group", io.DelegateGroupRef, io.DelegateGroupUpdateSerializer, io.DelegateGroupRowSerializer)
