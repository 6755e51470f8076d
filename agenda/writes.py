"""The agenda's writes that both transports serve: each declared once (``core.writes``) with its input,
its service and its reply. The socket commands are registered from here (``AgendaConfig.ready``); the
REST actions in ``agenda.api`` (a package) answer from the same declarations. A socket names objects by id within its
session, so nothing of another session or council can be reached."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agenda import services
from agenda.models import AgendaItem, Official, Question, QuestionSource, SpeakerRequest, SpeechKind, StepKind
from agenda.serializers import AgendaItemSerializer, QuestionSerializer, SpeakerRequestSerializer
from core.writes import RowRef, Write
from sessions_app.models import Person, Session, Sitting


class ItemRef(serializers.Serializer[Any]):
    item = RowRef(AgendaItem)


class ActivateInput(ItemRef):
    sitting = RowRef(Sitting, required=False, allow_null=True, default=None)


class DeferInput(ItemRef):
    sitting = RowRef(Sitting, required=False, allow_null=True, default=None, source="to_sitting")


class MoveInput(ItemRef):
    parent = RowRef(AgendaItem, required=False, allow_null=True, default=None)
    position = serializers.IntegerField(min_value=0)


class SittingRef(serializers.Serializer[Any]):
    sitting = RowRef(Sitting)


class SpeakerRequestInput(ItemRef):
    kind = serializers.ChoiceField(choices=SpeechKind.choices, default=SpeechKind.DISCUSSION)
    person = RowRef(Person, scope=None, required=False, allow_null=True, default=None)


class RequestRef(serializers.Serializer[Any]):
    request = RowRef(SpeakerRequest, scope="item__session")


class SpeakerOrderInput(ItemRef):
    requests = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=True, max_length=1000, source="request_ids"
    )


class SpeakerGrantInput(ItemRef):
    request = RowRef(SpeakerRequest, scope="item__session", required=False, allow_null=True, default=None)
    person = RowRef(Person, scope=None, required=False, allow_null=True, default=None)


class QuestionRef(serializers.Serializer[Any]):
    question = RowRef(Question)


class QuestionRegisterInput(serializers.Serializer[Any]):
    session = RowRef(Session, scope="pk")
    respondent = RowRef(Official, scope="council__sessions")
    text = serializers.CharField(max_length=10000)
    asker = RowRef(Person, scope=None, required=False, allow_null=True, default=None)


class QuestionStepInput(QuestionRef):
    kind = serializers.ChoiceField(choices=[c for c in StepKind.choices if c[0] != StepKind.ASK])
    person = RowRef(Person, scope=None, required=False, allow_null=True, default=None)


# The replies: the REST bodies (``agenda.serializers``), on both transports; the stream state arrives as the event.
def item_reply(item: AgendaItem) -> dict[str, Any]:
    return dict(AgendaItemSerializer(item).data)


def speaker_reply(request: SpeakerRequest) -> dict[str, Any]:
    return dict(SpeakerRequestSerializer(request).data)


def speakers_reply(requests: list[SpeakerRequest]) -> list[dict[str, Any]]:
    return [dict(row) for row in SpeakerRequestSerializer(requests, many=True).data]


def question_reply(question: Question) -> dict[str, Any]:
    return dict(QuestionSerializer(question).data)


def _question_step(*, actor: Any, question: Question, kind: str, person: Person | None) -> Question:
    services.question_step(actor=actor, question=question, kind=kind, person=person)
    question.refresh_from_db()
    return question


def _question_register(*, actor: Any, **arguments: Any) -> Question:
    """From a tablet (the socket) or the delegate's own REST client: the source says which."""
    return services.question_register(actor=actor, **arguments)


AGENDA_ACTIVATE = Write("agenda.activate", ActivateInput, services.agenda_item_activate, item_reply, target="item")
AGENDA_NEXT = Write("agenda.next", SittingRef, services.agenda_next, item_reply)
AGENDA_PREVIOUS = Write("agenda.previous", SittingRef, services.agenda_previous, item_reply)
AGENDA_FINISH = Write("agenda.finish", ItemRef, services.agenda_item_finish, item_reply, target="item")
AGENDA_SKIP = Write("agenda.skip", ItemRef, services.agenda_item_skip, item_reply, target="item")
AGENDA_DEFER = Write("agenda.defer", DeferInput, services.agenda_item_defer, item_reply, target="item")
AGENDA_MOVE = Write("agenda.move", MoveInput, services.agenda_item_move, item_reply, target="item")
SPEAKER_REQUEST = Write("speaker.request", SpeakerRequestInput, services.speaker_request, speaker_reply)
SPEAKER_WITHDRAW = Write("speaker.withdraw", RequestRef, services.speaker_withdraw, speaker_reply, target="request")
SPEAKER_ORDER = Write("speaker.order", SpeakerOrderInput, services.speaker_order, speakers_reply)
SPEAKER_GRANT = Write("speaker.grant", SpeakerGrantInput, services.speaker_grant, speaker_reply)
SPEAKER_PAUSE = Write("speaker.pause", RequestRef, services.speaker_pause, speaker_reply, target="request")
SPEAKER_RESUME = Write("speaker.resume", RequestRef, services.speaker_resume, speaker_reply, target="request")
SPEAKER_END = Write("speaker.end", RequestRef, services.speaker_end, speaker_reply, target="request")
SPEAKER_REMOVE = Write("speaker.remove", RequestRef, services.speaker_remove, speaker_reply, target="request")
QUESTION_REGISTER = Write(
    "question.register",
    QuestionRegisterInput,
    _question_register,
    question_reply,
    socket_args=lambda session: {"session": session.pk, "source": QuestionSource.TABLET},
)
QUESTION_WITHDRAW = Write(
    "question.withdraw", QuestionRef, services.question_withdraw, question_reply, target="question"
)
QUESTION_FLOOR = Write("question.floor", QuestionRef, services.question_floor, question_reply, target="question")
QUESTION_STEP = Write("question.step", QuestionStepInput, _question_step, question_reply, target="question")
QUESTION_PAUSE = Write("question.pause", QuestionRef, services.question_pause, question_reply, target="question")
QUESTION_RESUME = Write("question.resume", QuestionRef, services.question_resume, question_reply, target="question")
QUESTION_FINISH = Write("question.finish", QuestionRef, services.question_finish, question_reply, target="question")

WRITES = [
    AGENDA_ACTIVATE,
    AGENDA_NEXT,
    AGENDA_PREVIOUS,
    AGENDA_FINISH,
    AGENDA_SKIP,
    AGENDA_DEFER,
    AGENDA_MOVE,
    SPEAKER_REQUEST,
    SPEAKER_WITHDRAW,
    SPEAKER_ORDER,
    SPEAKER_GRANT,
    SPEAKER_PAUSE,
    SPEAKER_RESUME,
    SPEAKER_END,
    SPEAKER_REMOVE,
    QUESTION_REGISTER,
    QUESTION_WITHDRAW,
    QUESTION_FLOOR,
    QUESTION_STEP,
    QUESTION_PAUSE,
    QUESTION_RESUME,
    QUESTION_FINISH,
]
