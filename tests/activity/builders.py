"""Builders of archive and activity data for the statistics and emulation tests (fictitious names only).
Archive rows (sessions, polls, questions…) are made directly: their own services are tested in their apps;
these tests are about what the statistics count."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from activity.models import (
    CitizenReception,
    GoodPractice,
    PetitionStatus,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from agenda.models import (
    AgendaItem,
    ExplanationSession,
    Official,
    Promise,
    Question,
    QuestionSource,
    SpeakerRequest,
    SpeakerState,
)
from sessions_app.models import Attendance, Council, Person, Session, SessionStream, Sitting, Term
from voting.models import NamedBallot, Poll, Resolution, SecretParticipation

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_n = itertools.count(1)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), TZ)


def session(council: Council, term: Term, *, start: dt.date, type: str = "regular", status: str = "closed") -> Session:
    made = Session.objects.create(
        council=council,
        term=term,
        number=next(_n),
        title="Kỳ họp thử",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        type=type,
        status=status,
    )
    SessionStream.objects.create(session=made)
    return made


def sitting(made: Session, *, day: dt.date | None = None, status: str = "closed") -> Sitting:
    return Sitting.objects.create(
        session=made, number=next(_n), date=day or made.start_date, start_time=dt.time(8), status=status
    )


def present(sitting_: Sitting, *people: Person, status: str = "present") -> None:
    for person in people:
        Attendance.objects.create(
            sitting=sitting_, person=person, status=status, method="manual", checked_in_at=at(sitting_.date, 8)
        )


def poll(sitting_: Sitting, *, method: str = "named", status: str = "closed", voters: tuple[Person, ...] = ()) -> Poll:
    made = Poll.objects.create(
        council=sitting_.session.council,
        session=sitting_.session,
        sitting=sitting_,
        title="Biểu quyết thử",
        method=method,
        status=status,
        created_at=at(sitting_.date, 9),
        opened_at=at(sitting_.date, 10),
        closed_at=at(sitting_.date, 11),
        total_delegates=10,
        result={"test": True},
    )
    for person in voters:
        if method == "named":
            NamedBallot.objects.create(
                poll=made,
                person=person,
                choice="yes",
                client_id=uuid.uuid4(),
                receipt=f"R{next(_n):05d}",
                cast_at=at(sitting_.date, 10),
            )
        else:
            SecretParticipation.objects.create(poll=made, person=person, token_hash=uuid.uuid4().hex)
    return made


def resolution(made: Session, *, status: str, decided: dt.date | None) -> Resolution:
    numbered = status in {"adopted", "published"}
    serial = next(_n)
    return Resolution.objects.create(
        council=made.council,
        session=made,
        title="Nghị quyết thử",
        status=status,
        kind="normative",
        year=decided.year if numbered else None,
        serial=serial if numbered else None,
        number=f"{serial:02d}/{decided.year}/NQ-HĐND" if numbered else "",
        adopted_on=decided if numbered else None,
        created_at=at(made.start_date),
        decided_at=at(decided) if decided else None,
        published_at=at(decided) if status == "published" else None,
    )


def official(council: Council) -> Official:
    return Official.objects.create(
        council=council, full_name=f"Cán bộ Thử {next(_n)}", title="Giám đốc Sở Thử", agency="Sở Thử"
    )


def question(
    made: Session,
    asker: Person,
    respondent: Official,
    *,
    status: str,
    written_due: dt.date | None = None,
    written_answered: dt.date | None = None,
) -> Question:
    return Question.objects.create(
        session=made,
        asker=asker,
        respondent=respondent,
        text="Câu hỏi thử",
        status=status,
        source=QuestionSource.SECRETARIAT,
        registered_at=at(made.start_date, 7),
        written_due=written_due,
        written_answered_at=at(written_answered) if written_answered else None,
        written_answer="Trả lời" if written_answered else "",
    )


def promise(
    made: Session, respondent: Official, *, due: dt.date, done: bool = False, question: Question | None = None
) -> Promise:
    return Promise.objects.create(
        session=made,
        question=question,
        official=respondent,
        content="Lời hứa thử",
        due_date=due,
        status="done" if done else "open",
        created_at=at(made.start_date),
        done_at=at(due) if done else None,
    )


def speech(sitting_: Sitting, person: Person, *, spoken_ms: int, state: str = SpeakerState.DONE) -> SpeakerRequest:
    item = AgendaItem.objects.create(
        session=sitting_.session, sitting=sitting_, title="Thảo luận thử", kind="discussion"
    )
    return SpeakerRequest.objects.create(
        item=item, person=person, state=state, requested_at=at(sitting_.date), elapsed_ms=spoken_ms, allowed_seconds=420
    )


def mission(
    council: Council,
    *,
    start: dt.date,
    due: dt.date | None = None,
    submitted: dt.date | None = None,
    committee=None,
    delegates: tuple[Person, ...] = (),
) -> SupervisionMission:
    made = SupervisionMission.objects.create(
        council=council,
        committee=committee,
        title="Giám sát thử",
        start_date=start,
        end_date=start + dt.timedelta(days=5),
        report_due=due,
        report_submitted_on=submitted,
    )
    made.delegates.set(delegates)
    return made


def survey(council: Council, *, day: dt.date, committee=None) -> Survey:
    return Survey.objects.create(council=council, committee=committee, title="Khảo sát thử", date=day)


def explanation(council: Council, *, day: dt.date) -> ExplanationSession:
    return ExplanationSession.objects.create(
        council=council, topic="Giải trình thử", held_on=day, notice_date=day - dt.timedelta(days=12)
    )


def reception(council: Council, *, day: dt.date, citizens: int, delegates: tuple[Person, ...] = ()) -> CitizenReception:
    made = CitizenReception.objects.create(council=council, date=day, citizens_received=citizens)
    made.delegates.set(delegates)
    return made


def voter_meeting(council: Council, *, day: dt.date, voters: int, group=None, raised: int = 0) -> VoterMeeting:
    return VoterMeeting.objects.create(
        council=council, group=group, date=day, voters_attending=voters, petitions_raised=raised
    )


def petitions(council: Council, *, day: dt.date, **by_status: int) -> None:
    for status, count in by_status.items():
        for _ in range(count):
            VoterPetition.objects.create(
                council=council,
                content="Kiến nghị thử",
                authority_level="commune",
                received_on=day,
                status_changed_on=day,
                status=PetitionStatus(status),
            )


def good_practice(council: Council, *, day: dt.date) -> GoodPractice:
    return GoodPractice.objects.create(council=council, title="Mô hình thử", description="Mô tả", recognized_on=day)


ZERO = Decimal("0.00")
