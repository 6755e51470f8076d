"""The supervision and citizen-reception sheets: one activity record a row, through ``activity.services.records``,
at its own dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from activity.models import ReceptionKind
from activity.services import records
from activity.services.backfill.common import Sheet, Values, YearImport
from core.errors import ServiceError
from sessions_app.imports import IMPORT_VALUE_UNKNOWN, Column, value_choice, value_date, value_int, value_required
from sessions_app.models import Committee
from sessions_app.text import text_fold

M_TITLE = Column("title", "Chuyên đề giám sát", required=True)
M_FIELD = Column("field", "Lĩnh vực")
M_COMMITTEE = Column("committee", "Ban thực hiện")
M_START = Column("start_date", "Từ ngày", required=True)
M_END = Column("end_date", "Đến ngày", required=True)
M_DUE = Column("report_due", "Hạn nộp báo cáo")
M_SUBMITTED = Column("report_submitted_on", "Ngày nộp báo cáo")
M_CONCLUSION = Column("conclusion", "Kết luận, kiến nghị")
SUPERVISION_COLUMNS = [M_TITLE, M_FIELD, M_COMMITTEE, M_START, M_END, M_DUE, M_SUBMITTED, M_CONCLUSION]

C_KIND = Column("kind", "Hình thức tiếp", required=True)
C_DATE = Column("date", "Ngày tiếp", required=True)
C_PLACE = Column("place", "Địa điểm")
C_CITIZENS = Column("citizens", "Lượt công dân", required=True)
C_OPINIONS = Column("opinions", "Ý kiến, kiến nghị, phản ánh")
C_LETTERS = Column("letters", "Đơn thư tiếp nhận")
C_NOTE = Column("note", "Ghi chú")
RECEPTION_COLUMNS = [C_KIND, C_DATE, C_PLACE, C_CITIZENS, C_OPINIONS, C_LETTERS, C_NOTE]

RECEPTION_KINDS = {"Định kỳ": ReceptionKind.PERIODIC, "Thường xuyên": ReceptionKind.REGULAR}
RECEPTION_KINDS |= {str(label): value for value, label in ReceptionKind.choices}


def _committee(year: YearImport, values: Values, on: dt.date) -> Committee | None:
    raw = values.get(M_COMMITTEE.key, "").strip()
    if not raw:
        return None
    for committee in Committee.objects.filter(term=year.term(on)):
        if text_fold(committee.name) == text_fold(raw):
            return committee
    raise ServiceError(IMPORT_VALUE_UNKNOWN, value=raw, column=M_COMMITTEE.header)


def supervision_write(year: YearImport, values: Values) -> dict[str, Any]:
    start, end = year.date(values, M_START), year.date(values, M_END)
    assert start is not None and end is not None
    mission = records.supervision_save(
        actor=year.actor,
        council=year.council,
        title=value_required(values, M_TITLE)[:300],
        field=values.get(M_FIELD.key, "")[:120],
        committee=_committee(year, values, start),
        start_date=start,
        end_date=end,
        report_due=value_date(values, M_DUE),
        report_submitted_on=year.date(values, M_SUBMITTED, later=True),
        conclusion=values.get(M_CONCLUSION.key, ""),
    )
    return {"supervision": mission.pk, "start_date": start.isoformat()}


def reception_write(year: YearImport, values: Values) -> dict[str, Any]:
    day = year.date(values, C_DATE)
    assert day is not None
    reception = records.citizen_reception_save(
        actor=year.actor,
        council=year.council,
        kind=value_choice(values, C_KIND, RECEPTION_KINDS) or ReceptionKind.PERIODIC,
        date=day,
        place=values.get(C_PLACE.key, "")[:200],
        citizens_received=value_int(values, C_CITIZENS, low=0, high=100000) or 0,
        opinions_received=value_int(values, C_OPINIONS, low=0, high=100000) or 0,
        petitions_received=value_int(values, C_LETTERS, low=0, high=100000) or 0,
        note=values.get(C_NOTE.key, ""),
    )
    return {"reception": reception.pk, "date": day.isoformat()}


SUPERVISIONS = Sheet("supervisions", "Giám sát", SUPERVISION_COLUMNS, supervision_write)
RECEPTIONS = Sheet("receptions", "Tiếp công dân", RECEPTION_COLUMNS, reception_write)
