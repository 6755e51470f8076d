"""Which seats are held when: one rule for every query (statistics, permissions, archive, attendance)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from sessions_app.models import Membership


def seats_held(seats: QuerySet[Membership], *, first: dt.date, last: dt.date) -> QuerySet[Membership]:
    """The seats held at some day from ``first`` to ``last``. A seat without an end date ends with its term
    (a council keeps its past terms' seats: they must not count as held today)."""
    return seats.filter(start_date__lte=last).exclude(end_date__lt=first).filter(term__end_date__gte=first)
