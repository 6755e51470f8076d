"""Seats: a person given a seat in a council's term (delegate or office), and a vacancy recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from core.audit import audit_object
from core.errors import ServiceError
from sessions_app import errors as session_errors
from sessions_app.models import Committee, Council, DelegateGroup, Membership, MembershipRole, Person, Term
from sessions_app.permissions import require_manage
from sessions_app.selectors import membership_conflict


def membership_add(
    *,
    actor: Any,
    person: Person,
    council: Council,
    term: Term,
    seat: int,
    start_date: dt.date,
    end_date: dt.date | None = None,
    role: str = MembershipRole.DELEGATE,
    committee: Committee | None = None,
    group: DelegateGroup | None = None,
    full_time: bool = False,
) -> Membership:
    """Give a person a seat. Refuses a second overlapping seat for the person and a seat held twice."""
    require_manage(actor, council)
    if term.council_id != council.pk:
        raise ServiceError(session_errors.SESSION_TERM_MISMATCH)
    last_day = end_date or term.end_date
    if last_day < start_date or start_date < term.start_date or last_day > term.end_date:
        raise ServiceError(session_errors.MEMBERSHIP_DATES_INVALID)
    if (committee and committee.term_id != term.pk) or (group and group.term_id != term.pk):
        raise ServiceError(session_errors.MEMBERSHIP_ORGAN_MISMATCH)
    with transaction.atomic():
        Term.objects.select_for_update(no_key=True).get(pk=term.pk)
        conflict = membership_conflict(
            council_id=council.pk, term=term, person_id=person.pk, seat=seat, start_date=start_date, end_date=end_date
        )
        if conflict is not None:
            raise conflict
        membership = Membership.objects.create(
            person=person,
            council=council,
            term=term,
            seat=seat,
            start_date=start_date,
            end_date=end_date,
            role=role,
            committee=committee,
            group=group,
            full_time=full_time,
        )
        audit_object(
            actor=actor,
            action="membership.add",
            obj=membership,
            data={
                "person": person.pk,
                "seat": seat,
                "role": role,
                "start": start_date.isoformat(),
                "end": end_date.isoformat() if end_date else None,
            },
        )
    return membership


def membership_end(*, actor: Any, membership: Membership, end_date: dt.date) -> Membership:
    """Record a vacancy: the mandate's last day. The total number of delegates drops from the next day."""
    require_manage(actor, membership.council_id)
    if end_date < membership.start_date:
        raise ServiceError(session_errors.MEMBERSHIP_DATES_INVALID)
    with transaction.atomic():
        membership = Membership.objects.select_for_update(no_key=True).get(pk=membership.pk)
        membership.end_date = end_date
        membership.save(update_fields=["end_date"])
        audit_object(
            actor=actor,
            action="membership.end",
            obj=membership,
            data={"end": end_date.isoformat()},
        )
    return membership
