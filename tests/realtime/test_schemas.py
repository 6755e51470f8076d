"""The published schemas of the stream (realtime/schemas/stream.json): well formed, complete for every
command, documented, and met by what a socket receives. Every event a service emits and every reply of an
app command is also checked in every test (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from jsonschema import Draft202012Validator

from realtime import registry
from tests.factories import Council_
from tests.realtime.conftest import command, council_path, open_socket, public_path, receive
from tests.stream_schemas import SCHEMA, frame_errors, reply_errors

DOC = Path(__file__).resolve().parents[2] / "docs" / "realtime-protocol.md"


def test_the_schema_document_is_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)
    for part in (
        *SCHEMA["$defs"].values(),
        *(e["data"] for e in SCHEMA["events"].values()),
        *SCHEMA["replies"].values(),
    ):
        Draft202012Validator.check_schema(part)


def test_every_command_has_a_reply_schema_and_every_schema_a_command():
    commands = set(registry.COMMANDS) | registry.BUILTIN_COMMANDS
    assert commands == set(SCHEMA["replies"])


def test_the_protocol_document_lists_every_event_type_and_command():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in (*SCHEMA["events"], *SCHEMA["replies"]) if f"`{name}`" not in text]
    assert not missing, f"docs/realtime-protocol.md does not list {missing}"


def test_a_frame_of_an_unknown_kind_type_or_shape_is_refused():
    assert frame_errors({"kind": "gossip"}) == ["unknown frame kind 'gossip'"]
    event = {
        "kind": "event",
        "seq": 1,
        "type": "poll.opened",
        "ts": "2026-12-08T08:30:00+07:00",
        "data": {"poll": 3, "status": "open"},
        "patch": [{"op": "put", "path": ["polls", "3"], "value": {}}],
    }
    assert frame_errors(event) == []
    assert frame_errors({**event, "type": "poll.exploded"}) == [
        "event type 'poll.exploded' has no schema in stream.json"
    ]
    assert frame_errors({**event, "data": {"poll": "3", "status": "open"}})
    assert frame_errors({**event, "patch": [{"op": "put", "path": ["agenda"], "value": 1}]})
    assert reply_errors("vote.cast", {"poll": 1}) and reply_errors("nobody.knows", {})


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("stream_hub")
async def test_what_a_socket_receives_matches_the_schemas():
    council = await database_sync_to_async(Council_)(n=2)
    ws = await open_socket(council_path(council.session.pk), user=council.secretariat, expect_welcome=False)
    for kind in ("welcome", "snapshot"):
        frame = await receive(ws, kind)
        assert frame_errors(frame) == []
    for name, args in (("ping", {"t": 5}), ("me.state", {}), ("stream.since", {"seq": 0})):
        reply = await command(ws, name, args)
        assert frame_errors(reply) == [] and reply_errors(name, reply["data"]) == [], name
    refused = await command(ws, "agenda.next", {"sitting": "x"})
    assert frame_errors(refused) == [] and refused["ok"] is False
    await ws.disconnect()
    public = await open_socket(public_path(council.session.pk), expect_welcome=False)
    assert frame_errors(await receive(public, "welcome")) == []
    assert frame_errors(await receive(public, "snapshot")) == []
    await public.disconnect()


def test_the_replies_of_declared_writes_are_their_rest_bodies():
    """One reply shape per write (core/writes.py): the REST body. stream.json's copies of those OpenAPI components
    must be the live ones (NT_SCHEMA_WRITE=1 rewrites them; the replies then refer to them)."""
    import json
    import os

    from drf_spectacular.generators import SchemaGenerator

    from tests.stream_schemas import SCHEMA_PATH, rest_defs

    components = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    expected = rest_defs(components)
    current = {k: v for k, v in SCHEMA["$defs"].items() if k.startswith("rest.")}
    if os.environ.get("NT_SCHEMA_WRITE") and current != expected:
        doc = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        doc["$defs"] = {k: v for k, v in doc["$defs"].items() if not k.startswith("rest.")} | expected
        SCHEMA_PATH.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert current == expected
    assert SCHEMA["replies"]["agenda.next"] == {"$ref": "#/$defs/rest.AgendaItem"}
    assert SCHEMA["replies"]["vote.cast"] == {"$ref": "#/$defs/rest.Receipt"}
