"""The tablet's JavaScript (ballot_crypto.js on the vendored @noble/curves) and the server's Python agree
byte for byte: a ballot, key share, partial decryption and receipt made in JS verify in Python."""

import json
import shutil
import subprocess
import uuid

import pytest

from bench.session_load import ROOT
from voting.crypto.ballots import ballot_tag, ballot_verify, ciphertexts_sum, layout_for, receipt_of
from voting.crypto.board import sums_encode
from voting.crypto.group import base, mul, point_decode, scalar_random
from voting.crypto.tally import counts_combine, joint_key, partial_verify, share_verify

NODE = shutil.which("node")
MODULE = ROOT / "frontend" / "static" / "frontend" / "js" / "ballot_crypto.js"


def _node(script: str) -> dict:
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(NODE is None, reason="needs node")
def test_javascript_tablet_and_python_server_agree():
    poll = 77
    layout = layout_for("election", [], [5, 6, 7], 2)
    made = _node(f"""
import * as bc from "{MODULE.as_uri()}";
const shares = [1, 2].map((position) => bc.shareMake({{ pollId: {poll}, position }}));
console.log(JSON.stringify(shares));
""")
    publics = [share_verify(poll_id=poll, position=p, published=s["share"]) for p, s in enumerate(made, start=1)]
    key = joint_key(publics).hex()
    clients = [str(uuid.uuid4()) for _ in range(3)]
    picks = [["c5"], ["c5", "c7"], ["blank"]]  # the third paper is returned blank
    out = _node(f"""
import * as bc from "{MODULE.as_uri()}";
const layout = {json.dumps(layout)};
const clients = {json.dumps(clients)};
const picks = {json.dumps(picks)};
const ballots = clients.map((clientId, i) => bc.encryptBallot({{ pollId: {poll}, clientId, key: "{key}", layout, marks: new Set(picks[i]) }}));
const receipts = clients.map((clientId, i) => bc.receiptOf({poll}, clientId, ballots[i]));
let refused = "";
try {{ bc.encryptBallot({{ pollId: {poll}, clientId: clients[0], key: "{key}", layout, marks: new Set(["c5", "c6", "c7"]) }}); }}
catch (e) {{ refused = e.message; }}
let blankWithCandidate = "";
try {{ bc.encryptBallot({{ pollId: {poll}, clientId: clients[0], key: "{key}", layout, marks: new Set(["c5", "blank"]) }}); }}
catch (e) {{ blankWithCandidate = e.message; }}
console.log(JSON.stringify({{ ballots, receipts, refused, blankWithCandidate, marks: [...bc.choiceMarks({{ kind: "confidence" }}, {{ 3: "low" }})] }}));
""")
    assert out["refused"].startswith("ballot.rule_invalid") and out["marks"] == ["c3:low"]
    assert out["blankWithCandidate"].startswith("ballot.rule_invalid")
    rows = []
    for client, ballot, receipt in zip(clients, out["ballots"], out["receipts"], strict=True):
        tag = ballot_tag(poll, client)
        cts = ballot_verify(poll_id=poll, tag=tag, key=point_decode(key), layout=layout, ballot=ballot)
        assert receipt_of(poll, tag, cts) == receipt
        rows.append(cts)
    sums = ciphertexts_sum(rows, 4)
    partials = _node(f"""
import * as bc from "{MODULE.as_uri()}";
const secrets = {json.dumps([s["secret"] for s in made])};
const sums = {json.dumps(sums_encode(sums))};
console.log(JSON.stringify(secrets.map((secret, i) => bc.partialMake({{ pollId: {poll}, position: i + 1, secret, sums }}))));
""")
    opened = [
        partial_verify(poll_id=poll, position=p, share=publics[p - 1], sums=sums, partial=partial)
        for p, partial in enumerate(partials, start=1)
    ]
    assert counts_combine(sums=sums, partials=opened, ballots=3) == [2, 0, 1, 1]  # c5 c6 c7 blank


@pytest.mark.skipif(NODE is None, reason="needs node")
def test_blank_papers_sealed_by_the_tablet_verify_on_the_server():
    """The tablet's sealBallot turns an empty choice ([] / {} / null) into the blank row set; the server
    accepts it under each kind's weighted group proofs and the sum counts it as blank."""
    poll = 78
    secret = scalar_random()  # one key holder: the test decrypts the sums itself
    key = base(secret)
    papers = [
        ("election", layout_for("election", [], [5, 6, 7], 2), [[], [5, 7]]),
        ("confidence", layout_for("confidence", ["high", "normal", "low"], [3, 4], 1), [{}, {"3": "low", "4": "high"}]),
        ("dismissal", layout_for("dismissal", ["yes", "no"], [], 1), [None, "no"]),
    ]
    clients = [[str(uuid.uuid4()) for _ in choices] for _, _, choices in papers]
    out = _node(f"""
import * as bc from "{MODULE.as_uri()}";
const papers = {json.dumps([[kind, layout, choices] for kind, layout, choices in papers])};
const clients = {json.dumps(clients)};
const sealed = papers.map(([kind, layout, choices], p) => choices.map((choice, i) =>
  bc.sealBallot({{ id: {poll}, kind, method: "secret", election: {{ key: "{key.hex()}", layout }} }}, choice, clients[p][i])));
console.log(JSON.stringify(sealed));
""")
    for (kind, layout, _choices), cids, ballots in zip(papers, clients, out, strict=True):
        rows = [
            ballot_verify(poll_id=poll, tag=ballot_tag(poll, cid), key=key, layout=layout, ballot=ballot)
            for cid, ballot in zip(cids, ballots, strict=True)
        ]
        sums = ciphertexts_sum(rows, len(layout["marks"]))
        counts = counts_combine(sums=sums, partials=[[mul(secret, s.a) for s in sums]], ballots=len(rows))
        counted = {mark: n for mark, n in zip(layout["marks"], counts, strict=True) if n}
        assert (
            counted
            == {
                "election": {"c5": 1, "c7": 1, "blank": 1},
                "confidence": {"c3:low": 1, "c4:high": 1, "blank": 1},
                "dismissal": {"no": 1, "blank": 1},
            }[kind]
        )
