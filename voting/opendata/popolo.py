"""Popolo JSON (https://www.popoloproject.com) of the public record: councils and their organs, delegates,
seats, terms/sessions/sittings, polls as motions and vote events, questions and answers as speeches.

Only what the public may see is exported, whoever asks: public sessions, sittings that are not closed-door,
published polls and the questions of public agenda items. Secret polls carry counts only, never a
per-person vote. Each ``*_rows`` function is the queryset an endpoint pages through; each ``*_popolo``
turns one row into a Popolo object. Ids are strings "<type>-<pk>" so they stay stable across exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from agenda.models import Official, Question, QuestionStatus
from agenda.selectors.access import item_public_q
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Person, Session, Sitting, Term
from voting.models import NamedBallot, Poll, PollKind, PollMethod, ResolutionStatus
from voting.results import choice_marks
from voting.selectors import poll_result_public_q

SPOKEN = [QuestionStatus.ASKED, QuestionStatus.ANSWERED, QuestionStatus.WRITTEN]


def popolo_id(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def _dt(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _at(day: dt.date, time: dt.time | None) -> str | None:
    if time is None:
        return None
    return _dt(timezone.make_aware(dt.datetime.combine(day, time)))


def _council_filter(rows: QuerySet, council_id: int | None, path: str = "council_id") -> QuerySet:
    return rows if council_id is None else rows.filter(**{path: council_id})


# Organizations: councils, their committees (Ban) and delegate groups (Tổ đại biểu).


def organization_rows(*, council_id: int | None = None) -> list[Council | Committee | DelegateGroup]:
    councils = Council.objects.all() if council_id is None else Council.objects.filter(pk=council_id)
    committees = _council_filter(Committee.objects.select_related("term"), council_id)
    groups = _council_filter(DelegateGroup.objects.select_related("term"), council_id)
    return [*councils.order_by("pk"), *committees.order_by("pk"), *groups.order_by("pk")]


def organization_popolo(org: Council | Committee | DelegateGroup) -> dict[str, Any]:
    if isinstance(org, Council):
        return {
            "id": popolo_id("council", org.pk),
            "name": org.name,
            "other_names": [{"name": org.short_name}] if org.short_name else [],
            "identifiers": [{"scheme": "nghi-truong", "identifier": org.code}],
            "classification": f"council:{org.level}",
            "parent_id": popolo_id("council", org.parent_id) if org.parent_id else None,
        }
    kind = "committee" if isinstance(org, Committee) else "group"
    return {
        "id": popolo_id(kind, org.pk),
        "name": org.name,
        "classification": kind,
        "parent_id": popolo_id("council", org.council_id),
        "founding_date": _date(org.term.start_date),
        "dissolution_date": _date(org.term.end_date),
    }


# Persons: delegates (public fields only: never contact data) and the officials they question.


def person_rows(*, council_id: int | None = None) -> list[Person | Official]:
    seats = _council_filter(Membership.objects.all(), council_id)
    people = Person.objects.filter(pk__in=seats.values("person_id")).order_by("pk")
    officials = _council_filter(Official.objects.all(), council_id).order_by("pk")
    return [*people, *officials]


def person_popolo(person: Person | Official) -> dict[str, Any]:
    if isinstance(person, Official):
        return {
            "id": popolo_id("official", person.pk),
            "name": person.full_name,
            "summary": f"{person.title}, {person.agency}",
        }
    family, _, given = person.full_name.rpartition(" ")
    data: dict[str, Any] = {
        "id": popolo_id("person", person.pk),
        "name": person.full_name,
        "family_name": family.split(" ")[0] if family else "",
        "given_name": given,
        "sort_name": f"{given} {family}".strip(),
    }
    if person.gender:
        data["gender"] = person.gender
    if person.birth_year:
        data["birth_date"] = f"{person.birth_year:04d}"
    return data


# Memberships: every seat in a council, and the committee and group a seat belongs to.


def membership_rows(*, council_id: int | None = None) -> QuerySet[Membership]:
    return _council_filter(Membership.objects.select_related("committee", "group"), council_id).order_by("pk")


def membership_popolo(seat: Membership) -> list[dict[str, Any]]:
    """One Popolo membership for the seat, plus one per organ the delegate sits in."""
    common = {
        "person_id": popolo_id("person", seat.person_id),
        "start_date": _date(seat.start_date),
        "end_date": _date(seat.end_date),
    }
    rows = [
        {
            "id": popolo_id("membership", seat.pk),
            "organization_id": popolo_id("council", seat.council_id),
            "role": seat.get_role_display(),
            "label": f"Ghế số {seat.seat}",
            **common,
        }
    ]
    if seat.committee_id:
        rows.append(
            {
                "id": f"{popolo_id('membership', seat.pk)}-committee",
                "organization_id": popolo_id("committee", seat.committee_id),
                "role": "member",
                **common,
            }
        )
    if seat.group_id:
        rows.append(
            {
                "id": f"{popolo_id('membership', seat.pk)}-group",
                "organization_id": popolo_id("group", seat.group_id),
                "role": "member",
                **common,
            }
        )
    return rows


# Events: terms contain sessions, sessions contain sittings.


def event_rows(*, council_id: int | None = None) -> list[Term | Session | Sitting]:
    terms = _council_filter(Term.objects.all(), council_id).order_by("pk")
    sessions = _council_filter(Session.objects.filter(is_public=True), council_id).order_by("pk")
    sittings = _council_filter(
        Sitting.objects.filter(session__is_public=True, is_closed_door=False).select_related("session"),
        council_id,
        "session__council_id",
    ).order_by("pk")
    return [*terms, *sessions, *sittings]


def event_popolo(event: Term | Session | Sitting) -> dict[str, Any]:
    if isinstance(event, Term):
        return {
            "id": popolo_id("term", event.pk),
            "name": f"Nhiệm kỳ {event.label} ({event.ordinal})",
            "classification": "term",
            "organization_id": popolo_id("council", event.council_id),
            "start_date": _date(event.start_date),
            "end_date": _date(event.end_date),
        }
    if isinstance(event, Session):
        return {
            "id": popolo_id("session", event.pk),
            "name": event.title,
            "classification": "session",
            "description": event.get_type_display(),
            "location": event.venue or None,
            "status": event.status,
            "organization_id": popolo_id("council", event.council_id),
            "parent_id": popolo_id("term", event.term_id),
            "start_date": _date(event.start_date),
            "end_date": _date(event.end_date),
        }
    return {
        "id": popolo_id("sitting", event.pk),
        "name": event.title or f"Phiên họp thứ {event.number}",
        "classification": "sitting",
        "status": event.status,
        "organization_id": popolo_id("council", event.session.council_id),
        "parent_id": popolo_id("session", event.session_id),
        "start_date": _at(event.date, event.start_time) or _date(event.date),
        "end_date": _at(event.date, event.end_time),
    }


# Motions and vote events: published polls of public sittings.


def poll_rows(*, council_id: int | None = None) -> QuerySet[Poll]:
    polls = (
        Poll.objects.filter(poll_result_public_q())
        .select_related("resolution")
        .prefetch_related("options", "candidates")
    )
    return _council_filter(polls, council_id).order_by("pk")


def _published_resolution_number(poll: Poll) -> str | None:
    resolution = getattr(poll, "resolution", None)
    if resolution is not None and resolution.status == ResolutionStatus.PUBLISHED:
        return resolution.number
    return None


def _outcome(poll: Poll) -> str | None:
    passed = (poll.result or {}).get("passed")
    return None if passed is None else ("pass" if passed else "fail")


def motion_popolo(poll: Poll) -> dict[str, Any]:
    outcome = _outcome(poll)
    return {
        "id": popolo_id("motion", poll.pk),
        "organization_id": popolo_id("council", poll.council_id),
        "legislative_session_id": popolo_id("session", poll.session_id),
        "text": poll.title,
        "identifier": _published_resolution_number(poll),
        "classification": poll.kind,
        "date": _at(poll.sitting.date, poll.sitting.start_time),  # the legal date: the sitting's
        "requirement": poll.get_majority_rule_display(),
        "result": {"pass": "passed", "fail": "failed"}.get(outcome) if outcome else None,
    }


def vote_event_counts(poll: Poll) -> list[dict[str, Any]]:
    """The stored counts of the result as marks ("yes", "c<candidate>", "c<official>:<level>"); an ordinary
    poll lists every option, zeros included, and its counts add up to the ballots cast."""
    result = poll.result or {}
    counts = [{"option": option, "value": value} for option, value in sorted((result.get("counts") or {}).items())]
    if poll.kind not in (PollKind.ELECTION, PollKind.CONFIDENCE):
        present = {c["option"] for c in counts}
        counts += [{"option": o.key, "value": 0} for o in poll.options.all() if o.key not in present]
    return counts


def vote_event_popolo(poll: Poll) -> dict[str, Any]:
    data = {
        "id": popolo_id("vote-event", poll.pk),
        "organization_id": popolo_id("council", poll.council_id),
        "legislative_session_id": popolo_id("session", poll.session_id),
        "identifier": _published_resolution_number(poll),
        "motion_id": popolo_id("motion", poll.pk),
        "classification": poll.method,
        "start_date": _dt(poll.opened_at),
        "end_date": _dt(poll.closed_at),
        "result": _outcome(poll),
        "counts": vote_event_counts(poll),
    }
    if poll.method == PollMethod.NAMED:
        ballots = NamedBallot.objects.filter(poll=poll).order_by("person_id")
        data["votes"] = [
            {
                "vote_event_id": data["id"],
                "voter_id": popolo_id("person", b.person_id),
                "option": "+".join(choice_marks(poll.kind, b.choice)),
            }
            for b in ballots
        ]
    return data


# Speeches: questions asked in public, their live turns and written answers.


def question_rows(*, council_id: int | None = None) -> QuerySet[Question]:
    """Questions of public sessions that were asked or answered, outside closed-door or non-public items."""
    public_topic = Q(topic__isnull=True) | Q(topic__item__isnull=True) | item_public_q("topic__item__")
    questions = Question.objects.filter(public_topic, session__is_public=True, status__in=SPOKEN)
    questions = _council_filter(questions, council_id, "session__council_id")
    return questions.select_related("session", "respondent").prefetch_related("steps").order_by("pk")


def speeches_popolo(question: Question) -> list[dict[str, Any]]:
    event = popolo_id("session", question.session_id)
    speeches = [
        {
            "id": popolo_id("question", question.pk),
            "creator_id": popolo_id("person", question.asker_id),
            "audience_id": popolo_id("official", question.respondent_id),
            "text": question.text,
            "type": "question",
            "title": "Phiếu chất vấn",
            "date": _dt(question.registered_at),
            "event_id": event,
        }
    ]
    for step in question.steps.all():
        speaker = popolo_id("official", step.official_id) if step.official_id else popolo_id("person", step.person_id)
        speeches.append(
            {
                "id": f"{popolo_id('question', question.pk)}-turn-{step.number}",
                "creator_id": speaker,
                "type": "answer" if step.kind == "answer" else "question",
                "title": step.get_kind_display(),
                "date": _dt(step.started_at),
                "event_id": event,
                "position": step.number,
            }
        )
    if question.written_answer:
        speeches.append(
            {
                "id": f"{popolo_id('question', question.pk)}-written",
                "creator_id": popolo_id("official", question.respondent_id),
                "audience_id": popolo_id("person", question.asker_id),
                "text": question.written_answer,
                "type": "answer",
                "title": "Trả lời bằng văn bản",
                "date": _dt(question.written_answered_at),
                "event_id": event,
            }
        )
    return speeches
