"""Speaker queues and speaking time."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from agenda.models import AgendaItem, SpeakerRequest, SpeakerState
from agenda.selectors.items import agenda_node, agenda_tree
from realtime.registry import Audience
from sessions_app.models import Session


def speaker_request_state(request: SpeakerRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "item": request.item_id,
        "person": {"id": request.person_id, "name": request.person.full_name},
        "kind": request.kind,
        "state": request.state,
        "position": request.position,
        "requested_at": request.requested_at.isoformat(),
        "clock": request.clock_state(),
    }


def _queue_state(requests: list[SpeakerRequest]) -> dict[str, Any]:
    floor = [r for r in requests if r.state in (SpeakerState.SPEAKING, SpeakerState.PAUSED)]
    return {
        "queue": [speaker_request_state(r) for r in requests if r.state == SpeakerState.WAITING],
        "floor": speaker_request_state(floor[0]) if floor else None,
        "done": [
            speaker_request_state(r)
            for r in sorted((r for r in requests if r.state == SpeakerState.DONE), key=lambda r: (r.ended_at, r.pk))
        ],
    }


def _requests(**filters: Any) -> list[SpeakerRequest]:
    return list(SpeakerRequest.objects.filter(**filters).select_related("person").order_by("position", "pk"))


def speakers_item_state(
    *, item: AgendaItem, audience: Audience, item_public: bool | None = None
) -> dict[str, Any] | None:
    """The queue, the speaker on the floor (with deadline) and finished speeches of one item."""
    if item_public is None:
        item_public = agenda_node(item=item).public
    if audience == "public" and not item_public:
        return None
    return _queue_state(_requests(item=item))


def speakers_state(*, session: Session, audience: Audience) -> dict[str, Any]:
    by_item: dict[int, list[SpeakerRequest]] = {}
    for request in _requests(item__session=session):
        by_item.setdefault(request.item_id, []).append(request)
    public_items = {n.item.pk: n.public for n in agenda_tree(session=session)} if by_item else {}
    return {
        str(item_id): _queue_state(requests)
        for item_id, requests in by_item.items()
        if audience == "council" or public_items[item_id]
    }


def speaking_time_by_delegate(*, session: Session | None = None, council_id: int | None = None) -> list[dict[str, Any]]:
    """Finished speeches per delegate: count and milliseconds actually spoken (for statistics)."""
    requests = SpeakerRequest.objects.filter(state=SpeakerState.DONE)
    if session is not None:
        requests = requests.filter(item__session=session)
    if council_id is not None:
        requests = requests.filter(item__session__council_id=council_id)
    rows = (
        requests.values("person_id", "person__full_name")
        .annotate(speeches=Count("id"), spoken=Sum("elapsed_ms"))  # not "spoken_ms": the model's property
        .order_by("-spoken", "person_id")
    )
    return [
        {
            "person": row["person_id"],
            "name": row["person__full_name"],
            "speeches": row["speeches"],
            "spoken_ms": row["spoken"] or 0,
        }
        for row in rows
    ]
