"""Every write of the voting app (one module per concern; import from here)."""

from voting.services.casting import VoteRequest, vote_cast, votes_cast
from voting.services.committee import committee_partial_submit, committee_set, committee_share_submit
from voting.services.decisions import poll_publish, resolution_poll_create_for_item
from voting.services.followups import (
    election_round_create,
    no_confidence_create,
    resolution_confirming_create,
)
from voting.services.polls import (
    poll_cancel,
    poll_close,
    poll_create,
    poll_hands_record,
    poll_open,
)
from voting.services.resolution_records import resolution_number_set, resolution_signed_upload, resolution_update
from voting.services.resolutions import resolution_create, resolution_publish

__all__ = [
    "VoteRequest",
    "committee_partial_submit",
    "committee_set",
    "committee_share_submit",
    "election_round_create",
    "no_confidence_create",
    "resolution_confirming_create",
    "poll_cancel",
    "poll_close",
    "poll_create",
    "poll_hands_record",
    "poll_open",
    "poll_publish",
    "resolution_create",
    "resolution_number_set",
    "resolution_poll_create_for_item",
    "resolution_publish",
    "resolution_signed_upload",
    "resolution_update",
    "vote_cast",
    "votes_cast",
]
