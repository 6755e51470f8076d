import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from core.audit import audit_record, audit_verify
from sessions_app.models import AuditEntry

pytestmark = pytest.mark.django_db


def _record(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=None, action="test.write", object_type="thing", object_id=i, data={"i": i, "tên": "Hà"})


def test_intact_chain_verifies():
    _record(5)
    assert audit_verify() is None
    call_command("verify_audit")


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_outside_a_transaction():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x", object_type="y", object_id=1)


def test_altered_row_is_named():
    _record(5)
    AuditEntry.objects.filter(id=3).update(data={"i": 99})
    broken = audit_verify()
    assert broken is not None and broken.entry_id == 3 and "altered" in broken.reason
    with pytest.raises(CommandError) as info:
        call_command("verify_audit")
    assert info.value.returncode == 1
    assert "entry 3" in str(info.value)


def test_deleted_middle_row_is_named():
    _record(5)
    AuditEntry.objects.filter(id=2).delete()
    broken = audit_verify()
    assert broken is not None and broken.entry_id == 3 and "deleted" in broken.reason


def test_deleted_last_row_is_caught_by_the_head():
    _record(4)
    AuditEntry.objects.filter(id=4).delete()
    broken = audit_verify()
    assert broken is not None and broken.entry_id == 4


def test_row_inserted_out_of_band_is_caught():
    _record(3)
    last = AuditEntry.objects.get(id=3)
    AuditEntry.objects.filter(id=3).delete()
    forged = AuditEntry(
        id=3,
        created_at=last.created_at,
        actor_id=None,
        actor_label="mallory",
        action="test.write",
        object_type="thing",
        object_id="2",
        data={"i": 2},
        prev_hash=last.prev_hash,
        hash="f" * 64,
    )
    forged.save()
    broken = audit_verify()
    assert broken is not None and broken.entry_id == 3
