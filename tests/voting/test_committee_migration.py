"""The migration that makes issue 11's counting-committee record (``Poll.counting_committee``) and issue 12's
key-holding members one table: roles from the record, key state kept, people named only in the record
added where they can still make a key (a draft) or where nobody held a key (a poll counted before encrypted
ballots), never to a poll whose key is made."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.voting.conftest import Hall
from voting.models import CountingCommitteeMember

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("voting", "0007_i13_poll_deadline")]
AFTER = [("voting", "0008_i11b_one_counting_committee")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _rows(poll) -> list[tuple[int, int, str, bool]]:
    return [
        (m.position, m.person_id, m.role, bool(m.public_share))
        for m in CountingCommitteeMember.objects.filter(poll=poll).order_by("position")
    ]


def test_the_record_and_the_key_holders_become_one_committee():
    h = Hall(n=6)
    d = [p.pk for p in h.delegates]
    draft = h.poll(open=False, method="secret")  # key holders d0, d1 (keys made)
    opened = h.poll(method="secret")  # key holders d0, d1; the election key is made
    legacy = h.poll(open=False, method="secret")  # its key holders are deleted below: a record only

    old = _migrate(BEFORE)
    assert old.get_model("voting", "Poll").objects.get(pk=draft.pk).counting_committee == [
        {"person": d[0], "name": h.delegates[0].full_name, "role": "head"},
        {"person": d[1], "name": h.delegates[1].full_name, "role": "member"},
    ]  # reversed: the record rebuilt from the table
    old_poll, old_member = old.get_model("voting", "Poll"), old.get_model("voting", "CountingCommitteeMember")
    records = {
        draft.pk: [{"person": d[2], "role": "head"}, {"person": d[0], "role": "member"}],
        opened.pk: [{"person": d[3], "role": "head"}, {"person": d[1], "role": "member"}],
        legacy.pk: [{"person": d[4], "role": "member"}, {"person": d[5], "role": "head"}],
    }
    for pk, record in records.items():
        old_poll.objects.filter(pk=pk).update(counting_committee=record)
    old_member.objects.filter(poll_id=legacy.pk).delete()

    _migrate(AFTER)
    # The draft keeps its key holders (no head among them in the record: both members), and the record's
    # head joins to make a key before the opening.
    assert _rows(draft) == [(1, d[0], "member", True), (2, d[1], "member", True), (3, d[2], "head", False)]
    # The opened poll keeps exactly its key holders; the record gives their roles.
    assert _rows(opened) == [(1, d[0], "member", True), (2, d[1], "member", True)]
    # Nobody held a key: the record becomes the committee, in its order.
    assert _rows(legacy) == [(1, d[4], "member", False), (2, d[5], "head", False)]
