"""Checking stream frames against realtime/schemas/stream.json (published with docs/realtime-protocol.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "realtime" / "schemas" / "stream.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for a sub-schema that may refer to the document's ``$defs``."""
    return Draft202012Validator({**schema, "$defs": SCHEMA["$defs"]})


FRAMES = {
    kind: _validator({"$ref": f"#/$defs/{kind}"})
    for kind in ("welcome", "snapshot", "event", "reply", "fatal", "resync", "me", "personal")
}
KIND_SCHEMA = {"error": "fatal"}
EVENT_DATA = {name: _validator(spec["data"]) for name, spec in SCHEMA["events"].items()}
REPLIES = {name: _validator(schema) for name, schema in SCHEMA["replies"].items()}


def _errors(validator: Draft202012Validator, value: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(value)]


def frame_errors(frame: dict[str, Any]) -> list[str]:
    """What is wrong with a frame as a client receives it (an event also by its type's schema)."""
    kind = frame.get("kind")
    validator = FRAMES.get(KIND_SCHEMA.get(kind, kind))
    if validator is None:
        return [f"unknown frame kind {kind!r}"]
    problems = _errors(validator, frame)
    if kind == "event" and not problems:
        spec = SCHEMA["events"].get(frame["type"])
        if spec is None:
            return [f"event type {frame['type']!r} has no schema in {SCHEMA_PATH.name}"]
        problems = _errors(EVENT_DATA[frame["type"]], frame["data"])
        problems += [
            f"patch path {op['path']} outside {spec['paths']}"
            for op in frame["patch"]
            if op["path"][0] not in spec["paths"]
        ]
    return problems


def reply_errors(command: str, data: Any) -> list[str]:
    validator = REPLIES.get(command)
    if validator is None:
        return [f"command {command!r} has no reply schema in {SCHEMA_PATH.name}"]
    return _errors(validator, data)
