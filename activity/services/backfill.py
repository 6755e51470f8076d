"""Backfill: a council loads a past year (sessions with their sittings and attendance, resolutions with their
number, date, category and show-of-hands counts, supervision missions, citizen receptions and voter petitions)
from one XLSX workbook with a sheet per kind, or from one CSV/XLSX file per kind.

The same machinery and limits as the delegate import (``sessions_app.imports``): headers matched ignoring case and
diacritics, at most ``IMPORT_MAX_ROWS`` rows in all, every row written through the domain services inside one
transaction, a savepoint per row so every row is checked; any error, or a dry run, saves nothing, and the
errors come back per sheet and row with their stable codes.

Every record keeps its legal date: a sitting is opened as *recorded* (``sitting_status_set(recorded=True)``), its
attendance is the list of seats minus the absentees, each resolution is decided by a show-of-hands poll of its
sitting (so it is dated and numbered in the sitting's year), then sittings and sessions are closed. Every date
must fall in the chosen year and not after today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from activity import errors
from activity.models import AuthorityLevel, PetitionField, PetitionStatus, ReceptionKind
from activity.services import records
from core.errors import ServiceError
from sessions_app.imports import (
    IMPORT_ROWS_INVALID,
    IMPORT_VALUE_INVALID,
    IMPORT_VALUE_UNKNOWN,
    Column,
    duplicates_check,
    header_map,
    table_read,
    value_choice,
    value_date,
    value_int,
    value_required,
    workbook_read,
)
from sessions_app.models import Committee, Council, Session, SessionType, Sitting, SittingStatus, Term
from sessions_app.permissions import require_manage
from sessions_app.services import (
    attendance_recorded_set,
    session_create,
    session_status_set,
    sitting_create,
    sitting_status_set,
)
from sessions_app.text import text_fold
from voting import services as voting
from voting.models import PollKind, PollMethod, ResolutionCategory, ResolutionKind, ResolutionStatus

Rows = list[tuple[int, dict[str, str]]]

# Columns ---------------------------------------------------------------------------------------------------------
SESSION_NUMBER = Column("session", "Kỳ họp thứ", required=True)
S_TYPE = Column("type", "Loại kỳ họp")
S_TITLE = Column("title", "Tên kỳ họp", required=True)
S_START = Column("start_date", "Ngày khai mạc", required=True)
S_END = Column("end_date", "Ngày bế mạc", required=True)
S_VENUE = Column("venue", "Địa điểm")
S_PUBLIC = Column("public", "Công khai")
SESSION_COLUMNS = [SESSION_NUMBER, S_TYPE, S_TITLE, S_START, S_END, S_VENUE, S_PUBLIC]

SITTING_NUMBER = Column("sitting", "Phiên số", required=True)
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

R_NUMBER = Column("number", "Số nghị quyết")
R_KIND = Column("kind", "Loại nghị quyết")
R_CATEGORY = Column("category", "Lĩnh vực")
R_TITLE = Column("title", "Tên nghị quyết", required=True)
R_YES = Column("yes", "Tán thành", required=True)
R_NO = Column("no", "Không tán thành")
R_ABSTAIN = Column("abstain", "Không biểu quyết")
R_PUBLISHED = Column("published", "Công bố")
RESOLUTION_COLUMNS = [SESSION_NUMBER, SITTING_NUMBER, R_NUMBER, R_KIND, R_CATEGORY, R_TITLE, R_YES, R_NO, R_ABSTAIN]
RESOLUTION_COLUMNS += [R_PUBLISHED]

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

P_CONTENT = Column("content", "Nội dung kiến nghị", required=True)
P_FIELD = Column("field", "Lĩnh vực")
P_AUTHORITY = Column("authority", "Thẩm quyền giải quyết", required=True)
P_RECEIVED = Column("received_on", "Ngày tiếp nhận", required=True)
P_STATUS = Column("status", "Tình trạng")
P_CHANGED = Column("changed_on", "Ngày cập nhật tình trạng")
P_RESPONSE = Column("response", "Kết quả trả lời, giải quyết")
PETITION_COLUMNS = [P_CONTENT, P_FIELD, P_AUTHORITY, P_RECEIVED, P_STATUS, P_CHANGED, P_RESPONSE]


@dataclass(frozen=True)
class Sheet:
    key: str  # the REST field of its CSV file
    title: str  # the sheet's name in the workbook
    columns: list[Column]


SHEETS = [
    Sheet("sessions", "Kỳ họp", SESSION_COLUMNS),
    Sheet("sittings", "Phiên họp", SITTING_COLUMNS),
    Sheet("resolutions", "Nghị quyết", RESOLUTION_COLUMNS),
    Sheet("supervisions", "Giám sát", SUPERVISION_COLUMNS),
    Sheet("receptions", "Tiếp công dân", RECEPTION_COLUMNS),
    Sheet("petitions", "Kiến nghị cử tri", PETITION_COLUMNS),
]
SHEET_BY_KEY = {s.key: s for s in SHEETS}
GUIDE_SHEET = "Hướng dẫn"  # the template's instructions: read by people, skipped by the import

YES_NO = {"có": "1", "x": "1", "không": "0"}
SESSION_TYPES = {
    "Thường lệ": SessionType.REGULAR,
    "Chuyên đề": SessionType.THEMATIC,
    "Chuyên đề / giải quyết công việc phát sinh đột xuất": SessionType.THEMATIC,
    "Bất thường": SessionType.EXTRAORDINARY,
}
RESOLUTION_KINDS = {
    "Cá biệt": ResolutionKind.ORDINARY,
    "Quy phạm pháp luật": ResolutionKind.NORMATIVE,
    **{str(label): value for value, label in ResolutionKind.choices},
}
RECEPTION_KINDS = {"Định kỳ": ReceptionKind.PERIODIC, "Thường xuyên": ReceptionKind.REGULAR}
RECEPTION_KINDS |= {str(label): value for value, label in ReceptionKind.choices}
PETITION_FIELDS = {str(label): value for value, label in PetitionField.choices}
AUTHORITIES = {str(label): value for value, label in AuthorityLevel.choices}
PETITION_STATUSES = {str(label): value for value, label in PetitionStatus.choices}
PETITION_STATUSES["Đã giải trình"] = PetitionStatus.EXPLAINED
NUMBER = re.compile(r"^0*(\d{1,5})(?:/(\d{4}))?(?:/NQ-H[ĐD]ND)?$", re.IGNORECASE)
TIME = re.compile(r"^(\d{1,2})[:hg](\d{2})(?::\d{2})?$")
MAX_VOTES = 999


def _time(values: dict[str, str], column: Column) -> dt.time | None:
    """HH:MM (also 8h00, and Excel times read as 08:00:00)."""
    raw = values.get(column.key, "").strip()
    if not raw:
        if column.required:
            value_required(values, column)
        return None
    match = TIME.match(raw)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected="HH:MM")
    return dt.time(int(match.group(1)), int(match.group(2)))


def _seats(values: dict[str, str], column: Column) -> set[int]:
    raw = values.get(column.key, "").strip()
    parts = [p for p in re.split(r"[;,\s]+", raw) if p]
    if not all(p.isdigit() and 1 <= int(p) <= 999 for p in parts):
        raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected="3; 17; 42")
    return {int(p) for p in parts}


@dataclass
class YearImport:
    """Writes one year of one council, sheet by sheet, remembering what earlier sheets created."""

    actor: Any
    council: Council
    year: int
    today: dt.date
    sessions: dict[int, Session] = field(default_factory=dict)
    sittings: dict[tuple[int, int], Sitting] = field(default_factory=dict)
    categories: dict[str, ResolutionCategory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for category in ResolutionCategory.objects.all():
            self.categories[text_fold(category.code)] = category
            self.categories[text_fold(category.name)] = category

    # Checks shared by the sheets ----------------------------------------------------------------------------------
    def date(self, values: dict[str, str], column: Column, *, later: bool = False) -> dt.date | None:
        """A date of the year (``later``: of the year or after it, e.g. a report filed in January), not after today."""
        day = value_date(values, column)
        if day is None:
            return None
        if day.year != self.year and not (later and day.year > self.year):
            raise ServiceError(
                errors.BACKFILL_DATE_OUTSIDE_YEAR, date=day.strftime("%d/%m/%Y"), column=column.header, year=self.year
            )
        if day > self.today:
            raise ServiceError(errors.BACKFILL_DATE_FUTURE, date=day.strftime("%d/%m/%Y"), column=column.header)
        return day

    def term(self, on: dt.date) -> Term:
        term = Term.objects.filter(council=self.council, start_date__lte=on, end_date__gte=on).first()
        if term is None:
            raise ServiceError(errors.BACKFILL_NO_TERM, date=on.strftime("%d/%m/%Y"))
        return term

    def session_of(self, values: dict[str, str]) -> Session:
        number = value_int(values, SESSION_NUMBER, low=1, high=999)
        if number not in self.sessions:
            raise ServiceError(errors.BACKFILL_SESSION_UNKNOWN, number=number)
        return self.sessions[number]

    # Sheets ---------------------------------------------------------------------------------------------------------
    def session(self, values: dict[str, str]) -> dict[str, Any]:
        number = value_int(values, SESSION_NUMBER, low=1, high=999)
        assert number is not None
        start, end = self.date(values, S_START), self.date(values, S_END)
        assert start is not None and end is not None
        session = session_create(
            actor=self.actor,
            council=self.council,
            term=self.term(start),
            number=number,
            type=value_choice(values, S_TYPE, SESSION_TYPES) or SessionType.REGULAR,
            title=" ".join(value_required(values, S_TITLE).split())[:300],
            start_date=start,
            end_date=end,
            venue=values.get("venue", "")[:200],
            is_public=value_choice(values, S_PUBLIC, YES_NO) != "0",
        )
        self.sessions[number] = session
        return {"session": session.pk, "number": number, "title": session.title}

    def sitting(self, values: dict[str, str]) -> dict[str, Any]:
        session = self.session_of(values)
        number = value_int(values, SITTING_NUMBER, low=1, high=99)
        assert number is not None
        day = self.date(values, T_DATE)
        start = _time(values, T_START)
        assert day is not None and start is not None
        absent = _seats(values, T_ABSENT)
        sitting = sitting_create(
            actor=self.actor,
            session=session,
            number=number,
            date=day,
            start_time=start,
            end_time=_time(values, T_END),
            title=values.get("title", "")[:200],
            venue=values.get("venue", "")[:200],
            is_closed_door=value_choice(values, T_CLOSED, YES_NO) == "1",
            closed_door_decision=values.get("decision", "")[:300],
        )
        sitting = sitting_status_set(actor=self.actor, sitting=sitting, status=SittingStatus.OPEN, recorded=True)
        counts = attendance_recorded_set(actor=self.actor, sitting=sitting, absent_seats=absent)
        self.sittings[(session.number, number)] = sitting
        return {"sitting": sitting.pk, "session": session.number, "number": number, **counts}

    def _number(self, values: dict[str, str], year: int) -> tuple[int | None, str | None]:
        """(serial, kind implied by the number) from "12/NQ-HĐND", "05/2025/NQ-HĐND" or "12"."""
        raw = values.get(R_NUMBER.key, "").strip().replace(" ", "")
        if not raw:
            return None, None
        match = NUMBER.match(raw)
        if not match or int(match.group(1)) == 0 or (match.group(2) and int(match.group(2)) != year):
            raise ServiceError(errors.BACKFILL_NUMBER_INVALID, value=values[R_NUMBER.key].strip()[:40], year=year)
        return int(match.group(1)), (ResolutionKind.NORMATIVE if match.group(2) else None)

    def resolution(self, values: dict[str, str]) -> dict[str, Any]:
        session = self.session_of(values)
        number = value_int(values, SITTING_NUMBER, low=1, high=99)
        sitting = self.sittings.get((session.number, number or 0))
        if sitting is None:
            raise ServiceError(errors.BACKFILL_SITTING_UNKNOWN, number=number, session=session.number)
        serial, implied = self._number(values, sitting.date.year)
        kind = value_choice(values, R_KIND, RESOLUTION_KINDS) or implied or ResolutionKind.ORDINARY
        if serial is not None and kind == ResolutionKind.NORMATIVE and implied is None:
            raise ServiceError(errors.BACKFILL_NUMBER_INVALID, value=values[R_NUMBER.key], year=sitting.date.year)
        category = None
        if values.get(R_CATEGORY.key, "").strip():
            category = self.categories.get(text_fold(values[R_CATEGORY.key]))
            if category is None:
                raise ServiceError(IMPORT_VALUE_UNKNOWN, value=values[R_CATEGORY.key], column=R_CATEGORY.header)
        counts = {
            "yes": value_int(values, R_YES, low=0, high=MAX_VOTES) or 0,
            "no": value_int(values, R_NO, low=0, high=MAX_VOTES) or 0,
            "abstain": value_int(values, R_ABSTAIN, low=0, high=MAX_VOTES) or 0,
        }
        title = " ".join(value_required(values, R_TITLE).split())[:400]
        poll = voting.poll_create(
            actor=self.actor,
            session=session,
            sitting=sitting,
            title=f"Biểu quyết thông qua {title}"[:300],
            kind=PollKind.RESOLUTION,
            method=PollMethod.SHOW_OF_HANDS,
        )
        resolution = voting.resolution_create(
            actor=self.actor, session=session, title=title, poll=poll, kind=kind, category=category
        )
        poll = voting.poll_open(actor=self.actor, poll=poll, quorum_confirmed=True)
        poll = voting.poll_hands_record(actor=self.actor, poll=poll, counts=counts)
        poll = voting.poll_close(actor=self.actor, poll=poll)
        poll = voting.poll_publish(actor=self.actor, poll=poll)
        resolution.refresh_from_db()
        if resolution.status != ResolutionStatus.ADOPTED:
            if serial is not None:
                raise ServiceError(errors.BACKFILL_NUMBER_REJECTED, yes=counts["yes"], total=poll.total_delegates)
        else:
            if serial is not None and serial != resolution.serial:
                resolution = voting.resolution_number_set(actor=self.actor, resolution=resolution, serial=serial)
            if value_choice(values, R_PUBLISHED, YES_NO) != "0":
                resolution = voting.resolution_publish(actor=self.actor, resolution=resolution)
        return {
            "resolution": resolution.pk,
            "poll": poll.pk,
            "number": resolution.number or None,
            "status": resolution.status,
            "adopted_on": sitting.date.isoformat(),
        }

    def close(self) -> None:
        """Once every row is in: the recorded sittings and their sessions are closed."""
        for sitting in self.sittings.values():
            sitting_status_set(actor=self.actor, sitting=sitting, status=SittingStatus.CLOSED)
        for session in self.sessions.values():
            if any(s.session_id == session.pk for s in self.sittings.values()):
                session.refresh_from_db()
                session_status_set(actor=self.actor, session=session, status="closed")

    def _committee(self, values: dict[str, str], on: dt.date) -> Committee | None:
        raw = values.get(M_COMMITTEE.key, "").strip()
        if not raw:
            return None
        for committee in Committee.objects.filter(term=self.term(on)):
            if text_fold(committee.name) == text_fold(raw):
                return committee
        raise ServiceError(IMPORT_VALUE_UNKNOWN, value=raw, column=M_COMMITTEE.header)

    def supervision(self, values: dict[str, str]) -> dict[str, Any]:
        start, end = self.date(values, M_START), self.date(values, M_END)
        assert start is not None and end is not None
        mission = records.supervision_save(
            actor=self.actor,
            council=self.council,
            title=value_required(values, M_TITLE)[:300],
            field=values.get("field", "")[:120],
            committee=self._committee(values, start),
            start_date=start,
            end_date=end,
            report_due=value_date(values, M_DUE),
            report_submitted_on=self.date(values, M_SUBMITTED, later=True),
            conclusion=values.get("conclusion", ""),
        )
        return {"supervision": mission.pk, "start_date": start.isoformat()}

    def reception(self, values: dict[str, str]) -> dict[str, Any]:
        day = self.date(values, C_DATE)
        assert day is not None
        reception = records.citizen_reception_save(
            actor=self.actor,
            council=self.council,
            kind=value_choice(values, C_KIND, RECEPTION_KINDS) or ReceptionKind.PERIODIC,
            date=day,
            place=values.get("place", "")[:200],
            citizens_received=value_int(values, C_CITIZENS, low=0, high=100000) or 0,
            opinions_received=value_int(values, C_OPINIONS, low=0, high=100000) or 0,
            petitions_received=value_int(values, C_LETTERS, low=0, high=100000) or 0,
            note=values.get("note", ""),
        )
        return {"reception": reception.pk, "date": day.isoformat()}

    def petition(self, values: dict[str, str]) -> dict[str, Any]:
        received = self.date(values, P_RECEIVED)
        assert received is not None
        status = value_choice(values, P_STATUS, PETITION_STATUSES) or PetitionStatus.RECEIVED
        changed = self.date(values, P_CHANGED, later=True) or received
        petition = records.petition_register(
            actor=self.actor,
            council=self.council,
            content=value_required(values, P_CONTENT),
            field=value_choice(values, P_FIELD, PETITION_FIELDS) or PetitionField.OTHER,
            authority_level=value_choice(values, P_AUTHORITY, AUTHORITIES) or AuthorityLevel.COMMUNE,
            received_on=received,
        )
        steps = {
            PetitionStatus.RECEIVED: [],
            PetitionStatus.IN_PROGRESS: [PetitionStatus.IN_PROGRESS],
            PetitionStatus.RESOLVED: [PetitionStatus.IN_PROGRESS, PetitionStatus.RESOLVED],
            PetitionStatus.EXPLAINED: [PetitionStatus.IN_PROGRESS, PetitionStatus.EXPLAINED],
        }[PetitionStatus(status)]
        for step in steps:
            final = step == status
            petition = records.petition_status_set(
                actor=self.actor,
                petition=petition,
                status=step,
                on=changed,
                response=values.get("response", "") if final else "",
            )
        return {"petition": petition.pk, "status": petition.status}


WRITERS: dict[str, Callable[[YearImport, dict[str, str]], dict[str, Any]]] = {
    "sessions": YearImport.session,
    "sittings": YearImport.sitting,
    "resolutions": YearImport.resolution,
    "supervisions": YearImport.supervision,
    "receptions": YearImport.reception,
    "petitions": YearImport.petition,
}


def backfill_sheets(*, workbook: bytes | None = None, files: dict[str, bytes] | None = None) -> dict[str, Rows]:
    """The rows of each sheet, by sheet key, from one workbook (sheets named as ``SHEETS``; a "Hướng dẫn"
    sheet is skipped) or from one file per sheet key. Header errors and unknown sheets refuse the whole import."""
    files = {k: v for k, v in (files or {}).items() if v is not None}
    if workbook is not None and files:
        raise ServiceError(errors.BACKFILL_BOTH)
    tables: dict[str, list[list[str]]] = {}
    if workbook is not None:
        by_title = {text_fold(s.title): s for s in SHEETS}
        for title, rows in workbook_read(data=workbook):
            if text_fold(title) == text_fold(GUIDE_SHEET) or not rows:
                continue
            sheet = by_title.get(text_fold(title))
            if sheet is None:
                expected = ", ".join(s.title for s in SHEETS)
                raise ServiceError(errors.BACKFILL_SHEET_UNKNOWN, sheet=title[:60], expected=expected)
            tables[sheet.key] = rows
    else:
        for key, data in files.items():
            if key not in SHEET_BY_KEY:
                expected = ", ".join(SHEET_BY_KEY)
                raise ServiceError(errors.BACKFILL_SHEET_UNKNOWN, sheet=key[:60], expected=expected)
            tables[key] = table_read(data=data)
    rows_by_sheet: dict[str, Rows] = {}
    for sheet in SHEETS:
        table = tables.get(sheet.key)
        if not table or len(table) < 2:
            continue
        try:
            positions = header_map(table[0], sheet.columns)
        except ServiceError as error:
            raise ServiceError(error.code, details={**error.details, "sheet": sheet.title}, **error.params) from None
        rows_by_sheet[sheet.key] = [
            (line, {key: (row[i] if i < len(row) else "") for key, i in positions.items()})
            for line, row in enumerate(table[1:], start=2)
        ]
    if not rows_by_sheet:
        raise ServiceError(errors.BACKFILL_NOTHING)
    return rows_by_sheet


def _duplicates(rows_by_sheet: dict[str, Rows]) -> dict[tuple[str, int], ServiceError]:
    found: dict[tuple[str, int], ServiceError] = {}

    def number(key: str) -> Callable[[dict[str, str]], Any]:
        return lambda v: v.get(key, "").strip() or None

    for line, error in duplicates_check(rows_by_sheet.get("sessions", []), SESSION_NUMBER, number("session")).items():
        found[("sessions", line)] = error
    sittings = rows_by_sheet.get("sittings", [])
    pair = duplicates_check(sittings, SITTING_NUMBER, lambda v: (v.get("session", "").strip(), v.get("sitting")))
    found |= {("sittings", line): error for line, error in pair.items()}
    return found


def backfill_import(
    *,
    actor: Any,
    council: Council,
    year: int,
    dry_run: bool,
    workbook: bytes | None = None,
    files: dict[str, bytes] | None = None,
) -> dict[str, Any]:
    """Import one past year of ``council``: all rows of all sheets or nothing. ``dry_run`` checks everything
    (through the same services) and saves nothing. Errors: ``import.rows_invalid`` with
    ``details.errors = [{sheet, row, code, message, …}]``, or a whole-file code."""
    require_manage(actor, council)
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise ServiceError(errors.BACKFILL_YEAR_INVALID, current=today.year)
    rows_by_sheet = backfill_sheets(workbook=workbook, files=files)
    duplicates = _duplicates(rows_by_sheet)
    writer = YearImport(actor=actor, council=council, year=year, today=today)
    failed: list[dict[str, Any]] = []
    written: dict[str, list[dict[str, Any]]] = {}
    with transaction.atomic():
        for sheet in SHEETS:
            for line, values in rows_by_sheet.get(sheet.key, []):
                try:
                    if (sheet.key, line) in duplicates:
                        raise duplicates[(sheet.key, line)]
                    with transaction.atomic():
                        result = WRITERS[sheet.key](writer, values)
                    written.setdefault(sheet.key, []).append({"row": line, **result})
                except ServiceError as error:
                    failed.append({"sheet": sheet.title, "row": line, **error.as_dict()})
            if sheet.key == "sittings":
                failed += _sessions_without_sittings(writer, rows_by_sheet)
        if not failed:
            writer.close()
        if failed or dry_run:
            transaction.set_rollback(True)
    if failed:
        raise ServiceError(IMPORT_ROWS_INVALID, count=len(failed), details={"errors": failed})
    counts = {key: len(rows) for key, rows in written.items()}
    return {"dry_run": dry_run, "saved": not dry_run, "year": year, "counts": counts, "sheets": written}


def _sessions_without_sittings(writer: YearImport, rows_by_sheet: dict[str, Rows]) -> list[dict[str, Any]]:
    with_sittings = {number for number, _ in writer.sittings}
    lines = {v.get("session", "").strip(): line for line, v in rows_by_sheet.get("sessions", [])}
    return [
        {
            "sheet": SHEET_BY_KEY["sessions"].title,
            "row": lines.get(str(number), 0),
            **ServiceError(errors.BACKFILL_SESSION_NO_SITTING, number=number).as_dict(),
        }
        for number in sorted(writer.sessions)
        if number not in with_sittings
    ]


def backfill_template() -> list[tuple[str, list[str]]]:
    """The sheets of the downloadable template: (title, headers), the instructions sheet first."""
    return [(sheet.title, [c.header for c in sheet.columns]) for sheet in SHEETS]
