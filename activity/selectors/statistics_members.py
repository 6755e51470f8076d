"""Activity statistics of a council's committees, delegate groups and delegates (what emulation score sheets
compute their criteria from, and the per-delegate table), counted like the council's own figures
(``activity.selectors.statistics``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from activity.models import CitizenReception, SupervisionMission, Survey, VoterMeeting
from activity.periods import Period
from agenda.models import Question, QuestionStatus, SpeakerRequest, SpeakerState
from agenda.selectors import question_day
from core.numbers import percent
from sessions_app.models import (
    Attendance,
    AttendanceStatus,
    Committee,
    Council,
    DelegateGroup,
    Membership,
    Person,
    Sitting,
    SittingStatus,
)
from sessions_app.seats import seats_held
from voting.models import NamedBallot, Poll, PollMethod, PollStatus, SecretParticipation

DECIDED_POLLS = [PollStatus.CLOSED, PollStatus.PUBLISHED]
ELECTRONIC = [PollMethod.NAMED, PollMethod.SECRET]


def in_period(period: Period, field: str) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def late_reports(missions: QuerySet[SupervisionMission], today: dt.date) -> int:
    """Reports filed after their due date, or still missing once it has passed."""
    return missions.filter(
        Q(report_due__isnull=False)
        & (Q(report_submitted_on__gt=F("report_due")) | Q(report_submitted_on__isnull=True, report_due__lt=today))
    ).count()


def committee_statistics(*, committee: Committee, period: Period, today: dt.date | None = None) -> dict[str, Any]:
    missions = SupervisionMission.objects.filter(in_period(period, "start_date"), committee=committee)
    return {
        "supervision_missions": missions.count(),
        "supervision_reports_late": late_reports(missions, today or timezone.localdate()),
        "surveys": Survey.objects.filter(in_period(period, "date"), committee=committee).count(),
    }


def group_statistics(*, group: DelegateGroup, period: Period) -> dict[str, Any]:
    meetings = VoterMeeting.objects.filter(in_period(period, "date"), group=group).aggregate(
        n=Count("id"), voters=Sum("voters_attending"), petitions=Sum("petitions_raised")
    )
    return {
        "voter_meetings": meetings["n"],
        "voters_attending": meetings["voters"] or 0,
        "petitions_raised": meetings["petitions"] or 0,
    }


def _membership_days(person_id: int, council_id: int, period: Period) -> Q:
    """Sittings on days when the person held a seat of the council (seats may start or end mid-period)."""
    seats = Membership.objects.filter(person_id=person_id, council_id=council_id)
    condition = Q(pk__in=[])
    for start, end in seats.values_list("start_date", "end_date"):
        condition |= Q(date__gte=max(start, period.start), date__lte=min(end or period.end, period.end))
    return condition


def delegate_statistics(*, person: Person | int, council: Council | int, period: Period) -> dict[str, Any]:
    """One delegate's record in the council over the period: attendance, speeches, questions, votes, and the
    activities they took part in."""
    person_id = person if isinstance(person, int) else person.pk
    council_id = council if isinstance(council, int) else council.pk
    sittings = Sitting.objects.filter(
        _membership_days(person_id, council_id, period), session__council_id=council_id, status=SittingStatus.CLOSED
    )
    held = sittings.count()
    present = Attendance.objects.filter(
        sitting__in=sittings, person_id=person_id, status=AttendanceStatus.PRESENT
    ).count()
    speeches = SpeakerRequest.objects.filter(
        person_id=person_id, state=SpeakerState.DONE, item__session__council_id=council_id, item__sitting__in=sittings
    ).aggregate(n=Count("id"), ms=Sum("elapsed_ms"))
    questions = (
        Question.objects.annotate(day=question_day())
        .filter(in_period(period, "day"), asker_id=person_id, session__council_id=council_id)
        .exclude(status=QuestionStatus.WITHDRAWN)
    )
    polls = Poll.objects.filter(sitting__in=sittings, status__in=DECIDED_POLLS, method__in=ELECTRONIC)
    cast = (
        NamedBallot.objects.filter(poll__in=polls, person_id=person_id).count()
        + SecretParticipation.objects.filter(poll__in=polls, person_id=person_id).count()
    )
    polls_held = polls.count()
    return {
        "sittings_held": held,
        "sittings_present": present,
        "attendance_percent": percent(present, held),
        "speeches": speeches["n"],
        "speaking_minutes": (Decimal(speeches["ms"] or 0) / 60000).quantize(Decimal("0.1")),
        "questions_registered": questions.count(),
        "questions_asked": questions.filter(
            Q(status=QuestionStatus.ASKED) | Q(status=QuestionStatus.ANSWERED, written_answered_at__isnull=True)
        ).count(),
        "polls_held": polls_held,
        "votes_cast": cast,
        "votes_missed": polls_held - cast,
        "supervision_missions": SupervisionMission.objects.filter(
            in_period(period, "start_date"), council_id=council_id, delegates=person_id
        ).count(),
        "surveys": Survey.objects.filter(in_period(period, "date"), council_id=council_id, delegates=person_id).count(),
        "citizen_receptions": CitizenReception.objects.filter(
            in_period(period, "date"), council_id=council_id, delegates=person_id
        ).count(),
        "voter_meetings": VoterMeeting.objects.filter(
            in_period(period, "date"), council_id=council_id, delegates=person_id
        ).count(),
    }


def council_delegates_statistics(*, council: Council, period: Period) -> list[dict[str, Any]]:
    """Every delegate who held a seat during the period, with their record, by seat."""
    seats = (
        seats_held(Membership.objects.filter(council=council), first=period.start, last=period.end)
        .select_related("person")
        .order_by("seat", "start_date")
    )
    seen: dict[int, dict[str, Any]] = {}
    for seat in seats:
        if seat.person_id not in seen:
            seen[seat.person_id] = {
                "person": seat.person_id,
                "name": seat.person.full_name,
                "seat": seat.seat,
                **delegate_statistics(person=seat.person_id, council=council.pk, period=period),
            }
    return list(seen.values())
