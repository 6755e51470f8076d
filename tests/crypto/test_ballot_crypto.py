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
    group_weights,
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
    choices = ["yes"] * 5 + ["no"] * 2 + ["abstain"] + ["blank"] * 2
    rows = []
    for choice in choices:
        client = str(uuid.uuid4())
        ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks={choice})
        rows.append(_verify(ballot, key, layout, client=client))
    sums = ciphertexts_sum(rows, 4)
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
    assert layout["marks"] == ["yes", "no", "abstain", "blank"]
    assert counts_combine(sums=sums, partials=partials, ballots=len(choices)) == [5, 2, 1, 2]
    with pytest.raises(TallyError):  # one member missing: the sums do not open
        counts_combine(sums=sums, partials=partials[:2], ballots=len(choices))


def test_election_at_most_n_and_confidence_one_level_per_official():
    _, _, key = _committee(2)
    election = layout_for("election", [], [7, 8, 9], 2)
    assert election == {
        "marks": ["c7", "c8", "c9", "blank"],
        "groups": [{"rows": [0, 1, 2, 3], "weights": [1, 1, 1, 2], "totals": [1, 2]}],
    }
    for marks in [{"blank"}, {"c7"}, {"c7", "c9"}]:
        client = str(uuid.uuid4())
        _verify(
            ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=election, marks=marks),
            key,
            election,
            client=client,
        )
    for marks in [{"c7", "c8", "c9"}, set(), {"blank", "c8"}]:  # too many; nothing (not even blank); both
        with pytest.raises(BallotError) as refused:
            ballot_encrypt(poll_id=POLL, client_id="x", key=key, layout=election, marks=marks)
        assert refused.value.code == "rule"
    confidence = layout_for("confidence", ["high", "normal", "low"], [3, 4], 1)
    assert confidence["marks"][-1] == "blank"
    assert confidence["groups"] == [  # the one blank row of the paper belongs to every official's group
        {"rows": [0, 1, 2, 6], "weights": [1, 1, 1, 1], "totals": [1]},
        {"rows": [3, 4, 5, 6], "weights": [1, 1, 1, 1], "totals": [1]},
    ]
    for marks in [{"c3:low", "c4:high"}, {"blank"}]:
        client = str(uuid.uuid4())
        ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=confidence, marks=marks)
        _verify(ballot, key, confidence, client=client)
    for marks in [{"c3:low"}, {"blank", "c3:low", "c4:low"}, set()]:  # one line only; blank and marked; nothing
        with pytest.raises(BallotError) as refused:
            ballot_encrypt(poll_id=POLL, client_id="x", key=key, layout=confidence, marks=marks)
        assert refused.value.code == "rule"


def _forge(key, layout, client, values, *, weights=None, poll=None):
    """A forged ballot with the given row values: honest 0/1 proofs where the value is 0 or 1 (a proof for
    the value itself otherwise), and per group a proof for the total the forger computes with ``weights``
    (the layout's, unless given), claimed as the only allowed total when it is not one (the proof system
    cannot express the lie, so the forger swaps the label)."""
    poll = POLL if poll is None else poll
    tag = ballot_tag(poll, client)
    rs = [scalar_random() for _ in layout["marks"]]
    rows = []
    for i, (r, v) in enumerate(zip(rs, values, strict=True)):
        a, b = base(r), add(mul(r, key), base(v)) if v else mul(r, key)
        allowed = [0, 1] if v in (0, 1) else [v]
        rows.append(
            {
                "a": a.hex(),
                "b": b.hex(),
                "proof": one_of_prove(("nt/ballot/v1", poll, tag, "row", i), key, a, b, r, v, allowed),
            }
        )
    groups = []
    for g, group in enumerate(layout["groups"]):
        ws = (weights or {}).get(g) or group_weights(group)
        a, b = IDENTITY, IDENTITY
        for i, w in zip(group["rows"], ws, strict=True):
            a, b = add(a, mul(w, bytes.fromhex(rows[i]["a"]))), add(b, mul(w, bytes.fromhex(rows[i]["b"])))
        total = sum(w * values[i] for i, w in zip(group["rows"], ws, strict=True))
        r = sum(w * rs[i] for i, w in zip(group["rows"], ws, strict=True))
        allowed = group["totals"] if total in group["totals"] else [total]
        groups.append(one_of_prove(("nt/ballot/v1", poll, tag, "group", g), key, a, b, r, total, allowed))
    return {"v": 1, "rows": rows, "groups": groups}


def _cheat_two_choices(key, layout, client):
    """A forged ballot: the first two rows at 1, honest 0/1 proofs, a rule proof for a total of 2."""
    return _forge(key, layout, client, [1, 1] + [0] * (len(layout["marks"]) - 2))


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


BLANK_LAYOUTS = {
    # 3 candidates, 2 seats: marks c1 c2 c3 blank; the blank row weighs 2.
    "election": layout_for("election", [], [1, 2, 3], 2),
    "resolution": layout_for("dismissal", ["yes", "no"], [], 1),  # yes no blank
    "confidence": layout_for("confidence", ["high", "normal", "low"], [3, 4], 1),  # 2 × 3 levels, blank
}


@pytest.mark.parametrize(
    "kind, values, weights, code",
    [
        ("election", [0, 0, 0, 1], None, None),  # an honest blank paper
        ("election", [1, 0, 0, 1], None, "rule"),  # blank marked together with a candidate
        ("election", [1, 1, 0, 1], None, "rule"),  # blank with as many candidates as seats
        ("election", [1, 0, 0, 1], {0: [1, 1, 1, 1]}, "rule"),  # blank weight 1 (total 2 "allowed")
        ("election", [0, 0, 0, 1], {0: [1, 1, 1, 1]}, "rule"),  # blank alone proven with weight 1
        ("election", [0, 0, 0, 0], None, "rule"),  # nothing marked, not even blank
        ("election", [0, 0, 0, 2], None, "proof"),  # the blank row counts two blank papers
        ("election", [2, 0, 0, 0], None, "proof"),  # a candidate twice
        ("resolution", [0, 0, 1], None, None),
        ("resolution", [1, 0, 1], None, "rule"),  # blank and "yes"
        ("resolution", [0, 0, 2], None, "proof"),  # two blanks
        ("confidence", [0, 0, 0, 0, 0, 0, 1], None, None),
        ("confidence", [0, 0, 1, 0, 0, 0, 1], None, "rule"),  # blank, and "low" for the first official
        ("confidence", [0, 0, 1, 0, 0, 0, 0], None, "rule"),  # a line left empty without a blank paper
        ("confidence", [0, 0, 0, 0, 0, 0, 2], None, "proof"),  # two blanks
    ],
)
def test_blank_papers_verify_and_forged_blanks_are_refused_with_a_stable_code(kind, values, weights, code):
    _, _, key = _committee(2)
    layout = BLANK_LAYOUTS[kind]
    client = str(uuid.uuid4())
    ballot = _forge(key, layout, client, values, weights=weights)
    if code is None:
        assert len(_verify(ballot, key, layout, client=client)) == len(layout["marks"])
        return
    with pytest.raises(BallotError) as refused:
        _verify(ballot, key, layout, client=client)
    assert refused.value.code == code


def test_a_ballot_with_two_blank_rows_or_a_bad_layout_is_malformed():
    _, _, key = _committee(2)
    layout = BLANK_LAYOUTS["election"]
    client = str(uuid.uuid4())
    ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks={"blank"})
    twice = {**ballot, "rows": [*ballot["rows"], ballot["rows"][-1]]}
    for bad_ballot, bad_layout in [
        (twice, layout),
        (ballot, {**layout, "groups": [{**layout["groups"][0], "weights": [1, 1, 1]}]}),
        (ballot, {**layout, "groups": [{**layout["groups"][0], "weights": [1, 1, 1, 0]}]}),
        (ballot, {**layout, "groups": [{**layout["groups"][0], "rows": [0, 1, 2, 4]}]}),
        (ballot, {**layout, "groups": "all"}),
    ]:
        with pytest.raises(BallotError) as refused:
            _verify(bad_ballot, key, bad_layout, client=client)
        assert refused.value.code == "malformed"


def test_a_layout_without_a_blank_row_still_verifies():
    """Polls opened before blank papers were counted apart keep their layout (no blank row, no weights)."""
    _, _, key = _committee(2)
    old = {"marks": ["c1", "c2"], "groups": [{"rows": [0, 1], "totals": [0, 1]}]}
    for marks in [set(), {"c2"}]:
        client = str(uuid.uuid4())
        _verify(
            ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=old, marks=marks), key, old, client=client
        )


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
        marks = {"blank"} if i == n_ballots - 1 else {f"c{1 + i % 3}"}  # the last paper is blank
        ballot = ballot_encrypt(poll_id=POLL, client_id=client, key=key, layout=layout, marks=marks)
        tag = ballot_tag(POLL, client)
        cts = _verify(ballot, key, layout, client=client)
        rows.append(cts)
        entries.append({"receipt": receipt_of(POLL, tag, cts), "tag": tag, "ballot": ballot})
    sums = ciphertexts_sum(rows, 4)
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
        "counts": {"c1": 1, "c2": 1, "c3": 1, "blank": 1},
    }


def test_board_verifies_and_any_tampering_is_found(tmp_path):
    board = _board()
    assert board_verify(board) == {
        "ballots": 4,
        "counts": {"c1": 1, "c2": 1, "c3": 1, "blank": 1},
        "complete": True,
    }
    for tamper in ["counts", "receipt", "drop_ballot", "partial", "blank_weight", "layout"]:
        bad = copy.deepcopy(board)
        if tamper == "counts":
            bad["counts"]["c1"] = 3
        elif tamper == "receipt":
            bad["ballots"][0]["receipt"] = "A" * 16
        elif tamper == "drop_ballot":
            bad["ballots"].pop()
        elif tamper == "blank_weight":  # a board whose layout lets a blank row count as a candidate mark
            bad["layout"]["groups"][0]["weights"][-1] = 1
        elif tamper == "layout":
            bad["layout"]["groups"][0]["rows"].append(9)
        else:
            bad["partials"][0]["d"][0] = base(2).hex()
        with pytest.raises(BoardError):
            board_verify(bad)
    path = tmp_path / "board.json"
    path.write_text(json.dumps(board))
    done = subprocess.run(
        [sys.executable, "-m", "voting.crypto.verify", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and '"blank": 1' in done.stdout
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
