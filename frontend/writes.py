"""The hall display's writes, declared once (``core.writes``): socket commands of the console, registered in
``FrontendConfig.ready``. The console must manage the session's council; that is checked before the input."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.writes import Write
from frontend.display import display_link, display_set
from frontend.models import DisplayMode
from sessions_app.models import Session
from sessions_app.permissions import require_manage


class DisplaySetInput(serializers.Serializer[Any]):
    mode = serializers.ChoiceField(choices=DisplayMode.choices)
    poll = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None, source="poll_id", help_text="hold: which result"
    )


class DisplayLinkInput(serializers.Serializer[Any]):
    revoke = serializers.BooleanField(default=False)


def _manages(user: Any, session: Session) -> None:
    require_manage(user, session.council_id)


def _own_session(session: Session) -> dict[str, Any]:
    return {"session": session}


DISPLAY_SET = Write(
    "display.set", DisplaySetInput, display_set, lambda state: state, permission=_manages, socket_args=_own_session
)
DISPLAY_LINK = Write(
    "display.link", DisplayLinkInput, display_link, lambda reply: reply, permission=_manages, socket_args=_own_session
)

WRITES = [DISPLAY_SET, DISPLAY_LINK]
