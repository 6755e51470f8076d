"""Recording (or correcting, with ``instance``) the council's activities: thematic supervision, surveys,
citizen reception, voter meetings and good practices. Only the council's own secretariat or chair (or an
administrator) enters them; the participants must hold a seat of the council on the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from activity import errors
from activity.models import CitizenReception, GoodPractice, ReceptionKind, SupervisionMission, Survey, VoterMeeting
from activity.services.records.common import check_committee, check_delegates, check_group, record_save
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Committee, Council, DelegateGroup, Person
from sessions_app.permissions import require_manage


def supervision_save(
    *,
    actor: Any,
    council: Council,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    committee: Committee | None = None,
    field: str = "",
    report_due: dt.date | None = None,
    report_submitted_on: dt.date | None = None,
    conclusion: str = "",
    delegates: Iterable[Person] = (),
    instance: SupervisionMission | None = None,
) -> SupervisionMission:
    """Record (or correct) a thematic supervision mission."""
    require_manage(actor, council)
    if end_date < start_date or (report_due is not None and report_due < start_date):
        raise ServiceError(errors.RECORD_DATES_INVALID)
    check_committee(council, committee)
    people = check_delegates(council, delegates, start_date)
    fields = {
        "title": title.strip(),
        "start_date": start_date,
        "end_date": end_date,
        "committee": committee,
        "field": field.strip(),
        "report_due": report_due,
        "report_submitted_on": report_submitted_on,
        "conclusion": conclusion.strip(),
    }
    return record_save(actor, SupervisionMission, "supervision.save", council, instance, fields, people)


def survey_save(
    *,
    actor: Any,
    council: Council,
    title: str,
    date: dt.date,
    committee: Committee | None = None,
    place: str = "",
    delegates: Iterable[Person] = (),
    instance: Survey | None = None,
) -> Survey:
    require_manage(actor, council)
    check_committee(council, committee)
    people = check_delegates(council, delegates, date)
    fields = {"title": title.strip(), "date": date, "committee": committee, "place": place.strip()}
    return record_save(actor, Survey, "survey.save", council, instance, fields, people)


def citizen_reception_save(
    *,
    actor: Any,
    council: Council,
    date: dt.date,
    citizens_received: int,
    petitions_received: int = 0,
    place: str = "",
    note: str = "",
    delegates: Iterable[Person] = (),
    instance: CitizenReception | None = None,
    kind: str = ReceptionKind.PERIODIC,
    opinions_received: int = 0,
) -> CitizenReception:
    require_manage(actor, council)
    if kind not in ReceptionKind.values:
        raise ServiceError(REQUEST_INVALID, details={"kind": kind})
    people = check_delegates(council, delegates, date)
    fields = {
        "date": date,
        "kind": kind,
        "citizens_received": citizens_received,
        "opinions_received": opinions_received,
        "petitions_received": petitions_received,
        "place": place.strip(),
        "note": note.strip(),
    }
    return record_save(actor, CitizenReception, "citizen_reception.save", council, instance, fields, people)


def voter_meeting_save(
    *,
    actor: Any,
    council: Council,
    date: dt.date,
    voters_attending: int,
    group: DelegateGroup | None = None,
    petitions_raised: int = 0,
    place: str = "",
    delegates: Iterable[Person] = (),
    instance: VoterMeeting | None = None,
) -> VoterMeeting:
    require_manage(actor, council)
    check_group(council, group)
    people = check_delegates(council, delegates, date)
    fields = {
        "date": date,
        "voters_attending": voters_attending,
        "group": group,
        "petitions_raised": petitions_raised,
        "place": place.strip(),
    }
    return record_save(actor, VoterMeeting, "voter_meeting.save", council, instance, fields, people)


def good_practice_save(
    *,
    actor: Any,
    council: Council,
    title: str,
    description: str,
    recognized_on: dt.date,
    instance: GoodPractice | None = None,
) -> GoodPractice:
    require_manage(actor, council)
    fields = {"title": title.strip(), "description": description.strip(), "recognized_on": recognized_on}
    return record_save(actor, GoodPractice, "good_practice.save", council, instance, fields)
