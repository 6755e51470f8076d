"""The questioning, promises and voter-petition sheets of a demo council's last year (``demo.past_year`` adds
them to the workbook it imports): at each regular session, delegates question the council's officials at the
session's last sitting (answered there, or in writing some days later), the officials answering the first two
questions promise something (kept and reported on, or still open), and voters' petitions collected before and after
the session go to the council's answering agencies, most of them answered. Officials, agencies, places and
questions are invented; the officials already in the product (the province's) are reused."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from activity.models import PetitionField, PetitionStatus, SessionPhase
from agenda.models import Official
from demo import councils as demo
from demo.activity_data import OFFICIAL_TITLES
from demo.petitions import AGENCIES, ANSWERS
from demo.petitions import PETITIONS as PETITION_TEXTS
from sessions_app.models import Council, CouncilLevel


@dataclass(frozen=True)
class Held:
    """A regular session of the year: its number, dates and its last sitting (number, date)."""

    number: int
    start: dt.date
    end: dt.date
    sitting: int
    sitting_date: dt.date
    seats: int


PROVINCE_QUESTIONS = [
    ("Đất đai, môi trường", "Vì sao việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư còn chậm?"),
    ("Giao thông, xây dựng", "Khi nào hoàn thành tuyến đường ven sông đã chậm tiến độ hai năm?"),
    ("Y tế, giáo dục", "Giải pháp khắc phục tình trạng thiếu giáo viên mầm non ở các xã miền núi?"),
    ("Giao thông, xây dựng", "Trách nhiệm của Sở trong việc để các công trình giao thông nông thôn xuống cấp sớm?"),
]
COMMUNE_QUESTIONS = [
    (None, "Bao giờ sửa chữa xong cầu tràn bị hư hỏng sau mùa mưa lũ?"),
    (None, "Giải pháp xử lý tình trạng rác thải tồn đọng tại khu vực chợ?"),
    (None, "Việc bảo đảm an ninh trật tự tại các tuyến đường liên thôn vào ban đêm?"),
]
# What the officials promised answering the first and the second question of each regular session.
PROVINCE_PROMISES = [
    "Hoàn thành cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư trong 60 ngày.",
    "Chỉ đạo nhà thầu bổ sung nhân lực, hoàn thành tuyến đường ven sông trước mùa mưa.",
]
COMMUNE_PROMISES = [
    "Sửa chữa xong cầu tràn trong 45 ngày, trước khi vào vụ thu hoạch.",
    "Thu gom dứt điểm rác thải tồn đọng tại chợ và bố trí xe thu gom hằng ngày.",
]
KEPT = "Đã hoàn thành; Ủy ban nhân dân đã báo cáo kết quả bằng văn bản gửi Thường trực Hội đồng nhân dân."
WRITTEN = "Đã có văn bản trả lời gửi đại biểu; Ủy ban nhân dân chỉ đạo các cơ quan chuyên môn triển khai thực hiện."


def _officials(spec: demo.DemoCouncil, council: Council, rng: random.Random) -> list[tuple[str, str, str]]:
    """(name, title, agency) of the officials questioned: the council's own, or invented for it."""
    existing = list(Official.objects.filter(council=council).order_by("pk"))
    if existing:
        return [(o.full_name, o.title, o.agency) for o in existing]
    return [
        (
            f"{rng.choice(demo.FAMILY)} {rng.choice(demo.MIDDLE['male'])} {rng.choice(demo.GIVEN['male'])}",
            f"{title} {spec.place_name}",
            f"{agency} {spec.place_name}",
        )
        for title, agency in OFFICIAL_TITLES
    ]


def questioning_rows(*, spec: demo.DemoCouncil, council: Council, held: list[Held], today: dt.date) -> list[list[Any]]:
    """The "Chất vấn" sheet's rows (columns as ``backfill.questions.QUESTION_COLUMNS``)."""
    rng = random.Random(f"questioning-{spec.seed}")
    officials = _officials(spec, council, rng)
    questions = PROVINCE_QUESTIONS if spec.level == demo.PROVINCE.level else COMMUNE_QUESTIONS
    rows: list[list[Any]] = []
    for session in held:
        askers = rng.sample(range(2, session.seats + 1), len(questions))
        for index, ((topic, text), seat) in enumerate(zip(questions, askers, strict=True)):
            name, title, agency = officials[(index + session.number) % len(officials)]
            answered_on = session.sitting_date + dt.timedelta(days=rng.randint(10, 18))
            written = index == 2
            row = [session.number, session.sitting, seat, "", name, title, agency, topic or "", text]
            if not written:
                row += ["Trả lời tại phiên họp", "", ""]
            elif answered_on <= today:
                row += ["Trả lời bằng văn bản", WRITTEN, answered_on]
            else:
                row += ["Trả lời bằng văn bản", "", ""]
            rows.append(row)
    return rows


def promise_rows(*, spec: demo.DemoCouncil, held: list[Held], today: dt.date) -> list[list[Any]]:
    """The "Lời hứa" sheet's rows (columns as ``backfill.promises.PROMISE_COLUMNS``): the officials answering
    questions 1 and 2 of each regular session (numbered in the order of ``questioning_rows``) promise; the first
    promise is kept and reported on when its day has come, the second is still open."""
    rng = random.Random(f"promises-{spec.seed}")
    texts = PROVINCE_PROMISES if spec.level == demo.PROVINCE.level else COMMUNE_PROMISES
    rows: list[list[Any]] = []
    for session in held:
        for number, text in enumerate(texts, 1):
            due = session.sitting_date + dt.timedelta(days=45 if number == 1 else 90)
            done = session.sitting_date + dt.timedelta(days=rng.randint(20, 40))
            row: list[Any] = [session.number, number, "", "", "", text, due]
            if number == 1 and done <= today:
                row += ["Đã hoàn thành", done, KEPT, min(done + dt.timedelta(days=3), today)]
            else:
                row += ["Đang thực hiện", "", "", ""]
            rows.append(row)
    return rows


def petition_rows(*, spec: demo.DemoCouncil, held: list[Held], year: int, today: dt.date) -> list[list[Any]]:
    """The "Kiến nghị cử tri" sheet's rows (columns as ``backfill.petitions.PETITION_COLUMNS``): three petitions
    collected before each regular session and one after it, sent to an agency and mostly answered."""
    rng = random.Random(f"petitions-{spec.seed}-{year}")
    level = CouncilLevel.PROVINCE if spec.level == demo.PROVINCE.level else CouncilLevel.COMMUNE
    agencies = [name for name, _ in AGENCIES[level]]
    authority = "Cấp tỉnh" if level == CouncilLevel.PROVINCE else "Cấp xã"
    rows: list[list[Any]] = []
    for session in held:
        for n in range(4):
            phase = SessionPhase.BEFORE if n < 3 else SessionPhase.AFTER
            received = (
                session.start - dt.timedelta(days=rng.randint(10, 30))
                if phase == SessionPhase.BEFORE
                else session.end + dt.timedelta(days=rng.randint(3, 12))
            )
            if received.year != year or received > today:
                continue
            field, text = PETITION_TEXTS[(n + session.number) % len(PETITION_TEXTS)]
            sent = received + dt.timedelta(days=rng.randint(5, 12))
            answered = sent + dt.timedelta(days=rng.randint(15, 45))
            status, response, document = PetitionStatus.IN_PROGRESS, "", ""
            if sent > today:  # not sent to an agency yet
                status = PetitionStatus.RECEIVED
            elif answered <= today and rng.random() < 0.85:
                status = PetitionStatus.RESOLVED if rng.random() < 0.75 else PetitionStatus.EXPLAINED
                response = ANSWERS[status]
                document = f"Công văn số {rng.randint(100, 2999)}/UBND-TH ngày {answered:%d/%m/%Y}"
            rows.append(
                [
                    f"{text} ({spec.place_name}).",
                    str(PetitionField(field).label),
                    authority,
                    received,
                    str(PetitionStatus(status).label),
                    answered if document else "",
                    response,
                    session.number,
                    str(SessionPhase(phase).label),
                    rng.choice(agencies) if sent <= today else "",
                    sent if sent <= today else "",
                    document,
                ]
            )
    return rows
