"""Import of question slips (phiếu chất vấn) collected on paper: one row per slip, registered by the
secretariat through ``question_register``, all rows or none (see ``sessions_app.imports``).

The delegate is found by seat number when the column is filled, else by name among the delegates seated on
the session's first day (ignoring diacritics and case); the respondent by name among the session's
respondents."""

from __future__ import annotations

from typing import Any

from agenda.models import SessionRespondent
from agenda.services import question_register
from agenda.services.common import session_day
from core.errors import ServiceError
from sessions_app.imports import (
    IMPORT_VALUE_INVALID,
    IMPORT_VALUE_UNKNOWN,
    Column,
    duplicates_check,
    import_rows,
    import_run,
    value_int,
    value_required,
)
from sessions_app.models import Person, Session
from sessions_app.permissions import require_manage
from sessions_app.selectors import memberships_in_force
from sessions_app.text import text_fold

SEAT = Column("seat", "Số ghế")
DELEGATE = Column("delegate", "Đại biểu")
RESPONDENT = Column("respondent", "Người bị chất vấn", required=True)
TEXT = Column("text", "Nội dung chất vấn", required=True)
COLUMNS = [SEAT, DELEGATE, RESPONDENT, TEXT]


class SlipRows:
    def __init__(self, *, actor: Any, session: Session) -> None:
        self.actor, self.session = actor, session
        seats = memberships_in_force(council_id=session.council_id, on=session_day(session)).select_related("person")
        self.by_seat = {m.seat: m.person for m in seats}
        self.by_name: dict[str, list[Person]] = {}
        for m in seats:
            self.by_name.setdefault(text_fold(m.person.full_name), []).append(m.person)
        respondents = SessionRespondent.objects.filter(session=session).select_related("official")
        self.respondents = {text_fold(r.official.full_name): r.official for r in respondents}

    def _delegate(self, values: dict[str, str]) -> Person:
        seat = value_int(values, SEAT, low=1, high=999)
        if seat is not None:
            if seat not in self.by_seat:
                raise ServiceError(IMPORT_VALUE_UNKNOWN, value=str(seat), column=SEAT.header)
            return self.by_seat[seat]
        name = value_required(values, DELEGATE)
        found = self.by_name.get(text_fold(name), [])
        if not found:
            raise ServiceError(IMPORT_VALUE_UNKNOWN, value=name, column=DELEGATE.header)
        if len(found) > 1:
            raise ServiceError(
                IMPORT_VALUE_INVALID,
                value=name,
                column=DELEGATE.header,
                expected="nhiều đại biểu trùng tên: ghi số ghế / several namesakes: give the seat",
            )
        return found[0]

    def write(self, values: dict[str, str]) -> dict[str, Any]:
        asker = self._delegate(values)
        name = value_required(values, RESPONDENT)
        respondent = self.respondents.get(text_fold(name))
        if respondent is None:
            raise ServiceError(IMPORT_VALUE_UNKNOWN, value=name, column=RESPONDENT.header)
        question = question_register(
            actor=self.actor,
            session=self.session,
            respondent=respondent,
            text=value_required(values, TEXT),
            asker=asker,
        )
        return {
            "question": question.pk,
            "asker": asker.full_name,
            "respondent": respondent.full_name,
            "text": question.text,
        }


def question_slips_import(*, actor: Any, session: Session, data: bytes, dry_run: bool) -> dict[str, Any]:
    """Register every slip of the file, or none; ``dry_run`` checks everything and saves nothing."""
    require_manage(actor, session.council_id)
    rows = import_rows(data=data, columns=COLUMNS)
    duplicates = duplicates_check(
        rows,
        TEXT,
        lambda v: (
            text_fold(v.get("seat") or v.get("delegate")),
            text_fold(v.get("respondent")),
            text_fold(v.get("text")),
        ),
    )
    writer = SlipRows(actor=actor, session=session)

    def write(line: int, values: dict[str, str]) -> dict[str, Any]:
        if line in duplicates:
            raise duplicates[line]
        return writer.write(values)

    return import_run(rows=rows, write=write, dry_run=dry_run)
