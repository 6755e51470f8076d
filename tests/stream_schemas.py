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


# The replies of the declared writes are their REST bodies (core/writes.py): stream.json keeps a JSON Schema copy
# of those OpenAPI components under $defs["rest.<Component>"], checked against the live OpenAPI schema
# (tests/realtime/test_schemas.py; NT_SCHEMA_WRITE=1 rewrites them).
REST_BODIES = {"AgendaItem", "SpeakerRequest", "Question", "Receipt", "Poll", "Resolution", "PollAndResolution"}
# Integer bounds and widths are left out: DRF takes them from the database backend (PostgreSQL's and SQLite's
# integer ranges differ), and a copy must not depend on which database generated it.
_BACKEND_FORMATS = {"int32", "int64"}
_KEEP = {
    "type",
    "properties",
    "required",
    "items",
    "enum",
    "format",
    "maxLength",
    "additionalProperties",
}


def _json_schema(node: Any, refs: set[str]) -> Any:
    """An OpenAPI 3.0 schema node as JSON Schema 2020-12 (``nullable`` → a null alternative, $refs → $defs)."""
    if isinstance(node, list):
        return [_json_schema(item, refs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        refs.add(name)
        return {"$ref": f"#/$defs/rest.{name}"}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("allOf", "oneOf", "anyOf"):
            parts = _json_schema(value, refs)
            out.update(parts[0] if key == "allOf" and len(parts) == 1 else {key: parts})
        elif key == "properties":
            out[key] = {name: _json_schema(sub, refs) for name, sub in value.items()}
        elif key in _KEEP and not (key == "format" and value in _BACKEND_FORMATS):
            out[key] = _json_schema(value, refs)
    if node.get("nullable"):
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def rest_defs(components: dict[str, Any]) -> dict[str, Any]:
    """The $defs that describe the REST bodies (and what they refer to) from the OpenAPI components."""
    defs: dict[str, Any] = {}
    todo = sorted(REST_BODIES)
    while todo:
        name = todo.pop()
        if f"rest.{name}" in defs:
            continue
        refs: set[str] = set()
        defs[f"rest.{name}"] = _json_schema(components[name], refs)
        todo += sorted(refs)
    return dict(sorted(defs.items()))
