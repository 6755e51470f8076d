"""Casting votes. One service for the socket (``vote.cast``) and REST: ``votes_cast`` takes a batch of
requests and answers each with its own receipt or error; ``vote_cast`` is a batch of one.

A batch costs one transaction per poll: one poll row lock, one lookup of existing ballots, one bulk insert,
one audit append per voter account, no stream event (live progress is coalesced after commit by
``voting.progress``). A request is idempotent by its ``client_id``: a retry returns the original receipt and
never makes a second ballot; the database enforces one ballot per delegate per poll."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import AuditRecord, audit_record_many
from core.errors import AUTH_REQUIRED, CONFLICT, NOT_FOUND, ServiceError
from sessions_app.models import Attendance, AttendanceStatus
from sessions_app.permissions import delegate_membership, is_authenticated
from voting import errors
from voting.crypto.ballots import ballot_tag
from voting.models import (
    EncryptedBallot,
    NamedBallot,
    Poll,
    PollMethod,
    PollStatus,
    SecretParticipation,
)
from voting.progress import progress_mark_dirty
from voting.secret import ballot_accept, participation_token
from voting.services.ballot_rows import ballots_push, insert_rows
from voting.services.ballot_spec import BallotSpec, ballot_spec, choice_normalize, client_id_parse

Outcome = dict[str, Any] | ServiceError
NAMED_RECEIPT_LENGTH = 10


def receipt_for(poll_id: int, client_id: uuid.UUID) -> str:
    """The receipt of a named vote (a secret ballot's receipt is the hash of its ciphertexts)."""
    digest = hashlib.sha256(f"receipt|{poll_id}|{client_id}".encode()).digest()
    return base64.b32encode(digest).decode()[:NAMED_RECEIPT_LENGTH]


@dataclass(frozen=True)
class VoteRequest:
    """One vote as submitted. ``person_id`` is who the voter claims to be (refused unless it is their own
    person); ``session_id``/``council_id`` are the scope of the socket it came through, if any."""

    actor: Any
    poll_id: Any
    choice: Any
    client_id: Any
    person_id: Any = None
    session_id: int | None = None
    council_id: int | None = None


@dataclass
class _Item:
    index: int
    request: VoteRequest
    client_id: uuid.UUID
    person_id: int
    sealed: tuple[str, str] | None = None  # a secret ballot's (receipt, tag) once its proofs checked


def _precheck(request: VoteRequest) -> tuple[uuid.UUID, int]:
    if not is_authenticated(request.actor):
        raise ServiceError(AUTH_REQUIRED)
    client_id = client_id_parse(request.client_id)
    person_id = request.actor.person_id
    if request.person_id not in (None, "") and str(request.person_id) != str(person_id):
        raise ServiceError(errors.VOTE_NOT_YOUR_SEAT)
    if person_id is None:
        raise ServiceError(errors.VOTE_NOT_ELIGIBLE)
    try:
        int(request.poll_id)
    except (TypeError, ValueError):
        raise ServiceError(NOT_FOUND) from None
    return client_id, person_id


def vote_cast(
    *,
    actor: Any,
    poll_id: Any,
    choice: Any,
    client_id: Any,
    person_id: Any = None,
    session_id: int | None = None,
    council_id: int | None = None,
) -> dict[str, Any]:
    """Cast (or, where the poll allows, change) one vote; returns the receipt. Raises ServiceError."""
    request = VoteRequest(actor, poll_id, choice, client_id, person_id, session_id, council_id)
    outcome = votes_cast(requests=[request])[0]
    if isinstance(outcome, ServiceError):
        raise outcome
    return outcome


def votes_cast(*, requests: list[VoteRequest]) -> list[Outcome]:
    """Cast many votes together; the answer at index i belongs to request i (a receipt dict or the
    ServiceError that refused it). One refused request never affects the others."""
    outcomes: list[Outcome | None] = [None] * len(requests)
    groups: dict[int, list[_Item]] = defaultdict(list)
    for index, request in enumerate(requests):
        try:
            client_id, person_id = _precheck(request)
        except ServiceError as exc:
            outcomes[index] = exc
            continue
        groups[int(request.poll_id)].append(_Item(index, request, client_id, person_id))
    for poll_id, items in groups.items():
        items = _seal_secret(poll_id, items, outcomes)
        for index, outcome in _cast_group_safely(poll_id, items).items():
            outcomes[index] = outcome
    return outcomes  # type: ignore[return-value]


def _seal_secret(poll_id: int, items: list[_Item], outcomes: list[Outcome | None]) -> list[_Item]:
    """Check the proofs of every encrypted ballot for a secret poll *before* taking the poll's lock (the
    costly part of a secret vote). Refused ballots get their error; the others carry (receipt, tag)."""
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is None or poll.method != PollMethod.SECRET:
        return items
    spec = ballot_spec(poll)
    if spec.key is None or spec.layout is None:  # not open: refused under the lock with the right error
        return items
    kept = []
    for item in items:
        try:
            item.sealed = ballot_accept(
                poll_id=poll.pk, client_id=item.client_id, key=spec.key, layout=spec.layout, ballot=item.request.choice
            )
        except ServiceError as exc:
            outcomes[item.index] = exc
            continue
        kept.append(item)
    return kept


def _cast_group_safely(poll_id: int, items: list[_Item]) -> dict[int, Outcome]:
    """A database conflict (another process won a race the lock did not cover) fails the whole group's
    transaction; each request is then retried alone so only the conflicting one is refused."""
    try:
        return _cast_group(poll_id, items)
    except IntegrityError:
        if len(items) == 1:
            return {items[0].index: ServiceError(CONFLICT)}
    outcomes: dict[int, Outcome] = {}
    for item in items:
        outcomes.update(_cast_group_safely(poll_id, [item]))
    return outcomes


class _Batch:
    """The state of one poll's batch inside its transaction: what exists and what this batch adds."""

    def __init__(self, poll: Poll, items: list[_Item]) -> None:
        self.poll = poll
        self.secret = poll.method == PollMethod.SECRET
        self.eligible = set(poll.eligible_person_ids)
        self.late: list[int] = []
        self.now = timezone.now()
        persons = {item.person_id for item in items}
        if self.secret:
            tokens = {participation_token(poll.pk, item.client_id) for item in items}
            rows = SecretParticipation.objects.filter(poll=poll).filter(
                Q(person_id__in=persons) | Q(token_hash__in=tokens)
            )
            self.voted: dict[int, Any] = {}
            self.by_token: dict[str, int] = {}
            for person_id, token in rows.values_list("person_id", "token_hash"):
                self.voted[person_id] = token
                self.by_token[token] = person_id
            tags = [ballot_tag(poll.pk, str(item.client_id)) for item in items]
            self.receipts = dict(EncryptedBallot.objects.filter(poll=poll, tag__in=tags).values_list("tag", "receipt"))
        else:
            ballots = NamedBallot.objects.filter(poll=poll).filter(
                Q(person_id__in=persons) | Q(client_id__in=[item.client_id for item in items])
            )
            self.voted = {b.person_id: b for b in ballots}
            self.by_client = {b.client_id: b for b in ballots}
        self.new_named: list[NamedBallot] = []
        self.changed: dict[int, NamedBallot] = {}
        self.new_participations: list[SecretParticipation] = []
        self.new_ballots: list[EncryptedBallot] = []
        self.audit: list[AuditRecord] = []
        self.actors: dict[Any, Any] = {}


@dataclass(frozen=True)
class BatchActor:
    """The audit actor of a batch cast by several delegates; each entry names its voter in ``data``."""

    pk: None = None
    username: str = "vote.cast (nhiều đại biểu)"


def _cast_group(poll_id: int, items: list[_Item]) -> dict[int, Outcome]:
    outcomes: dict[int, Outcome] = {}
    with transaction.atomic():
        try:
            poll = Poll.objects.select_for_update(no_key=True).select_related("sitting").get(pk=poll_id)
        except Poll.DoesNotExist:
            return {item.index: ServiceError(NOT_FOUND) for item in items}
        batch = _Batch(poll, items)
        spec = ballot_spec(poll)
        for item in items:
            try:
                outcomes[item.index] = _cast_one(batch, spec, item)
            except ServiceError as exc:
                outcomes[item.index] = exc
        _write(batch)
    return outcomes


def _check_scope(poll: Poll, request: VoteRequest) -> None:
    if request.session_id is not None and poll.session_id != request.session_id:
        if request.council_id is not None and poll.council_id != request.council_id:
            raise ServiceError(errors.VOTE_OTHER_COUNCIL)
        raise ServiceError(errors.VOTE_OTHER_SESSION)


def _check_entitled(batch: _Batch, item: _Item) -> None:
    poll = batch.poll
    if item.person_id in batch.eligible:
        if poll.status != PollStatus.OPEN:
            raise ServiceError(errors.VOTE_NOT_OPEN, status=PollStatus(poll.status).label)
        return
    if delegate_membership(person_id=item.person_id, council=poll.council_id, on=poll.sitting.date) is None:
        raise ServiceError(errors.VOTE_OTHER_COUNCIL)
    if poll.status != PollStatus.OPEN:
        raise ServiceError(errors.VOTE_NOT_OPEN, status=PollStatus(poll.status).label)
    late_present = (
        poll.late_checkin_may_vote
        and Attendance.objects.filter(
            sitting_id=poll.sitting_id,
            person_id=item.person_id,
            status=AttendanceStatus.PRESENT,
            checked_out_at__isnull=True,
        ).exists()
    )
    if not late_present:
        raise ServiceError(errors.VOTE_NOT_ELIGIBLE)
    batch.eligible.add(item.person_id)
    batch.late.append(item.person_id)


def _replay(batch: _Batch, item: _Item) -> Outcome | None:
    """The original answer when this client id was already recorded, None for a new request."""
    poll = batch.poll
    if batch.secret:
        owner = batch.by_token.get(participation_token(poll.pk, item.client_id))
        if owner is None:
            return None
        if owner != item.person_id:
            raise ServiceError(errors.VOTE_CLIENT_ID_TAKEN)
        return _receipt(poll, batch.receipts.get(ballot_tag(poll.pk, str(item.client_id)), ""), "replayed")
    ballot = batch.by_client.get(item.client_id)
    if ballot is None:
        return None
    if ballot.person_id != item.person_id:
        raise ServiceError(errors.VOTE_CLIENT_ID_TAKEN)
    return _receipt(poll, ballot.receipt, "replayed", ballot.choice)


def _receipt(poll: Poll, receipt: str, status: str, choice: Any = None) -> dict[str, Any]:
    answer = {"poll": poll.pk, "method": poll.method, "receipt": receipt, "status": status}
    if poll.method != PollMethod.SECRET:
        answer["choice"] = choice
    return answer


def _cast_one(batch: _Batch, spec: BallotSpec, item: _Item) -> Outcome:
    poll, request = batch.poll, item.request
    _check_scope(poll, request)
    replayed = _replay(batch, item)
    if replayed is not None:
        return replayed
    _check_entitled(batch, item)
    if poll.method == PollMethod.SHOW_OF_HANDS:
        raise ServiceError(errors.POLL_METHOD_MISMATCH, method=PollMethod(poll.method).label)
    previous = batch.voted.get(item.person_id)
    if previous is not None and not (poll.change_allowed and not batch.secret):
        raise ServiceError(errors.VOTE_ALREADY)
    actor_key = request.actor.pk
    if batch.secret:
        if item.sealed is None:
            raise ServiceError(errors.BALLOT_MALFORMED, reason="not checked")
        receipt, tag = item.sealed
        batch.actors[actor_key] = request.actor
        token = participation_token(poll.pk, item.client_id)
        batch.new_participations.append(SecretParticipation(poll=poll, person_id=item.person_id, token_hash=token))
        batch.new_ballots.append(EncryptedBallot(poll=poll, receipt=receipt, tag=tag, ballot=request.choice))
        batch.voted[item.person_id] = token
        batch.by_token[token] = item.person_id
        batch.audit.append(
            AuditRecord(
                "vote.participation",
                "poll",
                str(poll.pk),
                poll.council_id,
                {"person": item.person_id, "user": actor_key},
            )
        )
        return _receipt(poll, receipt, "recorded")
    choice = choice_normalize(spec, request.choice)
    receipt = receipt_for(poll.pk, item.client_id)
    batch.actors[actor_key] = request.actor
    if previous is None:
        ballot = NamedBallot(
            poll=poll,
            person_id=item.person_id,
            choice=choice,
            client_id=item.client_id,
            receipt=receipt,
            cast_at=batch.now,
        )
        batch.new_named.append(ballot)
        status = "recorded"
    else:
        ballot = previous
        ballot.choice, ballot.client_id, ballot.receipt = choice, item.client_id, receipt
        ballot.changed_at, ballot.revision = batch.now, ballot.revision + 1
        if ballot.pk is not None:
            batch.changed[ballot.pk] = ballot
        status = "changed"
    batch.voted[item.person_id] = ballot
    batch.by_client[item.client_id] = ballot
    batch.audit.append(
        AuditRecord(
            f"vote.{'cast' if status == 'recorded' else 'change'}",
            "poll",
            str(poll.pk),
            poll.council_id,
            {"person": item.person_id, "user": actor_key, "choice": choice, "receipt": receipt},
        )
    )
    return _receipt(poll, receipt, status, choice)


def _write(batch: _Batch) -> None:
    poll = batch.poll
    added = 0
    if batch.secret and batch.new_participations:
        insert_rows(batch.new_participations)
        insert_rows(batch.new_ballots)
        added = len(batch.new_participations)
    elif not batch.secret:
        insert_rows(batch.new_named)
        if batch.changed:
            NamedBallot.objects.bulk_update(
                list(batch.changed.values()), ["choice", "client_id", "receipt", "changed_at", "revision"]
            )
        added = len(batch.new_named)
    if not added and not batch.changed:
        return
    fields = ["cast_count", "updated_at"]
    poll.cast_count += added
    if batch.late:
        poll.eligible_person_ids = sorted(batch.eligible)
        poll.eligible_count = len(batch.eligible)
        fields += ["eligible_person_ids", "eligible_count"]
    poll.save(update_fields=fields)
    actor = next(iter(batch.actors.values())) if len(batch.actors) == 1 else BatchActor()
    audit_record_many(actor=actor, records=batch.audit)
    poll_id = poll.pk
    transaction.on_commit(lambda: progress_mark_dirty(poll_id))
    ballots_push(batch)
