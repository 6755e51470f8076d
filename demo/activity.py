"""Two years of fictitious activity for the demo councils (``demo.councils``) and the province's emulation
score sheets for its commune councils. Called by ``seed_demo``.

Every record is entered through the activity and agenda services by the council's own secretariat, so each
write is checked and audited. Last year's sheet is built, assessed, scored, locked and published; this year's
is copied from it, changed, scored and left in draft; the province's committees get a draft sheet too.
What exists already is left alone, so running it again changes nothing.

The figures come from each council's profile (how active it is) varied by a fixed seed per council and year,
so the councils differ and the ranking means something. Dates never pass ``today``; records from before a
council's term began have no participating delegates, since nobody held a seat yet. Names are invented."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from activity.models import (
    AuthorityLevel,
    CitizenReception,
    Criterion,
    CriterionMethod,
    CriterionSection,
    Evidence,
    GoodPractice,
    PetitionField,
    PetitionStatus,
    ScoreSheet,
    ScoreTarget,
    SupervisionMission,
    Survey,
    TargetKind,
    TieRule,
    VoterMeeting,
)
from activity.services import emulation, records
from agenda.models import Official
from agenda.services import explanation_conclude, explanation_create, official_create
from demo import councils as demo
from demo.past_session import demo_pdf
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Person, Term, User


@dataclass(frozen=True)
class Profile:
    """How active a council is in a year, before the seeded variation."""

    supervisions: int
    late_reports: int
    surveys: int
    receptions: int
    meeting_rounds: int  # each delegate group meets its voters once per round (before a regular session)
    petitions_per_meeting: int
    resolved_share: float
    good_practices: int
    explanations: int
    quality: float  # the share of a manual criterion's maximum its assessment earns, before variation


PROFILES = {
    demo.PROVINCE.code: Profile(7, 1, 5, 12, 2, 2, 0.8, 2, 2, 0.85),
    "ben-do": Profile(4, 1, 3, 11, 2, 2, 0.74, 1, 1, 0.8),
    "cua-lam": Profile(5, 0, 4, 12, 2, 2, 0.86, 2, 2, 0.9),
    "nui-may": Profile(2, 2, 2, 7, 1, 3, 0.55, 0, 0, 0.66),
    "ho-sen": Profile(3, 1, 3, 9, 2, 2, 0.7, 1, 1, 0.76),
}
DEFAULT_PROFILE = PROFILES["ho-sen"]  # for a commune added by hand under the demo province
ROUND_MONTHS = (6, 11)

SUPERVISION_TOPICS = [
    ("Việc quản lý, sử dụng đất công và đất nông nghiệp công ích", "Đất đai - môi trường"),
    ("Tiến độ thực hiện các công trình giao thông nông thôn", "Giao thông - xây dựng"),
    ("Công tác giải quyết khiếu nại, tố cáo và kiến nghị của công dân", "Pháp chế"),
    ("Việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi và hộ cận nghèo", "Văn hóa - xã hội"),
    ("Công tác bảo đảm an toàn thực phẩm tại bếp ăn trường học", "Y tế - giáo dục"),
    ("Việc thu, chi và quyết toán ngân sách năm trước", "Kinh tế - ngân sách"),
    ("Công tác phòng, chống thiên tai và tìm kiếm cứu nạn", "Quốc phòng - an ninh"),
    ("Việc cải cách thủ tục hành chính tại bộ phận một cửa", "Cải cách hành chính"),
]
SURVEY_TOPICS = [
    "Thực trạng cơ sở vật chất các điểm trường mầm non",
    "Tình hình sản xuất vụ Đông Xuân",
    "Công tác thu gom, xử lý rác thải sinh hoạt",
    "Hoạt động của trạm y tế và y tế thôn bản",
    "Việc chi trả trợ cấp xã hội hằng tháng",
    "Tình hình an ninh trật tự tại khu vực chợ",
]
PETITIONS = [
    (PetitionField.INFRASTRUCTURE, "Đề nghị sửa chữa, nâng cấp tuyến đường liên thôn đã xuống cấp"),
    (PetitionField.LAND, "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân"),
    (PetitionField.HEALTH, "Đề nghị bổ sung thuốc và trang thiết bị cho trạm y tế"),
    (PetitionField.EDUCATION, "Đề nghị xây thêm phòng học cho điểm trường tiểu học"),
    (PetitionField.SOCIAL, "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa"),
    (PetitionField.ECONOMY, "Đề nghị hỗ trợ giống, vật tư cho hộ nuôi trồng bị thiệt hại do mưa lũ"),
    (PetitionField.SECURITY, "Đề nghị lắp đặt camera an ninh tại các tuyến đường trọng điểm"),
    (PetitionField.ADMINISTRATION, "Đề nghị rút ngắn thời gian giải quyết thủ tục chuyển nhượng đất đai"),
    (PetitionField.INFRASTRUCTURE, "Đề nghị lắp đặt hệ thống chiếu sáng công cộng"),
    (PetitionField.OTHER, "Đề nghị công khai việc sử dụng quỹ phòng, chống thiên tai"),
    (PetitionField.LAND, "Đề nghị xử lý tình trạng ô nhiễm do rác thải gần khu dân cư"),
    (PetitionField.SOCIAL, "Đề nghị xem xét chế độ cho người có công chưa được hưởng"),
]
GOOD_PRACTICES = [
    ("Mô hình “Ngày thứ Bảy lắng nghe cử tri”", "Mỗi tháng một buổi đại biểu trực tiếp nghe và trả lời cử tri."),
    ("Sổ tay điện tử theo dõi kiến nghị cử tri", "Cử tri tra cứu tiến độ giải quyết kiến nghị bằng mã QR."),
    ("Giám sát theo chuỗi sau giám sát chuyên đề", "Tái giám sát sau sáu tháng việc thực hiện kết luận giám sát."),
    ("Tổ đại biểu gắn với tổ dân phố văn minh", "Tổ đại biểu phối hợp tổ dân phố tiếp nhận phản ánh hằng tuần."),
]
EXPLANATION_TOPICS = [
    "Việc chậm giải quyết hồ sơ đất đai tồn đọng",
    "Tiến độ thi công các công trình đường giao thông",
    "Công tác quản lý chợ và an toàn thực phẩm",
    "Việc khắc phục hậu quả mưa lũ",
]
OFFICIAL_TITLES = [
    ("Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân"),
    ("Phó Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân"),
    ("Trưởng Công an", "Công an"),
]


def _between(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, days))


def _spread(*, rng: random.Random, year: int, count: int) -> list[dt.date]:
    """``count`` dates through the year, one in each of ``count`` equal stretches."""
    stretch = 365 // max(count, 1)
    return [_between(rng, dt.date(year, 1, 1) + dt.timedelta(days=i * stretch), stretch - 1) for i in range(count)]


def _vary(rng: random.Random, value: int) -> int:
    return max(0, value + rng.randint(-1, 1))


def _locality(group_name: str) -> str:
    """ "Tổ đại biểu thôn Bến Trên" → "thôn Bến Trên"; "Tổ đại biểu số 1 (xã Đồng Lam)" → "xã Đồng Lam"."""
    inner = group_name.partition("(")[2].rstrip(")")
    return inner or group_name.removeprefix("Tổ đại biểu ")


@dataclass
class CouncilYear:
    """One council's activity in one year, entered by its secretariat."""

    spec: demo.DemoCouncil
    council: Council
    actor: User
    year: int
    today: dt.date
    rng: random.Random = field(init=False)
    profile: Profile = field(init=False)
    term: Term = field(init=False)
    seats: list[Membership] = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.spec.seed * 10000 + self.year)
        self.profile = PROFILES[self.spec.code]
        # The demo's own term (2026-2031); the previous term's seats (``demo.past_year``) take no part here.
        self.term = Term.objects.filter(council=self.council).order_by("-start_date").first()
        self.seats = list(Membership.objects.filter(term=self.term).select_related("person").order_by("seat"))

    def seed(self) -> None:
        self._supervisions()
        self._surveys()
        self._receptions()
        for month in ROUND_MONTHS[: self.profile.meeting_rounds]:
            self._meeting_round(month=month)
        self._good_practices()
        self._explanations()

    def _past(self, dates: list[dt.date]) -> list[dt.date]:
        return [d for d in dates if d <= self.today]

    def _delegates(self, *, on: dt.date, count: int, group: DelegateGroup | None = None) -> list[Person]:
        """Up to ``count`` delegates holding a seat on the day (of the group, when given)."""
        seated = [
            m.person
            for m in self.seats
            if m.start_date <= on
            and (m.end_date is None or m.end_date >= on)
            and (group is None or m.group_id == group.pk)
        ]
        return self.rng.sample(seated, min(count, len(seated)))

    def _in_term(self, on: dt.date) -> bool:
        """Committees and delegate groups exist from the first day of the term."""
        return on >= self.term.start_date

    def _committee(self, on: dt.date) -> Committee | None:
        if not self._in_term(on):
            return None
        return self.rng.choice(list(Committee.objects.filter(term=self.term).order_by("name")))

    def _supervisions(self) -> None:
        starts = self._past(_spread(rng=self.rng, year=self.year, count=_vary(self.rng, self.profile.supervisions)))
        late = set(self.rng.sample(range(len(starts)), min(self.profile.late_reports, len(starts))))
        topics = self.rng.sample(SUPERVISION_TOPICS, len(starts))
        for index, (start, (topic, area)) in enumerate(zip(starts, topics, strict=True)):
            end = start + dt.timedelta(days=self.rng.randint(10, 40))
            due = end + dt.timedelta(days=15)
            delay = self.rng.randint(5, 30) if index in late else -self.rng.randint(0, 10)
            filed = due + dt.timedelta(days=delay)
            records.supervision_save(
                actor=self.actor,
                council=self.council,
                title=f"Giám sát chuyên đề: {topic}",
                start_date=start,
                end_date=end,
                committee=self._committee(start),
                field=area,
                report_due=due,
                report_submitted_on=filed if filed <= self.today else None,
                conclusion="Kết luận giám sát đã gửi Ủy ban nhân dân cùng cấp; đề nghị báo cáo kết quả khắc phục.",
                delegates=self._delegates(on=start, count=4),
            )

    def _surveys(self) -> None:
        dates = self._past(_spread(rng=self.rng, year=self.year, count=_vary(self.rng, self.profile.surveys)))
        for day, topic in zip(dates, self.rng.sample(SURVEY_TOPICS, len(dates)), strict=True):
            records.survey_save(
                actor=self.actor,
                council=self.council,
                title=f"Khảo sát: {topic}",
                date=day,
                committee=self._committee(day),
                place=self.spec.place_name,
                delegates=self._delegates(on=day, count=3),
            )

    def _receptions(self) -> None:
        scale = 3 if self.spec.level == demo.PROVINCE.level else 1
        for day in self._past(_spread(rng=self.rng, year=self.year, count=_vary(self.rng, self.profile.receptions))):
            citizens = self.rng.randint(3, 18) * scale
            records.citizen_reception_save(
                actor=self.actor,
                council=self.council,
                date=day,
                citizens_received=citizens,
                petitions_received=self.rng.randint(0, citizens // 3),
                place=f"Trụ sở tiếp công dân {self.spec.place_name}",
                delegates=self._delegates(on=day, count=2),
            )

    def _meeting_round(self, *, month: int) -> None:
        for name in self.spec.groups:
            day = _between(self.rng, dt.date(self.year, month, 1), 20)
            if day > self.today:
                continue
            group = DelegateGroup.objects.get(term=self.term, name=name) if self._in_term(day) else None
            petitions = _vary(self.rng, self.profile.petitions_per_meeting)
            meeting = records.voter_meeting_save(
                actor=self.actor,
                council=self.council,
                date=day,
                group=group,
                voters_attending=self.rng.randint(60, 180) * (2 if self.spec.level == demo.PROVINCE.level else 1),
                petitions_raised=petitions + self.rng.randint(1, 4),
                place=f"Nhà văn hóa {_locality(name)}",
                delegates=self._delegates(on=day, count=4, group=group),
            )
            for _ in range(petitions):
                self._petition(meeting=meeting, locality=_locality(name))

    def _authority(self) -> str:
        """Mostly the council's own level, some the other level, a few the central government."""
        own, other = AuthorityLevel.COMMUNE, AuthorityLevel.PROVINCE
        if self.spec.level == demo.PROVINCE.level:
            own, other = other, own
        return self.rng.choices([own, other, AuthorityLevel.CENTRAL], [6, 3, 1])[0]

    def _petition(self, *, meeting: VoterMeeting, locality: str) -> None:
        area, text = self.rng.choice(PETITIONS)
        petition = records.petition_register(
            actor=self.actor,
            council=self.council,
            content=f"{text} ({locality}).",
            authority_level=self._authority(),
            received_on=meeting.date,
            field=area,
            meeting=meeting,
        )
        roll = self.rng.random()
        final = (
            PetitionStatus.RESOLVED
            if roll < self.profile.resolved_share
            else PetitionStatus.EXPLAINED
            if roll < (1 + self.profile.resolved_share) / 2
            else None
        )
        forwarded = meeting.date + dt.timedelta(days=self.rng.randint(7, 25))
        answered = forwarded + dt.timedelta(days=self.rng.randint(20, 120))
        if forwarded > self.today:
            return
        records.petition_status_set(
            actor=self.actor,
            petition=petition,
            status=PetitionStatus.IN_PROGRESS,
            on=forwarded,
            response="Đã chuyển cơ quan có thẩm quyền xem xét, giải quyết.",
        )
        if final is None or answered > self.today:
            return
        response = (
            "Cơ quan có thẩm quyền đã giải quyết xong; kết quả đã thông tin đến cử tri."
            if final == PetitionStatus.RESOLVED
            else "Cơ quan có thẩm quyền đã giải trình: nội dung chưa thể thực hiện trong năm, đã đưa vào kế hoạch."
        )
        records.petition_status_set(actor=self.actor, petition=petition, status=final, on=answered, response=response)

    def _good_practices(self) -> None:
        dates = self._past(_spread(rng=self.rng, year=self.year, count=_vary(self.rng, self.profile.good_practices)))
        for day, (title, description) in zip(dates, self.rng.sample(GOOD_PRACTICES, len(dates)), strict=True):
            practice = records.good_practice_save(
                actor=self.actor, council=self.council, title=title, description=description, recognized_on=day
            )
            _evidence(
                actor=self.actor,
                council=self.council,
                good_practice=practice,
                title=f"Hồ sơ mô hình: {title} ({self.spec.short_name}, {self.year})",
            )

    def _explanations(self) -> None:
        dates = self._past(_spread(rng=self.rng, year=self.year, count=_vary(self.rng, self.profile.explanations)))
        officials = _officials(actor=self.actor, spec=self.spec, council=self.council, rng=self.rng)
        for day, topic in zip(dates, self.rng.sample(EXPLANATION_TOPICS, len(dates)), strict=True):
            explanation = explanation_create(
                actor=self.actor,
                council=self.council,
                topic=topic,
                held_on=day,
                notice_date=day - dt.timedelta(days=self.rng.randint(10, 15)),
                respondents=self.rng.sample(officials, min(2, len(officials))),
            )
            explanation_conclude(
                actor=self.actor,
                explanation=explanation,
                conclusion="Thường trực HĐND kết luận, yêu cầu báo cáo kết quả khắc phục trong 30 ngày.",
            )


def _evidence(*, actor: User, council: Council, title: str, good_practice: GoodPractice | None = None) -> Evidence:
    pdf = demo_pdf(title)
    return records.evidence_upload(
        actor=actor,
        council=council,
        title=title,
        stream=pdf,
        size=pdf.size,
        original_name="minh-chung.pdf",
        good_practice=good_practice,
    )


def _officials(*, actor: User, spec: demo.DemoCouncil, council: Council, rng: random.Random) -> list[Official]:
    """The council's officials who answer at explanation sessions (invented for a commune on first use)."""
    existing = list(Official.objects.filter(council=council).order_by("pk"))
    if existing:
        return existing
    return [
        official_create(
            actor=actor,
            council=council,
            title=f"{title} {spec.place_name}",
            agency=f"{agency} {spec.place_name}",
            full_name=f"{rng.choice(demo.FAMILY)} {rng.choice(demo.MIDDLE['male'])} {rng.choice(demo.GIVEN['male'])}",
        )
        for title, agency in OFFICIAL_TITLES
    ]


DATED_RECORDS = (
    (SupervisionMission, "start_date"),
    (Survey, "date"),
    (CitizenReception, "date"),
    (VoterMeeting, "date"),
)


def _has_records(*, council: Council, year: int) -> bool:
    return any(model.objects.filter(council=council, **{f"{day}__year": year}).exists() for model, day in DATED_RECORDS)


# Score sheets ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A criterion of a demo sheet; a line with children is a group."""

    title: str
    max_points: str
    rule: dict[str, Any] | None = None
    section: str = CriterionSection.REGULAR
    description: str = ""
    children: tuple[Line, ...] = ()

    @property
    def method(self) -> str:
        if self.children:
            return CriterionMethod.GROUP
        return CriterionMethod.COMPUTED if self.rule else CriterionMethod.MANUAL


def _per_unit(statistic: str, points: str) -> dict[str, Any]:
    return {"type": "per_unit", "statistic": statistic, "points": points, "per": 1}


SUPERVISION_LINE = "Giám sát chuyên đề"
COMMUNE_SHEET = (
    Line(
        "Tổ chức kỳ họp, ban hành nghị quyết",
        "20",
        children=(
            Line(
                "Tổ chức đủ các kỳ họp thường lệ, đúng trình tự, thủ tục luật định",
                "10",
                description="Căn cứ thông báo, biên bản kỳ họp gửi Thường trực HĐND tỉnh.",
            ),
            Line(
                "Nghị quyết ban hành đúng thẩm quyền, kịp thời, khả thi",
                "10",
                description="Căn cứ kết quả kiểm tra văn bản của Sở Tư pháp.",
            ),
        ),
    ),
    Line(
        "Giám sát, khảo sát, giải trình",
        "30",
        children=(
            Line(
                SUPERVISION_LINE,
                "10",
                _per_unit("supervision_missions", "2"),
                description="2 điểm mỗi cuộc giám sát chuyên đề, tối đa 10 điểm.",
            ),
            Line("Khảo sát", "5", _per_unit("surveys", "1"), description="1 điểm mỗi cuộc khảo sát, tối đa 5 điểm."),
            Line(
                "Phiên giải trình",
                "5",
                _per_unit("explanation_sessions", "2.5"),
                description="2,5 điểm mỗi phiên giải trình, tối đa 5 điểm.",
            ),
            Line(
                "Chất lượng kiến nghị sau giám sát và theo dõi việc thực hiện",
                "10",
                description="Căn cứ báo cáo kết quả giám sát và báo cáo thực hiện kiến nghị sau giám sát.",
            ),
        ),
    ),
    Line(
        "Tiếp xúc cử tri, tiếp công dân, kiến nghị cử tri",
        "35",
        children=(
            Line(
                "Tiếp xúc cử tri trước và sau kỳ họp",
                "10",
                _per_unit("voter_meetings", "1"),
                description="1 điểm mỗi buổi tiếp xúc cử tri, tối đa 10 điểm.",
            ),
            Line(
                "Tiếp công dân định kỳ",
                "5",
                _per_unit("citizen_receptions", "0.5"),
                description="0,5 điểm mỗi buổi tiếp công dân, tối đa 5 điểm.",
            ),
            Line(
                "Tỷ lệ kiến nghị cử tri đã được giải quyết",
                "15",
                {"type": "proportional", "statistic": "petitions_resolved_percent"},
                description="15 điểm nhân tỷ lệ kiến nghị đã giải quyết.",
            ),
            Line("Đôn đốc, giám sát việc giải quyết kiến nghị, đơn thư", "5"),
        ),
    ),
    Line(
        "Thông tin, báo cáo, chuyển đổi số",
        "15",
        children=(
            Line("Thực hiện chế độ thông tin, báo cáo với Thường trực HĐND tỉnh", "10"),
            Line("Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động HĐND", "5"),
        ),
    ),
    Line(
        "Mô hình, cách làm hay được ghi nhận",
        "10",
        _per_unit("good_practices", "5"),
        CriterionSection.BONUS,
        "5 điểm mỗi mô hình, cách làm hay; điểm thưởng tối đa 10 điểm.",
    ),
    Line(
        "Báo cáo kết quả giám sát chậm hạn",
        "6",
        _per_unit("supervision_reports_late", "2"),
        CriterionSection.DEDUCTION,
        "Trừ 2 điểm mỗi báo cáo chậm hạn, tối đa 6 điểm.",
    ),
)
COMMITTEE_SHEET = (
    Line(
        "Giám sát chuyên đề do Ban chủ trì",
        "40",
        _per_unit("supervision_missions", "10"),
        description="10 điểm mỗi cuộc giám sát chuyên đề, tối đa 40 điểm.",
    ),
    Line("Khảo sát do Ban chủ trì", "20", _per_unit("surveys", "5"), description="5 điểm mỗi cuộc khảo sát."),
    Line("Chất lượng báo cáo thẩm tra trình kỳ họp", "40"),
    Line(
        "Báo cáo kết quả giám sát chậm hạn",
        "10",
        _per_unit("supervision_reports_late", "5"),
        CriterionSection.DEDUCTION,
        "Trừ 5 điểm mỗi báo cáo chậm hạn.",
    ),
)


def _criteria_build(
    *, actor: User, sheet: ScoreSheet, lines: tuple[Line, ...], parent: Criterion | None = None
) -> None:
    for line in lines:
        criterion = emulation.criterion_create(
            actor=actor,
            sheet=sheet,
            title=line.title,
            max_points=Decimal(line.max_points),
            section=line.section,
            method=line.method,
            parent=parent,
            rule=line.rule,
            description=line.description,
        )
        _criteria_build(actor=actor, sheet=sheet, lines=line.children, parent=criterion)


HALF = Decimal("0.5")


def _assessment(*, rng: random.Random, quality: float, max_points: Decimal) -> Decimal:
    """A share of the maximum around the target's quality, in half points."""
    share = Decimal(str(min(1.0, max(0.0, quality + rng.uniform(-0.12, 0.12)))))
    return min(max_points, (max_points * share / HALF).quantize(Decimal(1), rounding=ROUND_HALF_UP) * HALF)


def _remark(points: Decimal, max_points: Decimal) -> str:
    share = points / max_points
    if share >= Decimal("0.9"):
        return "Hoàn thành tốt; hồ sơ, minh chứng đầy đủ."
    if share >= Decimal("0.7"):
        return "Hoàn thành; một số nội dung cần bổ sung minh chứng."
    return "Còn hạn chế, chưa đầy đủ minh chứng; đề nghị khắc phục trong năm sau."


def _assess(
    *,
    actor: User,
    sheet: ScoreSheet,
    targets: list[ScoreTarget],
    quality_of: dict[int, float],
    evidence_of: dict[int, list[Evidence]],
) -> None:
    """A hand assessment, with a note and evidence, of every manual criterion for each target."""
    manual = list(sheet.criteria.filter(method=CriterionMethod.MANUAL).order_by("pk"))
    rng = random.Random(sheet.year)
    for target in targets:
        for criterion in manual:
            points = _assessment(rng=rng, quality=quality_of[target.pk], max_points=criterion.max_points)
            emulation.score_entry_set(
                actor=actor,
                target=target,
                criterion=criterion,
                points=points,
                evidence=evidence_of.get(target.pk, []),
                note=f"{_remark(points, criterion.max_points)} Thẩm định theo báo cáo tự đánh giá năm {sheet.year}.",
            )


def _self_assessments(*, sheet: ScoreSheet, targets: list[ScoreTarget]) -> dict[int, list[Evidence]]:
    """Each demo commune's self-assessment report for the year, uploaded by its own secretariat."""
    by_code = {spec.code: spec for spec in demo.COMMUNES}
    evidence = {}
    for target in targets:
        spec = by_code.get(target.council.code)
        if spec is not None:
            evidence[target.pk] = [
                _evidence(
                    actor=User.objects.get(username=spec.secretariat_username),
                    council=target.council,
                    title=f"Báo cáo tự đánh giá, chấm điểm thi đua năm {sheet.year} của {spec.short_name}",
                )
            ]
    return evidence


def _commune_quality(targets: list[ScoreTarget]) -> dict[int, float]:
    return {target.pk: PROFILES.get(target.council.code, DEFAULT_PROFILE).quality for target in targets}


def _commune_sheet_last_year(*, actor: User, province: Council, year: int, today: dt.date) -> ScoreSheet:
    sheet = emulation.score_sheet_create(
        actor=actor,
        council=province,
        year=year,
        target_kind=TargetKind.COMMUNE_COUNCILS,
        title=f"Thang điểm thi đua HĐND cấp xã năm {year}",
        bonus_cap=Decimal(10),
        tie_rule=TieRule.CRITERIA_ORDER,
    )
    _criteria_build(actor=actor, sheet=sheet, lines=COMMUNE_SHEET)
    targets = list(sheet.targets.select_related("council"))
    _assess(
        actor=actor,
        sheet=sheet,
        targets=targets,
        quality_of=_commune_quality(targets),
        evidence_of=_self_assessments(sheet=sheet, targets=targets),
    )
    sheet = emulation.score_sheet_score(actor=actor, sheet=sheet, today=today)
    sheet = emulation.score_sheet_lock(actor=actor, sheet=sheet)
    return emulation.score_sheet_publish(actor=actor, sheet=sheet)


def _commune_sheet_this_year(*, actor: User, last: ScoreSheet, year: int, today: dt.date) -> ScoreSheet:
    """A copy of last year's sheet with the supervision criterion made richer, scored; the last commune's
    manual criteria are still to be assessed, so it stays in draft."""
    sheet = emulation.score_sheet_copy(actor=actor, sheet=last, year=year)
    emulation.criterion_update(
        actor=actor,
        criterion=sheet.criteria.get(title=SUPERVISION_LINE),
        rule=_per_unit("supervision_missions", "2.5"),
        description=f"Từ năm {year}: 2,5 điểm mỗi cuộc giám sát chuyên đề, tối đa 10 điểm.",
    )
    targets = list(sheet.targets.select_related("council"))
    assessed = targets[:-1]
    _assess(
        actor=actor,
        sheet=sheet,
        targets=assessed,
        quality_of=_commune_quality(assessed),
        evidence_of=_self_assessments(sheet=sheet, targets=assessed),
    )
    return emulation.score_sheet_score(actor=actor, sheet=sheet, today=today)


def _committee_sheet(*, actor: User, province: Council, year: int, today: dt.date) -> ScoreSheet:
    sheet = emulation.score_sheet_create(
        actor=actor,
        council=province,
        year=year,
        target_kind=TargetKind.COMMITTEES,
        title=f"Thang điểm thi đua các Ban của HĐND tỉnh năm {year}",
        tie_rule=TieRule.FEWER_DEDUCTIONS,
    )
    _criteria_build(actor=actor, sheet=sheet, lines=COMMITTEE_SHEET)
    targets = list(sheet.targets.all())
    _assess(
        actor=actor,
        sheet=sheet,
        targets=targets,
        quality_of={t.pk: 0.7 + 0.05 * i for i, t in enumerate(targets)},
        evidence_of={},
    )
    return emulation.score_sheet_score(actor=actor, sheet=sheet, today=today)


def _sheets(*, province: Council, today: dt.date) -> list[str]:
    actor = User.objects.get(username=demo.PROVINCE.secretariat_username)
    last_year, year = today.year - 1, today.year
    existing = ScoreSheet.objects.filter(council=province)
    lines = []
    last = existing.filter(year=last_year, target_kind=TargetKind.COMMUNE_COUNCILS).first()
    if last is None:
        last = _commune_sheet_last_year(actor=actor, province=province, year=last_year, today=today)
        lines.append(f"{last.title}: đã chấm, khóa và công bố")
    if not existing.filter(year=year, target_kind=TargetKind.COMMUNE_COUNCILS).exists():
        lines.append(f"{_commune_sheet_this_year(actor=actor, last=last, year=year, today=today).title}: dự thảo")
    if not existing.filter(year=year, target_kind=TargetKind.COMMITTEES).exists():
        lines.append(f"{_committee_sheet(actor=actor, province=province, year=year, today=today).title}: dự thảo")
    return lines


def activity_seed(*, today: dt.date) -> list[str]:
    """Last year's and this year's activity for every demo council that has none for the year yet, then the
    province's score sheets that do not exist yet. Returns what was added, one line each."""
    lines = []
    for spec in demo.DEMO_COUNCILS:
        council = Council.objects.get(code=spec.code)
        actor = User.objects.get(username=spec.secretariat_username)
        years = [y for y in (today.year - 1, today.year) if not _has_records(council=council, year=y)]
        for year in years:
            CouncilYear(spec=spec, council=council, actor=actor, year=year, today=today).seed()
        if years:
            lines.append(f"{spec.short_name}: hoạt động năm {', '.join(map(str, years))}")
    return lines + _sheets(province=Council.objects.get(code=demo.PROVINCE.code), today=today)
