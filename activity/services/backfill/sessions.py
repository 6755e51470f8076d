"""The sessions and sittings sheets: a session of the term covering its opening date; a sitting opened as
*recorded* (``sitting_status_set(recorded=True)``) with its attendance (the seats minus the absentees). Once
every row is in, the sittings and their sessions are closed (``close``)."""

from __future__ import annotations

from typing import Any

from activity import errors
from activity.services.backfill.common import (
    SESSION_NUMBER,
    SITTING_NUMBER,
    YES_NO,
    Rows,
    Sheet,
    Values,
    YearImport,
    value_seats,
    value_text,
    value_time,
)
from core.errors import ServiceError
from sessions_app.imports import Column, value_choice, value_int
from sessions_app.models import SessionType, SittingStatus
from sessions_app.services import (
    attendance_recorded_set,
    session_create,
    session_status_set,
    sitting_create,
    sitting_status_set,
)

S_TYPE = Column("type", "Loại kỳ họp")
S_TITLE = Column("title", "Tên kỳ họp", required=True)
S_START = Column("start_date", "Ngày khai mạc", required=True)
S_END = Column("end_date", "Ngày bế mạc", required=True)
S_VENUE = Column("venue", "Địa điểm")
S_PUBLIC = Column("public", "Công khai")
SESSION_COLUMNS = [SESSION_NUMBER, S_TYPE, S_TITLE, S_START, S_END, S_VENUE, S_PUBLIC]

T_DATE = Column("date", "Ngày", required=True)
T_START = Column("start_time", "Giờ bắt đầu", required=True)
T_END = Column("end_time", "Giờ kết thúc")
T_TITLE = Column("title", "Nội dung phiên họp")
T_VENUE = Column("venue", "Địa điểm")
T_CLOSED = Column("closed_door", "Họp kín")
T_DECISION = Column("decision", "Quyết định họp kín")
T_ABSENT = Column("absent", "Ghế vắng mặt")
SITTING_COLUMNS = [SESSION_NUMBER, SITTING_NUMBER, T_DATE, T_START, T_END, T_TITLE, T_VENUE, T_CLOSED, T_DECISION]
SITTING_COLUMNS += [T_ABSENT]

SESSION_TYPES = {
    "Thường lệ": SessionType.REGULAR,
    "Chuyên đề": SessionType.THEMATIC,
    "Chuyên đề / giải quyết công việc phát sinh đột xuất": SessionType.THEMATIC,
    "Bất thường": SessionType.EXTRAORDINARY,
}


def session_write(year: YearImport, values: Values) -> dict[str, Any]:
    number = value_int(values, SESSION_NUMBER, low=1, high=999)
    assert number is not None
    start, end = year.date(values, S_START), year.date(values, S_END)
    assert start is not None and end is not None
    session = session_create(
        actor=year.actor,
        council=year.council,
        term=year.term(start),
        number=number,
        type=value_choice(values, S_TYPE, SESSION_TYPES) or SessionType.REGULAR,
        title=value_text(values, S_TITLE, 300),
        start_date=start,
        end_date=end,
        venue=values.get(S_VENUE.key, "")[:200],
        is_public=value_choice(values, S_PUBLIC, YES_NO) != "0",
    )
    year.sessions[number] = session
    return {"session": session.pk, "number": number, "title": session.title}


def sitting_write(year: YearImport, values: Values) -> dict[str, Any]:
    session = year.session_of(values)
    number = value_int(values, SITTING_NUMBER, low=1, high=99)
    assert number is not None
    day = year.date(values, T_DATE)
    start = value_time(values, T_START)
    assert day is not None and start is not None
    absent = value_seats(values, T_ABSENT)
    sitting = sitting_create(
        actor=year.actor,
        session=session,
        number=number,
        date=day,
        start_time=start,
        end_time=value_time(values, T_END),
        title=values.get(T_TITLE.key, "")[:200],
        venue=values.get(T_VENUE.key, "")[:200],
        is_closed_door=value_choice(values, T_CLOSED, YES_NO) == "1",
        closed_door_decision=values.get(T_DECISION.key, "")[:300],
    )
    sitting = sitting_status_set(actor=year.actor, sitting=sitting, status=SittingStatus.OPEN, recorded=True)
    counts = attendance_recorded_set(actor=year.actor, sitting=sitting, absent_seats=absent)
    year.sittings[(session.number, number)] = sitting
    return {"sitting": sitting.pk, "session": session.number, "number": number, **counts}


SESSIONS = Sheet("sessions", "Kỳ họp", SESSION_COLUMNS, session_write)
SITTINGS = Sheet("sittings", "Phiên họp", SITTING_COLUMNS, sitting_write)


def sessions_close(year: YearImport) -> None:
    """Once every row is in: the recorded sittings and their sessions are closed."""
    for sitting in year.sittings.values():
        sitting_status_set(actor=year.actor, sitting=sitting, status=SittingStatus.CLOSED)
    for session in year.sessions.values():
        if any(s.session_id == session.pk for s in year.sittings.values()):
            session.refresh_from_db()
            session_status_set(actor=year.actor, session=session, status="closed")


def sessions_without_sittings(year: YearImport, rows: Rows) -> list[dict[str, Any]]:
    """A row error for each session of the import that got no sitting."""
    with_sittings = {number for number, _ in year.sittings}
    lines = {v.get(SESSION_NUMBER.key, "").strip(): line for line, v in rows}
    return [
        {
            "sheet": SESSIONS.title,
            "row": lines.get(str(number), 0),
            **ServiceError(errors.BACKFILL_SESSION_NO_SITTING, number=number).as_dict(),
        }
        for number in sorted(year.sessions)
        if number not in with_sittings
    ]
