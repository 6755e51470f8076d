"""Socket commands of the agenda app. Handlers only read arguments, find the objects within the command's
session (so nothing of another session or council can be named) and call the services."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from agenda import services
from agenda.models import AgendaItem, Official, Question, QuestionSource, SpeakerRequest
from agenda.selectors import agenda_item_state, question_state
from agenda.selectors.speakers import speaker_request_state
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from sessions_app.models import Person, Session, Sitting
from realtime.registry import stream_command


def _int(args: dict[str, Any], key: str, *, required: bool = True) -> int | None:
    value = args.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ServiceError(REQUEST_INVALID, details={key: "a positive integer id is required"})
    return value


def _str(args: dict[str, Any], key: str, *, default: str | None = None, max_length: int = 10000) -> str:
    value = args.get(key, default)
    if not isinstance(value, str) or len(value) > max_length:
        raise ServiceError(REQUEST_INVALID, details={key: f"a text of at most {max_length} characters is required"})
    return value


def _in_session(model: type[Model], pk: int | None, session: Session, path: str = "session") -> Any:
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, **{path: session}).first()
    if obj is None:
        raise ServiceError(NOT_FOUND)
    return obj


def _item(args: dict[str, Any], session: Session, key: str = "item", required: bool = True) -> AgendaItem | None:
    return _in_session(AgendaItem, _int(args, key, required=required), session)


def _sitting(args: dict[str, Any], session: Session, key: str = "sitting", required: bool = True) -> Sitting | None:
    return _in_session(Sitting, _int(args, key, required=required), session)


def _request(args: dict[str, Any], session: Session) -> SpeakerRequest:
    return _in_session(SpeakerRequest, _int(args, "request"), session, "item__session")


def _question(args: dict[str, Any], session: Session) -> Question:
    return _in_session(Question, _int(args, "question"), session)


def _person(args: dict[str, Any], key: str = "person") -> Person | None:
    pk = _int(args, key, required=False)
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise ServiceError(NOT_FOUND)
    return person


def _item_reply(item: AgendaItem) -> dict[str, Any]:
    return {"item": agenda_item_state(item=item, audience="council")}


@stream_command("agenda.activate")
def agenda_activate(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    item = services.agenda_item_activate(actor=user, item=_item(args, session),
                                         sitting=_sitting(args, session, required=False))
    return _item_reply(item)


@stream_command("agenda.next")
def agenda_next(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _item_reply(services.agenda_next(actor=user, sitting=_sitting(args, session)))


@stream_command("agenda.previous")
def agenda_previous(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _item_reply(services.agenda_previous(actor=user, sitting=_sitting(args, session)))


@stream_command("agenda.finish")
def agenda_finish(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _item_reply(services.agenda_item_finish(actor=user, item=_item(args, session)))


@stream_command("agenda.skip")
def agenda_skip(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _item_reply(services.agenda_item_skip(actor=user, item=_item(args, session)))


@stream_command("agenda.defer")
def agenda_defer(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    item = services.agenda_item_defer(actor=user, item=_item(args, session),
                                      to_sitting=_sitting(args, session, required=False))
    return _item_reply(item)


@stream_command("agenda.move")
def agenda_move(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    position = args.get("position")
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        raise ServiceError(REQUEST_INVALID, details={"position": "a non-negative integer is required"})
    item = services.agenda_item_move(actor=user, item=_item(args, session),
                                     parent=_item(args, session, "parent", required=False), position=position)
    return _item_reply(item)


def _speaker_reply(request: SpeakerRequest) -> dict[str, Any]:
    return {"request": speaker_request_state(request)}


@stream_command("speaker.request")
def speaker_request(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    request = services.speaker_request(actor=user, item=_item(args, session), kind=_str(args, "kind", default="discussion"),
                                       person=_person(args))
    return _speaker_reply(request)


@stream_command("speaker.withdraw")
def speaker_withdraw(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _speaker_reply(services.speaker_withdraw(actor=user, request=_request(args, session)))


@stream_command("speaker.order")
def speaker_order(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    ids = args.get("requests")
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ServiceError(REQUEST_INVALID, details={"requests": "a list of request ids is required"})
    ordered = services.speaker_order(actor=user, item=_item(args, session), request_ids=ids)
    return {"requests": [r.pk for r in ordered]}


@stream_command("speaker.grant")
def speaker_grant(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    item = _item(args, session)
    request = _request(args, session) if args.get("request") is not None else None
    return _speaker_reply(services.speaker_grant(actor=user, item=item, request=request, person=_person(args)))


def _floor_command(name: str, service: Any) -> None:
    def handler(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
        return _speaker_reply(service(actor=user, request=_request(args, session)))

    handler.__name__ = name.replace(".", "_")
    stream_command(name)(handler)


_floor_command("speaker.pause", services.speaker_pause)
_floor_command("speaker.resume", services.speaker_resume)
_floor_command("speaker.end", services.speaker_end)
_floor_command("speaker.remove", services.speaker_remove)


def _question_reply(question: Question) -> dict[str, Any]:
    return {"question": question_state(question=question, audience="council")}


@stream_command("question.register")
def question_register(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    respondent = _in_session(Official, _int(args, "respondent"), session, "council__sessions")
    question = services.question_register(actor=user, session=session, respondent=respondent,
                                          text=_str(args, "text"), asker=_person(args, "asker"),
                                          source=QuestionSource.TABLET)
    return _question_reply(question)


@stream_command("question.withdraw")
def question_withdraw(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _question_reply(services.question_withdraw(actor=user, question=_question(args, session)))


@stream_command("question.floor")
def question_floor(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _question_reply(services.question_floor(actor=user, question=_question(args, session)))


@stream_command("question.step")
def question_step(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    question = _question(args, session)
    services.question_step(actor=user, question=question, kind=_str(args, "kind", max_length=16), person=_person(args))
    question.refresh_from_db()
    return _question_reply(question)


@stream_command("question.pause")
def question_pause(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _question_reply(services.question_pause(actor=user, question=_question(args, session)))


@stream_command("question.resume")
def question_resume(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _question_reply(services.question_resume(actor=user, question=_question(args, session)))


@stream_command("question.finish")
def question_finish(*, user: Any, session: Session, args: dict[str, Any]) -> dict[str, Any]:
    return _question_reply(services.question_finish(actor=user, question=_question(args, session)))
