"""State patches carried by events. A snapshot is nested JSON objects; an event's ``patch`` is a list of
``{"op": "put", "path": [...], "value": ...}`` / ``{"op": "del", "path": [...]}`` applied in order.
Services put the new value of each entity they change, computed by the same selector the snapshot uses,
so applying the events to an older snapshot gives exactly the newer snapshot."""

from __future__ import annotations

import copy
from typing import Any

Patch = list[dict[str, Any]]


def patch_put(*path: str | int, value: Any) -> dict[str, Any]:
    return {"op": "put", "path": [str(part) for part in path], "value": value}


def patch_del(*path: str | int) -> dict[str, Any]:
    return {"op": "del", "path": [str(part) for part in path]}


def patch_apply(state: dict[str, Any], patch: Patch) -> dict[str, Any]:
    """Return a new state with the patch applied (the reference reducer; the browser client mirrors it)."""
    state = copy.deepcopy(state)
    for op in patch:
        *parents, last = op["path"]
        node = state
        for key in parents:
            node = node.setdefault(key, {})
        if op["op"] == "put":
            node[last] = copy.deepcopy(op["value"])
        elif op["op"] == "del":
            node.pop(last, None)
        else:
            raise ValueError(f"unknown patch op {op['op']!r}")
    return state
