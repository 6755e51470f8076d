"""Reads of polls, ballots and resolutions, and the snapshot parts ``polls``, ``resolutions`` and the
personal part ``ballots``. Stream events put exactly what these selectors compute, so a snapshot plus the
events after it equals a newer snapshot."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from core.errors import NOT_FOUND, ServiceError
from core.names import sorted_by_name
from realtime.registry import Audience, personal_part, snapshot_part
from sessions_app.models import Session
from sessions_app.permissions import can_read_council_private
from sessions_app.selectors import councils_private_readable
from voting import errors
from voting.models import (
    NamedBallot,
    Poll,
    PollMethod,
    PollStatus,
    Resolution,
    ResolutionStatus,
    SecretParticipation,
)
from voting.results import Ballot, tally

RESULT_STATUSES = {PollStatus.CLOSED, PollStatus.PUBLISHED}


def _dt(value: Any) -> str | None:
    return value.isoformat() if value else None


def poll_options(poll: Poll) -> list[dict[str, Any]]:
    return [
        {"key": o.key, "label": o.label, "label_en": o.label_en, "approves": o.approves} for o in poll.options.all()
    ]


def poll_candidates(poll: Poll) -> list[dict[str, Any]]:
    return [{"id": c.pk, "name": c.name, "title": c.title, "agency": c.agency} for c in poll.candidates.all()]


def poll_ballot(poll: Poll) -> Ballot:
    return Ballot(poll.kind, poll.method, poll.majority_rule, poll.seats, poll_options(poll), poll_candidates(poll))


def poll_is_public(poll: Poll) -> bool:
    """The public sees a poll once it has opened, unless its sitting is closed-door or its session private."""
    return poll.opened_at is not None and not poll.sitting.is_closed_door and poll.session.is_public


def poll_public_q(prefix: str = "") -> Q:
    """``poll_is_public`` as a query filter; ``prefix`` reaches the poll through a relation ("poll__")."""
    return Q(
        **{
            f"{prefix}opened_at__isnull": False,
            f"{prefix}sitting__is_closed_door": False,
            f"{prefix}session__is_public": True,
        }
    )


def poll_result_public(poll: Poll | None) -> bool:
    """Whether anyone, logged in or not, may see the poll's result and counts: it is published, and public
    (``poll_is_public``): never the vote of a closed-door sitting (họp kín) nor of a non-public session. The
    one rule for the portal, REST, Akoma Ntoso, CSV/XLSX and Popolo; the council itself sees more through
    ``poll_audience``."""
    return poll is not None and poll.status == PollStatus.PUBLISHED and poll.result is not None and poll_is_public(poll)


def poll_result_public_q(prefix: str = "") -> Q:
    """``poll_result_public`` as a query filter (a published poll always has its result: a constraint)."""
    return Q(**{f"{prefix}status": PollStatus.PUBLISHED}) & poll_public_q(prefix)


def resolution_public_q(prefix: str = "") -> Q:
    """A resolution the public may see: published, of a public session. A resolution adopted in a
    closed-door sitting is published like any other (number, title, text, document), but the vote that
    decided it stays closed: show its result only where ``poll_result_public`` allows."""
    return Q(**{f"{prefix}status": ResolutionStatus.PUBLISHED, f"{prefix}session__is_public": True})


def poll_named_counts(poll: Poll) -> dict[str, int]:
    return tally(poll.kind, NamedBallot.objects.filter(poll=poll).values_list("choice", flat=True))


def poll_state(*, poll: Poll, audience: Audience) -> dict[str, Any] | None:
    """A poll as tablets, the hall display and the public page show it. Running counts only for named polls
    that ask for them; the result for the council once closed and for everyone once published."""
    if audience == "public" and not poll_is_public(poll):
        return None
    state: dict[str, Any] = {
        "id": poll.pk,
        "title": poll.title,
        "description": poll.description,
        "kind": poll.kind,
        "method": poll.method,
        "majority_rule": poll.majority_rule,
        "change_allowed": poll.change_allowed,
        "show_running_counts": poll.show_running_counts,
        "seats": poll.seats,
        "status": poll.status,
        "sitting": poll.sitting_id,
        "agenda_item": poll.agenda_item_id,
        "options": poll_options(poll),
        "candidates": poll_candidates(poll),
        "total_delegates": poll.total_delegates,
        "eligible_count": poll.eligible_count,
        "cast_count": poll.cast_count,
        "opened_at": _dt(poll.opened_at),
        "deadline": _dt(poll.deadline),
        "closed_at": _dt(poll.closed_at),
        "published_at": _dt(poll.published_at),
        "counts": None,
        "result": None,
        "quorum_confirmed": poll.quorum_confirmed,
        "origin": poll.origin_id,
        "exclusions": poll.exclusions,
    }
    if poll.status == PollStatus.OPEN and poll.method == PollMethod.NAMED and poll.show_running_counts:
        state["counts"] = poll_named_counts(poll)
    if poll.status == PollStatus.PUBLISHED or (poll.status == PollStatus.CLOSED and audience == "council"):
        state["result"] = poll.result
    if poll.method == PollMethod.SECRET:
        from voting.board import committee_state, election_key

        state["committee"] = committee_state(poll)
        state["election"] = election_key(poll)  # what the tablets encrypt under (public)
        state["tally_pending"] = poll.status == PollStatus.CLOSED and poll.result is None
    return state


def session_polls(session: Session) -> QuerySet[Poll]:
    return (
        Poll.objects.filter(session=session)
        .select_related("sitting", "session")
        .prefetch_related("options", "candidates")
        .order_by("pk")
    )


@snapshot_part("polls")
def polls_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    states = ((poll.pk, poll_state(poll=poll, audience=audience)) for poll in session_polls(session))
    return {str(pk): state for pk, state in states if state is not None}


@personal_part("ballots")
def ballots_part(*, session: Session, user: Any) -> dict[str, Any]:
    """My vote per poll: voted or not, and for named polls my choice and receipt. The receipt of a secret
    ballot is never kept by the server, nor by the tablet: it is shown once, when the vote is recorded, for the
    voter to note. After a reload the tablet shows "voted" from this part alone. A poll open to late check-ins has
    no entry for a delegate not yet eligible, as its opening announced (``poll_lifecycle._ballots_announce``)."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return {}
    polls = list(
        Poll.objects.filter(session=session)
        .exclude(status=PollStatus.DRAFT)
        .only("pk", "late_checkin_may_vote", "eligible_person_ids")  # every reconnect: not the results' JSON
        .order_by("pk")
    )
    named = {b.poll_id: b for b in NamedBallot.objects.filter(poll__session=session, person_id=person_id)}
    secret = set(
        SecretParticipation.objects.filter(poll__session=session, person_id=person_id).values_list("poll_id", flat=True)
    )
    mine: dict[str, Any] = {}
    for poll in polls:
        ballot = named.get(poll.pk)
        may_check_in = poll.late_checkin_may_vote and person_id not in poll.eligible_person_ids
        if ballot is None and poll.pk not in secret and may_check_in:
            continue  # as its opening announced: no entry, the server decides if they check in and vote
        mine[str(poll.pk)] = {
            "eligible": person_id in poll.eligible_person_ids,
            "voted": ballot is not None or poll.pk in secret,
            "receipt": ballot.receipt if ballot else None,
            "choice": ballot.choice if ballot else None,
        }
    return mine


def poll_get(*, poll_id: Any) -> Poll:
    try:
        return Poll.objects.select_related("sitting", "session", "council").get(pk=int(poll_id))
    except (Poll.DoesNotExist, TypeError, ValueError):
        raise ServiceError(NOT_FOUND) from None


def poll_audience(*, user: Any, poll: Poll) -> Audience | None:
    """How much of a poll the user may see: council members everything, others the public form if any."""
    if can_read_council_private(user, poll.council_id):
        return "council"
    return "public" if poll_is_public(poll) else None


def _readable(rows: QuerySet[Any], *, user: Any, public_q: Q) -> QuerySet[Any]:
    """The rows the user may see: all of them for an administrator, else the public ones (``public_q``) and those
    of the councils whose private data the user reads now."""
    own = councils_private_readable(user=user)
    if own is None:
        return rows
    return rows.filter(public_q | Q(council_id__in=own)).distinct()


def polls_visible(*, user: Any, session_id: int | None = None, status: str | None = None) -> QuerySet[Poll]:
    """Polls a user may list: every poll of the councils whose private data they read now, public polls of the
    others (the same rule as ``poll_audience``, so no listed poll serialises to nothing)."""
    polls = Poll.objects.select_related("sitting", "session").prefetch_related("options", "candidates")
    if session_id is not None:
        polls = polls.filter(session_id=session_id)
    if status is not None:
        polls = polls.filter(status=status)
    return _readable(polls, user=user, public_q=poll_public_q()).order_by("-pk")


def poll_result_for(*, user: Any, poll: Poll) -> dict[str, Any]:
    audience = poll_audience(user=user, poll=poll)
    if audience is None:
        raise ServiceError(NOT_FOUND)
    if poll.status not in RESULT_STATUSES:
        raise ServiceError(errors.POLL_RESULT_NOT_READY)
    if poll.status == PollStatus.CLOSED and audience != "council":
        raise ServiceError(errors.POLL_NOT_PUBLISHED)
    if poll.result is None:
        from voting.board import committee_state

        missing = [m["name"] for m in committee_state(poll) if not m["decrypted"]]
        raise ServiceError(errors.POLL_TALLY_PENDING, missing=", ".join(missing), details={"missing": missing})
    return poll.result


def poll_named_votes(*, user: Any, poll: Poll) -> list[dict[str, Any]]:
    """Who voted what in a named poll: for the council once closed, for everyone once published."""
    poll_result_for(user=user, poll=poll)
    if poll.method != PollMethod.NAMED:
        raise ServiceError(errors.POLL_METHOD_MISMATCH, method=PollMethod(poll.method).label)
    ballots = sorted_by_name(
        NamedBallot.objects.filter(poll=poll).select_related("person").order_by("person_id"),
        lambda b: b.person.full_name,
    )
    return [{"person": b.person_id, "name": b.person.full_name, "choice": b.choice} for b in ballots]


def resolution_state(*, resolution: Resolution, audience: Audience) -> dict[str, Any] | None:
    if audience == "public" and resolution.status != ResolutionStatus.PUBLISHED:
        return None
    return {
        "id": resolution.pk,
        "number": resolution.number,
        "kind": resolution.kind,
        "year": resolution.year,
        "serial": resolution.serial,
        "title": resolution.title,
        "category": resolution.category.code if resolution.category_id else None,
        "text": resolution.text,
        "document": reverse("resolution-document", args=[resolution.pk]) if resolution.document else None,
        "signed_document": (
            reverse("resolution-signed-document", args=[resolution.pk]) if resolution.signed_document else None
        ),
        "status": resolution.status,
        "poll": resolution.poll_id,
        "session": resolution.session_id,
        "adopted_on": resolution.adopted_on.isoformat() if resolution.adopted_on else None,
        "signer": resolution.signer,
        "effective_on": resolution.effective_on.isoformat() if resolution.effective_on else None,
        "decided_at": _dt(resolution.decided_at),
        "published_at": _dt(resolution.published_at),
    }


@snapshot_part("resolutions")
def resolutions_part(*, session: Session, audience: Audience) -> dict[str, Any]:
    states = (
        (r.pk, resolution_state(resolution=r, audience=audience))
        for r in Resolution.objects.filter(session=session).order_by("pk")
    )
    return {str(pk): state for pk, state in states if state is not None}


def session_published_results(*, session: Session) -> dict[str, Any]:
    """Every published resolution of a session, in number order (the poll results are on the live page's
    stream: ``poll_result_public`` decides for both)."""
    resolutions = (
        Resolution.objects.filter(session=session)
        .filter(resolution_public_q())
        .select_related("category", "poll")
        .order_by("adopted_on", "year", "serial", "pk")
    )
    return {"published_resolutions": list(resolutions)}


def resolutions_visible(
    *, user: Any, council_id: int | None = None, session_id: int | None = None
) -> QuerySet[Resolution]:
    """Published resolutions of public sessions for everyone; every resolution of the councils whose private
    data the user reads now (secretariat, chair, a seat not ended; ``councils_private_readable``)."""
    resolutions = Resolution.objects.select_related("session", "council", "category")
    if council_id is not None:
        resolutions = resolutions.filter(council_id=council_id)
    if session_id is not None:
        resolutions = resolutions.filter(session_id=session_id)
    return _readable(resolutions, user=user, public_q=resolution_public_q())
