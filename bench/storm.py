"""Reconnect storm: the hall's Wi-Fi drops and every tablet comes back within a few seconds.

    python -m bench.storm --sockets 1000 --window 10 [--processes 2] --json

Starts the embedded server (or the scaled shape with ``--processes``, through nginx), connects ``--sockets``
delegates' council sockets, drops them all at once, opens a poll while they are away (the event they
missed), then reconnects each at a random moment within ``--window`` seconds with ``?since=<last seq>``, as
the tablet's client does. Reports the time until every socket has the missed event, how many got a full
snapshot instead of the catch-up (the storm to avoid), and the server's CPU during the storm."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from typing import Any

from bench.clients import raise_fd_limit, socket_open
from bench.processes import percentile
from bench.servers import result_print, server_prepared
from bench.session_load import Rest

CONNECT_CONCURRENCY = 64


async def _open(url: str, cookie: str, origin: str):
    return await socket_open(url, {"Cookie": f"sessionid={cookie}"}, origin, open_timeout=120)


async def _first_seq(ws) -> int:
    async for text in ws:
        frame = json.loads(text)
        if frame.get("kind") == "snapshot":
            return frame["seq"]
    raise RuntimeError("socket closed before its snapshot")


async def _reconnect(url: str, cookie: str, origin: str, since: int, at: float, poll: int) -> dict[str, Any]:
    await asyncio.sleep(max(0.0, at - time.time()))
    kinds: list[str] = []
    try:
        ws = await _open(f"{url}?since={since}", cookie, origin)
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__, "kinds": kinds, "at": None}
    try:
        async for text in ws:
            frame = json.loads(text)
            kinds.append(frame.get("kind"))
            data = frame.get("data") or {}
            if frame.get("kind") == "snapshot" or (frame.get("kind") == "event" and data.get("poll") == poll):
                return {"ok": True, "kinds": kinds, "at": time.time(), "took_ms": (time.time() - at) * 1000}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__, "kinds": kinds, "at": None}
    finally:
        await ws.close()
    return {"ok": False, "error": "closed", "kinds": kinds, "at": None}


async def storm(base: str, fixture: dict[str, Any], window: float, server: Any) -> dict[str, Any]:
    url = base.replace("http", "ws", 1).rstrip("/") + f"/ws/sessions/{fixture['session']}/"
    cookies = [d["cookie"] for d in fixture["delegates"]]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def first(cookie: str):
        async with gate:
            ws = await _open(url, cookie, base)
            return ws, await _first_seq(ws)

    started = time.time()
    opened = await asyncio.gather(*(first(c) for c in cookies))
    connect_s = time.time() - started
    for ws, _ in opened:  # the Wi-Fi drops: every socket at once
        ws.transport.abort()
    await asyncio.sleep(1.0)
    rest = Rest(base, fixture["secretariat"]["cookie"])
    await asyncio.to_thread(rest.call, "POST", f"/api/polls/{fixture['poll']}/open/", {})
    await asyncio.sleep(0.5)
    if server is not None:
        server.cpu_mark()
    storm_at = time.time() + 0.2
    results = await asyncio.gather(
        *(
            _reconnect(url, cookie, base, seq, storm_at + random.uniform(0, window), fixture["poll"])
            for cookie, (_, seq) in zip(cookies, opened, strict=True)
        )
    )
    done = [r["at"] - storm_at for r in results if r["at"]]
    figures: dict[str, Any] = {
        "sockets": len(cookies),
        "window_s": window,
        "first_connect_s": round(connect_s, 1),
        "resynced": sum(1 for r in results if r["ok"]),
        "failed": {r["error"]: sum(1 for x in results if x.get("error") == r["error"]) for r in results if not r["ok"]},
        "snapshot_frames": sum(r["kinds"].count("snapshot") for r in results),
        "all_resynced_s": round(max(done), 2) if done else None,
        "after_window_s": round(max(done) - window, 2) if done else None,
    }
    took = [r["took_ms"] for r in results if r["ok"]]
    figures["reconnect_to_resynced_ms"] = {
        "p50": percentile(took, 0.5),
        "p99": percentile(took, 0.99),
        "max": percentile(took, 1.0),
    }
    if server is not None:
        server_figures = server.figures()
        figures["server_cpu_s"] = server_figures["server_cpu_s"]
        figures["server_rss_mb"] = server_figures["server_rss_mb"]
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=1000, help="delegates' tablets that reconnect")
    parser.add_argument("--window", type=float, default=10.0, help="seconds over which they come back")
    parser.add_argument("--processes", type=int, default=0, help="scaled shape (see bench.session_load)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.sockets < 1 or args.window < 0 or args.processes < 0:
        parser.error("--sockets must be >= 1, --window and --processes >= 0")
    raise_fd_limit()
    with server_prepared(args.processes, args.sockets) as (server, fixture):
        result = {"shape": server.shape, **asyncio.run(storm(server.url, fixture, args.window, server))}
    result_print(result, as_json=args.json)
    return result


if __name__ == "__main__":
    main()
