"""Client processes of the load bench: public viewers and voting delegates over real WebSockets.

Each worker runs in its own process (one Python process cannot parse frames for thousands of sockets
fast enough) and talks to the orchestrator through a pipe: it connects, says ``ready``, then obeys
``vote`` / ``report`` / ``stop``; a report carries the process's CPU time since ``ready`` (the clients share
the machine's cores with the server, so the bench prints what they took). Times are wall-clock (``time.time()``), comparable across processes of
one machine."""

from __future__ import annotations

import asyncio
import json
import random
import resource
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from bench.watcher import Watcher, watch_open

CONNECT_CONCURRENCY = 64
EVENT_HEAD = '{"kind":"event","seq":'
RESULT_TYPES = ('"type":"poll.closed"', '"type":"poll.published"')


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


@dataclass
class Watch:
    """What one socket saw of the stream and of the measured poll."""

    poll: int
    seq: int | None = None
    gaps: int = 0
    resyncs: int = 0
    events: int = 0
    closed_at: float | None = None
    result_at: float | None = None
    errors: list[str] = field(default_factory=list)

    def see(self, text: str) -> dict[str, Any] | None:
        """Note one frame. Events that cannot be the measured result (progress and the like) are only
        counted from their head, without parsing, so the client processes leave the shared CPU to the
        server; the frame is returned parsed when it was parsed."""
        if text.startswith(EVENT_HEAD) and not any(marker in text[:160] for marker in RESULT_TYPES):
            seq = int(text[len(EVENT_HEAD) : text.index(",", len(EVENT_HEAD))])
            self.events += 1
            if self.seq is not None and seq != self.seq + 1:
                self.gaps += 1
            self.seq = seq
            return None
        frame = json.loads(text)
        kind = frame.get("kind")
        if kind == "snapshot":
            self.seq = frame["seq"]
        elif kind == "event":
            self.events += 1
            if self.seq is not None and frame["seq"] != self.seq + 1:
                self.gaps += 1
            self.seq = frame["seq"]
            data = frame.get("data") or {}
            if data.get("poll") == self.poll:
                now = time.time()
                if data.get("status") in ("closed", "published") and self.closed_at is None:
                    self.closed_at = now
                for op in frame.get("patch", []):
                    value = op.get("value")
                    if isinstance(value, dict) and value.get("result") and self.result_at is None:
                        self.result_at = now
        elif kind == "resync":
            self.resyncs += 1
        elif kind == "error":
            self.errors.append(frame["error"]["code"])
        return frame


async def socket_open(url: str, headers: dict[str, str], origin: str, open_timeout: float = 60) -> ClientConnection:
    """A bench client's socket: no compression, no pings, large frames (a snapshot)."""
    return await connect(
        url,
        additional_headers=headers,
        origin=origin,
        compression=None,
        ping_interval=None,
        max_size=2**24,
        open_timeout=open_timeout,
    )


async def _close_all(clients: Any, tasks: list[asyncio.Task[Any]]) -> None:
    """The clients' sockets closed and their tasks cancelled (the end of a client process)."""
    for client in clients:
        if isinstance(client.ws, Watcher):
            client.ws.close()
        elif client.ws is not None:
            await client.ws.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _pipe_recv(conn: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, conn.recv)


class Viewer:
    """A public viewer on ``bench.watcher``'s receive-only socket (see there why not ``websockets``)."""

    def __init__(self, url: str, origin: str, poll: int) -> None:
        self.url, self.origin = url, origin
        self.watch = Watch(poll)
        self.ws: Watcher | None = None

    async def run(self, gate: asyncio.Semaphore, connected: asyncio.Event) -> None:
        async with gate:
            try:
                self.ws = await watch_open(self.url, self.origin, self.watch.see)
            except Exception as exc:  # counted as not connected
                self.watch.errors.append(f"connect:{type(exc).__name__}")
                connected.set()
                return
        connected.set()
        await self.ws.closed
        if not self.ws.ours:
            self.watch.errors.append("dropped")


async def viewers_main(conn: Any, url: str, origin: str, count: int, poll: int) -> None:
    raise_fd_limit()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    viewers = [Viewer(url, origin, poll) for _ in range(count)]
    events = [asyncio.Event() for _ in viewers]
    tasks = [asyncio.create_task(v.run(gate, e)) for v, e in zip(viewers, events, strict=True)]
    await asyncio.gather(*(e.wait() for e in events))
    for _ in range(200):  # until every connected socket has its snapshot
        if all(v.watch.seq is not None for v in viewers if v.ws is not None):
            break
        await asyncio.sleep(0.05)
    conn.send(("ready", sum(v.ws is not None for v in viewers)))
    cpu_ready = time.process_time()
    while True:
        message = await _pipe_recv(conn)
        if message[0] == "report":
            deadline = message[1]
            while time.time() < deadline and not all(v.watch.result_at for v in viewers if v.ws is not None):
                await asyncio.sleep(0.02)
            conn.send(("report", ([_watch_report(v.watch) for v in viewers], time.process_time() - cpu_ready)))
        elif message[0] == "stop":
            break
    await _close_all(viewers, tasks)


def _watch_report(watch: Watch) -> dict[str, Any]:
    return {
        "gaps": watch.gaps,
        "resyncs": watch.resyncs,
        "events": watch.events,
        "closed_at": watch.closed_at,
        "result_at": watch.result_at,
        "errors": watch.errors,
    }


class Delegate:
    def __init__(self, url: str, origin: str, cookie: str, poll: int) -> None:
        self.url, self.origin, self.cookie = url, origin, cookie
        self.watch = Watch(poll)
        self.ws: ClientConnection | None = None
        self.replies: dict[str, asyncio.Future] = {}
        self.ready = asyncio.Event()

    async def run(self, gate: asyncio.Semaphore) -> None:
        async with gate:
            try:
                self.ws = await socket_open(self.url, {"Cookie": f"sessionid={self.cookie}"}, self.origin)
            except Exception as exc:
                self.watch.errors.append(f"connect:{type(exc).__name__}")
                self.ready.set()
                return
        try:
            async for text in self.ws:
                frame = self.watch.see(text) or {}
                if frame.get("kind") == "snapshot":
                    self.ready.set()
                elif frame.get("kind") == "reply":
                    future = self.replies.pop(frame.get("reply_to"), None)
                    if future is not None and not future.done():
                        future.set_result(frame)
        except Exception:
            self.watch.errors.append("dropped")
        finally:
            self.ready.set()

    async def vote(self, at: float) -> dict[str, Any]:
        await asyncio.sleep(max(0.0, at - time.time()))
        if self.ws is None:
            return {"ok": False, "code": "not_connected", "ms": None}
        command_id = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self.replies[command_id] = future
        args = {
            "poll": self.watch.poll,
            "choice": random.choice(["yes", "yes", "yes", "no", "abstain"]),
            "client_id": str(uuid.uuid4()),
        }
        started = time.perf_counter()
        await self.ws.send(json.dumps({"id": command_id, "cmd": "vote.cast", "args": args}))
        try:
            reply = await asyncio.wait_for(future, 30)
        except TimeoutError:
            return {"ok": False, "code": "timeout", "ms": None}
        ms = (time.perf_counter() - started) * 1000
        return {"ok": reply["ok"], "code": None if reply["ok"] else reply["error"]["code"], "ms": ms}


async def delegates_main(conn: Any, url: str, origin: str, cookies: list[str], poll: int) -> None:
    raise_fd_limit()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    delegates = [Delegate(url, origin, cookie, poll) for cookie in cookies]
    tasks = [asyncio.create_task(d.run(gate)) for d in delegates]
    await asyncio.gather(*(d.ready.wait() for d in delegates))
    conn.send(("ready", sum(d.ws is not None and d.watch.seq is not None for d in delegates)))
    cpu_ready = time.process_time()
    while True:
        message = await _pipe_recv(conn)
        if message[0] == "vote":
            _, go_at, spread = message
            results = await asyncio.gather(*(d.vote(go_at + random.uniform(0, spread)) for d in delegates))
            conn.send(("voted", results))
        elif message[0] == "report":
            conn.send(("report", ([_watch_report(d.watch) for d in delegates], time.process_time() - cpu_ready)))
        elif message[0] == "stop":
            break
    await _close_all(delegates, tasks)


def run_viewers(conn: Any, url: str, origin: str, count: int, poll: int) -> None:
    asyncio.run(viewers_main(conn, url, origin, count, poll))


def run_delegates(conn: Any, url: str, origin: str, cookies: list[str], poll: int) -> None:
    asyncio.run(delegates_main(conn, url, origin, cookies, poll))
