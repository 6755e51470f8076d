"""The agenda's REST-only writes (``socket=False``), each declared once (``core.writes``): agenda items and their
documents (set-up), officials, a session's respondents, question topics, written answers, promises and
explanation sessions. Served by ``agenda.api`` (``items``, ``promises``, ``questioning``); the services check every rule. Inputs acting on the URL's object name it as a
:class:`~core.writes.RowRef` (the REST body leaves it out)."""

from __future__ import annotations

from typing import Any

from agenda import serializers as s
from agenda import services
from agenda.models import AgendaItem, Document, ExplanationSession, Promise, Question, QuestionTopic
from core.writes import RowRef, Write


def _rest(name: str, input: Any, service: Any, reply: Any, **options: Any) -> Write:
    return Write(name, input, service, reply, socket=False, **options)


def _reply(output: Any) -> Any:
    def reply(row: Any) -> dict[str, Any]:
        return dict(output(row).data)

    return reply


# Inputs of the writes on the URL's object: the view's input with the object's id.


class AgendaItemUpdateInput(s.AgendaItemUpdateInput):
    item = RowRef(AgendaItem, scope=None)


class DocumentUpdateInput(s.DocumentUpdateInput):
    document = RowRef(Document, scope=None)


class DocumentVersionInput(s.FileInput):
    document = RowRef(Document, scope=None)


class PromiseReportInput(s.PromiseReportInput):
    promise = RowRef(Promise, scope=None)


class ExplanationUpdateInput(s.ExplanationUpdateInput):
    explanation = RowRef(ExplanationSession, scope=None)


class ConclusionInput(s.ConclusionInput):
    explanation = RowRef(ExplanationSession, scope=None)


class TopicArrangeInput(s.QuestionIdsInput):
    topic = RowRef(QuestionTopic, scope=None)


class WrittenAnswerInput(s.TextInput):
    question = RowRef(Question, scope=None)


def _topic_arrange(*, actor: Any, topic: QuestionTopic, questions: list[int]) -> QuestionTopic:
    services.topic_arrange(actor=actor, topic=topic, question_ids=questions)
    return topic


def _written_answer(*, actor: Any, question: Question, text: str) -> Question:
    services.question_answer_written(actor=actor, question=question, text=text)
    question.refresh_from_db()
    return question


def _to_writing(*, actor: Any, questions: list[int] | None = None, **arguments: Any) -> list[Question]:
    return services.questions_to_writing(actor=actor, question_ids=questions, **arguments)


def _questions_reply(questions: list[Question]) -> list[dict[str, Any]]:
    return [dict(row) for row in s.QuestionSerializer(questions, many=True).data]


_item = _reply(s.AgendaItemSerializer)
_document = _reply(s.DocumentSerializer)

AGENDA_ITEM_CREATE = _rest("agenda_item.create", s.AgendaItemInput, services.agenda_item_create, _item)
AGENDA_ITEM_UPDATE = _rest(
    "agenda_item.update", AgendaItemUpdateInput, services.agenda_item_update, _item, target="item", partial=True
)
DOCUMENT_UPLOAD = _rest("document.upload", s.DocumentInput, services.document_upload, _document)
DOCUMENT_UPDATE = _rest(
    "document.update", DocumentUpdateInput, services.document_update, _document, target="document", partial=True
)
DOCUMENT_VERSION_ADD = _rest(
    "document.version_add",
    DocumentVersionInput,
    services.document_version_add,
    _reply(s.DocumentVersionSerializer),
    target="document",
)

_promise = _reply(s.PromiseSerializer)
_explanation = _reply(s.ExplanationSerializer)

PROMISE_RECORD = _rest("promise.record", s.PromiseInput, services.promise_record, _promise)
PROMISE_REPORT = _rest("promise.report", PromiseReportInput, services.promise_report_submit, _promise, target="promise")
EXPLANATION_CREATE = _rest("explanation.create", s.ExplanationInput, services.explanation_create, _explanation)
EXPLANATION_UPDATE = _rest(
    "explanation.update",
    ExplanationUpdateInput,
    services.explanation_update,
    _explanation,
    target="explanation",
    partial=True,
)
EXPLANATION_CONCLUDE = _rest(
    "explanation.conclude", ConclusionInput, services.explanation_conclude, _explanation, target="explanation"
)

OFFICIAL_CREATE = _rest("official.create", s.OfficialInput, services.official_create, _reply(s.OfficialSerializer))
RESPONDENT_ADD = _rest(
    "session_respondent.add",
    s.SessionRespondentInput,
    services.session_respondent_add,
    _reply(s.SessionRespondentSerializer),
)
TOPIC_CREATE = _rest("topic.create", s.QuestionTopicInput, services.topic_create, _reply(s.QuestionTopicSerializer))
TOPIC_ARRANGE = _rest(
    "topic.arrange", TopicArrangeInput, _topic_arrange, _reply(s.QuestionTopicSerializer), target="topic"
)
QUESTION_WRITTEN_ANSWER = _rest(
    "question.written_answer", WrittenAnswerInput, _written_answer, _reply(s.QuestionSerializer), target="question"
)
QUESTIONS_TO_WRITING = _rest("question.to_writing", s.ToWritingInput, _to_writing, _questions_reply)
