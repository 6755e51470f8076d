"""A poll's lifecycle after its creation (``voting.services.polls``): open it (who may vote, the quorum, the
countdown), record show-of-hands counts, close and count it, publish the result, cancel it. Every transition
locks the poll and checks the status machine (``NEXT``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import SittingStatus
from sessions_app.permissions import require_manage
from sessions_app.personal import personal_put
from sessions_app.selectors import (
    delegates_total,
    memberships_in_force,
    quorum_required,
    sitting_present_person_ids,
)
from voting import errors
from voting.events import POLL_CANCELLED, POLL_CLOSED, POLL_OPENED, POLL_PROGRESS, POLL_PUBLISHED, emit_poll
from voting.models import NamedBallot, Poll, PollMethod, PollStatus
from voting.results import poll_result, tally
from voting.selectors import poll_ballot
from voting.services.committee import committee_missing, tally_close, tally_prepare

NEXT = {
    PollStatus.DRAFT: {PollStatus.OPEN, PollStatus.CANCELLED},
    PollStatus.OPEN: {PollStatus.CLOSED, PollStatus.CANCELLED},
    PollStatus.CLOSED: {PollStatus.PUBLISHED},
}


def _locked(poll: Poll, target: str) -> Poll:
    """The poll, locked, for a change of status. Its options and candidates are read once here: the result and
    the event's state for each audience all use them (none of these changes alters them)."""
    poll = (
        Poll.objects.select_for_update(no_key=True)
        .select_related("sitting", "session")
        .prefetch_related("options", "candidates")
        .get(pk=poll.pk)
    )
    if target not in NEXT.get(poll.status, set()):
        raise ServiceError(
            errors.POLL_STATUS_INVALID,
            current=PollStatus(poll.status).label,
            target=PollStatus(target).label,
            details={"current": poll.status, "target": str(target)},
        )
    return poll


POLL_DURATION_MIN_SECONDS = 10
POLL_DURATION_MAX_SECONDS = 3600


def poll_open(*, actor: Any, poll: Poll, quorum_confirmed: bool = False, duration_seconds: int | None = None) -> Poll:
    """Snapshot the total number of delegates and who may vote (in force and checked in), then open.

    With fewer delegates checked in than the quorum (2/3 of the total), the vote opens only when the chair
    or secretariat confirms it (``quorum_confirmed``); the confirmation is kept on the poll, in the audit
    log and in the minutes.

    ``duration_seconds`` (optional, 10 s to 1 hour) sets the poll's ``deadline``: a countdown on every screen.
    It closes nothing: the chair closes the vote (ballots are accepted until then)."""
    require_manage(actor, poll.council_id)
    if duration_seconds is not None and (
        not isinstance(duration_seconds, int)
        or isinstance(duration_seconds, bool)
        or not POLL_DURATION_MIN_SECONDS <= duration_seconds <= POLL_DURATION_MAX_SECONDS
    ):
        raise ServiceError(errors.POLL_DURATION_INVALID, min=POLL_DURATION_MIN_SECONDS, max=POLL_DURATION_MAX_SECONDS)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.OPEN)
        sitting = poll.sitting
        if sitting.status != SittingStatus.OPEN:
            raise ServiceError(errors.POLL_SITTING_NOT_OPEN)
        if Poll.objects.filter(sitting=sitting, status=PollStatus.OPEN).exists():
            raise ServiceError(errors.POLL_ANOTHER_OPEN)
        in_force = set(
            memberships_in_force(council_id=poll.council_id, on=sitting.date).values_list("person_id", flat=True)
        )
        eligible = sorted(sitting_present_person_ids(sitting=sitting) & in_force)
        if not eligible:
            raise ServiceError(errors.POLL_NOBODY_ELIGIBLE)
        total = delegates_total(council_id=poll.council_id, on=sitting.date)
        below_quorum = len(eligible) < quorum_required(total=total)
        if below_quorum and quorum_confirmed is not True:
            raise ServiceError(
                errors.POLL_QUORUM_NOT_MET,
                present=len(eligible),
                total=total,
                details={"present": len(eligible), "total": total, "required": quorum_required(total=total)},
            )
        poll.status = PollStatus.OPEN
        poll.opened_at = timezone.now()
        poll.deadline = poll.opened_at + dt.timedelta(seconds=duration_seconds) if duration_seconds else None
        poll.quorum_confirmed = below_quorum
        poll.total_delegates = total
        poll.eligible_person_ids = eligible
        poll.eligible_count = len(eligible)
        poll.late_checkin_may_vote = settings.NT["LATE_CHECKIN_MAY_VOTE"]
        try:
            with transaction.atomic():
                poll.save(
                    update_fields=[
                        "status",
                        "opened_at",
                        "deadline",
                        "total_delegates",
                        "eligible_person_ids",
                        "eligible_count",
                        "late_checkin_may_vote",
                        "quorum_confirmed",
                        "updated_at",
                    ]
                )
        except IntegrityError as exc:  # another poll of the sitting opened concurrently
            raise ServiceError(errors.POLL_ANOTHER_OPEN) from exc
        if poll.method == PollMethod.SECRET:
            tally_prepare(poll)
        audit_object(
            actor=actor,
            obj=poll,
            action="poll.open",
            data={
                "total": poll.total_delegates,
                "eligible": eligible,
                "present": len(eligible),
                "quorum_confirmed": poll.quorum_confirmed,
                **({"duration_seconds": duration_seconds} if duration_seconds else {}),
            },
        )
        emit_poll(poll, POLL_OPENED)
        _ballots_announce(poll, in_force)
    return poll


def _ballots_announce(poll: Poll, in_force: set[int]) -> None:
    """Each delegate's ``me.ballots/<poll>`` entry (protocol 1.1 personal frame): may I vote. A delegate not
    yet eligible who may still check in and vote gets no entry (the server decides when they try)."""
    eligible = set(poll.eligible_person_ids)
    may_vote = dict.fromkeys(eligible, True)
    if not poll.late_checkin_may_vote:
        may_vote.update(dict.fromkeys(in_force - eligible, False))
    _ballots_entry(poll, may_vote, POLL_OPENED)


def _ballots_entry(poll: Poll, may_vote: dict[int, bool], type: str) -> None:
    """Put an empty ``me.ballots/<poll>`` entry (not voted) for each delegate of ``may_vote``, after commit."""
    empty = {"voted": False, "receipt": None, "choice": None}
    personal_put(
        session_id=poll.session_id,
        path=["ballots", str(poll.pk)],
        values={pid: {"eligible": eligible, **empty} for pid, eligible in may_vote.items()},
        type=type,
        data={"poll": poll.pk},
    )


def _final_counts(poll: Poll) -> tuple[dict[str, int], int]:
    if poll.method == PollMethod.SHOW_OF_HANDS:
        if poll.hands_counts is None:
            raise ServiceError(errors.POLL_HANDS_MISSING)
        return dict(poll.hands_counts), sum(poll.hands_counts.values())
    choices = list(NamedBallot.objects.filter(poll=poll).values_list("choice", flat=True))
    return tally(poll.kind, choices), len(choices)


def poll_close(*, actor: Any, poll: Poll) -> Poll:
    """End the vote and count it. The final state goes out at once (not through the progress timer)."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.CLOSED)
        if poll.method == PollMethod.SECRET:  # the counting committee decrypts the sums next
            poll.result, cast = tally_close(poll), poll.cast_count
        else:
            counts, cast = _final_counts(poll)
            poll.result = poll_result(
                ballot=poll_ballot(poll),
                counts=counts,
                cast=cast,
                total=poll.total_delegates,
                eligible=poll.eligible_count,
            )
        poll.status = PollStatus.CLOSED
        poll.closed_at = timezone.now()
        poll.cast_count = cast
        poll.save(update_fields=["result", "status", "closed_at", "cast_count", "updated_at"])
        audit_object(
            actor=actor,
            obj=poll,
            action="poll.close",
            data={
                "cast": cast,
                "total": poll.total_delegates,
                "counts": poll.result["counts"] if poll.result else None,
            },
        )
        emit_poll(poll, POLL_CLOSED)
    return poll


def poll_result_publish(*, actor: Any, poll: Poll) -> Poll:
    """Announce the result to everyone (``voting.services.decisions.poll_publish`` also decides the linked
    resolution: call that one)."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.PUBLISHED)
        if poll.result is None:
            missing = committee_missing(poll, "partial")
            raise ServiceError(errors.POLL_TALLY_PENDING, missing=", ".join(missing), details={"missing": missing})
        poll.status = PollStatus.PUBLISHED
        poll.published_at = timezone.now()
        poll.save(update_fields=["status", "published_at", "updated_at"])
        audit_object(actor=actor, obj=poll, action="poll.publish", data={"passed": poll.result["passed"]})
        emit_poll(poll, POLL_PUBLISHED)
    return poll


def poll_cancel(*, actor: Any, poll: Poll, reason: str = "") -> Poll:
    """Abandon a draft or open poll (e.g. a technical fault); ballots already cast stay void."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.CANCELLED)
        previous = poll.status
        poll.status = PollStatus.CANCELLED
        poll.cancelled_at = timezone.now()
        poll.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_object(actor=actor, obj=poll, action="poll.cancel", data={"from": previous, "reason": reason[:500]})
        emit_poll(poll, POLL_CANCELLED)
        if previous == PollStatus.DRAFT:  # never opened: it now shows in ``me.ballots``, nobody eligible
            in_force = memberships_in_force(council_id=poll.council_id, on=poll.sitting.date)
            _ballots_entry(poll, dict.fromkeys(in_force.values_list("person_id", flat=True), False), POLL_CANCELLED)
    return poll


def poll_hands_record(*, actor: Any, poll: Poll, counts: dict[str, Any]) -> Poll:
    """The secretariat enters (or corrects) the counts of a show of hands while the poll is open."""
    require_manage(actor, poll.council_id)
    if not isinstance(counts, dict):
        raise ServiceError(REQUEST_INVALID, details={"counts": "an object {option key: count}"})
    with transaction.atomic():
        poll = Poll.objects.select_for_update(no_key=True).select_related("sitting", "session").get(pk=poll.pk)
        if poll.method != PollMethod.SHOW_OF_HANDS:
            raise ServiceError(errors.POLL_METHOD_MISMATCH, method=PollMethod(poll.method).label)
        if poll.status != PollStatus.OPEN:
            raise ServiceError(errors.VOTE_NOT_OPEN, status=PollStatus(poll.status).label)
        keys = list(poll.options.values_list("key", flat=True))
        unknown = next((key for key in counts if key not in keys), None)
        if unknown is not None:
            raise ServiceError(errors.VOTE_UNKNOWN_OPTION, option=unknown)
        values = {key: counts.get(key, 0) for key in keys}
        if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in values.values()) or (
            sum(values.values()) > poll.eligible_count
        ):
            raise ServiceError(errors.POLL_HANDS_INVALID, eligible=poll.eligible_count)
        poll.hands_counts = values
        poll.cast_count = sum(values.values())
        poll.save(update_fields=["hands_counts", "cast_count", "updated_at"])
        audit_object(actor=actor, obj=poll, action="poll.hands", data={"counts": values})
        emit_poll(poll, POLL_PROGRESS)
    return poll
