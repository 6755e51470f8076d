"""A seat without an end date ends with its term: a council that keeps its past terms (the backfill, the
demo's last year) must not count the old term's seats as held today (quorum, statistics, permissions)."""

import datetime as dt

import pytest

from sessions_app.models import Membership, Term
from sessions_app.permissions import delegate_membership
from sessions_app.selectors import memberships_in_force
from tests.factories import TERM_START, make_council, make_delegate, make_term

pytestmark = pytest.mark.django_db


def test_an_open_seat_of_the_previous_term_is_not_held_in_the_next():
    council = make_council()
    current = make_term(council)
    previous = Term.objects.create(
        council=council,
        label="2021-2026",
        ordinal="khóa X",
        start_date=dt.date(2021, 6, 25),
        end_date=TERM_START - dt.timedelta(days=1),
    )
    person = make_delegate(council, current, seat=1)
    Membership.objects.create(  # the same person and seat in the last term, with no end date (the term's end)
        council=council, term=previous, person=person, seat=1, start_date=previous.start_date
    )
    today = TERM_START + dt.timedelta(days=30)
    held = list(memberships_in_force(council_id=council.pk, on=today))
    assert [m.term_id for m in held] == [current.pk]
    assert [m.term_id for m in memberships_in_force(council_id=council.pk, on=dt.date(2024, 5, 1))] == [previous.pk]
    assert delegate_membership(person_id=person.pk, council=council, on=today).term_id == current.pk
