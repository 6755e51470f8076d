"""Writes of the sessions app. Each validates, runs in one transaction, records an audit entry and announces the
change on the session stream after commit. By concern: ``sessions``, ``sittings``, ``memberships`` (seats) and
``attendance``, whose services this package re-exports; ``setup`` (councils, terms, organs, people, corrections
to sessions and sittings) and ``roles`` (a council's roles) are used as modules."""

from sessions_app.services.attendance import (
    ATTENDANCE_BATCH_MAX,
    attendance_check_in,
    attendance_mark,
    attendance_mark_many,
    attendance_recorded_set,
)
from sessions_app.services.memberships import membership_add, membership_end
from sessions_app.services.sessions import session_create, session_status_set
from sessions_app.services.sittings import sitting_create, sitting_reopen, sitting_status_set

__all__ = [
    "ATTENDANCE_BATCH_MAX",
    "attendance_check_in",
    "attendance_mark",
    "attendance_mark_many",
    "attendance_recorded_set",
    "membership_add",
    "membership_end",
    "session_create",
    "session_status_set",
    "sitting_create",
    "sitting_reopen",
    "sitting_status_set",
]
