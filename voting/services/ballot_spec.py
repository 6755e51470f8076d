"""What a valid ballot of a poll looks like (``BallotSpec``, cached per process once the poll is open), a ballot's
canonical stored form (``choice_normalize``) and the client id a vote must carry: the input checks of
``voting.services.casting``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from core.errors import ServiceError
from voting import errors
from voting.models import Poll, PollKind, PollMethod, PollStatus, SecretTally


def client_id_parse(raw: Any) -> uuid.UUID:
    """The client id of a vote must be a random UUID4 (the secrecy of secret receipts depends on it)."""
    try:
        value = raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
    except (TypeError, ValueError, AttributeError):
        raise ServiceError(errors.VOTE_CLIENT_ID_INVALID) from None
    if value.version != 4:
        raise ServiceError(errors.VOTE_CLIENT_ID_INVALID)
    return value


@dataclass(frozen=True)
class BallotSpec:
    kind: str
    method: str
    seats: int
    option_keys: frozenset[str]
    candidate_ids: frozenset[int]
    key: str | None = None  # a secret poll's election key, once open
    layout: dict[str, Any] | None = None


def choice_normalize(spec: BallotSpec, raw: Any) -> Any:
    """The canonical stored form of a ballot, or a refusal naming what is wrong with it. A secret paper
    may be returned blank (``[]``, ``{}``, ``None``): it is counted as a blank paper."""
    if spec.kind == PollKind.CONFIDENCE and raw == {}:
        return {}
    if spec.method == PollMethod.SECRET and spec.kind != PollKind.ELECTION and raw is None:
        return None
    if spec.kind == PollKind.ELECTION:
        if not isinstance(raw, list) or any(isinstance(c, bool) for c in raw):
            raise ServiceError(errors.VOTE_CHOICE_INVALID, reason="list of candidate ids")
        try:
            chosen = [int(c) for c in raw]
        except (TypeError, ValueError):
            raise ServiceError(errors.VOTE_CHOICE_INVALID, reason="list of candidate ids") from None
        unknown = next((c for c in chosen if c not in spec.candidate_ids), None)
        if unknown is not None:
            raise ServiceError(errors.VOTE_UNKNOWN_OPTION, option=unknown)
        if len(set(chosen)) != len(chosen):
            raise ServiceError(errors.VOTE_CHOICE_INVALID, reason="duplicate candidate")
        if len(chosen) > spec.seats:
            raise ServiceError(errors.VOTE_CHOICE_INVALID, reason=f"at most {spec.seats}")
        return sorted(chosen)
    if spec.kind == PollKind.CONFIDENCE:
        if not isinstance(raw, dict):
            raise ServiceError(errors.VOTE_CHOICE_INVALID, reason="one level per official")
        lines = {str(k): v for k, v in raw.items()}
        unknown = next((k for k in lines if not k.isdigit() or int(k) not in spec.candidate_ids), None)
        if unknown is not None:
            raise ServiceError(errors.VOTE_UNKNOWN_OPTION, option=unknown)
        level = next((v for v in lines.values() if v not in spec.option_keys), None)
        if level is not None or set(lines) != {str(c) for c in spec.candidate_ids}:
            if level is not None:
                raise ServiceError(errors.VOTE_UNKNOWN_OPTION, option=level)
            raise ServiceError(errors.VOTE_CHOICE_INVALID, reason="one level per official")
        return dict(sorted(lines.items(), key=lambda kv: int(kv[0])))
    if not isinstance(raw, str) or raw not in spec.option_keys:
        raise ServiceError(errors.VOTE_UNKNOWN_OPTION, option=raw)
    return raw


_SPECS: dict[tuple[int, Any], BallotSpec] = {}


def ballot_spec(poll: Poll) -> BallotSpec:
    """What a valid ballot looks like. Options and candidates never change after creation (there is no
    service that edits them), so the answer is kept per process once the poll is open."""
    key = (poll.pk, poll.opened_at)
    spec = _SPECS.get(key)
    if spec is None:
        tally = SecretTally.objects.filter(poll=poll).first() if poll.method == PollMethod.SECRET else None
        spec = BallotSpec(
            poll.kind,
            poll.method,
            poll.seats,
            frozenset(poll.options.values_list("key", flat=True)),
            frozenset(poll.candidates.values_list("pk", flat=True)),
            tally.key if tally else None,
            tally.layout if tally else None,
        )
        if poll.status == PollStatus.OPEN:
            _SPECS[key] = spec
    return spec
