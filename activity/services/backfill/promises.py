"""The promises sheet (lời hứa): what an official promised answering a question of the import — the question
found by its session and its number there ("Kỳ họp thứ", "Số câu hỏi": its "Số câu hỏi" in the questioning
sheet, or its order among the session's rows when that column is left empty) — or promised otherwise at a
session of the import, and what became of it: done on its date or still open, reported on. The promise is
``agenda.services.questioning_record.promise_recorded``: made on its question's day (the sitting's date),
never the import's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from activity import errors
from activity.services.backfill.common import SESSION_NUMBER, Sheet, Values, YearImport, value_text
from activity.services.backfill.questions import official_of
from agenda.models import PromiseStatus, Question
from agenda.selectors import question_date
from agenda.services.questioning_record import promise_recorded
from core.errors import ServiceError
from sessions_app.imports import Column, value_choice, value_date, value_int, value_required

P_QUESTION = Column("question", "Số câu hỏi")
P_OFFICIAL = Column("official", "Người hứa")
P_TITLE = Column("official_title", "Chức vụ")
P_AGENCY = Column("official_agency", "Cơ quan")
P_CONTENT = Column("content", "Nội dung lời hứa", required=True)
P_DUE = Column("due_date", "Hạn thực hiện", required=True)
P_STATUS = Column("status", "Tình trạng")
P_DONE_ON = Column("done_on", "Ngày hoàn thành")
P_REPORT = Column("report_text", "Báo cáo kết quả")
P_REPORTED_ON = Column("reported_on", "Ngày báo cáo")
PROMISE_COLUMNS = [SESSION_NUMBER, P_QUESTION, P_OFFICIAL, P_TITLE, P_AGENCY, P_CONTENT, P_DUE, P_STATUS]
PROMISE_COLUMNS += [P_DONE_ON, P_REPORT, P_REPORTED_ON]

STATUSES = {
    "Đang thực hiện": PromiseStatus.OPEN,
    "Chưa hoàn thành": PromiseStatus.OPEN,
    "Đã hoàn thành": PromiseStatus.DONE,
    "Đã thực hiện": PromiseStatus.DONE,
}


def _question(year: YearImport, values: Values, session_number: int) -> Question | None:
    """The question of the session with that number, among those the import recorded (none: no number)."""
    number = value_int(values, P_QUESTION, low=1, high=9999)
    if number is None:
        return None
    question = (
        Question.objects.filter(session=year.sessions[session_number], position=number)
        .select_related("respondent")
        .first()
    )
    if question is None:
        raise ServiceError(errors.BACKFILL_QUESTION_NOT_FOUND, session=session_number, number=number)
    return question


def _not_before(day: dt.date | None, made: dt.date, column: Column) -> dt.date | None:
    if day is not None and day < made:
        raise ServiceError(
            errors.BACKFILL_PROMISE_BEFORE_MADE,
            date=day.strftime("%d/%m/%Y"),
            column=column.header,
            made=made.strftime("%d/%m/%Y"),
        )
    return day


def promise_write(year: YearImport, values: Values) -> dict[str, Any]:
    session = year.session_of(values)
    question = _question(year, values, session.number)
    if question is not None and not values.get(P_OFFICIAL.key, "").strip():
        official = question.respondent
    else:
        official = official_of(year, values, name=P_OFFICIAL, title=P_TITLE, agency=P_AGENCY)
    content = value_required(values, P_CONTENT)
    done = value_choice(values, P_STATUS, STATUSES) == PromiseStatus.DONE
    done_on = year.date(values, P_DONE_ON, later=True)
    if done != (done_on is not None):
        raise ServiceError(errors.BACKFILL_PROMISE_DONE_MISMATCH)
    report = value_text(values, P_REPORT, 5000)
    reported_on = year.date(values, P_REPORTED_ON, later=True)
    if bool(report) != (reported_on is not None):
        raise ServiceError(errors.BACKFILL_PROMISE_REPORT_MISMATCH)
    made = question_date(question) if question is not None else session.start_date
    due = _not_before(value_date(values, P_DUE), made, P_DUE) or made  # a required column: never empty here
    promise = promise_recorded(
        actor=year.actor,
        session=session,
        official=official,
        content=content,
        due_date=due,
        question=question,
        done_on=_not_before(done_on, made, P_DONE_ON),
        report_text=report,
        reported_on=_not_before(reported_on, made, P_REPORTED_ON),
    )
    return {
        "promise": promise.pk,
        "session": session.number,
        "question": question.position if question is not None else None,
        "official": official.full_name,
        "status": promise.status,
    }


PROMISES = Sheet("promises", "Lời hứa", PROMISE_COLUMNS, promise_write)
