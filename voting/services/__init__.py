"""Every write of the voting app (one module per concern; import from here)."""

from voting.services.casting import VoteRequest, vote_cast, votes_cast
from voting.services.polls import (
    poll_cancel,
    poll_close,
    poll_create,
    poll_hands_record,
    poll_open,
    poll_publish,
)
from voting.services.resolution_records import resolution_number_set, resolution_signed_upload, resolution_update
from voting.services.resolutions import resolution_create, resolution_poll_create_for_item, resolution_publish

__all__ = [
    "VoteRequest",
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
