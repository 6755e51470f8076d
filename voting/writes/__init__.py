"""Voting's writes, each declared once (``core.writes``) for the socket command and the REST action: the polls'
lifecycle (``poll.*``, ``voting.writes.polls``), the resolutions' (``resolution.*``, ``voting.writes.resolutions``)
and the counting committee's (``committee.*``, ``voting.writes.committee``). ``vote.cast`` is declared in
``voting.commands`` (its socket command batches). ``VotingConfig.ready`` registers the socket commands of
``WRITES``; the REST views in ``voting.api`` answer from the same declarations."""

from __future__ import annotations

from voting.writes.committee import COMMITTEE_PARTIAL, COMMITTEE_SET, COMMITTEE_SHARE
from voting.writes.committee import WRITES as COMMITTEE_WRITES
from voting.writes.polls import WRITES as POLL_WRITES
from voting.writes.resolutions import WRITES as RESOLUTION_WRITES

WRITES = (*COMMITTEE_WRITES, *POLL_WRITES, *RESOLUTION_WRITES)

__all__ = ["COMMITTEE_PARTIAL", "COMMITTEE_SET", "COMMITTEE_SHARE", "WRITES"]
