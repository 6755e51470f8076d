"""Import of a council's delegate list (danh sách đại biểu) for a term: one row per seat.

A person already seated in this council (same name and birth year, ignoring diacritics and case) is reused,
so the seat overlap check of ``membership_add`` reports a list imported twice; anyone else becomes a new
person. Committees and delegate groups are named as in the term's lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.errors import ServiceError
from sessions_app.errors import SESSION_TERM_MISMATCH
from sessions_app.imports import (
    IMPORT_VALUE_UNKNOWN,
    Column,
    duplicates_check,
    import_rows,
    import_run,
    value_choice,
    value_date,
    value_int,
    value_required,
)
from sessions_app.models import Committee, Council, DelegateGroup, Membership, MembershipRole, Person, Term
from sessions_app.permissions import require_manage
from sessions_app.services.memberships import membership_add
from sessions_app.text import text_fold

SEAT = Column("seat", "Số ghế", required=True)
NAME = Column("full_name", "Họ và tên", required=True)
GENDER = Column("gender", "Giới tính")
BIRTH_YEAR = Column("birth_year", "Năm sinh")
ETHNICITY = Column("ethnicity", "Dân tộc")
OCCUPATION = Column("occupation", "Nghề nghiệp, chức vụ")
ROLE = Column("role", "Chức vụ HĐND")
COMMITTEE = Column("committee", "Ban")
GROUP = Column("group", "Tổ đại biểu")
FULL_TIME = Column("full_time", "Chuyên trách")
START = Column("start_date", "Từ ngày", required=True)
END = Column("end_date", "Đến ngày")
EMAIL = Column("email", "Thư điện tử")
PHONE = Column("phone", "Điện thoại")
COLUMNS = [
    SEAT,
    NAME,
    GENDER,
    BIRTH_YEAR,
    ETHNICITY,
    OCCUPATION,
    ROLE,
    COMMITTEE,
    GROUP,
    FULL_TIME,
    START,
    END,
    EMAIL,
    PHONE,
]

GENDERS = {"Nữ": Person.Gender.FEMALE, "Nam": Person.Gender.MALE, "Khác": Person.Gender.OTHER}
ROLES = {str(label): value for value, label in MembershipRole.choices}
YES_NO = {"có": "1", "x": "1", "không": "0"}


def _person_key(values: dict[str, str]) -> tuple[str, str] | None:
    name = text_fold(values.get("full_name"))
    return (name, values.get("birth_year", "").strip()) if name else None


class DelegateRows:
    """Turns rows into persons and seats for one council and term."""

    def __init__(self, *, actor: Any, council: Council, term: Term) -> None:
        self.actor, self.council, self.term = actor, council, term
        self.committees = {text_fold(c.name): c for c in Committee.objects.filter(term=term)}
        self.groups = {text_fold(g.name): g for g in DelegateGroup.objects.filter(term=term)}
        seated = Person.objects.filter(memberships__council=council).distinct()
        self.people = {(text_fold(p.full_name), str(p.birth_year or "")): p for p in seated}

    def _organ(self, values: dict[str, str], column: Column, known: dict[str, Any]) -> Any:
        raw = values.get(column.key, "").strip()
        if not raw:
            return None
        if text_fold(raw) not in known:
            raise ServiceError(IMPORT_VALUE_UNKNOWN, value=raw, column=column.header)
        return known[text_fold(raw)]

    def write(self, values: dict[str, str]) -> dict[str, Any]:
        seat = value_int(values, SEAT, low=1, high=999)
        name = " ".join(value_required(values, NAME).split())
        birth_year = value_int(values, BIRTH_YEAR, low=1900, high=dt.date.today().year)
        gender = value_choice(values, GENDER, GENDERS) or ""
        role = value_choice(values, ROLE, ROLES) or MembershipRole.DELEGATE
        full_time = value_choice(values, FULL_TIME, YES_NO) == "1"
        start, end = value_date(values, START), value_date(values, END)
        committee = self._organ(values, COMMITTEE, self.committees)
        group = self._organ(values, GROUP, self.groups)
        person = self.people.get((text_fold(name), str(birth_year or "")))
        if person is None:
            person = Person.objects.create(
                full_name=name,
                gender=gender,
                birth_year=birth_year,
                ethnicity=values.get("ethnicity", "")[:40],
                occupation=values.get("occupation", "")[:200],
                email=values.get("email", "")[:254],
                phone=values.get("phone", "")[:30],
            )
        seat_row: Membership = membership_add(
            actor=self.actor,
            person=person,
            council=self.council,
            term=self.term,
            seat=seat,
            start_date=start,
            end_date=end,
            role=role,
            committee=committee,
            group=group,
            full_time=full_time,
        )
        return {
            "seat": seat,
            "full_name": name,
            "person": person.pk,
            "membership": seat_row.pk,
            "role": role,
            "committee": committee.name if committee else None,
            "group": group.name if group else None,
        }


def delegates_import(*, actor: Any, council: Council, term: Term, data: bytes, dry_run: bool) -> dict[str, Any]:
    """Import a delegate list: all rows or none. ``dry_run`` checks everything and saves nothing."""
    require_manage(actor, council)
    if term.council_id != council.pk:
        raise ServiceError(SESSION_TERM_MISMATCH)
    rows = import_rows(data=data, columns=COLUMNS)
    duplicates = {
        **duplicates_check(rows, SEAT, lambda v: v.get("seat", "").strip() or None),
        **duplicates_check(rows, NAME, _person_key),
    }
    writer = DelegateRows(actor=actor, council=council, term=term)

    def write(line: int, values: dict[str, str]) -> dict[str, Any]:
        if line in duplicates:
            raise duplicates[line]
        return writer.write(values)

    return import_run(rows=rows, write=write, dry_run=dry_run)
