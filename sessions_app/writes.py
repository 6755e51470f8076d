"""The writes that set a council up and run its sessions, each declared once (``core.writes``): its input
(``serializers_setup``), a coarse permission checked before the input is read, the service and the reply (the
REST body). Served over REST by ``api_setup``; not socket commands (``socket=False``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from core.writes import Write
from sessions_app import serializers_setup as io
from sessions_app import services
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
from sessions_app.services import setup as services_setup

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


# Services in the shape of their input. The set-up services take the fields sent as one mapping: ``values``
# for a create, ``changes`` for an update (only the fields sent); the object of the URL and the options by name.


def _fields(service: Callable[..., Any], into: str, *named: str) -> Callable[..., Any]:
    def call(*, actor: Any, **fields: Any) -> Any:
        passed = {name: fields.pop(name) for name in named if name in fields}
        return service(actor=actor, **passed, **{into: fields})

    return call


def _in_term(service: Callable[..., Any]) -> Callable[..., Any]:
    """A service given the term's council with the term."""

    def call(*, actor: Any, term: Term, **values: Any) -> Any:
        return service(actor=actor, council=term.council, term=term, **values)

    return call


def _create(name: str, input: Any, service: Any, reply: Any, permission: Any = _secretariat) -> Write:
    return Write(name, input, service, reply, permission=permission, socket=False)


def _update(name: str, input: Any, service: Any, reply: Any, target: str, permission: Any, *named: str) -> Write:
    """A PATCH of the URL's ``target``: the service takes the fields sent as ``changes``."""
    changes = _fields(service, "changes", target, *named)
    return Write(name, input, changes, reply, target=target, partial=True, permission=permission, socket=False)


def _action(name: str, input: Any, service: Any, reply: Any, target: str, permission: Any, **fixed: Any) -> Write:
    """A POST on the URL's ``target``; ``fixed``: arguments of the service the input does not give (a status)."""
    run = partial(service, **fixed) if fixed else service
    return Write(name, input, run, reply, target=target, permission=permission, socket=False)


COUNCIL_CREATE = _create(
    "council.create",
    io.CouncilInputSerializer,
    _fields(services_setup.council_create, "values"),
    council_reply,
    permission=_administrator,
)
COUNCIL_UPDATE = _update(
    "council.update",
    io.CouncilUpdateSerializer,
    services_setup.council_update,
    council_reply,
    "council",
    _administrator,
)
TERM_CREATE = _create(
    "term.create",
    io.TermCreateSerializer,
    _fields(services_setup.term_create, "values", "council"),
    term_reply,
    permission=_administrator,
)
TERM_UPDATE = _update(
    "term.update", io.TermUpdateSerializer, services_setup.term_update, term_reply, "term", _administrator
)
PERSON_CREATE = _create(
    "person.create", io.PersonCreateSerializer, _fields(services_setup.person_create, "values", "council"), person_reply
)
PERSON_UPDATE = _update(
    "person.update", io.PersonUpdateSerializer, services_setup.person_update, person_reply, "person", _manages_person
)
SESSION_CREATE = _create("session.create", io.SessionCreateSerializer, _in_term(services.session_create), session_reply)
SESSION_UPDATE = _update(
    "session.update",
    io.SessionUpdateSerializer,
    services_setup.session_update,
    session_reply,
    "session",
    _manages,
    "correction_reason",
)
SESSION_CLOSE = _action(
    "session.close", io.SessionRef, services.session_status_set, session_reply, "session", _manages, status="closed"
)
SESSION_NOTICE = _action(
    "session.convening_notice",
    io.UploadSerializer,
    services_setup.session_notice_upload,
    session_reply,
    "session",
    _manages,
)
SITTING_CREATE = _create("sitting.create", io.SittingCreateSerializer, services.sitting_create, sitting_reply)
SITTING_UPDATE = _update(
    "sitting.update",
    io.SittingUpdateSerializer,
    services_setup.sitting_update,
    sitting_reply,
    "sitting",
    _manages_sitting,
)
SITTING_OPEN = _action(
    "sitting.open",
    io.SittingRef,
    services.sitting_status_set,
    sitting_reply,
    "sitting",
    _manages_sitting,
    status="open",
)
SITTING_CLOSE = _action(
    "sitting.close",
    io.SittingRef,
    services.sitting_status_set,
    sitting_reply,
    "sitting",
    _manages_sitting,
    status="closed",
)
SITTING_REOPEN = _action(
    "sitting.reopen", io.SittingReopenSerializer, services.sitting_reopen, sitting_reply, "sitting", _manages_sitting
)
ATTENDANCE_MARK = _action(
    "attendance.mark",
    io.AttendanceMarkSerializer,
    services.attendance_mark,
    lambda record: dict(AttendanceSerializer(record).data),
    "sitting",
    _manages_sitting,
)


def _attendance_mark_many(*, actor: Any, sitting: Sitting, **marks: Any) -> dict[str, Any]:
    """The sitting's attendance after the marks, and the ids whose record changed."""
    changed = services.attendance_mark_many(actor=actor, sitting=sitting, **marks)
    return {
        "summary": sitting_attendance_summary(sitting=sitting),
        "records": sitting_attendance_list(sitting=sitting),
        "changed": changed,
    }


ATTENDANCE_MARK_MANY = _action(
    "attendance.mark_many",
    io.AttendanceMarkManySerializer,
    _attendance_mark_many,
    lambda body: dict(BulkAttendanceResultSerializer(body).data),
    "sitting",
    _manages_sitting,
)
MEMBERSHIP_CREATE = _create(
    "membership.create", io.MembershipCreateSerializer, _in_term(services.membership_add), membership_reply
)
MEMBERSHIP_END = _action(
    "membership.end", io.MembershipEndSerializer, services.membership_end, membership_reply, "membership", _manages
)


def organ_writes(kind: str, ref: Any, update: Any, output: Any) -> dict[str, Write]:
    """Committees and delegate groups: the same three writes over two tables."""

    def reply(organ: Committee | DelegateGroup) -> dict[str, Any]:
        return dict(output(organ).data)

    create = _fields(partial(services_setup.organ_create, kind=kind), "values", "term")
    return {
        "create": _create(f"{kind}.create", io.OrganCreateSerializer, create, reply),
        "update": _update(f"{kind}.update", update, services_setup.organ_update, reply, "organ", _manages),
        "delete": _action(f"{kind}.delete", ref, services_setup.organ_delete, lambda _: None, "organ", _manages),
    }


COMMITTEE = organ_writes("committee", io.CommitteeRef, io.CommitteeUpdateSerializer, io.CommitteeRowSerializer)
GROUP = organ_writes("group", io.DelegateGroupRef, io.DelegateGroupUpdateSerializer, io.DelegateGroupRowSerializer)
