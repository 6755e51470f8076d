"""A long sitting, compressed: hundreds of polls one after another (thousands of events, tens of thousands
of votes) while viewers watch, with the server's memory sampled as it goes.

    python -m bench.long_sitting --polls 300 --delegates 50 --viewers 500 [--processes 2] --json

Each poll is created, opened, voted by every delegate over its socket, closed and published over REST, as
a secretariat does through a working day. The server keeps ``NT_STREAM_EVENTS_KEPT`` events in the database
and a bounded window of recent frames in memory, so its RSS must level off once those windows are full;
``rss_mb`` lists (poll number, stream events so far, RSS of every server process) every ``--sample``
polls. The viewers check order all along (``seq_gaps``, ``resyncs``)."""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from typing import Any

from bench.clients import raise_fd_limit, run_viewers, socket_open
from bench.servers import result_print, server_prepared
from bench.session_load import Rest, _expect, _spawn


class Tablet:
    """A delegate's socket that casts votes and waits for their replies (other frames are read and dropped)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.replies: dict[str, asyncio.Future] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for text in self.ws:
            if text.startswith('{"kind":"reply"'):
                frame = json.loads(text)
                future = self.replies.pop(frame.get("reply_to"), None)
                if future is not None and not future.done():
                    future.set_result(frame)

    async def vote(self, poll: int) -> bool:
        command_id = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self.replies[command_id] = future
        await self.ws.send(
            json.dumps(
                {
                    "id": command_id,
                    "cmd": "vote.cast",
                    "args": {"poll": poll, "choice": "yes", "client_id": str(uuid.uuid4())},
                }
            )
        )
        reply = await asyncio.wait_for(future, 60)
        return bool(reply.get("ok"))


async def sitting(base: str, fixture: dict[str, Any], polls: int, sample: int, server: Any) -> dict[str, Any]:
    url = base.replace("http", "ws", 1).rstrip("/") + f"/ws/sessions/{fixture['session']}/"
    tablets = []
    for delegate in fixture["delegates"]:
        ws = await socket_open(url, {"Cookie": f"sessionid={delegate['cookie']}"}, base, open_timeout=10)
        tablets.append(Tablet(ws))
    rest = Rest(base, fixture["secretariat"]["cookie"])
    samples, votes_ok, votes_failed = [], 0, 0
    started = time.time()
    for number in range(1, polls + 1):
        poll = (
            await asyncio.to_thread(
                rest.call,
                "POST",
                "/api/polls/",
                {
                    "session": fixture["session"],
                    "sitting": fixture["sitting"],
                    "title": f"Biểu quyết số {number}",
                    "show_running_counts": True,
                },
            )
        )["id"]
        await asyncio.to_thread(rest.call, "POST", f"/api/polls/{poll}/open/", {})
        outcomes = await asyncio.gather(*(t.vote(poll) for t in tablets), return_exceptions=True)
        votes_ok += sum(1 for o in outcomes if o is True)
        votes_failed += sum(1 for o in outcomes if o is not True)
        await asyncio.to_thread(rest.call, "POST", f"/api/polls/{poll}/close/", {})
        await asyncio.to_thread(rest.call, "POST", f"/api/polls/{poll}/publish/", {})
        if number % sample == 0 or number == polls:
            last = await asyncio.to_thread(rest.call, "GET", f"/api/polls/{poll}/")
            samples.append(
                {
                    "poll": number,
                    "elapsed_s": round(time.time() - started, 1),
                    "cast_count": last.get("cast_count"),
                    "rss_mb": [p.rss_mb() for p in server.processes] if server else None,
                }
            )
    for tablet in tablets:
        await tablet.ws.close()
        tablet.reader.cancel()
    return {"polls": polls, "votes_ok": votes_ok, "votes_failed": votes_failed, "rss_mb": samples}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=300)
    parser.add_argument("--delegates", type=int, default=50)
    parser.add_argument("--viewers", type=int, default=500)
    parser.add_argument("--sample", type=int, default=25, help="sample the server's memory every N polls")
    parser.add_argument("--processes", type=int, default=0, help="scaled shape (see bench.session_load)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if min(args.polls, args.delegates, args.sample) < 1 or args.viewers < 0 or args.processes < 0:
        parser.error("--polls, --delegates and --sample must be >= 1, --viewers and --processes >= 0")
    raise_fd_limit()
    with server_prepared(args.processes, args.delegates) as (server, fixture):
        viewers = (
            _spawn(
                run_viewers,
                server.url.replace("http", "ws", 1) + f"/ws/public/sessions/{fixture['session']}/",
                server.url,
                args.viewers,
                -1,
            )
            if args.viewers
            else None
        )
        if viewers:
            _expect(viewers[1], "ready", 600)
        result = {
            "shape": server.shape,
            "delegates": args.delegates,
            "viewers": args.viewers,
            **asyncio.run(sitting(server.url, fixture, args.polls, args.sample, server)),
        }
        if viewers:
            viewers[1].send(("report", time.time() + 5))
            watches, _ = _expect(viewers[1], "report", 120)
            viewers[1].send(("stop",))
            viewers[0].join(15)
            result["viewer_events_median"] = sorted(w["events"] for w in watches)[len(watches) // 2]
            result["seq_gaps"] = sum(w["gaps"] for w in watches)
            result["resyncs"] = sum(w["resyncs"] for w in watches)
            result["viewer_errors"] = sum(len(w["errors"]) for w in watches)
        result.update({k: v for k, v in server.figures().items() if k in ("server_cpu_s", "server_rss_mb")})
    result_print(result, as_json=args.json)
    return result


if __name__ == "__main__":
    main()
