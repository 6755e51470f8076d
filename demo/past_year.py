"""Last year's sessions for every demo council, loaded the way a council loads its archive: one workbook per
council through the backfill import (``activity.services.backfill``), by the council's own secretariat. So the
demo proves the import, and every demo secretariat finds sessions, sittings, attendance and numbered resolutions
of last year in its statistics, with the questioning and voters' petitions of its regular sessions.

When last year lies before the demo term (2026-2031), the councils get the previous term first: the province
its "khóa XVIII" (2021-2026); the communes and wards the term of the councils set up on 1 July 2025 when the
two-tier local government began (domain.md), with their committees, delegate groups and the same people in the
same seats. The province also held its confidence vote of that term (lấy phiếu tín nhiệm, NQ 96/2023/QH15):
once per term, at the regular year-end session of the term's third year (December 2023), by secret ballot, then
the resolution confirming the result by an open vote. Names are invented."""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid
from typing import Any

from openpyxl import Workbook

from activity.services.backfill import SHEET_BY_KEY, backfill_import
from demo import councils as demo
from demo.past_questioning import Held, petition_rows, promise_rows, questioning_rows
from demo.past_session import votes_all_cast
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Session, SessionType, Term, User
from sessions_app.services import (
    attendance_recorded_set,
    membership_add,
    session_create,
    session_status_set,
    sitting_create,
    sitting_status_set,
)
from voting import services as voting
from voting.models import Poll, PollKind, PollMethod, ResolutionStatus
from voting.simulate import SimulatedCommittee, ballot_for

NEW_COMMUNES = dt.date(2025, 7, 1)  # the two-tier local government: the commune councils of today begin
PREVIOUS_TERM = {"province": ("2021-2026", "khóa XVIII", dt.date(2021, 6, 25))}
COMMUNE_TERM = ("2021-2026", "nhiệm kỳ 2021-2026", NEW_COMMUNES)
PROVINCE_SESSIONS_BEFORE = 23  # the province's sessions of khóa XVIII before last year's

# (category, title, normative) — "{place}" and "{next}" (next year) are filled in.
PROVINCE_PLAN = [
    (
        "regular",
        "kỳ họp thường lệ giữa năm",
        (7, 8),
        2,
        [
            ("budget", "Nghị quyết phê chuẩn quyết toán ngân sách địa phương năm {prev}", False),
            ("budget", "Nghị quyết điều chỉnh kế hoạch đầu tư công năm {year} {place}", False),
            ("normative", "Nghị quyết quy định mức hỗ trợ học phí cho trẻ em mầm non trên địa bàn {place}", True),
            ("personnel", "Nghị quyết về việc bầu bổ sung Ủy viên Ủy ban nhân dân {place}", False),
            ("supervision", "Nghị quyết về kết quả giám sát việc giải quyết kiến nghị cử tri", False),
        ],
    ),
    (
        "thematic",
        "kỳ họp chuyên đề",
        (9, 23),
        1,
        [
            ("personnel", "Nghị quyết về việc sắp xếp các cơ quan chuyên môn thuộc Ủy ban nhân dân {place}", False),
            ("normative", "Nghị quyết quy định chính sách hỗ trợ người dân vùng bị thiệt hại do bão lũ", True),
        ],
    ),
    (
        "regular",
        "kỳ họp thường lệ cuối năm",
        (12, 9),
        2,
        [
            ("budget", "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm {next}", False),
            ("budget", "Nghị quyết về dự toán ngân sách địa phương năm {next}", False),
            ("budget", "Nghị quyết về phân bổ dự toán ngân sách cấp tỉnh năm {next}", False),
            ("normative", "Nghị quyết quy định giá dịch vụ thu gom, vận chuyển rác thải sinh hoạt", True),
            ("supervision", "Nghị quyết về hoạt động chất vấn tại kỳ họp thường lệ cuối năm {year}", False),
            ("other", "Nghị quyết về chương trình giám sát năm {next} của Hội đồng nhân dân {place}", False),
            (None, "Nghị quyết về việc đặt tên đường tại khu đô thị mới Nam Lam", False),  # not adopted
        ],
    ),
]
COMMUNE_PLAN = [
    (
        "thematic",
        "kỳ họp thứ nhất sau khi thành lập",
        (7, 2),
        1,
        [
            ("personnel", "Nghị quyết xác nhận kết quả bầu Chủ tịch Hội đồng nhân dân {place}", False),
            ("personnel", "Nghị quyết thành lập các Ban của Hội đồng nhân dân {place}", False),
            ("other", "Nghị quyết về chương trình kỳ họp thường lệ cuối năm {year}", False),
        ],
    ),
    (
        "regular",
        "kỳ họp thường lệ cuối năm",
        (12, 16),
        1,
        [
            ("budget", "Nghị quyết về dự toán thu, chi ngân sách {place} năm {next}", False),
            ("budget", "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm {next}", False),
            ("budget", "Nghị quyết về kế hoạch đầu tư công năm {next} {place}", False),
            ("supervision", "Nghị quyết về chương trình giám sát năm {next}", False),
        ],
    ),
]
CATEGORY_NAMES = {
    "normative": "Quy phạm pháp luật",
    "personnel": "Nhân sự, tổ chức bộ máy",
    "budget": "Ngân sách, kinh tế - xã hội",
    "supervision": "Giám sát, chất vấn",
    "other": "Khác",
}


def _previous_term(spec: demo.DemoCouncil, council: Council, current: Term, secretariat: User) -> Term:
    """The term before the demo's, with the same organs and the same people in the same seats."""
    label, ordinal, start = PREVIOUS_TERM.get(spec.level, COMMUNE_TERM)
    term, created = Term.objects.get_or_create(
        council=council,
        label=label,
        defaults={"ordinal": ordinal, "start_date": start, "end_date": current.start_date - dt.timedelta(days=1)},
    )
    if not created:
        return term
    committees = {n: Committee.objects.create(council=council, term=term, name=n) for n in spec.committees}
    groups = {n: DelegateGroup.objects.create(council=council, term=term, name=n) for n in spec.groups}
    for seat in Membership.objects.filter(term=current).select_related("committee", "group").order_by("seat"):
        membership_add(
            actor=secretariat,
            person=seat.person,
            council=council,
            term=term,
            seat=seat.seat,
            start_date=term.start_date,
            role=seat.role,
            committee=committees.get(seat.committee.name) if seat.committee else None,
            group=groups.get(seat.group.name) if seat.group else None,
            full_time=seat.full_time,
        )
    return term


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for key, rows in sheets.items():
        sheet = book.create_sheet(SHEET_BY_KEY[key].title)
        sheet.append([c.header for c in SHEET_BY_KEY[key].columns])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _year_rows(
    spec: demo.DemoCouncil, council: Council, year: int, today: dt.date
) -> dict[str, list[list[Any]]] | None:
    """The sessions, sittings, resolutions, questioning and petitions sheets of ``year`` (columns in the order
    of ``SHEETS``)."""
    rng = random.Random(spec.seed * 7 + year)
    plan = PROVINCE_PLAN if spec.level == demo.PROVINCE.level else COMMUNE_PLAN
    sessions, sittings, resolutions = [], [], []
    held: list[Held] = []
    serial = {False: 0, True: 0}
    numbers: dict[int, int] = {}
    for type_, name, (month, day), days, items in plan:
        start = dt.date(year, month, day)
        term = Term.objects.filter(council=council, start_date__lte=start, end_date__gte=start).first()
        if term is None or start + dt.timedelta(days=days - 1) > today:
            continue
        if term.pk not in numbers:
            used = Session.objects.filter(term=term).order_by("-number").values_list("number", flat=True).first()
            numbers[term.pk] = used or (PROVINCE_SESSIONS_BEFORE if spec.level == demo.PROVINCE.level else 0)
        numbers[term.pk] += 1
        number = numbers[term.pk]
        end = start + dt.timedelta(days=days - 1)
        title = f"Kỳ họp thứ {number}, {spec.short_name} {term.ordinal} ({name} năm {year})"
        sessions.append([number, "Chuyên đề" if type_ == "thematic" else "Thường lệ", title, start, end, ""])
        sessions[-1][5] = f"Hội trường {spec.short_name}"
        seats = Membership.objects.filter(term=term).count()
        for index in range(days):
            absent = sorted(rng.sample(range(1, seats + 1), rng.randint(0, max(1, seats // 12))))
            sittings.append(
                [
                    number,
                    index + 1,
                    start + dt.timedelta(days=index),
                    "08:00",
                    "11:30",
                    "Khai mạc; báo cáo, tờ trình, thảo luận" if index == 0 else "Thảo luận, biểu quyết; bế mạc",
                    "",
                    "",
                    "",
                    "; ".join(map(str, absent)),
                ]
            )
        present = seats - len(absent)  # the last sitting of the session decides its resolutions
        if type_ == "regular":  # questioning at its last sitting, voters' petitions before and after it
            held.append(Held(number, start, end, days, end, seats))
        for category, text, normative in items:
            title_filled = text.format(place=spec.place_name, year=year, next=year + 1, prev=year - 1)
            if category is None:  # a draft the council did not adopt: no number
                yes = seats // 2 - 3
                no, abstain, number_text = present - yes - 2, 2, ""
            else:
                serial[normative] += 1
                no = rng.randint(0, 2)
                abstain = rng.randint(0, 1)
                yes = present - no - abstain
                number_text = (
                    f"{serial[normative]:02d}/{year}/NQ-HĐND" if normative else f"{serial[normative]:02d}/NQ-HĐND"
                )
            resolutions.append(
                [
                    number,
                    days,
                    number_text,
                    "Quy phạm pháp luật" if normative else "Cá biệt",
                    CATEGORY_NAMES.get(category or "", ""),
                    title_filled,
                    yes,
                    no,
                    abstain,
                    "có",
                ]
            )
    if not sessions:
        return None
    return {
        "sessions": sessions,
        "sittings": sittings,
        "resolutions": resolutions,
        "questions": questioning_rows(spec=spec, council=council, held=held, today=today),
        "promises": promise_rows(spec=spec, held=held, today=today),
        "petitions": petition_rows(spec=spec, held=held, year=year, today=today),
    }


def past_year_seed(*, today: dt.date) -> list[str]:
    """Last year's sessions of every demo council that has none yet, through the backfill import; then the
    province's confidence vote of its previous term. Returns what was added, one line each."""
    year = today.year - 1
    lines = []
    for spec in demo.DEMO_COUNCILS:
        council = Council.objects.get(code=spec.code)
        secretariat = User.objects.get(username=spec.secretariat_username)
        current = Term.objects.filter(council=council).order_by("-start_date").first()
        if current is None or Session.objects.filter(council=council, start_date__year=year).exists():
            continue
        if current.start_date > dt.date(year, 1, 1):
            _previous_term(spec, council, current, secretariat)
        rows = _year_rows(spec, council, year, today)
        if rows is None:
            continue
        result = backfill_import(actor=secretariat, council=council, year=year, dry_run=False, workbook=_workbook(rows))
        counts = result["counts"]
        lines.append(
            f"{spec.short_name}: năm {year} nhập từ tệp Excel ({counts['sessions']} kỳ họp, "
            f"{counts['sittings']} phiên họp, {counts['resolutions']} nghị quyết, {counts.get('questions', 0)} câu "
            f"chất vấn, {counts.get('promises', 0)} lời hứa, {counts.get('petitions', 0)} kiến nghị cử tri theo kỳ họp)"
        )
    lines += confidence_vote_seed()
    return lines


# The confidence vote ---------------------------------------------------------------------------------------------
CONFIDENCE_DAY = dt.date(2023, 12, 8)
CONFIDENCE_SESSION = 15
UBND = [  # the province's people's committee of khóa XVIII, invented
    ("Lâm Quốc Hưng", "Chủ tịch Ủy ban nhân dân tỉnh", 2021, False),
    ("Tạ Minh Khôi", "Phó Chủ tịch Ủy ban nhân dân tỉnh", 2021, False),
    ("Ninh Thị Thu Hiền", "Phó Chủ tịch Ủy ban nhân dân tỉnh", 2023, False),  # elected this year: excluded
    ("Kha Văn Thành", "Giám đốc Sở Tài chính", 2021, True),  # has announced retirement: excluded
    ("Kiều Thị Ngọc Bích", "Giám đốc Sở Xây dựng", 2022, False),
]
LEVELS = ["high", "normal", "low"]


def confidence_vote_seed() -> list[str]:
    """The province's confidence vote of khóa XVIII, if that term exists and the vote does not."""
    council = Council.objects.get(code=demo.PROVINCE.code)
    term = Term.objects.filter(council=council, start_date__lte=CONFIDENCE_DAY, end_date__gte=CONFIDENCE_DAY).first()
    if term is None or Poll.objects.filter(session__term=term, kind=PollKind.CONFIDENCE).exists():
        return []
    sec = User.objects.get(username=demo.PROVINCE.secretariat_username)
    seats = list(Membership.objects.filter(term=term).select_related("person__user").order_by("seat"))
    session = session_create(
        actor=sec,
        council=council,
        term=term,
        number=CONFIDENCE_SESSION,
        type=SessionType.REGULAR,
        title=f"Kỳ họp thứ {CONFIDENCE_SESSION}, {demo.PROVINCE.short_name} {term.ordinal} (kỳ họp thường lệ cuối năm 2023)",
        venue=f"Hội trường {demo.PROVINCE.short_name}",
        start_date=CONFIDENCE_DAY - dt.timedelta(days=1),
        end_date=CONFIDENCE_DAY,
    )
    sitting = sitting_create(
        actor=sec,
        session=session,
        number=1,
        date=CONFIDENCE_DAY,
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 30),
        title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân bầu",
    )
    sitting = sitting_status_set(actor=sec, sitting=sitting, status="open", recorded=True)
    absent = {47, 48, 49}
    attendance_recorded_set(actor=sec, sitting=sitting, absent_seats=absent)
    voters = [m.person for m in seats if m.seat not in absent]
    officers = [
        {
            "name": m.person.full_name,
            "title": m.get_role_display() + " Hội đồng nhân dân tỉnh",
            "agency": demo.PROVINCE.name,
            "elected_year": 2021,
            "retiring": False,
        }
        for m in seats[:3]
    ]
    officers += [
        {"name": n, "title": t, "agency": "Ủy ban nhân dân tỉnh Sông Lam", "elected_year": y, "retiring": r}
        for n, t, y, r in UBND
    ]
    poll = voting.poll_create(
        actor=sec,
        session=session,
        sitting=sitting,
        kind=PollKind.CONFIDENCE,
        method=PollMethod.SECRET,
        title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân tỉnh bầu, nhiệm kỳ 2021-2026",
        candidates=officers,
    )
    counters = [m.person.user for m in seats[7:10]]
    committee = SimulatedCommittee(poll).name(actor=sec, users=counters).keys()
    poll = voting.poll_open(actor=sec, poll=poll)
    rng = random.Random(2023)
    candidates = list(poll.candidates.order_by("position").values_list("pk", flat=True))
    requests = []
    for person in voters:
        choice = {pk: rng.choices(LEVELS, [6, 3, 1])[0] for pk in candidates}
        client_id = str(uuid.uuid4())
        ballot = ballot_for(poll=poll, client_id=client_id, choice=choice)
        requests.append(voting.VoteRequest(actor=person.user, poll_id=poll.pk, choice=ballot, client_id=client_id))
    votes_all_cast(requests)
    voting.poll_close(actor=sec, poll=poll)
    poll = committee.decrypt()  # the counting committee named above, its first member the head
    poll = voting.poll_publish(actor=sec, poll=poll)
    vote, resolution = voting.resolution_confirming_create(actor=sec, poll=poll)
    vote = voting.poll_open(actor=sec, poll=vote)
    named = [
        voting.VoteRequest(actor=p.user, poll_id=vote.pk, choice="yes", client_id=str(uuid.uuid4())) for p in voters
    ]
    votes_all_cast(named)
    voting.poll_close(actor=sec, poll=vote)
    voting.poll_publish(actor=sec, poll=vote)
    resolution.refresh_from_db()
    if resolution.status == ResolutionStatus.ADOPTED:
        voting.resolution_publish(actor=sec, resolution=resolution)
    sitting_status_set(actor=sec, sitting=sitting, status="closed")
    session_status_set(actor=sec, session=session, status="closed")
    return [f"{demo.PROVINCE.short_name}: lấy phiếu tín nhiệm {term.ordinal} (kỳ họp cuối năm 2023)"]
