"""Building a stream's snapshot from the parts every app registers (see ``realtime.registry``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from realtime.log import stream_head
from realtime.registry import PERSONAL_PARTS, SNAPSHOT_PARTS, Audience


def snapshot_state(*, session: Any, audience: Audience) -> dict[str, Any]:
    return {name: part(session=session, audience=audience) for name, part in sorted(SNAPSHOT_PARTS.items())}


def snapshot_build(*, session: Any, audience: Audience) -> dict[str, Any]:
    """``{seq, state}``. The seq is read first: any change the state already shows but the seq does not
    reaches the client again as a later event, whose puts are idempotent."""
    with transaction.atomic():
        seq = stream_head(session_id=session.pk, audience=audience)
        state = snapshot_state(session=session, audience=audience)
    return {"kind": "snapshot", "seq": seq, "state": state}


def snapshot_personal(*, session: Any, user: Any) -> dict[str, Any]:
    return {name: part(session=session, user=user) for name, part in sorted(PERSONAL_PARTS.items())}
