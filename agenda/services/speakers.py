"""The speaker queue of an agenda item, with the server-owned clock."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from agenda import errors
from agenda.models import ON_FLOOR, AgendaItem, ItemKind, ItemState, SpeakerRequest, SpeakerState, SpeechKind
from agenda.services.common import is_delegate, lock_session, put_speakers
from core.audit import audit_object, audit_record
from core.errors import PERMISSION_DENIED, REQUEST_INVALID, ServiceError
from realtime.emit import Put, emit
from sessions_app.models import Person
from sessions_app.permissions import can_manage_council, require_authenticated, require_manage
from sessions_app.personal import personal_refresh

REQUESTABLE_ITEM_STATES = {ItemState.PENDING, ItemState.ACTIVE, ItemState.DEFERRED}


def _emit(item: AgendaItem, type: str, request: SpeakerRequest) -> None:
    emit(
        session_id=item.session_id, type=type, puts=[put_speakers(item)], data={"item": item.pk, "request": request.pk}
    )
    _push_mine(item, type, request)


def _push_mine(item: AgendaItem, type: str, request: SpeakerRequest) -> None:
    """The requester's own ``me.agenda`` (protocol 1.1 personal frame), after commit."""
    personal_refresh(
        session_id=item.session_id,
        person_ids=[request.person_id],
        parts=["agenda"],
        type=type,
        data={"item": item.pk, "request": request.pk},
    )


def floor_stop(*, item: AgendaItem, now: Any) -> list[Put]:
    """End the speech on the floor of ``item`` (if any), recording the time spoken. Runs inside the caller's
    transaction; returns the puts the caller's event must carry."""
    request = SpeakerRequest.objects.select_for_update(no_key=True).filter(item=item, state__in=ON_FLOOR).first()
    if request is None:
        return []
    request.clock_stop(now)
    request.state = SpeakerState.DONE
    request.save()
    _push_mine(item, "speaker.ended", request)
    return [put_speakers(item)]


def speaker_request(
    *, actor: Any, item: AgendaItem, kind: str = SpeechKind.DISCUSSION, person: Person | None = None
) -> SpeakerRequest:
    """A delegate asks for the floor (for themselves), or the secretariat enters a delegate's request."""
    require_authenticated(actor)
    session = item.session
    person = person or getattr(actor, "person", None)
    if person is None or person.pk != actor.person_id:
        require_manage(actor, session.council_id)
    if kind not in SpeechKind.values:
        raise ServiceError(REQUEST_INVALID, details={"kind": kind})
    if not is_delegate(person, session, item.sitting):
        raise ServiceError(errors.SPEAKER_NOT_DELEGATE)
    with transaction.atomic():
        lock_session(session)
        item = (
            AgendaItem.objects.select_for_update(of=("self",), no_key=True)
            .select_related("session", "sitting")
            .get(pk=item.pk)
        )
        if item.kind == ItemKind.SECTION:
            raise ServiceError(errors.ITEM_IS_SECTION, title=item.title)
        if item.state not in REQUESTABLE_ITEM_STATES:
            raise ServiceError(errors.ITEM_STATE_INVALID, title=item.title, current=item.state, target=ItemState.ACTIVE)
        position = (item.speaker_requests.aggregate(m=Max("position"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                request = SpeakerRequest.objects.create(
                    item=item, person=person, kind=kind, position=position, requested_at=timezone.now()
                )
        except IntegrityError as exc:
            raise ServiceError(errors.SPEAKER_ALREADY_QUEUED) from exc
        audit_object(
            actor=actor,
            action="speaker.request",
            obj=request,
            council_id=request.item.session.council_id,
            data={"item": request.item_id, "person": request.person_id, "kind": kind},
        )
        _emit(item, "speaker.requested", request)
    return request


def _locked_request(request: SpeakerRequest) -> SpeakerRequest:
    lock_session(request.item.session)
    return (
        SpeakerRequest.objects.select_for_update(of=("self",), no_key=True)
        .select_related("item__session", "person")
        .get(pk=request.pk)
    )


def speaker_withdraw(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    require_authenticated(actor)
    if actor.person_id != request.person_id and not can_manage_council(actor, request.item.session.council_id):
        raise ServiceError(PERMISSION_DENIED)
    with transaction.atomic():
        request = _locked_request(request)
        if request.state != SpeakerState.WAITING:
            raise ServiceError(errors.SPEAKER_STATE_INVALID, current=request.state)
        request.state = SpeakerState.WITHDRAWN
        request.save(update_fields=["state"])
        audit_object(
            actor=actor,
            action="speaker.withdraw",
            obj=request,
            council_id=request.item.session.council_id,
            data={"item": request.item_id, "person": request.person_id},
        )
        _emit(request.item, "speaker.withdrawn", request)
    return request


def speaker_order(*, actor: Any, item: AgendaItem, request_ids: list[int]) -> list[SpeakerRequest]:
    """The secretariat orders the waiting queue: ``request_ids`` lists every waiting request exactly once."""
    require_manage(actor, item.session.council_id)
    with transaction.atomic():
        lock_session(item.session)
        waiting = {
            r.pk: r
            for r in SpeakerRequest.objects.select_for_update(no_key=True).filter(item=item, state=SpeakerState.WAITING)
        }
        if len(request_ids) != len(set(request_ids)) or set(request_ids) != set(waiting):
            raise ServiceError(errors.ORDER_MISMATCH, details={"waiting": sorted(waiting)})
        base = (item.speaker_requests.exclude(state=SpeakerState.WAITING).aggregate(m=Max("position"))["m"] or 0) + 1
        ordered = [waiting[pk] for pk in request_ids]
        for offset, request in enumerate(ordered):
            request.position = base + offset
            request.save(update_fields=["position"])
        audit_record(
            actor=actor,
            action="speaker.order",
            object_type="agenda_item",
            object_id=item.pk,
            council_id=item.session.council_id,
            data={"order": request_ids},
        )
        emit(
            session_id=item.session_id, type="speaker.queue_ordered", puts=[put_speakers(item)], data={"item": item.pk}
        )
    return ordered


def speaker_grant(
    *, actor: Any, item: AgendaItem, request: SpeakerRequest | None = None, person: Person | None = None
) -> SpeakerRequest:
    """Give the floor to a waiting request (by request, or by the delegate who made it)."""
    session = item.session
    require_manage(actor, session.council_id)
    if request is None and person is None:
        raise ServiceError(REQUEST_INVALID, details={"request": "required"})
    if person is not None and not is_delegate(person, session, item.sitting):
        raise ServiceError(errors.SPEAKER_NOT_DELEGATE)
    with transaction.atomic():
        lock_session(session)
        item = (
            AgendaItem.objects.select_for_update(of=("self",), no_key=True)
            .select_related("session", "sitting")
            .get(pk=item.pk)
        )
        if item.state != ItemState.ACTIVE:
            raise ServiceError(errors.ITEM_NOT_ACTIVE)
        if item.speaker_requests.filter(state__in=ON_FLOOR).exists():
            raise ServiceError(errors.SPEAKER_FLOOR_TAKEN)
        waiting = SpeakerRequest.objects.select_for_update(no_key=True).filter(item=item, state=SpeakerState.WAITING)
        waiting = waiting.filter(pk=request.pk) if request is not None else waiting.filter(person=person)
        granted = waiting.select_related("person").first()
        if granted is None:
            raise ServiceError(errors.SPEAKER_NOT_IN_QUEUE)
        granted.clock_start(timezone.now(), settings.NT["SPEAKING_SECONDS"][granted.kind])
        granted.state = SpeakerState.SPEAKING
        granted.save()
        granted.item = item
        audit_object(
            actor=actor,
            action="speaker.grant",
            obj=granted,
            council_id=granted.item.session.council_id,
            data={"item": granted.item_id, "person": granted.person_id, "allowed_seconds": granted.allowed_seconds},
        )
        _emit(item, "speaker.granted", granted)
    return granted


def _floor_action(
    actor: Any, request: SpeakerRequest, *, allowed: set[str], action: str, event: str, change: Any
) -> SpeakerRequest:
    require_manage(actor, request.item.session.council_id)
    with transaction.atomic():
        request = _locked_request(request)
        if request.state not in allowed:
            raise ServiceError(errors.SPEAKER_STATE_INVALID, current=request.state)
        change(request, timezone.now())
        request.save()
        audit_object(
            actor=actor,
            action=action,
            obj=request,
            council_id=request.item.session.council_id,
            data={
                "item": request.item_id,
                "person": request.person_id,
                "state": request.state,
                "elapsed_ms": request.elapsed_ms,
            },
        )
        _emit(request.item, event, request)
    return request


def _pause(request: SpeakerRequest, now: Any) -> None:
    request.clock_pause(now)
    request.state = SpeakerState.PAUSED


def _resume(request: SpeakerRequest, now: Any) -> None:
    request.clock_resume(now)
    request.state = SpeakerState.SPEAKING


def _end(request: SpeakerRequest, now: Any) -> None:
    request.clock_stop(now)
    request.state = SpeakerState.DONE


def _remove(request: SpeakerRequest, now: Any) -> None:
    request.state = SpeakerState.REMOVED


def speaker_pause(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    return _floor_action(
        actor, request, allowed={SpeakerState.SPEAKING}, action="speaker.pause", event="speaker.paused", change=_pause
    )


def speaker_resume(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    return _floor_action(
        actor, request, allowed={SpeakerState.PAUSED}, action="speaker.resume", event="speaker.resumed", change=_resume
    )


def speaker_end(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    return _floor_action(
        actor, request, allowed=set(ON_FLOOR), action="speaker.end", event="speaker.ended", change=_end
    )


def speaker_remove(*, actor: Any, request: SpeakerRequest) -> SpeakerRequest:
    return _floor_action(
        actor, request, allowed={SpeakerState.WAITING}, action="speaker.remove", event="speaker.removed", change=_remove
    )
