"""The questioning sheet (chất vấn): who asked which official what, at which sitting of the import, and how it
ended — answered at the sitting, answered in writing (with the answer and its date), awaiting a written answer,
or not answered. The delegate is found by seat or name among those seated on the sitting's day; the official by
name (and title) among the council's officials, added to them with title and agency when new, and put on the
session's list of respondents; the topic (nhóm vấn đề) by title within the session, created when new. The
question itself is ``agenda.services.questioning_record.question_recorded``: dated by its sitting, numbered in
its session as "Số câu hỏi" says (the number the promises sheet refers to) or with the next number."""

from __future__ import annotations

from typing import Any

from activity import errors
from activity.services.backfill.common import (
    SESSION_NUMBER,
    SITTING_NUMBER,
    Sheet,
    Values,
    YearImport,
    value_text,
)
from agenda.models import Official, QuestionStatus, QuestionTopic, SessionRespondent
from agenda.services import official_create, session_respondent_add, topic_create
from agenda.services.questioning_record import question_recorded
from core.errors import ServiceError
from sessions_app.imports import IMPORT_VALUE_INVALID, Column, value_choice, value_int, value_required
from sessions_app.models import Session
from sessions_app.text import text_fold

Q_SEAT = Column("seat", "Số ghế")
Q_DELEGATE = Column("delegate", "Đại biểu chất vấn")
Q_RESPONDENT = Column("respondent", "Người bị chất vấn", required=True)
Q_TITLE = Column("respondent_title", "Chức vụ")
Q_AGENCY = Column("respondent_agency", "Cơ quan")
Q_TOPIC = Column("topic", "Nhóm vấn đề")
Q_TEXT = Column("text", "Nội dung chất vấn", required=True)
Q_OUTCOME = Column("outcome", "Kết quả trả lời")
Q_WRITTEN = Column("written_answer", "Nội dung trả lời bằng văn bản")
Q_WRITTEN_ON = Column("written_answered_on", "Ngày trả lời bằng văn bản")
Q_NUMBER = Column("number", "Số câu hỏi")  # its number in the session, which the promises sheet refers to
QUESTION_COLUMNS = [SESSION_NUMBER, SITTING_NUMBER, Q_SEAT, Q_DELEGATE, Q_RESPONDENT, Q_TITLE, Q_AGENCY, Q_TOPIC]
QUESTION_COLUMNS += [Q_TEXT, Q_OUTCOME, Q_WRITTEN, Q_WRITTEN_ON, Q_NUMBER]

OUTCOMES = {
    "Trả lời tại phiên họp": QuestionStatus.ANSWERED,
    "Đã trả lời": QuestionStatus.ANSWERED,
    "Trả lời bằng văn bản": QuestionStatus.WRITTEN,
    "Chưa trả lời": QuestionStatus.ASKED,
    "Đã chất vấn": QuestionStatus.ASKED,
}


def official_of(
    year: YearImport, values: Values, *, name: Column = Q_RESPONDENT, title: Column = Q_TITLE, agency: Column = Q_AGENCY
) -> Official:
    """The council's official of that name (and title, when given); a new one needs title and agency."""
    if "officials" not in year.cache:
        officials: dict[str, list[Official]] = {}
        for official in Official.objects.filter(council=year.council):
            officials.setdefault(text_fold(official.full_name), []).append(official)
        year.cache["officials"] = officials
    full_name = value_text(values, name, 120) or value_required(values, name)
    given_title = value_text(values, title, 200)
    found = year.cache["officials"].get(text_fold(full_name), [])
    if given_title:
        found = [o for o in found if text_fold(o.title) == text_fold(given_title)]
    if len(found) > 1:
        expected = "nhiều người trùng tên: ghi chức vụ / several namesakes: give the title"
        raise ServiceError(IMPORT_VALUE_INVALID, value=full_name, column=name.header, expected=expected)
    if found:
        return found[0]
    official = official_create(
        actor=year.actor,
        council=year.council,
        full_name=full_name,
        title=value_required(values, title)[:200],
        agency=value_text(values, agency, 200) or value_required(values, agency),
    )
    year.cache["officials"].setdefault(text_fold(full_name), []).append(official)
    return official


def _listed(year: YearImport, session: Session, official: Official) -> None:
    """The official on the session's list of respondents."""
    key = ("respondents", session.pk)
    if key not in year.cache:
        year.cache[key] = set(SessionRespondent.objects.filter(session=session).values_list("official_id", flat=True))
    if official.pk not in year.cache[key]:
        session_respondent_add(actor=year.actor, session=session, official=official)
        year.cache[key].add(official.pk)


def _topic(year: YearImport, values: Values, session: Session, official: Official) -> QuestionTopic | None:
    title = value_text(values, Q_TOPIC, 300)
    if not title:
        return None
    key = ("topics", session.pk)
    if key not in year.cache:
        year.cache[key] = {text_fold(t.title): t for t in QuestionTopic.objects.filter(session=session)}
    topic = year.cache[key].get(text_fold(title))
    if topic is None:
        topic = topic_create(actor=year.actor, session=session, title=title, respondents=[official])
        year.cache[key][text_fold(title)] = topic
    else:
        topic.respondents.add(official)  # the topic's respondents: each official questioned under it
    return topic


def question_write(year: YearImport, values: Values) -> dict[str, Any]:
    sitting = year.sitting_of(values)
    session = sitting.session
    asker = year.delegate(values, seat=Q_SEAT, name=Q_DELEGATE, on=sitting.date)
    answer = values.get(Q_WRITTEN.key, "").strip()
    answered_on = year.date(values, Q_WRITTEN_ON, later=True)
    outcome = value_choice(values, Q_OUTCOME, OUTCOMES) or (
        QuestionStatus.WRITTEN if answer else QuestionStatus.ANSWERED
    )
    if bool(answer) != (answered_on is not None) or (answer and outcome != QuestionStatus.WRITTEN):
        raise ServiceError(errors.BACKFILL_QUESTION_ANSWER_MISMATCH)
    if answered_on is not None and answered_on < sitting.date:
        raise ServiceError(
            errors.BACKFILL_ANSWER_BEFORE_SITTING,
            date=answered_on.strftime("%d/%m/%Y"),
            sitting=sitting.date.strftime("%d/%m/%Y"),
        )
    text = value_required(values, Q_TEXT)
    number = value_int(values, Q_NUMBER, low=1, high=9999)
    if number is not None and session.questions.filter(position=number).exists():
        raise ServiceError(errors.BACKFILL_QUESTION_NUMBER_TAKEN, session=session.number, number=number)
    official = official_of(year, values)
    _listed(year, session, official)
    question = question_recorded(
        actor=year.actor,
        sitting=sitting,
        asker=asker,
        respondent=official,
        text=text,
        outcome=outcome,
        topic=_topic(year, values, session, official),
        written_answer=answer,
        written_answered_on=answered_on,
        number=number,
    )
    return {
        "question": question.pk,
        "number": question.position,
        "session": session.number,
        "sitting": sitting.number,
        "asker": asker.full_name,
        "respondent": official.full_name,
        "status": question.status,
    }


QUESTIONS = Sheet("questions", "Chất vấn", QUESTION_COLUMNS, question_write)
