"""Moving through the agenda live: an item taken up (activate, next, previous) on a sitting, finished, skipped
or deferred; the item left behind goes back to pending or done."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda import errors
from agenda.models import AgendaItem, ItemKind, ItemState
from agenda.selectors import agenda_tree
from agenda.services.common import (
    lock_session,
    put_current,
    put_item,
)
from agenda.services.items import check_same_session
from agenda.services.speakers import floor_stop
from core.audit import audit_object
from core.errors import ServiceError
from realtime.emit import Put, emit
from sessions_app.models import Sitting, SittingStatus
from sessions_app.permissions import require_manage

LEAVABLE_TO = {ItemState.DONE, ItemState.PENDING}


def _lock_sitting(sitting: Sitting) -> Sitting:
    sitting = Sitting.objects.select_for_update(no_key=True).select_related("session").get(pk=sitting.pk)
    if sitting.status != SittingStatus.OPEN:
        raise ServiceError(errors.ITEM_SITTING_NOT_OPEN)
    return sitting


def _leave(item: AgendaItem, state: str, now: Any) -> list[Put]:
    """Take the sitting off ``item``: it ends as ``state``; a speech still running ends with it."""
    item.state = state
    item.ended_at = now if state != ItemState.PENDING else None
    item.save(update_fields=["state", "ended_at", "updated_at"])
    return [put_item(item), *floor_stop(item=item, now=now)]


def _take_up(actor: Any, item: AgendaItem, sitting: Sitting, leave_as: str, action: str) -> AgendaItem:
    """Make ``item`` the sitting's current item; the previous current one ends as ``leave_as``."""
    if item.kind == ItemKind.SECTION:
        raise ServiceError(errors.ITEM_IS_SECTION, title=item.title)
    if item.state == ItemState.ACTIVE:
        raise ServiceError(errors.ITEM_STATE_INVALID, title=item.title, current=item.state, target=ItemState.ACTIVE)
    now = timezone.now()
    puts: list[Put] = []
    previous = AgendaItem.objects.filter(sitting=sitting, state=ItemState.ACTIVE).select_related("session").first()
    if previous is not None:
        puts += _leave(previous, leave_as, now)
    item.state, item.sitting = ItemState.ACTIVE, sitting
    item.started_at = item.started_at or now
    item.ended_at = None
    try:
        with transaction.atomic():
            item.save(update_fields=["state", "sitting", "started_at", "ended_at", "updated_at"])
    except IntegrityError as exc:
        raise ServiceError(errors.ITEM_ALREADY_ACTIVE) from exc
    audit_object(
        actor=actor,
        action=action,
        obj=item,
        council_id=item.session.council_id,
        data={"sitting": sitting.pk, "previous": previous.pk if previous else None},
    )
    emit(
        session_id=item.session_id,
        type="agenda.item_activated",
        data={"item": item.pk, "sitting": sitting.pk},
        puts=[*puts, put_item(item), put_current(sitting.pk, item.pk)],
    )
    return item


def agenda_item_activate(*, actor: Any, item: AgendaItem, sitting: Sitting | None = None) -> AgendaItem:
    """Jump to ``item`` in ``sitting`` (default: the item's own sitting)."""
    session = item.session
    require_manage(actor, session.council_id)
    target = sitting or item.sitting
    if target is None:
        raise ServiceError(errors.ITEM_NO_SITTING)
    check_same_session(session, target)
    with transaction.atomic():
        lock_session(session)
        target = _lock_sitting(target)
        item = AgendaItem.objects.select_for_update(of=("self",), no_key=True).select_related("session").get(pk=item.pk)
        return _take_up(actor, item, target, ItemState.DONE, "agenda.item_activate")


def agenda_next(*, actor: Any, sitting: Sitting) -> AgendaItem:
    """Move to the next item still to be taken in this sitting; the current one is done."""
    session = sitting.session
    require_manage(actor, session.council_id)
    with transaction.atomic():
        lock_session(session)
        sitting = _lock_sitting(sitting)
        nodes = [n for n in agenda_tree(session=session) if n.item.kind != ItemKind.SECTION]
        current = next(
            (n.position for n in nodes if n.item.state == ItemState.ACTIVE and n.item.sitting_id == sitting.pk), -1
        )
        candidates = [
            n
            for n in nodes
            if (n.item.state == ItemState.PENDING and n.item.sitting_id in (None, sitting.pk))
            or (n.item.state == ItemState.DEFERRED and n.item.sitting_id == sitting.pk)
        ]
        after = [n for n in candidates if n.position > current]
        chosen = (after or candidates or [None])[0]
        if chosen is None:
            raise ServiceError(errors.ITEM_NO_NEXT)
        return _take_up(actor, chosen.item, sitting, ItemState.DONE, "agenda.next")


def agenda_previous(*, actor: Any, sitting: Sitting) -> AgendaItem:
    """Go back to the item before the current one in this sitting; the current one returns to pending."""
    session = sitting.session
    require_manage(actor, session.council_id)
    with transaction.atomic():
        lock_session(session)
        sitting = _lock_sitting(sitting)
        nodes = [
            n
            for n in agenda_tree(session=session)
            if n.item.kind != ItemKind.SECTION and n.item.sitting_id == sitting.pk
        ]
        current = next((n for n in nodes if n.item.state == ItemState.ACTIVE), None)
        if current is not None:
            before = [n for n in nodes if n.position < current.position]
        else:
            before = sorted((n for n in nodes if n.item.ended_at), key=lambda n: (n.item.ended_at, n.position))
        if not before:
            raise ServiceError(errors.ITEM_NO_PREVIOUS)
        return _take_up(actor, before[-1].item, sitting, ItemState.PENDING, "agenda.previous")


def _set_state(
    actor: Any,
    item: AgendaItem,
    *,
    target: str,
    allowed: set[str],
    sitting: Sitting | None = None,
    action: str,
    event: str,
    validate: Any = None,
) -> AgendaItem:
    session = item.session
    require_manage(actor, session.council_id)
    with transaction.atomic():
        lock_session(session)
        item = (
            AgendaItem.objects.select_for_update(of=("self",), no_key=True)
            .select_related("session", "sitting")
            .get(pk=item.pk)
        )
        if item.kind == ItemKind.SECTION:
            raise ServiceError(errors.ITEM_IS_SECTION, title=item.title)
        if item.state not in allowed:
            raise ServiceError(errors.ITEM_STATE_INVALID, title=item.title, current=item.state, target=target)
        if validate is not None:
            validate(item)
        was_active_in = item.sitting_id if item.state == ItemState.ACTIVE else None
        now = timezone.now()
        puts = _leave(item, target, now) if was_active_in else []
        item.state = target
        if target == ItemState.DEFERRED:
            item.deferred_from = item.sitting or item.deferred_from
            item.sitting = sitting
        item.ended_at = now if target == ItemState.DONE else item.ended_at
        item.save(update_fields=["state", "sitting", "deferred_from", "ended_at", "updated_at"])
        audit_object(
            actor=actor, action=action, obj=item, council_id=item.session.council_id, data={"sitting": item.sitting_id}
        )
        puts = [p for p in puts if p.path[:2] != ("agenda", "items")] + [put_item(item)]
        if was_active_in:
            puts.append(put_current(was_active_in, None))
        emit(session_id=session.pk, type=event, puts=puts, data={"item": item.pk})
    return item


def agenda_item_finish(*, actor: Any, item: AgendaItem) -> AgendaItem:
    return _set_state(
        actor,
        item,
        target=ItemState.DONE,
        allowed={ItemState.ACTIVE},
        action="agenda.item_finish",
        event="agenda.item_finished",
    )


def agenda_item_skip(*, actor: Any, item: AgendaItem) -> AgendaItem:
    return _set_state(
        actor,
        item,
        target=ItemState.SKIPPED,
        allowed={ItemState.PENDING, ItemState.ACTIVE, ItemState.DEFERRED},
        action="agenda.item_skip",
        event="agenda.item_skipped",
    )


def agenda_item_defer(*, actor: Any, item: AgendaItem, to_sitting: Sitting | None = None) -> AgendaItem:
    """Defer to a later, unfinished sitting of the session (or to no sitting yet: a later session decides)."""

    def later_sitting(locked: AgendaItem) -> None:
        if to_sitting is None:
            return
        current = locked.sitting
        later = current is None or (to_sitting.date, to_sitting.number) > (current.date, current.number)
        if to_sitting.session_id != locked.session_id or to_sitting.status == SittingStatus.CLOSED or not later:
            raise ServiceError(errors.ITEM_DEFER_TARGET)

    return _set_state(
        actor,
        item,
        target=ItemState.DEFERRED,
        allowed={ItemState.PENDING, ItemState.ACTIVE, ItemState.DEFERRED},
        sitting=to_sitting,
        action="agenda.item_defer",
        event="agenda.item_deferred",
        validate=later_sitting,
    )
