"""Demo voter petitions of one session (issue 16): the council's answering agencies, petitions collected at the
voter meetings before the session and after it, sent to an agency and, when their dates have passed, answered
with a document. Only the public services are used. Call ``session_petitions_seed`` once per session (it adds
nothing to a session that already has petitions); invented agencies and places, as all demo data."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from activity.models import AnsweringAgency, PetitionStatus, SessionPhase, VoterPetition
from activity.services.petitions import agency_save, petition_answer, petition_assign
from activity.services.records import petition_register
from sessions_app.models import CouncilLevel, Session

AGENCIES = {
    CouncilLevel.PROVINCE: [
        ("Ủy ban nhân dân tỉnh", "UBND tỉnh"),
        ("Sở Xây dựng", "SXD"),
        ("Sở Nông nghiệp và Môi trường", "SNNMT"),
        ("Sở Y tế", "SYT"),
        ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ],
    CouncilLevel.COMMUNE: [
        ("Ủy ban nhân dân xã", "UBND xã"),
        ("Phòng Kinh tế", ""),
        ("Phòng Văn hóa - Xã hội", ""),
    ],
}
PETITIONS = [
    ("infrastructure", "Đề nghị sớm sửa chữa tuyến đường liên thôn bị xuống cấp sau mùa mưa"),
    ("land", "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã đủ hồ sơ"),
    ("health", "Đề nghị bổ sung bác sĩ và thuốc thiết yếu cho trạm y tế"),
    ("education", "Đề nghị đầu tư thêm phòng học cho trường mầm non"),
    ("social", "Đề nghị xem xét chế độ hỗ trợ cho hộ cận nghèo"),
    ("economy", "Đề nghị hỗ trợ tiêu thụ nông sản cho bà con vùng trồng cam"),
    ("security", "Đề nghị lắp đặt đèn chiếu sáng và camera tại các nút giao thông"),
    ("administration", "Đề nghị rút ngắn thời gian giải quyết thủ tục đăng ký kinh doanh"),
]
ANSWERS = {
    PetitionStatus.RESOLVED: "Đã bố trí kinh phí và triển khai thực hiện; kết quả đã thông tin đến cử tri.",
    PetitionStatus.EXPLAINED: "Nội dung chưa thể thực hiện trong năm do nguồn lực hạn chế; đã đưa vào kế hoạch năm sau.",
}


def _agencies(*, actor: Any, session: Session) -> list[AnsweringAgency]:
    council = session.council
    made = list(AnsweringAgency.objects.filter(council=council, active=True))
    if made:
        return made
    names = AGENCIES.get(council.level, AGENCIES[CouncilLevel.COMMUNE])
    return [agency_save(actor=actor, council=council, name=name, short_name=short) for name, short in names]


def session_petitions_seed(
    *, actor: Any, session: Session, today: dt.date, count: int = 12, seed: int = 16
) -> list[VoterPetition]:
    """About two thirds of ``count`` petitions collected before ``session`` (in the month before it starts) and
    the rest after it, each sent to an agency a week or two later and, once the answer's date has passed, most
    answered (resolved or explained). ``actor``: the council's secretariat (or an administrator)."""
    if VoterPetition.objects.filter(session=session).exists():
        return []
    rng = random.Random(f"{seed}-{session.pk}")
    agencies = _agencies(actor=actor, session=session)
    made = []
    for n in range(count):
        phase = SessionPhase.BEFORE if n < count * 2 // 3 else SessionPhase.AFTER
        received = (
            session.start_date - dt.timedelta(days=rng.randint(10, 35))
            if phase == SessionPhase.BEFORE
            else session.end_date + dt.timedelta(days=rng.randint(5, 30))
        )
        if received > today:
            continue
        field, text = PETITIONS[n % len(PETITIONS)]
        petition = petition_register(
            actor=actor,
            council=session.council,
            content=f"{text}.",
            authority_level="province" if session.council.level == CouncilLevel.PROVINCE else "commune",
            received_on=received,
            field=field,
            session=session,
            session_phase=phase,
        )
        sent = received + dt.timedelta(days=rng.randint(5, 15))
        if sent <= today:
            petition = petition_assign(actor=actor, petition=petition, agency=rng.choice(agencies), on=sent)
            answered = sent + dt.timedelta(days=rng.randint(15, 60))
            roll = rng.random()
            if answered <= today and roll < 0.85:
                status = PetitionStatus.RESOLVED if roll < 0.65 else PetitionStatus.EXPLAINED
                petition = petition_answer(
                    actor=actor,
                    petition=petition,
                    status=status,
                    answered_on=answered,
                    answer=ANSWERS[status],
                    answer_document=f"Công văn số {rng.randint(100, 2999)}/UBND-TH ngày {answered:%d/%m/%Y}",
                )
        made.append(petition)
    return made
