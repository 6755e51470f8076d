"""The agenda as a numbered tree, and what each audience sees of it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from agenda.models import AgendaItem, ItemKind, ItemState
from realtime.registry import Audience
from sessions_app.models import Session


@dataclass(frozen=True)
class Node:
    item: AgendaItem
    number: str
    depth: int
    position: int
    public: bool  # the public may see it: public session, item and every ancestor public, sitting not closed-door


def agenda_items(*, session: Session | int) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(session=session).select_related(
        "sitting", "presenter_person", "presenter_official", "session"
    )


def agenda_tree(*, session: Session) -> list[Node]:
    """Every item in tree order with its number: "1." at the top level, "1.2" below."""
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for item in agenda_items(session=session):
        children[item.parent_id].append(item)
    nodes: list[Node] = []
    stack: list[tuple[AgendaItem, list[int], bool]] = []

    def push_children(parent_id: int | None, prefix: list[int], parent_public: bool) -> None:
        kids = sorted(children.get(parent_id, []), key=lambda i: (i.order, i.pk))
        for index, kid in reversed(list(enumerate(kids, 1))):
            stack.append((kid, [*prefix, index], parent_public))

    push_children(None, [], session.is_public)
    while stack:
        item, numbers, parent_public = stack.pop()
        public = parent_public and item.is_public and not (item.sitting and item.sitting.is_closed_door)
        number = f"{numbers[0]}." if len(numbers) == 1 else ".".join(str(n) for n in numbers)
        nodes.append(Node(item, number, len(numbers) - 1, len(nodes), public))
        push_children(item.pk, numbers, public)
    return nodes


def agenda_node(*, item: AgendaItem) -> Node:
    return next(node for node in agenda_tree(session=item.session) if node.item.pk == item.pk)


def _presenter(item: AgendaItem) -> dict[str, Any] | None:
    if item.presenter_person_id:
        return {"kind": "delegate", "id": item.presenter_person_id, "name": item.presenter_person.full_name}
    if item.presenter_official_id:
        official = item.presenter_official
        return {
            "kind": "official",
            "id": official.pk,
            "name": official.full_name,
            "title": official.title,
            "agency": official.agency,
        }
    if item.presenter_name:
        return {"kind": "agency", "id": None, "name": item.presenter_name}
    return None


def node_state(*, node: Node, audience: Audience) -> dict[str, Any]:
    """An item as the stream shows it; the public sees only the place and state of a closed item."""
    item = node.item
    state: dict[str, Any] = {
        "id": item.pk,
        "number": node.number,
        "depth": node.depth,
        "position": node.position,
        "parent": item.parent_id,
        "sitting": item.sitting_id,
        "state": item.state,
        "is_public": node.public,
    }
    if audience == "public" and not node.public:
        return state
    state.update(
        kind=item.kind,
        title=item.title,
        description=item.description,
        presenter=_presenter(item),
        planned_minutes=item.planned_minutes,
        started_at=item.started_at.isoformat() if item.started_at else None,
        ended_at=item.ended_at.isoformat() if item.ended_at else None,
        deferred_from=item.deferred_from_id,
    )
    return state


def agenda_item_state(*, item: AgendaItem, audience: Audience) -> dict[str, Any]:
    return node_state(node=agenda_node(item=item), audience=audience)


def agenda_state(*, session: Session, audience: Audience) -> dict[str, Any]:
    nodes = agenda_tree(session=session)
    return {
        "items": {str(n.item.pk): node_state(node=n, audience=audience) for n in nodes},
        "current": {str(n.item.sitting_id): n.item.pk for n in nodes if n.item.state == ItemState.ACTIVE},
    }


def agenda_active_item(*, sitting_id: int) -> AgendaItem | None:
    return AgendaItem.objects.filter(sitting_id=sitting_id, state=ItemState.ACTIVE).first()


def agenda_takeable(node: Node) -> bool:
    return node.item.kind != ItemKind.SECTION
