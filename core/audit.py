"""Appending to and verifying the hash-chained audit trail.

Writers lock the single ``AuditHead`` row, give each entry the next id and chain its HMAC to the previous
entry's. Every service write calls :func:`audit_record` inside its transaction, so the entry commits or
rolls back with the change it describes. :func:`audit_object` is the one way to record a change to a row.

The two tables (the entries and their single head row) belong to ``sessions_app``, which hands them over
in its ``AppConfig.ready`` (:func:`audit_storage_set`): ``core`` imports no domain app."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

GENESIS_HASH = "0" * 64

_storage: tuple[Any, Any] | None = None


def audit_storage_set(*, entry_model: Any, head_model: Any) -> None:
    """Register the entry model (``id``, ``created_at``, ``actor``, ``actor_label``, ``action``,
    ``object_type``, ``object_id``, ``council_id``, ``data``, ``prev_hash``, ``hash``) and the head model
    (``last_entry_id``, ``last_hash``)."""
    global _storage
    _storage = (entry_model, head_model)


def _models() -> tuple[Any, Any]:
    if _storage is None:
        raise RuntimeError("no audit storage registered (sessions_app registers it in AppConfig.ready)")
    return _storage


@dataclass(frozen=True)
class AuditRecord:
    action: str
    object_type: str
    object_id: str
    council_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _canonical(entry: Any) -> bytes:
    return json.dumps(
        [
            entry.id,
            entry.created_at.isoformat(),
            entry.actor_id,
            entry.actor_label,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.council_id,
            entry.data,
            entry.prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def audit_hash(entry: Any) -> str:
    key = settings.NT["AUDIT_KEY"].encode()
    return hmac.new(key, _canonical(entry), hashlib.sha256).hexdigest()


def _json_normal(data: dict[str, Any]) -> dict[str, Any]:
    """The data exactly as it will read back from the JSON column, so the hash verifies later."""
    normal: dict[str, Any] = json.loads(json.dumps(data, default=str, ensure_ascii=False))
    return normal


def audit_record_many(*, actor: Any, records: list[AuditRecord]) -> list[Any]:
    """Append several entries in one locked step (used by batched writes such as vote casting)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    if not records:
        return []
    AuditEntry, AuditHead = _models()  # noqa: N806  (model classes)
    head, _ = AuditHead.objects.select_for_update(no_key=True).get_or_create(
        id=1, defaults={"last_entry_id": 0, "last_hash": GENESIS_HASH}
    )
    now = timezone.now()
    actor_id = getattr(actor, "pk", None)
    actor_label = getattr(actor, "username", "") or ("system" if actor is None else str(actor))
    entries = []
    next_id, prev_hash = head.last_entry_id, head.last_hash
    for record in records:
        next_id += 1
        entry = AuditEntry(
            id=next_id,
            created_at=now,
            actor_id=actor_id,
            actor_label=actor_label[:150],
            action=record.action,
            object_type=record.object_type,
            object_id=str(record.object_id),
            council_id=record.council_id,
            data=_json_normal(record.data),
            prev_hash=prev_hash,
        )
        entry.hash = audit_hash(entry)
        prev_hash = entry.hash
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries)
    AuditHead.objects.filter(id=1).update(last_entry_id=next_id, last_hash=prev_hash)
    return entries


def audit_record(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: Any,
    council_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> Any:
    record = AuditRecord(action, object_type, str(object_id), council_id, data or {})
    return audit_record_many(actor=actor, records=[record])[0]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def audit_object(
    *,
    actor: Any,
    action: str,
    obj: Any,
    data: dict[str, Any] | None = None,
    council_id: int | None = None,
    object_type: str | None = None,
) -> Any:
    """Record ``action`` on a model row: the object type is the model's name in snake case
    (``AgendaItem`` → ``agenda_item``) and the council the row's own ``council_id`` unless given."""
    return audit_record(
        actor=actor,
        action=action,
        object_type=object_type or _snake(type(obj).__name__),
        object_id=obj.pk,
        council_id=council_id if council_id is not None else getattr(obj, "council_id", None),
        data=data,
    )


@dataclass(frozen=True)
class AuditBreak:
    entry_id: int
    reason: str


def audit_verify() -> AuditBreak | None:
    """Walk the chain; return the first entry that does not verify, or None when the chain is intact."""
    AuditEntry, AuditHead = _models()  # noqa: N806  (model classes)
    expected_id, expected_prev = 1, GENESIS_HASH
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.id != expected_id:
            return AuditBreak(entry.id, f"entries {expected_id}..{entry.id - 1} are missing (deleted)")
        if entry.prev_hash != expected_prev:
            return AuditBreak(entry.id, "previous-hash link broken (entry inserted or replaced out of band)")
        if not hmac.compare_digest(entry.hash, audit_hash(entry)):
            return AuditBreak(entry.id, "content does not match its hash (entry altered)")
        expected_id, expected_prev = entry.id + 1, entry.hash
    head = AuditHead.objects.filter(id=1).first()
    last_id = expected_id - 1
    if head is not None and (head.last_entry_id != last_id or head.last_hash != expected_prev):
        return AuditBreak(
            head.last_entry_id,
            f"chain ends at entry {last_id} but its head records entry {head.last_entry_id} (deleted at the end)",
        )
    return None
