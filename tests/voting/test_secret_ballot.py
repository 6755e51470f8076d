"""Secret ballots: after a secret poll, nothing anywhere links a delegate to a choice or a receipt —
not the tables, not the audit log, not the stream, not the logs — and the box keeps no voting order."""

import json
import logging
import random

import pytest
from django.apps import apps
from django.db import connection, transaction

from sessions_app.models import AuditEntry, StreamEvent
from tests.voting.conftest import Hall, new_id
from voting import selectors, services
from voting.models import SecretBallotBox, SecretParticipation
from voting.secret import participation_token

pytestmark = pytest.mark.django_db(transaction=False)

CHOICES = ["yes", "yes", "no", "abstain", "yes", "no", "yes", "yes"]


def _all_rows():
    for model in apps.get_models():
        for row in model.objects.all().values():
            yield model, row


def _text(value) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _run_secret_poll(caplog, django_capture_on_commit_callbacks):
    h = Hall(n=len(CHOICES))
    poll = h.poll(method="secret", title="Bỏ phiếu kín thử nghiệm")
    cast = []
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for i, choice in enumerate(CHOICES):
                cid = new_id()
                receipt = h.vote(poll, i, choice, client_id=cid)["receipt"]
                cast.append((h.delegates[i].pk, choice, receipt, cid))
    finally:
        connection.force_debug_cursor = False
    with django_capture_on_commit_callbacks(execute=True):
        services.poll_close(actor=h.sec, poll=poll)
        poll = services.poll_publish(actor=h.sec, poll=poll)
    return h, poll, cast


def test_no_table_links_a_person_to_a_choice_or_receipt(caplog, django_capture_on_commit_callbacks):
    h, poll, cast = _run_secret_poll(caplog, django_capture_on_commit_callbacks)
    receipts = {receipt for _, _, receipt, _ in cast}
    box = SecretBallotBox.objects.get(poll=poll)
    assert {tuple(e) for e in box.entries} == {(r, c) for _, c, r, _ in cast}
    for model, row in _all_rows():
        text = _text(row)
        if model is SecretBallotBox:
            assert set(row) == {"poll_id", "entries", "counts", "ballots"}  # no person, time or sequence
            continue
        assert not any(r in text for r in receipts), f"{model.__name__} holds a receipt: {row}"
        if model is SecretParticipation:
            assert set(row) == {"id", "poll_id", "person_id", "token_hash"}  # no choice, no time
    assert not apps.get_model("voting", "NamedBallot").objects.filter(poll=poll).exists()


def test_the_audit_log_records_participation_and_final_counts_only(caplog, django_capture_on_commit_callbacks):
    h, poll, cast = _run_secret_poll(caplog, django_capture_on_commit_callbacks)
    receipts = {receipt for _, _, receipt, _ in cast}
    entries = AuditEntry.objects.filter(object_type="poll", object_id=str(poll.pk))
    participation = entries.filter(action="vote.participation")
    assert sorted(e.data["person"] for e in participation) == sorted(p for p, *_ in cast)
    assert all(set(e.data) == {"person", "user"} for e in participation)
    close = entries.get(action="poll.close")
    assert close.data["counts"] == {"abstain": 1, "no": 2, "yes": 5}
    for entry in AuditEntry.objects.all():
        assert not any(r in _text(entry.data) for r in receipts)


def test_stream_and_logs_carry_no_choice_next_to_a_voter(caplog, django_capture_on_commit_callbacks):
    h, poll, cast = _run_secret_poll(caplog, django_capture_on_commit_callbacks)
    receipts = {receipt for _, _, receipt, _ in cast}
    progress = StreamEvent.objects.filter(session=h.c.session, type="poll.progress")
    assert progress.count() == len(CHOICES)
    for event in progress:
        state = event.frame["patch"][0]["value"]
        assert state["counts"] is None and state["result"] is None
    for event in StreamEvent.objects.filter(session=h.c.session):
        assert not any(r in _text(event.frame) for r in receipts)
    messages = [record.getMessage() for record in caplog.records]
    assert any("voting_secretparticipation" in m for m in messages), "debug SQL logging was not on"
    for message in messages:
        assert "voting_secretballotbox" not in message
        assert not any(r in message for r in receipts)


def test_the_box_has_no_order_of_voting(db):
    h = Hall(n=6)
    poll = h.poll(method="secret")
    ballots = [(i, new_id(), random.choice(["yes", "no", "abstain"])) for i in range(6)]
    states = []
    for order in (ballots, list(reversed(ballots))):
        with transaction.atomic():
            for i, cid, choice in order:
                h.vote(poll, i, choice, client_id=cid)
            states.append(SecretBallotBox.objects.get(poll=poll).entries)
            transaction.set_rollback(True)
    assert states[0] == states[1]
    assert states[0] == sorted(states[0])


def test_receipt_check_after_publication_and_only_then(caplog, django_capture_on_commit_callbacks):
    h, poll, cast = _run_secret_poll(caplog, django_capture_on_commit_callbacks)
    _, choice, receipt, _ = cast[2]
    answer = selectors.receipt_check(user=None, poll=poll, receipt=receipt.lower())
    assert answer == {"receipt": receipt, "found": True, "choice": choice}
    assert selectors.receipt_check(user=None, poll=poll, receipt="AAAAAAAAAA")["found"] is False
    listed = selectors.poll_ballot_list(user=None, poll=poll)
    assert [e["receipt"] for e in listed] == sorted(r for *_, r, _ in cast)


def test_participation_and_receipt_hashes_do_not_reveal_each_other(db):
    h = Hall(n=2)
    poll = h.poll(method="secret")
    cid = new_id()
    receipt = h.vote(poll, 0, "yes", client_id=cid)["receipt"]
    row = SecretParticipation.objects.get(poll=poll)
    assert row.token_hash == participation_token(poll.pk, __import__("uuid").UUID(cid))
    assert receipt not in row.token_hash and row.token_hash[:10].upper() != receipt
