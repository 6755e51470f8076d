"""Voting's models: polls, ballots and the secret tally (``voting.models.polls``); resolutions
(``voting.models.resolutions``). Import them from here."""

from voting.models.polls import (
    CommitteeRole,
    CountingCommitteeMember,
    EncryptedBallot,
    MajorityRule,
    NamedBallot,
    Poll,
    PollCandidate,
    PollKind,
    PollMethod,
    PollOption,
    PollStatus,
    SecretParticipation,
    SecretTally,
)
from voting.models.resolutions import (
    NUMBERED_STATUSES,
    Resolution,
    ResolutionCategory,
    ResolutionKind,
    ResolutionStatus,
)

__all__ = [
    "CommitteeRole",
    "CountingCommitteeMember",
    "EncryptedBallot",
    "MajorityRule",
    "NUMBERED_STATUSES",
    "NamedBallot",
    "Poll",
    "PollCandidate",
    "PollKind",
    "PollMethod",
    "PollOption",
    "PollStatus",
    "Resolution",
    "ResolutionCategory",
    "ResolutionKind",
    "ResolutionStatus",
    "SecretParticipation",
    "SecretTally",
]
