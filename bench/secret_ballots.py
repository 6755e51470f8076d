"""Cost of encrypted secret ballots: prints figures (JSON), never asserts.

``python -m bench.secret_ballots [--delegates 125] [--runs 20]`` (uses DATABASE_URL, or a fresh SQLite file
in a temporary directory when unset) measures:

- ``tablet``: encryption + proofs of one ballot in headless Chromium (``ballot_crypto.js`` on the vendored
  @noble/curves), and a committee member's partial decryption, for a resolution (3 options), an election
  (10 candidates, 3 seats) and a confidence vote (10 officials × 3 levels);
- ``server_check``: the server's proof check of one such ballot (``voting.crypto.ballots.ballot_verify``);
- ``end_to_end``: a secret election of N delegates (three-member committee, one paper in 25 blank): cast
  every ballot (service level), close (homomorphic sums), the three partial decryptions, and the time from the last share
  received to the result stored (the figure the hall waits for)."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

from bench.prepare import django_in_process

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "frontend" / "static"
LAYOUTS = {
    "resolution_3_options": ("resolution", ["yes", "no", "abstain"], [], 1, {"yes"}),
    "election_10_of_3": ("election", [], list(range(1, 11)), 3, {"c2", "c5", "c9"}),
    "confidence_10x3": (
        "confidence",
        ["high", "normal", "low"],
        list(range(1, 11)),
        1,
        {f"c{i}:{'high' if i % 2 else 'low'}" for i in range(1, 11)},
    ),
}


def _ms(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values), 1), "max_ms": round(max(values), 1)}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def tablet(runs: int) -> dict:
    """Timings inside headless Chromium, the module served over HTTP as the product serves it."""
    from playwright.sync_api import sync_playwright

    from voting.crypto.ballots import layout_for
    from voting.crypto.group import base

    handler = functools.partial(_QuietHandler, directory=str(STATIC))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    key = base(123456789).hex()
    figures = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/frontend/js/")
            for name, (kind, options, candidates, seats, marks) in LAYOUTS.items():
                layout = layout_for(kind, options, candidates, seats)
                times = page.evaluate(
                    """async ([layout, key, marks, runs]) => {
                    const bc = await import("/frontend/js/ballot_crypto.js");
                    const out = [];
                    for (let i = 0; i < runs; i++) {
                      const t0 = performance.now();
                      bc.encryptBallot({ pollId: 1, clientId: crypto.randomUUID(), key, layout, marks: new Set(marks) });
                      out.push(performance.now() - t0);
                    }
                    return out;
                }""",
                    [layout, key, sorted(marks), runs],
                )
                figures[f"encrypt_{name}"] = _ms(times[1:] or times)
            sums = [{"a": base(i + 7).hex(), "b": base(i + 11).hex()} for i in range(10)]
            times = page.evaluate(
                """async ([sums, runs]) => {
                const bc = await import("/frontend/js/ballot_crypto.js");
                const { secret } = bc.shareMake({ pollId: 1, position: 1 });
                const out = [];
                for (let i = 0; i < runs; i++) {
                  const t0 = performance.now();
                  bc.partialMake({ pollId: 1, position: 1, secret, sums });
                  out.push(performance.now() - t0);
                }
                return out;
            }""",
                [sums, runs],
            )
            figures["partial_decryption_10_sums"] = _ms(times)
            browser.close()
    finally:
        server.shutdown()
    return figures


def server_check(runs: int) -> dict:
    from voting.crypto.ballots import ballot_encrypt, ballot_tag, ballot_verify, layout_for
    from voting.crypto.group import base

    key = base(987654321)
    figures = {}
    for name, (kind, options, candidates, seats, marks) in LAYOUTS.items():
        layout = layout_for(kind, options, candidates, seats)
        times = []
        for _ in range(runs):
            client = str(uuid.uuid4())
            ballot = ballot_encrypt(poll_id=1, client_id=client, key=key, layout=layout, marks=marks)
            t0 = time.perf_counter()
            ballot_verify(poll_id=1, tag=ballot_tag(1, client), key=key, layout=layout, ballot=ballot)
            times.append((time.perf_counter() - t0) * 1000)
        figures[f"verify_{name}"] = _ms(times)
    return figures


def end_to_end(delegates: int) -> dict:
    import random

    from bench.prepare import prepare
    from sessions_app.models import Session, Sitting, User
    from voting.crypto.board import sums_decode
    from voting.crypto.tally import partial_make
    from voting.models import CountingCommitteeMember, Poll, SecretTally
    from voting.services import VoteRequest, committee_partial_submit, poll_close, poll_create, poll_open, votes_cast
    from voting.simulate import SimulatedCommittee, ballot_for

    fixture = prepare(delegates)
    Poll.objects.filter(pk=fixture["poll"]).delete()
    sec = User.objects.get(pk=fixture["secretariat"]["user"])
    users = list(User.objects.filter(pk__in=[d["user"] for d in fixture["delegates"]]).order_by("pk"))
    poll = poll_create(
        actor=sec,
        session=Session.objects.get(pk=fixture["session"]),
        sitting=Sitting.objects.get(pk=fixture["sitting"]),
        title="Bầu cử thử tải",
        kind="election",
        method="secret",
        seats=3,
        candidates=[{"name": f"Ứng viên Thử {i:02d}"} for i in range(1, 11)],
    )
    committee = SimulatedCommittee(poll).name(actor=sec, users=users[:3]).keys()
    poll = poll_open(actor=sec, poll=poll)
    ids = list(poll.candidates.values_list("pk", flat=True))
    ballots = []
    for i, user in enumerate(users):
        client_id = uuid.uuid4()
        choice = random.sample(ids, 3) if i % 25 else []  # one paper in 25 is returned blank
        ballots.append(
            VoteRequest(user, poll.pk, ballot_for(poll=poll, client_id=str(client_id), choice=choice), client_id)
        )
    figures: dict = {"delegates": delegates, "candidates": 10, "seats": 3, "committee": 3}
    t0 = time.perf_counter()
    for i in range(0, len(ballots), 25):
        votes_cast(requests=ballots[i : i + 25])
    figures["cast_all_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    poll = poll_close(actor=sec, poll=poll)
    figures["close_sums_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    sums = sums_decode(SecretTally.objects.get(poll=poll).sums)
    members = list(CountingCommitteeMember.objects.filter(poll=poll).order_by("position"))
    submits = []
    for member in members:
        partial = partial_make(
            poll_id=poll.pk, position=member.position, x=committee.secrets[member.position], sums=sums
        )
        t0 = time.perf_counter()
        committee_partial_submit(actor=committee.users[member.person_id], poll=poll, partial=partial)
        submits.append((time.perf_counter() - t0) * 1000)
    figures["partial_submit_ms"] = [round(x, 1) for x in submits]
    figures["last_share_to_result_ms"] = round(submits[-1], 1)
    poll.refresh_from_db()
    figures["result_cast"] = poll.result["cast"]
    figures["result_blank"] = poll.result["committee"]["blank"]
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=125)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)
    django_in_process()
    figures = {"cpu_count": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}
    if not args.skip_browser:
        figures["tablet"] = tablet(args.runs)
    figures["server_check"] = server_check(args.runs)
    figures["end_to_end"] = end_to_end(args.delegates)
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
