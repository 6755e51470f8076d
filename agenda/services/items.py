"""Building the agenda: items created, edited, deleted and moved in the tree (moving through it live is
``items_live``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from agenda import errors
from agenda.models import AgendaItem, ItemKind, ItemState, Official
from agenda.selectors import agenda_node
from agenda.services.common import (
    UNSET,
    is_delegate,
    lock_session,
    put_agenda,
    put_item,
    puts_all_parts,
)
from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from realtime.emit import emit
from sessions_app.models import Person, Session, Sitting
from sessions_app.permissions import require_manage


def check_same_session(session: Session, *objects: AgendaItem | Sitting | None) -> None:
    for obj in objects:
        if obj is not None and obj.session_id != session.pk:
            raise ServiceError(errors.ITEM_OTHER_SESSION)


def _check_presenter(session: Session, person: Person | None, official: Official | None) -> None:
    if person is not None and not is_delegate(person, session):
        raise ServiceError(errors.PRESENTER_INVALID)
    if official is not None and official.council_id != session.council_id:
        raise ServiceError(errors.PRESENTER_INVALID)


def _check_kind(kind: str) -> None:
    if kind not in ItemKind.values:
        raise ServiceError(REQUEST_INVALID, details={"kind": kind})


def _renumber(parent_id: int | None, session: Session, ordered: list[AgendaItem]) -> None:
    for index, sibling in enumerate(ordered):
        if sibling.order != index or sibling.parent_id != parent_id:
            sibling.order, sibling.parent_id = index, parent_id
            sibling.save(update_fields=["order", "parent", "updated_at"])


def _siblings(session: Session, parent_id: int | None, exclude: int | None = None) -> list[AgendaItem]:
    siblings = AgendaItem.objects.filter(session=session, parent_id=parent_id).order_by("order", "pk")
    return [s for s in siblings if s.pk != exclude]


def agenda_item_create(
    *,
    actor: Any,
    session: Session,
    title: str,
    kind: str = ItemKind.OTHER,
    parent: AgendaItem | None = None,
    position: int | None = None,
    sitting: Sitting | None = None,
    description: str = "",
    presenter_person: Person | None = None,
    presenter_official: Official | None = None,
    presenter_name: str = "",
    planned_minutes: int | None = None,
    is_public: bool = True,
) -> AgendaItem:
    require_manage(actor, session.council_id)
    check_same_session(session, parent, sitting)
    _check_presenter(session, presenter_person, presenter_official)
    _check_kind(kind)
    if not title.strip():
        raise ServiceError(REQUEST_INVALID, details={"title": "empty"})
    with transaction.atomic():
        session = lock_session(session)
        siblings = _siblings(session, parent.pk if parent else None)
        item = AgendaItem.objects.create(
            session=session,
            parent=parent,
            sitting=sitting,
            kind=kind,
            title=title.strip(),
            description=description,
            presenter_person=presenter_person,
            presenter_official=presenter_official,
            presenter_name=presenter_name,
            planned_minutes=planned_minutes,
            is_public=is_public,
            order=len(siblings),
        )
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        _renumber(item.parent_id, session, [*siblings[:index], item, *siblings[index:]])
        audit_object(
            actor=actor,
            action="agenda.item_create",
            obj=item,
            council_id=item.session.council_id,
            data={"title": item.title, "kind": kind, "parent": item.parent_id},
        )
        emit(session_id=session.pk, type="agenda.item_created", puts=[put_agenda(session)], data={"item": item.pk})
    return item


def agenda_item_update(
    *,
    actor: Any,
    item: AgendaItem,
    title: str = UNSET,
    kind: str = UNSET,
    description: str = UNSET,
    sitting: Sitting | None = UNSET,
    presenter_person: Person | None = UNSET,
    presenter_official: Official | None = UNSET,
    presenter_name: str = UNSET,
    planned_minutes: int | None = UNSET,
    is_public: bool = UNSET,
) -> AgendaItem:
    """Edit what an item says. Its state changes only through the live services below."""
    session = item.session
    require_manage(actor, session.council_id)
    changes = {
        key: value
        for key, value in {
            "title": title,
            "kind": kind,
            "description": description,
            "sitting": sitting,
            "presenter_person": presenter_person,
            "presenter_official": presenter_official,
            "presenter_name": presenter_name,
            "planned_minutes": planned_minutes,
            "is_public": is_public,
        }.items()
        if value is not UNSET
    }
    if "kind" in changes:
        _check_kind(kind)
    if "title" in changes and not title.strip():
        raise ServiceError(REQUEST_INVALID, details={"title": "empty"})
    if "sitting" in changes:
        check_same_session(session, sitting)
    _check_presenter(session, changes.get("presenter_person"), changes.get("presenter_official"))
    with transaction.atomic():
        lock_session(session)
        item = AgendaItem.objects.select_related("session", "sitting").get(pk=item.pk)
        if "sitting" in changes and item.state == ItemState.ACTIVE and sitting != item.sitting:
            raise ServiceError(
                errors.ITEM_STATE_INVALID, title=item.title, current=item.state, target=ItemState.PENDING
            )
        was_public = agenda_node(item=item).public
        for key, value in changes.items():
            setattr(item, key, value)
        item.save()
        audit_object(
            actor=actor,
            action="agenda.item_update",
            obj=item,
            council_id=item.session.council_id,
            data={key: getattr(value, "pk", value) for key, value in changes.items()},
        )
        visibility_changed = agenda_node(item=item).public != was_public
        puts = puts_all_parts(item.session) if visibility_changed else [put_item(item)]
        emit(
            session_id=session.pk,
            type="agenda.item_updated",
            puts=puts,
            data={"item": item.pk},
            public_was_visible=was_public,
        )
    return item


def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    session = item.session
    require_manage(actor, session.council_id)
    with transaction.atomic():
        session = lock_session(session)
        item = AgendaItem.objects.get(pk=item.pk)
        used = (
            item.children.exists()
            or item.documents.exists()
            or item.speaker_requests.exists()
            or item.question_topics.exists()
        )
        if item.state != ItemState.PENDING or used:
            raise ServiceError(errors.ITEM_NOT_REMOVABLE)
        item_id, parent_id = item.pk, item.parent_id
        audit_object(
            actor=actor,
            action="agenda.item_delete",
            obj=item,
            council_id=item.session.council_id,
            data={"title": item.title},
        )
        item.delete()
        _renumber(parent_id, session, _siblings(session, parent_id))
        emit(session_id=session.pk, type="agenda.item_deleted", puts=[put_agenda(session)], data={"item": item_id})


def agenda_item_move(*, actor: Any, item: AgendaItem, parent: AgendaItem | None, position: int) -> AgendaItem:
    """Reorder, before or during a sitting: put ``item`` under ``parent`` (None: top level) at ``position``."""
    session = item.session
    require_manage(actor, session.council_id)
    check_same_session(session, parent)
    with transaction.atomic():
        session = lock_session(session)
        item = AgendaItem.objects.select_related("session").get(pk=item.pk)
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == item.pk:
                raise ServiceError(errors.ITEM_CYCLE)
            ancestor = AgendaItem.objects.filter(pk=ancestor.parent_id).first()
        old_parent_id, new_parent_id = item.parent_id, parent.pk if parent else None
        siblings = _siblings(session, new_parent_id, exclude=item.pk)
        index = max(0, min(position, len(siblings)))
        _renumber(new_parent_id, session, [*siblings[:index], item, *siblings[index:]])
        if old_parent_id != new_parent_id:
            _renumber(old_parent_id, session, _siblings(session, old_parent_id))
        audit_object(
            actor=actor,
            action="agenda.item_move",
            obj=item,
            council_id=item.session.council_id,
            data={"parent": new_parent_id, "position": index},
        )
        emit(session_id=session.pk, type="agenda.reordered", puts=[put_agenda(session)], data={"item": item.pk})
    return item
