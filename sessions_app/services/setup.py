"""Setting a council up without the admin: councils and terms (administrators), committees, delegate groups,
people, and editing sessions and sittings (secretariat). Each write validates, runs in one transaction, is
audited, and — for sessions and sittings — is announced on the session stream after commit.

Updates take ``changes``: only the keys given change (types are the callers' serializers' and forms' job, the
rules are checked here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model

from core import errors
from core.audit import audit_record
from core.errors import ServiceError
from core.uploads import upload_sniff
from sessions_app import errors as session_errors
from sessions_app.models import (
    Committee,
    Council,
    CouncilLevel,
    DelegateGroup,
    Membership,
    Person,
    Session,
    SessionStatus,
    SessionType,
    Sitting,
    SittingStatus,
    Term,
)
from sessions_app.permissions import is_administrator, require_authenticated, require_manage, require_manage_person
from sessions_app.services.sessions import session_emit
from sessions_app.services.sittings import sitting_check, sitting_emit, sitting_lock

COUNCIL_FIELDS = {"name", "short_name", "level", "parent", "code", "place_name"}
TERM_FIELDS = {"label", "ordinal", "start_date", "end_date"}
ORGAN_FIELDS = {"name", "constituency"}
PERSON_FIELDS = {"full_name", "gender", "birth_year", "ethnicity", "occupation", "email", "phone"}
SESSION_FIELDS = {"number", "type", "title", "venue", "start_date", "end_date", "is_public"}
SITTING_FIELDS = {
    "number",
    "title",
    "date",
    "start_time",
    "end_time",
    "venue",
    "is_closed_door",
    "closed_door_decision",
}
Row = TypeVar("Row", Council, Term)


def require_administrator(actor: Any) -> None:
    require_authenticated(actor)
    if not is_administrator(actor):
        raise ServiceError(session_errors.ADMIN_REQUIRED)


def _apply(instance: Model, changes: Mapping[str, Any], allowed: set[str]) -> dict[str, Any]:
    """Set the allowed keys; return what really changed (old → new as text, for the audit)."""
    unknown = set(changes) - allowed
    if unknown:
        raise ServiceError(errors.REQUEST_INVALID, details={"fields": sorted(unknown)})
    changed = {}
    for key, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(instance, key) != value:
            changed[key] = [str(getattr(instance, key)), str(value)]
            setattr(instance, key, value)
    return changed


def _required(values: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if not str(values.get(name) or "").strip():
            raise ServiceError(session_errors.FIELD_REQUIRED, field=name)


def _audit(actor: Any, action: str, obj: Model, council_id: int | None, data: dict[str, Any]) -> None:
    audit_record(
        actor=actor, action=action, object_type=obj._meta.model_name, object_id=obj.pk, council_id=council_id, data=data
    )


# Councils and terms (administrators) ----------------------------------------------------------------------------


def _council_check(council: Council) -> None:
    _required(vars(council), "name", "code")
    if council.level not in CouncilLevel.values:
        raise ServiceError(session_errors.COUNCIL_INVALID, reason=f"level {council.level!r}")
    parent = council.parent
    while parent is not None:
        if parent.pk == council.pk:
            raise ServiceError(session_errors.COUNCIL_INVALID, reason="parent")
        parent = parent.parent


def _council_save(council: Council) -> None:
    if Council.objects.filter(code=council.code).exclude(pk=council.pk).exists():
        raise ServiceError(session_errors.COUNCIL_CODE_TAKEN, value=council.code)
    try:
        with transaction.atomic():
            council.save()
    except IntegrityError as exc:
        raise ServiceError(session_errors.COUNCIL_CODE_TAKEN, value=council.code) from exc


def council_create(*, actor: Any, values: Mapping[str, Any]) -> Council:
    require_administrator(actor)
    council = Council()
    _apply(council, values, COUNCIL_FIELDS)
    _council_check(council)
    with transaction.atomic():
        _council_save(council)
        _audit(actor, "council.create", council, council.pk, {"name": council.name, "code": council.code})
    return council


def _edit(actor: Any, row: Row, changes: Mapping[str, Any], allowed: set[str], check: Any, save: Any) -> Row:
    """An administrator's update of a council or a term: the row locked, the changes applied, checked, saved and
    audited as ``<model>.update``."""
    require_administrator(actor)
    with transaction.atomic():
        row = type(row).objects.select_for_update(no_key=True).get(pk=row.pk)
        changed = _apply(row, changes, allowed)
        check(row)
        save(row)
        council_id = row.pk if isinstance(row, Council) else row.council_id
        _audit(actor, f"{row._meta.model_name}.update", row, council_id, changed)
    return row


def council_update(*, actor: Any, council: Council, changes: Mapping[str, Any]) -> Council:
    return _edit(actor, council, changes, COUNCIL_FIELDS, _council_check, _council_save)


def _term_check(term: Term) -> None:
    _required(vars(term), "label", "ordinal")
    if not term.start_date or not term.end_date or term.end_date < term.start_date:
        raise ServiceError(session_errors.TERM_DATES_INVALID)
    if term.pk is None:
        return
    outside_sessions = Session.objects.filter(term=term).exclude(
        start_date__gte=term.start_date, end_date__lte=term.end_date
    )
    outside_seats = Membership.objects.filter(term=term).exclude(start_date__gte=term.start_date)
    if outside_sessions.exists() or outside_seats.exists():
        raise ServiceError(session_errors.TERM_DATES_INVALID)


def _term_save(term: Term) -> None:
    if Term.objects.filter(council_id=term.council_id, label=term.label).exclude(pk=term.pk).exists():
        raise ServiceError(session_errors.TERM_LABEL_TAKEN, label=term.label)
    term.save()


def term_create(*, actor: Any, council: Council, values: Mapping[str, Any]) -> Term:
    require_administrator(actor)
    term = Term(council=council)
    _apply(term, values, TERM_FIELDS)
    _term_check(term)
    with transaction.atomic():
        Council.objects.select_for_update(no_key=True).get(pk=council.pk)
        _term_save(term)
        _audit(actor, "term.create", term, council.pk, {"label": term.label, "ordinal": term.ordinal})
    return term


def term_update(*, actor: Any, term: Term, changes: Mapping[str, Any]) -> Term:
    return _edit(actor, term, changes, TERM_FIELDS, _term_check, _term_save)


# Committees and delegate groups (secretariat) -------------------------------------------------------------------

ORGANS: dict[str, type[Committee] | type[DelegateGroup]] = {"committee": Committee, "group": DelegateGroup}


def organ_create(*, actor: Any, kind: str, term: Term, values: Mapping[str, Any]) -> Committee | DelegateGroup:
    """A committee (Ban) or a delegate group (Tổ đại biểu) of a term; names unique within the term."""
    require_manage(actor, term.council_id)
    model = ORGANS[kind]
    organ = model(council_id=term.council_id, term=term)
    _apply(organ, values, ORGAN_FIELDS if model is DelegateGroup else {"name"})
    _required(vars(organ), "name")
    with transaction.atomic():
        Term.objects.select_for_update(no_key=True).get(pk=term.pk)
        if model.objects.filter(term=term, name=organ.name).exists():
            raise ServiceError(session_errors.ORGAN_NAME_TAKEN, name=organ.name)
        organ.save()
        _audit(actor, f"{kind}.create", organ, term.council_id, {"name": organ.name})
    return organ


def organ_update(
    *, actor: Any, organ: Committee | DelegateGroup, changes: Mapping[str, Any]
) -> Committee | DelegateGroup:
    require_manage(actor, organ.council_id)
    model = type(organ)
    with transaction.atomic():
        organ = model.objects.select_for_update(no_key=True).get(pk=organ.pk)
        changed = _apply(organ, changes, ORGAN_FIELDS if model is DelegateGroup else {"name"})
        _required(vars(organ), "name")
        if model.objects.filter(term_id=organ.term_id, name=organ.name).exclude(pk=organ.pk).exists():
            raise ServiceError(session_errors.ORGAN_NAME_TAKEN, name=organ.name)
        organ.save()
        _audit(actor, f"{model._meta.model_name}.update", organ, organ.council_id, changed)
    return organ


def organ_delete(*, actor: Any, organ: Committee | DelegateGroup) -> None:
    """Only an organ nobody belongs to (memberships keep their history)."""
    require_manage(actor, organ.council_id)
    with transaction.atomic():
        organ = type(organ).objects.select_for_update(no_key=True).get(pk=organ.pk)
        if organ.memberships.exists():
            raise ServiceError(session_errors.ORGAN_IN_USE)
        _audit(actor, f"{organ._meta.model_name}.delete", organ, organ.council_id, {"name": organ.name})
        organ.delete()


# People ------------------------------------------------------------------------------------------------------------


def person_create(*, actor: Any, council: Council, values: Mapping[str, Any]) -> Person:
    """A person the council's secretariat is about to seat (``membership_add``)."""
    require_manage(actor, council)
    person = Person()
    _apply(person, values, PERSON_FIELDS)
    _required(vars(person), "full_name")
    with transaction.atomic():
        person.save()
        _audit(actor, "person.create", person, council.pk, {"full_name": person.full_name})
    return person


def person_update(*, actor: Any, person: Person, changes: Mapping[str, Any]) -> Person:
    require_manage_person(actor, person.pk)
    with transaction.atomic():
        person = Person.objects.select_for_update(no_key=True).get(pk=person.pk)
        changed = _apply(person, changes, PERSON_FIELDS)
        _required(vars(person), "full_name")
        person.save()
        _audit(actor, "person.update", person, None, {k: v for k, v in changed.items() if k not in {"email", "phone"}})
    return person


# Sessions and sittings -------------------------------------------------------------------------------------------


def session_update(*, actor: Any, session: Session, changes: Mapping[str, Any], correction_reason: str = "") -> Session:
    """Edit a planned or running session; a closed one only as an audited correction with a reason."""
    require_manage(actor, session.council_id)
    with transaction.atomic():
        session = Session.objects.select_for_update(no_key=True).select_related("council", "term").get(pk=session.pk)
        closed = session.status == SessionStatus.CLOSED
        if closed and not correction_reason.strip():
            raise ServiceError(session_errors.SESSION_CORRECTION_REASON)
        changed = _apply(session, changes, SESSION_FIELDS)
        _required(vars(session), "title")
        if session.type not in SessionType.values:
            raise ServiceError(errors.REQUEST_INVALID, details={"type": session.type})
        if session.end_date < session.start_date:
            raise ServiceError(session_errors.SESSION_DATES_INVALID)
        if not (session.term.start_date <= session.start_date and session.end_date <= session.term.end_date):
            raise ServiceError(session_errors.TERM_DATES_INVALID)
        outside = (
            Sitting.objects.filter(session=session)
            .exclude(date__gte=session.start_date, date__lte=session.end_date)
            .first()
        )
        if outside is not None:
            raise ServiceError(session_errors.SESSION_DATES_EXCLUDE_SITTINGS, date=outside.date.strftime("%d/%m/%Y"))
        if Session.objects.filter(term=session.term, number=session.number).exclude(pk=session.pk).exists():
            raise ServiceError(session_errors.SESSION_NUMBER_TAKEN)
        session.save()
        data: dict[str, Any] = {"changes": changed}
        if closed:
            data["reason"] = correction_reason.strip()
        _audit(actor, "session.correct" if closed else "session.update", session, session.council_id, data)
        session_emit(session, "session.updated")
    return session


def session_notice_upload(*, actor: Any, session: Session, file: UploadedFile) -> Session:
    """The convening notice (giấy triệu tập), a PDF or DOCX recognised by its content; replaces the previous one."""
    require_manage(actor, session.council_id)
    sniffed = upload_sniff(file, size=file.size or 0)
    with transaction.atomic():
        session = Session.objects.select_for_update(no_key=True).select_related("council", "term").get(pk=session.pk)
        if session.status == SessionStatus.CLOSED:
            raise ServiceError(session_errors.SESSION_CLOSED)
        extension = {"application/pdf": ".pdf"}.get(
            sniffed.content_type, ".docx" if "word" in sniffed.content_type else ""
        )
        if not extension:
            raise ServiceError(errors.REQUEST_INVALID, details={"file": "PDF or DOCX"})
        session.convening_notice.save(f"session-{session.pk}-notice{extension}", file, save=False)
        session.save()
        _audit(actor, "session.notice", session, session.council_id, {"sha256": sniffed.sha256, "size": sniffed.size})
        session_emit(session, "session.updated")
    return session


def sitting_update(*, actor: Any, sitting: Sitting, changes: Mapping[str, Any]) -> Sitting:
    """Edit a sitting of a session not yet closed. An open sitting keeps its date, times and closed-door setting."""
    require_manage(actor, sitting.session.council_id)
    with transaction.atomic():
        sitting = sitting_lock(sitting, session_open=True)
        changed = _apply(sitting, changes, SITTING_FIELDS)
        if sitting.status != SittingStatus.PLANNED and set(changed) & {"date", "start_time", "is_closed_door"}:
            raise ServiceError(session_errors.SITTING_OPEN_LOCKED)
        sitting_check(
            session=sitting.session,
            date=sitting.date,
            start_time=sitting.start_time,
            end_time=sitting.end_time,
            is_closed_door=sitting.is_closed_door,
            closed_door_decision=sitting.closed_door_decision,
        )
        if Sitting.objects.filter(session=sitting.session, number=sitting.number).exclude(pk=sitting.pk).exists():
            raise ServiceError(session_errors.SITTING_NUMBER_TAKEN)
        sitting.save()
        _audit(actor, "sitting.update", sitting, sitting.session.council_id, changed)
        sitting_emit(sitting, "sitting.updated")
    return sitting
