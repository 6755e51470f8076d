"""The agenda app's parts of the session snapshot."""

from __future__ import annotations

from typing import Any

from agenda.models import OPEN_STATES, Question, SpeakerRequest
from agenda.selectors import agenda_state, documents_state, questioning_state, speakers_state
from realtime.registry import Audience, personal_part, snapshot_part
from sessions_app.models import Session


@snapshot_part("agenda")
def _agenda_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    return agenda_state(session=session, audience=audience)


@snapshot_part("documents")
def _documents_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    return documents_state(session=session, audience=audience)


@snapshot_part("speakers")
def _speakers_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    return speakers_state(session=session, audience=audience)


@snapshot_part("questioning")
def _questioning_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    return questioning_state(session=session, audience=audience)


@personal_part("agenda")
def _my_agenda(*, session: Session, user: Any) -> dict[str, Any]:
    """The user's own open speaker requests and question slips (ids; details are in the shared parts)."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return {"speaker_requests": [], "questions": []}
    requests = SpeakerRequest.objects.filter(item__session=session, person_id=person_id, state__in=OPEN_STATES)
    questions = Question.objects.filter(session=session, asker_id=person_id)
    return {
        "speaker_requests": [{"id": r.pk, "item": r.item_id, "state": r.state} for r in requests.order_by("pk")],
        "questions": [{"id": q.pk, "status": q.status} for q in questions.order_by("pk")],
    }
