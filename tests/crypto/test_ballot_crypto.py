"""The pure ballot cryptography (no Django): encryption, proofs, refusals, the homomorphic tally."""

import copy
import json
import subprocess
import sys
import uuid

import pytest

from voting.crypto.ballots import (
    BallotError,
    Ciphertext,
    ballot_encrypt,
    ballot_tag,
    ballot_verify,
    ciphertexts_sum,
    layout_for,
    receipt_of,
)
from voting.crypto.board import FORMAT, BoardError, board_verify, sums_encode
from voting.crypto.group import IDENTITY, G, add, base, hex_scalar, mul, point_decode, scalar_random
from voting.crypto.proofs import one_of_prove
from voting.crypto.tally import (
    TallyError,
    counts_combine,
    joint_key,
    partial_make,
    partial_verify,
    share_make,
    share_verify,
)

POLL = 41


def _committee(n=3, poll=POLL):
    made = [share_make(poll_id=poll, position=p) for p in range(1, n + 1)]
    publics = [share_verify(poll_id=poll, position=p, published=s) for p, (_, s) in enumerate(made, start=1)]
    return [x for x, _ in made], [s for _, s in made], joint_key(publics)


def _verify(ballot, key, layout, poll=POLL, client=None):
    return ballot_verify(poll_id=poll, tag=ballot_tag(poll, client), key=key, layout=layout, ballot=ballot)


def test_option_poll_round_trip_counts_without_opening_a_ballot():
    secrets_, shares, key = _committee()
    layout = layout_for("resolution", ["yes", "no", "abstain"], [], 1)
    choices = ["yes"] * 5 + ["no"] * 2 + ["abstain"]
    rows = []
    for choice in choices:
        client = str(uuid.uuid4())
        ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks={choice})
        rows.append(_verify(ballot, key, layout, client=client))
    sums = ciphertexts_sum(rows, 3)
    publics = [point_decode(s["public"]) for s in shares]
    partials = [
        partial_verify(
            poll_id=POLL,
            position=p,
            share=publics[p - 1],
            sums=sums,
            partial=partial_make(poll_id=POLL, position=p, x=secrets_[p - 1], sums=sums),
        )
        for p in (1, 2, 3)
    ]
    assert counts_combine(sums=sums, partials=partials, ballots=len(choices)) == [5, 2, 1]
    with pytest.raises(TallyError):  # one member missing: the sums do not open
        counts_combine(sums=sums, partials=partials[:2], ballots=len(choices))


def test_election_at_most_n_and_confidence_one_level_per_official():
    _, _, key = _committee(2)
    election = layout_for("election", [], [7, 8, 9], 2)
    for marks in [set(), {"c7"}, {"c7", "c9"}]:
        client = str(uuid.uuid4())
        _verify(
            ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=election, marks=marks),
            key,
            election,
            client=client,
        )
    with pytest.raises(BallotError) as refused:
        ballot_encrypt(poll_id=POLL, client_id="x", key=key, layout=election, marks={"c7", "c8", "c9"})
    assert refused.value.code == "rule"
    confidence = layout_for("confidence", ["high", "normal", "low"], [3, 4], 1)
    assert confidence["groups"] == [{"rows": [0, 1, 2], "totals": [1]}, {"rows": [3, 4, 5], "totals": [1]}]
    client = str(uuid.uuid4())
    ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=confidence, marks={"c3:low", "c4:high"})
    _verify(ballot, key, confidence, client=client)


def _cheat_two_choices(key, layout, client):
    """A forged ballot: two options at 1, honest 0/1 proofs, and a rule proof for a total of 2 where 1 is
    the only allowed total (the proof system cannot express the lie, so the forger swaps the label)."""
    tag = ballot_tag(POLL, client)
    ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks={"yes"})
    rs = [scalar_random() for _ in layout["marks"]]
    rows = []
    for i, r in enumerate(rs):
        v = 1 if i < 2 else 0
        a, b = base(r), add(mul(r, key), base(v)) if v else mul(r, key)
        rows.append(
            {
                "a": a.hex(),
                "b": b.hex(),
                "proof": one_of_prove(("nt/ballot/v1", POLL, tag, "row", i), key, a, b, r, v, [0, 1]),
            }
        )
    a, b = IDENTITY, IDENTITY
    for row in rows:
        a, b = add(a, bytes.fromhex(row["a"])), add(b, bytes.fromhex(row["b"]))
    group = one_of_prove(("nt/ballot/v1", POLL, tag, "group", 0), key, a, b, sum(rs), 2, [2])
    return {**ballot, "rows": rows, "groups": [group]}


@pytest.mark.parametrize(
    "attack, code",
    [
        ("wrong_point", "point"),
        ("identity", "point"),
        ("other_poll", "proof"),
        ("other_client", "proof"),
        ("two_choices", "rule"),
        ("flipped_ciphertext", "proof"),
        ("missing_row", "malformed"),
        ("not_a_ballot", "malformed"),
        ("noncanonical_scalar", "proof"),
    ],
)
def test_every_malformed_ballot_is_refused_with_a_stable_code(attack, code):
    _, _, key = _committee(2)
    layout = layout_for("resolution", ["yes", "no", "abstain"], [], 1)
    client = str(uuid.uuid4())
    ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks={"no"})
    poll, used_client = POLL, client
    bad = copy.deepcopy(ballot)
    if attack == "wrong_point":
        bad["rows"][0]["a"] = "01" * 32
    elif attack == "identity":
        bad["rows"][1]["b"] = "00" * 32
    elif attack == "other_poll":
        poll = POLL + 1
    elif attack == "other_client":
        used_client = str(uuid.uuid4())
    elif attack == "two_choices":
        bad = _cheat_two_choices(key, layout, client)
    elif attack == "flipped_ciphertext":
        bad["rows"][0]["b"], bad["rows"][1]["b"] = bad["rows"][1]["b"], bad["rows"][0]["b"]
    elif attack == "missing_row":
        bad["rows"].pop()
    elif attack == "not_a_ballot":
        bad = "yes"
    elif attack == "noncanonical_scalar":
        bad["rows"][0]["proof"]["z"][0] = "ff" * 32
    with pytest.raises(BallotError) as refused:
        ballot_verify(poll_id=poll, tag=ballot_tag(poll, used_client), key=key, layout=layout, ballot=bad)
    assert refused.value.code == code


def test_key_share_and_partial_proofs_refuse_forgeries():
    x, share = share_make(poll_id=POLL, position=1)
    with pytest.raises(TallyError):  # the proof names position 1 of this poll only
        share_verify(poll_id=POLL, position=2, published=share)
    with pytest.raises(TallyError):
        share_verify(poll_id=POLL, position=1, published={"public": base(5).hex(), "proof": share["proof"]})
    r = scalar_random()
    sums = [Ciphertext(base(r), add(mul(r, base(x)), G))]
    partial = partial_make(poll_id=POLL, position=1, x=x, sums=sums)
    partial["d"][0] = base(scalar_random()).hex()
    with pytest.raises(TallyError):
        partial_verify(poll_id=POLL, position=1, share=base(x), sums=sums, partial=partial)


def _board(n_ballots=4):
    secrets_, shares, key = _committee(2)
    layout = layout_for("election", [], [1, 2, 3], 2)
    entries, rows = [], []
    for i in range(n_ballots):
        client = str(uuid.uuid4())
        ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks={f"c{1 + i % 3}"})
        tag = ballot_tag(POLL, client)
        cts = _verify(ballot, key, layout, client=client)
        rows.append(cts)
        entries.append({"receipt": receipt_of(POLL, tag, cts), "tag": tag, "ballot": ballot})
    sums = ciphertexts_sum(rows, 3)
    partials = [{"position": p, **partial_make(poll_id=POLL, position=p, x=secrets_[p - 1], sums=sums)} for p in (1, 2)]
    return {
        "format": FORMAT,
        "poll": POLL,
        "layout": layout,
        "key": key.hex(),
        "committee": [{"position": p, "name": f"Thành viên {p}", **shares[p - 1]} for p in (1, 2)],
        "ballots": sorted(entries, key=lambda e: e["receipt"]),
        "sums": sums_encode(sums),
        "partials": partials,
        "counts": {"c1": 2, "c2": 1, "c3": 1},
    }


def test_board_verifies_and_any_tampering_is_found(tmp_path):
    board = _board()
    assert board_verify(board) == {"ballots": 4, "counts": {"c1": 2, "c2": 1, "c3": 1}, "complete": True}
    for tamper in ["counts", "receipt", "drop_ballot", "partial"]:
        bad = copy.deepcopy(board)
        if tamper == "counts":
            bad["counts"]["c1"] = 3
        elif tamper == "receipt":
            bad["ballots"][0]["receipt"] = "A" * 16
        elif tamper == "drop_ballot":
            bad["ballots"].pop()
        else:
            bad["partials"][0]["d"][0] = base(2).hex()
        with pytest.raises(BoardError):
            board_verify(bad)
    path = tmp_path / "board.json"
    path.write_text(json.dumps(board))
    done = subprocess.run(
        [sys.executable, "-m", "voting.crypto.verify", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and '"c1": 2' in done.stdout
    assert (
        "django"
        not in subprocess.run(
            [sys.executable, "-c", "import sys, voting.crypto.verify; print(' '.join(sorted(sys.modules)))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_scalar_and_point_helpers():
    assert mul(0, G) == IDENTITY and mul(5, IDENTITY) == IDENTITY
    assert hex_scalar(1) == "01" + "00" * 31
