"""The life of a poll: draft → open → closed → published, or cancelled; show-of-hands counts.

Only the secretariat or the chair of the poll's council (``require_manage``) moves a poll."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from agenda.models import AgendaItem
from core.audit import audit_record
from core.errors import REQUEST_INVALID, SESSION_CLOSED, ServiceError
from sessions_app.models import Session, SessionStatus, Sitting, SittingStatus
from sessions_app.permissions import require_manage
from sessions_app.personal import personal_put
from sessions_app.selectors import delegates_total, memberships_in_force, sitting_present_person_ids
from voting import errors
from voting.events import (
    POLL_CANCELLED,
    POLL_CLOSED,
    POLL_CREATED,
    POLL_OPENED,
    POLL_PROGRESS,
    POLL_PUBLISHED,
    emit_poll,
)
from voting.models import (
    MajorityRule,
    NamedBallot,
    Poll,
    PollCandidate,
    PollKind,
    PollMethod,
    PollOption,
    PollStatus,
    SecretBallotBox,
)
from voting.results import poll_result, tally
from voting.rules import RULES
from voting.selectors import poll_ballot
from voting.services.resolutions import resolution_decide_by_poll

SECRET_KINDS = {PollKind.ELECTION, PollKind.CONFIDENCE, PollKind.DISMISSAL}
NEXT = {
    PollStatus.DRAFT: {PollStatus.OPEN, PollStatus.CANCELLED},
    PollStatus.OPEN: {PollStatus.CLOSED, PollStatus.CANCELLED},
    PollStatus.CLOSED: {PollStatus.PUBLISHED},
}
DEFAULT_OPTIONS = [
    {"key": "yes", "label": "tán thành", "label_en": "in favour", "approves": True},
    {"key": "no", "label": "không tán thành", "label_en": "against", "approves": False},
    {"key": "abstain", "label": "không biểu quyết", "label_en": "abstaining", "approves": False},
]
CONFIDENCE_LEVELS = [
    {"key": "high", "label": "tín nhiệm cao", "label_en": "high confidence", "approves": False},
    {"key": "normal", "label": "tín nhiệm", "label_en": "confidence", "approves": False},
    {"key": "low", "label": "tín nhiệm thấp", "label_en": "low confidence", "approves": False},
]
MAX_OPTIONS = 20
MAX_CANDIDATES = 200
# domain.md: a resolution passes only with more than half of the TOTAL number of delegates, and a dismissal
# needs at least 2/3 of the total. A poll of these kinds may ask for a stricter rule counted on the total,
# never a weaker one nor one counted on those present or taking part. Other kinds take any rule.
KIND_MINIMUM_RULE = {
    PollKind.RESOLUTION: MajorityRule.GT_HALF_TOTAL,
    PollKind.DISMISSAL: MajorityRule.GE_TWO_THIRDS_TOTAL,
}


def _invalid(field: str, reason: str) -> ServiceError:
    return ServiceError(errors.POLL_CONFIG_INVALID, field=field, details={"field": field, "reason": reason})


def _rule_at_least(rule: str, minimum: str) -> bool:
    """Whether ``rule`` counts on the same base as ``minimum`` and never needs fewer votes, whatever the
    numbers (a larger fraction, or the same fraction at least as strict)."""
    chosen, floor = RULES[rule], RULES[minimum]
    if chosen.base != floor.base:
        return False
    ours, theirs = Fraction(chosen.numerator, chosen.denominator), Fraction(floor.numerator, floor.denominator)
    return ours > theirs or (ours == theirs and (chosen.strict or not floor.strict))


def _check_rule(kind: str, majority_rule: str) -> None:
    minimum = KIND_MINIMUM_RULE.get(kind)
    if minimum is not None and not _rule_at_least(majority_rule, minimum):
        raise ServiceError(
            errors.POLL_RULE_TOO_WEAK, kind=str(kind), rule=str(majority_rule), minimum=str(minimum),
            details={"field": "majority_rule", "kind": str(kind), "rule": str(majority_rule), "minimum": str(minimum)},
        )


def _clean_options(kind: str, options: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    if kind == PollKind.ELECTION:
        if options:
            raise _invalid("options", "elections choose among candidates")
        return []
    if kind == PollKind.CONFIDENCE:
        if options:
            raise _invalid("options", "confidence levels are fixed")
        return CONFIDENCE_LEVELS
    if not options:
        return DEFAULT_OPTIONS
    if not 2 <= len(options) <= MAX_OPTIONS:
        raise _invalid("options", f"between 2 and {MAX_OPTIONS} options")
    cleaned = []
    for option in options:
        label = str(option.get("label") or "").strip()
        key = slugify(str(option.get("key") or label))[:32]
        if not label or not key or len(label) > 120:
            raise _invalid("options", "every option needs a label (at most 120 characters)")
        cleaned.append({"key": key, "label": label, "label_en": str(option.get("label_en") or "").strip()[:120],
                        "approves": bool(option.get("approves", False))})
    if len({o["key"] for o in cleaned}) != len(cleaned):
        raise _invalid("options", "option keys must differ")
    if sum(o["approves"] for o in cleaned) > 1:
        raise _invalid("options", "at most one approving option")
    return cleaned


def _clean_candidates(kind: str, candidates: list[dict[str, Any]] | None, seats: int) -> list[dict[str, str]]:
    if kind not in {PollKind.ELECTION, PollKind.CONFIDENCE}:
        if candidates:
            raise _invalid("candidates", "only elections and confidence votes have candidates")
        return []
    if not candidates or len(candidates) > MAX_CANDIDATES:
        raise _invalid("candidates", f"between 1 and {MAX_CANDIDATES} candidates")
    cleaned = []
    for candidate in candidates:
        name = str(candidate.get("name") or "").strip()
        if not name or len(name) > 120:
            raise _invalid("candidates", "every candidate needs a name (at most 120 characters)")
        cleaned.append({"name": name, "title": str(candidate.get("title") or "").strip()[:200],
                        "agency": str(candidate.get("agency") or "").strip()[:200]})
    if kind == PollKind.ELECTION and seats > len(cleaned):
        raise _invalid("seats", "more seats than candidates")
    return cleaned


def poll_create(
    *,
    actor: Any,
    session: Session,
    sitting: Sitting,
    title: str,
    kind: str = PollKind.RESOLUTION,
    method: str = PollMethod.NAMED,
    majority_rule: str | None = None,
    options: list[dict[str, Any]] | None = None,
    candidates: list[dict[str, Any]] | None = None,
    seats: int = 1,
    change_allowed: bool = False,
    show_running_counts: bool = False,
    agenda_item: AgendaItem | None = None,
    description: str = "",
) -> Poll:
    require_manage(actor, session.council_id)
    title = (title or "").strip()
    if not title or len(title) > 300:
        raise _invalid("title", "1 to 300 characters")
    if kind not in PollKind.values:
        raise _invalid("kind", "unknown kind")
    if method not in PollMethod.values:
        raise _invalid("method", "unknown method")
    majority_rule = majority_rule or (
        MajorityRule.GE_TWO_THIRDS_TOTAL if kind == PollKind.DISMISSAL else MajorityRule.GT_HALF_TOTAL
    )
    if majority_rule not in MajorityRule.values:
        raise _invalid("majority_rule", "unknown rule")
    _check_rule(kind, majority_rule)
    if kind in SECRET_KINDS and method != PollMethod.SECRET:
        raise _invalid("method", "elections, dismissals and confidence votes are secret ballots")
    if change_allowed and method != PollMethod.NAMED:
        raise _invalid("change_allowed", "only named votes can be changed")
    if show_running_counts and method != PollMethod.NAMED:
        raise _invalid("show_running_counts", "running counts only for named votes")
    if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= MAX_CANDIDATES:
        raise _invalid("seats", "a whole number of at least 1")
    if seats != 1 and kind != PollKind.ELECTION:
        raise _invalid("seats", "only elections fill several seats")
    clean_options = _clean_options(kind, options)
    clean_candidates = _clean_candidates(kind, candidates, seats)
    if sitting.session_id != session.pk or (agenda_item is not None and agenda_item.session_id != session.pk):
        raise ServiceError(errors.POLL_SITTING_MISMATCH)
    if session.status == SessionStatus.CLOSED:
        raise ServiceError(SESSION_CLOSED)
    with transaction.atomic():
        poll = Poll.objects.create(
            council_id=session.council_id, session=session, sitting=sitting, agenda_item=agenda_item, title=title,
            description=description or "", kind=kind, method=method, majority_rule=majority_rule,
            change_allowed=change_allowed, show_running_counts=show_running_counts, seats=seats,
            created_at=timezone.now(),
        )
        PollOption.objects.bulk_create(PollOption(poll=poll, position=i, **o) for i, o in enumerate(clean_options))
        PollCandidate.objects.bulk_create(PollCandidate(poll=poll, position=i, **c) for i, c in enumerate(clean_candidates))
        audit_record(
            actor=actor, action="poll.create", object_type="poll", object_id=poll.pk, council_id=poll.council_id,
            data={"title": title, "kind": kind, "method": method, "rule": majority_rule,
                  "options": [o["key"] for o in clean_options], "candidates": [c["name"] for c in clean_candidates]},
        )
        emit_poll(poll, POLL_CREATED)
    return poll


def _locked(poll: Poll, target: str) -> Poll:
    poll = Poll.objects.select_for_update().select_related("sitting", "session").get(pk=poll.pk)
    if target not in NEXT.get(poll.status, set()):
        raise ServiceError(errors.POLL_STATUS_INVALID, current=poll.status, target=target)
    return poll


def _audit(actor: Any, poll: Poll, action: str, data: dict[str, Any]) -> None:
    audit_record(actor=actor, action=action, object_type="poll", object_id=poll.pk, council_id=poll.council_id, data=data)


def poll_open(*, actor: Any, poll: Poll) -> Poll:
    """Snapshot the total number of delegates and who may vote (in force and checked in), then open."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.OPEN)
        sitting = poll.sitting
        if sitting.status != SittingStatus.OPEN:
            raise ServiceError(errors.POLL_SITTING_NOT_OPEN)
        if Poll.objects.filter(sitting=sitting, status=PollStatus.OPEN).exists():
            raise ServiceError(errors.POLL_ANOTHER_OPEN)
        in_force = set(memberships_in_force(council_id=poll.council_id, on=sitting.date).values_list("person_id", flat=True))
        eligible = sorted(sitting_present_person_ids(sitting=sitting) & in_force)
        if not eligible:
            raise ServiceError(errors.POLL_NOBODY_ELIGIBLE)
        poll.status = PollStatus.OPEN
        poll.opened_at = timezone.now()
        poll.total_delegates = delegates_total(council_id=poll.council_id, on=sitting.date)
        poll.eligible_person_ids = eligible
        poll.eligible_count = len(eligible)
        poll.late_checkin_may_vote = settings.NT["LATE_CHECKIN_MAY_VOTE"]
        try:
            with transaction.atomic():
                poll.save(update_fields=["status", "opened_at", "total_delegates", "eligible_person_ids",
                                         "eligible_count", "late_checkin_may_vote", "updated_at"])
        except IntegrityError as exc:  # another poll of the sitting opened concurrently
            raise ServiceError(errors.POLL_ANOTHER_OPEN) from exc
        if poll.method == PollMethod.SECRET:
            SecretBallotBox.objects.create(poll=poll)
        _audit(actor, poll, "poll.open", {"total": poll.total_delegates, "eligible": eligible})
        emit_poll(poll, POLL_OPENED)
        _ballots_announce(poll, in_force)
    return poll


def _ballots_announce(poll: Poll, in_force: set[int]) -> None:
    """Each delegate's ``me.ballots/<poll>`` entry (protocol 1.1 personal frame): may I vote. A delegate not
    yet eligible who may still check in and vote gets no entry (the server decides when they try)."""
    empty = {"voted": False, "receipt": None, "choice": None}
    eligible = set(poll.eligible_person_ids)
    values = {pid: {"eligible": True, **empty} for pid in eligible}
    if not poll.late_checkin_may_vote:
        values.update({pid: {"eligible": False, **empty} for pid in in_force - eligible})
    personal_put(session_id=poll.session_id, path=["ballots", str(poll.pk)], values=values, type=POLL_OPENED,
                 data={"poll": poll.pk})


def _final_counts(poll: Poll) -> tuple[dict[str, int], int]:
    if poll.method == PollMethod.SHOW_OF_HANDS:
        if poll.hands_counts is None:
            raise ServiceError(errors.POLL_HANDS_MISSING)
        return dict(poll.hands_counts), sum(poll.hands_counts.values())
    if poll.method == PollMethod.SECRET:
        box = SecretBallotBox.objects.get(poll=poll)
        return dict(box.counts), box.ballots
    choices = list(NamedBallot.objects.filter(poll=poll).values_list("choice", flat=True))
    return tally(poll.kind, choices), len(choices)


def poll_close(*, actor: Any, poll: Poll) -> Poll:
    """End the vote and count it. The final state goes out at once (not through the progress timer)."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.CLOSED)
        counts, cast = _final_counts(poll)
        poll.result = poll_result(
            ballot=poll_ballot(poll), counts=counts, cast=cast, total=poll.total_delegates, eligible=poll.eligible_count
        )
        poll.status = PollStatus.CLOSED
        poll.closed_at = timezone.now()
        poll.cast_count = cast
        poll.save(update_fields=["result", "status", "closed_at", "cast_count", "updated_at"])
        _audit(actor, poll, "poll.close", {"cast": cast, "total": poll.total_delegates, "counts": poll.result["counts"]})
        emit_poll(poll, POLL_CLOSED)
    return poll


def poll_publish(*, actor: Any, poll: Poll) -> Poll:
    """Announce the result to everyone; a resolution decided by this poll is adopted or rejected."""
    require_manage(actor, poll.council_id)
    with transaction.atomic():
        poll = _locked(poll, PollStatus.PUBLISHED)
        poll.status = PollStatus.PUBLISHED
        poll.published_at = timezone.now()
        poll.save(update_fields=["status", "published_at", "updated_at"])
        _audit(actor, poll, "poll.publish", {"passed": poll.result["passed"]})
        emit_poll(poll, POLL_PUBLISHED)
        resolution_decide_by_poll(actor=actor, poll=poll)
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
        _audit(actor, poll, "poll.cancel", {"from": previous, "reason": reason[:500]})
        emit_poll(poll, POLL_CANCELLED)
    return poll


def poll_hands_record(*, actor: Any, poll: Poll, counts: dict[str, Any]) -> Poll:
    """The secretariat enters (or corrects) the counts of a show of hands while the poll is open."""
    require_manage(actor, poll.council_id)
    if not isinstance(counts, dict):
        raise ServiceError(REQUEST_INVALID, details={"counts": "an object {option key: count}"})
    with transaction.atomic():
        poll = Poll.objects.select_for_update().select_related("sitting", "session").get(pk=poll.pk)
        if poll.method != PollMethod.SHOW_OF_HANDS:
            raise ServiceError(errors.POLL_METHOD_MISMATCH, method=poll.method)
        if poll.status != PollStatus.OPEN:
            raise ServiceError(errors.VOTE_NOT_OPEN, status=poll.status)
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
        _audit(actor, poll, "poll.hands", {"counts": values})
        emit_poll(poll, POLL_PROGRESS)
    return poll
