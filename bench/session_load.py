"""Load bench of a live vote: N delegates vote within about a second while M public viewers watch.

    python -m bench.session_load --delegates 500 --viewers 5000 --json

Embedded (default): starts ONE Daphne process on a free port with a fresh SQLite database in a temporary
directory (production-like settings: DEBUG=0, in-memory channel layer), creates the council with
``bench.prepare``, then drives it. ``--url http://host:port --fixture prepared.json`` targets a running
server instead; the fixture is the output of ``python -m bench.prepare --delegates N`` run with that
server's environment (same database), and the server must accept the fixture's session cookies
(``sessionid``), WebSocket origin ``--url`` and plain HTTP to its REST API.

Scaled (``--processes N``): nginx, run with ``deploy/nginx.conf`` (the deployment's own file), in front of N
ASGI processes on a fresh PostgreSQL database created next to the one ``DATABASE_URL`` names (dropped
afterwards) and the Redis of ``REDIS_URL``; the clients go through nginx. The JSON adds per-process figures
(``processes``: public sockets served, fan-out and vote times, RSS, CPU) and nginx's CPU. ``--check`` makes
a lost or refused vote, a seq gap or an unreached viewer exit 1 (the CI tier); figures are never judged.

Steps: connect every delegate (session cookie) and viewer (anonymous, public socket); the secretariat
opens the poll over REST; every delegate sends ``vote.cast`` at a random moment within ``--spread``
seconds; the poll is closed and published over REST; each viewer notes when the final result reached it.
Prints one JSON object (see ``summarize``)."""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import os
import secrets
import statistics
import string
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.clients import raise_fd_limit, run_delegates, run_viewers
from bench.processes import ROOT, percentile  # noqa: F401  (ROOT re-exported)
from bench.servers import EmbeddedServer, result_print, server_for

Server = EmbeddedServer  # the name the browser and schemathesis tiers import (with ROOT) to start a live server

VIEWERS_PER_PROCESS = 2500


class Rest:
    """The secretariat's REST calls (session cookie + CSRF token, as a browser would send them), on one
    kept-alive connection as a browser's tab keeps it (opened again if the server closed it)."""

    def __init__(self, base: str, cookie: str) -> None:
        self.base = base.rstrip("/")
        parts = urllib.parse.urlsplit(self.base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.connection: http.client.HTTPConnection | None = None
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.headers = {
            "Cookie": f"sessionid={cookie}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/json",
            "Referer": self.base + "/",
        }

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        reused = self.connection is not None
        try:
            status, content = self._exchange(method, path, data)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self.close()
            if not reused:
                raise
            status, content = self._exchange(method, path, data)  # the server had closed the idle connection
        if status >= 400:
            raise RuntimeError(f"{method} {path}: {status} {content[:500]!r}")
        return json.loads(content or b"null")

    def _exchange(self, method: str, path: str, data: bytes | None) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self.connection.request(method, path, body=data, headers=self.headers)
        response = self.connection.getresponse()
        content = response.read()
        if response.will_close:
            self.close()
        return response.status, content

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _spawn(target: Any, *args: Any) -> tuple[Any, Any]:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=target, args=(child, *args), daemon=True)
    process.start()
    return process, parent


def _expect(pipe: Any, kind: str, timeout: float) -> Any:
    if not pipe.poll(timeout):
        raise RuntimeError(f"a client process did not answer '{kind}' within {timeout:.0f} s")
    message = pipe.recv()
    if message[0] != kind:
        raise RuntimeError(f"expected {kind!r} from a client process, got {message[0]!r}")
    return message[1]


def drive(
    base_url: str,
    fixture: dict[str, Any],
    viewers: int,
    spread: float,
    viewer_urls: list[str] | None = None,
    result_wait: float = 10.0,
    on_phase: Callable[[str], None] = lambda phase: None,
) -> dict[str, Any]:
    """Run the scenario against ``base_url``; viewers connect to ``viewer_urls`` in turn (one per client
    process) when given, e.g. straight to each ASGI process instead of through nginx. ``on_phase`` hears
    ``"live"`` once everyone is connected (just before the poll opens) and ``"done"`` once the result has
    reached every viewer (or the wait ended)."""
    ws_base = base_url.replace("http", "ws", 1).rstrip("/")
    session, poll = fixture["session"], fixture["poll"]
    cookies = [d["cookie"] for d in fixture["delegates"]]
    rest = Rest(base_url, fixture["secretariat"]["cookie"])
    started = time.time()
    delegate_proc, delegate_pipe = _spawn(run_delegates, f"{ws_base}/ws/sessions/{session}/", base_url, cookies, poll)
    targets = viewer_urls or [base_url]
    workers = max(math.ceil(viewers / VIEWERS_PER_PROCESS), min(len(targets), viewers))
    viewer_procs = []
    for n in range(workers):
        count = viewers // workers + (1 if n < viewers % workers else 0)
        target = targets[n % len(targets)]
        ws_target = target.replace("http", "ws", 1).rstrip("/")
        viewer_procs.append(_spawn(run_viewers, f"{ws_target}/ws/public/sessions/{session}/", target, count, poll))
    try:
        delegates_connected = _expect(delegate_pipe, "ready", 300)
        viewers_connected = sum(_expect(pipe, "ready", 600) for _, pipe in viewer_procs)
        connect_s = time.time() - started
        on_phase("live")
        rest.call("POST", f"/api/polls/{poll}/open/", {})
        time.sleep(1.0)
        delegate_pipe.send(("vote", time.time() + 0.3, spread))
        votes = _expect(delegate_pipe, "voted", 120)
        time.sleep(0.2)
        close_sent = time.time()
        rest.call("POST", f"/api/polls/{poll}/close/", {})
        close_done = time.time()
        rest.call("POST", f"/api/polls/{poll}/publish/", {})
        publish_done = time.time()
        deadline = time.time() + result_wait
        for _, pipe in viewer_procs:
            pipe.send(("report", deadline))
        delegate_pipe.send(("report",))
        viewer_reports = [_expect(pipe, "report", result_wait + 60) for _, pipe in viewer_procs]
        watches = [w for report, _ in viewer_reports for w in report]
        delegate_watches, delegates_cpu_s = _expect(delegate_pipe, "report", 60)
        on_phase("done")
        state = rest.call("GET", f"/api/polls/{poll}/")
    finally:
        rest.close()
        for process, pipe in [(delegate_proc, delegate_pipe), *viewer_procs]:
            try:
                pipe.send(("stop",))
            except (BrokenPipeError, OSError):
                pass
            process.join(10)
            if process.is_alive():
                process.terminate()
    return {
        "votes": votes,
        "watches": watches,
        "delegate_watches": delegate_watches,
        "state": state,
        "delegates_connected": delegates_connected,
        "viewers_connected": viewers_connected,
        "connect_s": connect_s,
        "close_sent": close_sent,
        "close_ms": (close_done - close_sent) * 1000,
        "publish_ms": (publish_done - close_done) * 1000,
        "clients_cpu_s": {
            "delegates": round(delegates_cpu_s, 1),
            "viewers": round(sum(cpu for _, cpu in viewer_reports), 1),
        },
    }


def summarize(run: dict[str, Any], *, delegates: int, viewers: int) -> dict[str, Any]:
    votes, watches = run["votes"], run["watches"]
    reply_ms = [v["ms"] for v in votes if v["ms"] is not None]
    final_ms = [(w["result_at"] - run["close_sent"]) * 1000 for w in watches if w["result_at"]]
    closed_ms = [(w["closed_at"] - run["close_sent"]) * 1000 for w in watches if w["closed_at"]]
    errors: dict[str, int] = {}
    for vote in votes:
        if not vote["ok"]:
            errors[vote["code"]] = errors.get(vote["code"], 0) + 1
    everyone = [*watches, *run["delegate_watches"]]
    return {
        "delegates": delegates,
        "viewers": viewers,
        "delegates_connected": run["delegates_connected"],
        "viewers_connected": run["viewers_connected"],
        "connect_s": round(run["connect_s"], 1),
        "vote_reply_ms": {
            "p50": percentile(reply_ms, 0.5),
            "p95": percentile(reply_ms, 0.95),
            "p99": percentile(reply_ms, 0.99),
            "max": percentile(reply_ms, 1.0),
        },
        "vote_errors": errors,
        "final_result_ms": {
            "p50": percentile(final_ms, 0.5),
            "p99": percentile(final_ms, 0.99),
            "max": percentile(final_ms, 1.0),
        },
        "closed_seen_ms": {"p50": percentile(closed_ms, 0.5), "p99": percentile(closed_ms, 0.99)},
        "close_request_ms": round(run["close_ms"], 1),
        "publish_request_ms": round(run["publish_ms"], 1),
        "reach": round(len(final_ms) / viewers, 4) if viewers else None,
        "votes_expected": delegates,
        "votes_recorded": run["state"].get("cast_count"),
        "seq_gaps": sum(w["gaps"] for w in everyone),
        "resyncs": sum(w["resyncs"] for w in everyone),
        "events_per_viewer": statistics.median([w["events"] for w in watches]) if watches else None,
        "clients_cpu_s": run["clients_cpu_s"],
    }


def failures(result: dict[str, Any]) -> list[str]:
    """What makes a run wrong (not slow): lost votes, refused votes, gaps, viewers not reached."""
    found = []
    if result["delegates_connected"] != result["delegates"] or result["viewers_connected"] != result["viewers"]:
        found.append(
            f"connected {result['delegates_connected']}/{result['delegates']} delegates, "
            f"{result['viewers_connected']}/{result['viewers']} viewers"
        )
    if result["votes_recorded"] != result["votes_expected"] or result["vote_errors"]:
        found.append(
            f"votes recorded {result['votes_recorded']}/{result['votes_expected']}, errors {result['vote_errors']}"
        )
    if result["seq_gaps"]:
        found.append(f"{result['seq_gaps']} seq gaps")
    if result["viewers"] and result["reach"] != 1.0:
        found.append(f"reach {result['reach']}")
    return found


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=500)
    parser.add_argument("--viewers", type=int, default=5000)
    parser.add_argument("--spread", type=float, default=1.0, help="seconds over which delegates vote")
    parser.add_argument(
        "--result-wait",
        type=float,
        default=10.0,
        help="seconds viewers wait for the result after the publish request (then: not reached)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="scaled shape: nginx in front of this many ASGI processes, PostgreSQL + Redis "
        "(DATABASE_URL names the server and the database name prefix; REDIS_URL)",
    )
    parser.add_argument(
        "--direct",
        action="store_true",
        help="scaled shape: clients connect straight to the ASGI processes (viewers spread "
        "evenly, delegates and REST on the first), bypassing nginx",
    )
    parser.add_argument(
        "--asgi-server",
        choices=["daphne", "uvicorn", "granian"],
        default="daphne",
        help="measurement only: run the processes under another ASGI server (installed by hand)",
    )
    parser.add_argument("--url", help="target a running server instead of starting one (needs --fixture)")
    parser.add_argument("--fixture", help="output of bench.prepare for --url")
    parser.add_argument("--keep", action="store_true", help="keep the server's directory (logs, db)")
    parser.add_argument(
        "--profile",
        help="write py-spy collapsed stacks of the (first) server process here, from the poll's opening to the result",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 on a lost or refused vote, a seq gap or a viewer not reached (figures are printed, never judged)",
    )
    parser.add_argument(
        "--pin",
        action="store_true",
        help="embedded only: the server on CPU 0, the clients on the other CPUs, so they do not take its core",
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON result")
    args = parser.parse_args(argv)
    if args.delegates < 1 or args.viewers < 0 or args.processes < 0:
        parser.error("--delegates must be >= 1, --viewers and --processes >= 0")
    if args.url and not args.fixture:
        parser.error("--url needs --fixture (python -m bench.prepare with the server's environment)")
    if args.url and args.processes:
        parser.error("--url and --processes exclude each other")
    if args.direct and not args.processes:
        parser.error("--direct needs --processes")
    # CPU affinity is Linux's (os.sched_getaffinity does not exist on macOS): looked up only for --pin.
    cpus = sorted(os.sched_getaffinity(0)) if args.pin and hasattr(os, "sched_getaffinity") else []
    if args.pin and (args.processes or args.url or len(cpus) < 2):
        parser.error("--pin needs the embedded server (no --processes, no --url), Linux and at least 2 CPUs")
    raise_fd_limit()
    server = None
    try:
        if args.url:
            fixture = json.loads(Path(args.fixture).read_text())
            base = args.url
        else:
            server = server_for(args.processes, keep=args.keep)
            server.asgi_server(args.asgi_server)
            fixture = server.prepare(args.delegates)
            if args.pin:
                server.processes[0].cpus = {cpus[0]}
            server.start()
            if args.pin:  # this process and the client processes it spawns (they inherit it)
                os.sched_setaffinity(0, set(cpus[1:]))
            base = server.url
        fixture["delegates"] = fixture["delegates"][: args.delegates]
        viewer_urls = None
        if args.direct and server is not None:
            base = server.processes[0].url
            viewer_urls = [process.url for process in server.processes]

        def on_phase(phase: str) -> None:  # profile the live part only (the poll), not the connects
            if server is None or not args.profile:
                return
            if phase == "live":
                server.profile(args.profile)
            else:
                server.profile_stop()

        run = drive(base, fixture, args.viewers, args.spread, viewer_urls, args.result_wait, on_phase)
        result = summarize(run, delegates=len(fixture["delegates"]), viewers=args.viewers)
        if server is not None:
            result["shape"] = (
                server.shape
                + (", clients straight to the processes" if args.direct else "")
                + (f", server on CPU {cpus[0]}, clients on {cpus[1:]}" if args.pin else "")
            )
            result.update(server.figures())
    finally:
        if server is not None:
            server.stop()
    result_print(result, as_json=args.json)
    wrong = failures(result)
    if args.check and wrong:
        print("bench check failed: " + "; ".join(wrong), file=sys.stderr)
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main()
