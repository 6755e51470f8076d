"""Secret ballots: the server holds ciphertexts only, checks every proof, never keeps a running count; the
counting committee decrypts the sums only; the board recomputes the result; refusals store nothing."""

import copy
import json
import re
import subprocess
import sys
import uuid

import pytest
from django.apps import apps

from core.errors import ServiceError
from sessions_app.models import AuditEntry, StreamEvent
from tests.voting.conftest import Hall, new_id
from voting import services
from voting.board import board_build, poll_board
from voting.crypto.board import board_verify
from voting.crypto.group import point_decode
from voting.crypto.tally import share_make
from voting.models import EncryptedBallot, SecretParticipation, SecretTally
from voting.secret import participation_token
from voting.selectors import poll_result_for, poll_state
from voting.simulate import ballot_for

pytestmark = pytest.mark.django_db(transaction=False)

CHOICES = ["yes", "yes", "no", "abstain", "yes", "no", "yes", "yes"]
HEX = re.compile(r"^[0-9a-f]{64}$")


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def _vote_all(h, poll):
    cast = []
    for i, choice in enumerate(CHOICES):
        cid = new_id()
        cast.append((h.delegates[i].pk, choice, h.vote(poll, i, choice, client_id=cid)["receipt"], cid))
    return cast


def code_of(fn, *args, **kwargs) -> str:
    with pytest.raises(ServiceError) as info:
        fn(*args, **kwargs)
    return info.value.code


def test_the_server_holds_ciphertexts_only_and_no_running_count(django_capture_on_commit_callbacks):
    h = Hall(n=len(CHOICES))
    poll = h.poll(method="secret", title="Bỏ phiếu kín thử nghiệm")
    with django_capture_on_commit_callbacks(execute=True):
        cast = _vote_all(h, poll)
    assert SecretTally.objects.get(poll=poll).counts is None and SecretTally.objects.get(poll=poll).sums is None
    for ballot in EncryptedBallot.objects.filter(poll=poll).values():
        assert set(ballot) == {"id", "poll_id", "receipt", "tag", "ballot"}  # no person, no time, no choice
        assert all(HEX.match(s) for s in _strings(ballot["ballot"]["rows"]) if True)
    for row in SecretParticipation.objects.filter(poll=poll).values():
        assert set(row) == {"id", "poll_id", "person_id", "token_hash"}
    progress = StreamEvent.objects.filter(session=h.c.session, type="poll.progress")
    assert progress.count() == len(CHOICES)
    for event in progress:
        state = event.frame["patch"][0]["value"]
        assert state["counts"] is None and state["result"] is None and state["cast_count"] >= 1
    participation = AuditEntry.objects.filter(action="vote.participation")
    assert sorted(e.data["person"] for e in participation) == sorted(p for p, *_ in cast)
    assert all(set(e.data) == {"person", "user"} for e in participation)
    assert not apps.get_model("voting", "NamedBallot").objects.filter(poll=poll).exists()


def test_committee_decrypts_the_sums_and_the_board_recomputes_everything(django_capture_on_commit_callbacks):
    h = Hall(n=len(CHOICES))
    poll = h.poll(method="secret")
    cast = _vote_all(h, poll)
    assert code_of(poll_board, poll=poll, audience="public") == "poll.result_not_ready"  # not while voting
    closed = services.poll_close(actor=h.sec, poll=poll)
    assert closed.result is None and AuditEntry.objects.get(action="poll.close").data["counts"] is None
    state = poll_state(poll=closed, audience="council")
    assert state["tally_pending"] is True and [m["decrypted"] for m in state["committee"]] == [False, False]
    committee = h.committees[poll.pk]
    committee.decrypt(only=[1])  # one member has decrypted, the second is missing: the tally waits
    second = h.delegates[1].full_name
    assert code_of(services.poll_publish, actor=h.sec, poll=poll) == "poll.tally_pending"
    with pytest.raises(ServiceError) as pending:
        poll_result_for(user=h.sec, poll=closed)
    assert pending.value.details["missing"] == [second]
    counted = committee.decrypt(only=[2])
    assert counted.result["counts"] == {"abstain": 1, "no": 2, "yes": 5}
    assert AuditEntry.objects.get(action="poll.count").data["counts"] == {"abstain": 1, "no": 2, "yes": 5}
    board = board_build(counted)
    assert sorted(e["receipt"] for e in board["ballots"]) == sorted(r for _, _, r, _ in cast)
    assert "person" not in json.dumps(board["ballots"])
    assert board_verify(json.loads(json.dumps(board))) == {
        "ballots": 8,
        "counts": {"yes": 5, "no": 2, "abstain": 1, "blank": 0},  # the blank row is counted too
        "complete": True,
    }
    assert (
        code_of(services.committee_partial_submit, actor=h.user(0), poll=poll, partial={"d": [], "proofs": []})
        == "committee.not_now"
    )


def _two_choices(poll, key, layout, client):
    from tests.crypto import test_ballot_crypto as t

    saved = t.POLL
    t.POLL = poll.pk
    try:
        return t._cheat_two_choices(key, layout, client)
    finally:
        t.POLL = saved


def test_each_malformed_ballot_on_an_open_poll(django_capture_on_commit_callbacks):
    h = Hall(n=3)
    poll = h.poll(method="secret")
    tally = SecretTally.objects.get(poll=poll)
    key = point_decode(tally.key)
    cid = new_id()
    good = ballot_for(poll=poll, client_id=cid, choice="no")
    wrong_point = copy.deepcopy(good)
    wrong_point["rows"][0]["a"] = "01" * 32
    for ballot, client, expected in [
        (wrong_point, cid, "ballot.point_invalid"),
        (good, new_id(), "ballot.proof_invalid"),
        (_two_choices(poll, key, tally.layout, cid), cid, "ballot.rule_invalid"),
        ("yes", cid, "ballot.malformed"),
        ({"v": 1, "rows": [good["rows"][0]] * 500, "groups": []}, cid, "ballot.malformed"),
    ]:
        assert (
            code_of(services.vote_cast, actor=h.user(0), poll_id=poll.pk, choice=ballot, client_id=client) == expected
        )
    poll.refresh_from_db()
    assert poll.cast_count == 0 and EncryptedBallot.objects.count() == 0 and SecretParticipation.objects.count() == 0
    assert h.vote(poll, 0, good, client_id=cid)["status"] == "recorded"


def test_a_ballot_made_for_another_poll_is_refused():
    h = Hall(n=3)
    first = h.poll(method="secret")
    cid = new_id()
    ballot = ballot_for(poll=first, client_id=cid, choice="yes")
    services.poll_cancel(actor=h.sec, poll=first)
    second = h.poll(method="secret", title="Biểu quyết thứ hai")
    assert code_of(services.vote_cast, actor=h.user(0), poll_id=second.pk, choice=ballot, client_id=cid) in {
        "ballot.proof_invalid"
    }
    assert EncryptedBallot.objects.count() == 0


def test_opening_waits_for_every_key_share_and_names_who_is_missing():
    h = Hall(n=4)
    poll = h.poll(method="secret", open=False)
    assert poll_state(poll=poll, audience="council")["committee"][0]["key"] is True
    services.committee_set(
        actor=h.sec, poll=poll, head=h.delegates[2].pk, members=[h.delegates[3].pk], discard_keys=True
    )
    with pytest.raises(ServiceError) as refused:
        services.poll_open(actor=h.sec, poll=poll)
    assert refused.value.code == "committee.incomplete"
    assert refused.value.details["missing"] == [h.delegates[2].full_name, h.delegates[3].full_name]
    _, share = share_make(poll_id=poll.pk, position=2)  # made for position 2: refused for position 1
    assert (
        code_of(services.committee_share_submit, actor=h.user(2), poll=poll, share=share) == "committee.share_invalid"
    )
    assert code_of(services.committee_share_submit, actor=h.user(0), poll=poll, share=share) == "committee.not_member"
    assert code_of(services.committee_set, actor=h.user(0), poll=poll, head=h.delegates[0].pk, members=[]) in {
        "council.forbidden",
        "auth.forbidden",
    }


def test_participation_token_and_ballot_tag_do_not_reveal_each_other():
    h = Hall(n=2)
    poll = h.poll(method="secret")
    cid = new_id()
    h.vote(poll, 0, "yes", client_id=cid)
    row = SecretParticipation.objects.get(poll=poll)
    ballot = EncryptedBallot.objects.get(poll=poll)
    assert row.token_hash == participation_token(poll.pk, uuid.UUID(cid))
    assert row.token_hash != ballot.tag and cid not in json.dumps(ballot.ballot)


def test_verify_ballots_command_recomputes_the_stored_result(tmp_path):
    from django.core.management import CommandError, call_command

    h = Hall(n=4)
    poll = h.poll(method="secret")
    for i, choice in enumerate(["yes", "no", "yes", None]):  # the last paper is returned blank
        h.vote(poll, i, choice)
    poll = h.close(poll)
    assert poll.result["committee"]["blank"] == 1 and poll.result["counts"] == {"yes": 2, "no": 1, "blank": 1}
    out = tmp_path / "board.json"
    import io

    buffer = io.StringIO()
    call_command("verify_ballots", str(poll.pk), "--board-out", str(out), stdout=buffer)
    assert json.loads(buffer.getvalue())["counts"] == {"yes": 2, "no": 1, "abstain": 0, "blank": 1}
    assert json.loads(out.read_text())["ballots"]
    done = subprocess.run(
        [sys.executable, "-m", "voting.crypto.verify", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and json.loads(done.stdout)["counts"]["blank"] == 1  # the stand-alone verifier
    SecretTally.objects.filter(poll=poll).update(counts={"yes": 2, "no": 2, "abstain": 0, "blank": 0})  # tampered
    with pytest.raises(CommandError):
        call_command("verify_ballots", str(poll.pk), stdout=io.StringIO())


def test_the_migration_refuses_to_run_while_a_secret_poll_is_open():
    import importlib

    from django.apps import apps as global_apps

    migration = importlib.import_module("voting.migrations.0004_i12_encrypted_ballots")
    h = Hall(n=3)
    poll = h.poll(method="secret")
    with pytest.raises(RuntimeError, match=str(poll.pk)):
        migration.refuse_open_secret_polls(global_apps, None)
    h.close(poll)
    migration.refuse_open_secret_polls(global_apps, None)  # closed (result kept on the poll): nothing to refuse
