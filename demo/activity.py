"""Two years of fictitious activity for the demo councils (``demo.councils``), then the province's emulation
score sheets (``demo.score_sheets``). Called by ``seed_demo``.

Every record is entered through the activity and agenda services by the council's own secretariat, so each
write is checked and audited. What exists already is left alone, so running it again changes nothing.

The figures come from each council's profile (``demo.activity_data``: how active it is) varied by a fixed seed
per council and year, so the councils differ and the ranking means something. Dates never pass ``today``;
records from before a council's term began have no participating delegates, since nobody held a seat yet.
Names are invented."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from activity.models import (
    AuthorityLevel,
    CitizenReception,
    PetitionStatus,
    SupervisionMission,
    Survey,
    VoterMeeting,
)
from activity.services import records
from agenda.models import Official
from agenda.services import explanation_conclude, explanation_create, official_create
from demo import councils as demo
from demo.activity_data import (
    EXPLANATION_TOPICS,
    GOOD_PRACTICES,
    OFFICIAL_TITLES,
    PETITIONS,
    PROFILES,
    ROUND_MONTHS,
    SUPERVISION_TOPICS,
    SURVEY_TOPICS,
    Profile,
    evidence_add,
)
from demo.score_sheets import score_sheets_seed
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Person, Term, User


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
            evidence_add(
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
    return lines + score_sheets_seed(province=Council.objects.get(code=demo.PROVINCE.code), today=today)
