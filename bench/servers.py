"""The servers the load bench starts: the embedded shape (one ASGI process, SQLite, in-memory layer) and the
scaled shape (nginx with ``deploy/nginx.conf`` in front of N processes, a fresh PostgreSQL database, Redis).
The processes themselves: ``bench.processes``; nginx: ``bench.nginx``."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.nginx import Nginx
from bench.processes import (
    OTHER_SERVERS,
    ROOT,
    AsgiProcess,
    bench_env,
    free_port,
    server_command,
    timing_summary,
    wait_healthy,
)


class EmbeddedServer:
    """The embedded shape: fresh SQLite database in a temporary directory, one ASGI process."""

    def __init__(self, keep: bool) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="nt-bench-"))
        self.keep = keep
        self.env = bench_env(self.dir)
        self.processes = [AsgiProcess(free_port(), self.env, self.dir / "daphne.log")]
        self.port, self.url = self.processes[0].port, self.processes[0].url
        self.shape = "embedded: one ASGI process, SQLite, in-memory channel layer"

    def asgi_server(self, name: str) -> None:
        """Run the processes under ``name`` (``daphne`` through ``deploy/serve``, or one of ``OTHER_SERVERS``)."""
        for process in self.processes:
            process.command = (
                OTHER_SERVERS[name](process.port) if name in OTHER_SERVERS else server_command(process.port)
            )
        if name != "daphne":
            self.shape += f", {name}"

    def prepare(self, delegates: int) -> dict[str, Any]:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=self.env, check=True)
        out = subprocess.run(
            [sys.executable, "-m", "bench.prepare", "--delegates", str(delegates)],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out)

    def start(self) -> None:
        for process in self.processes:
            process.start()
        for process in self.processes:
            wait_healthy(process.url, "the server", process.log_path)
        self.cpu_mark()

    def cpu_mark(self) -> None:
        for process in self.processes:
            process.cpu_mark = process.cpu_s()

    def profile(self, path: str) -> None:
        """Sample the (first) process with py-spy (collapsed stacks, for flame graphs or grep) until
        ``profile_stop()`` (or ``stop()``)."""
        py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
        self.profiler = subprocess.Popen(
            [
                py_spy,
                "record",
                "-p",
                str(self.processes[0].process.pid),
                "--subprocesses",
                "--format",
                "raw",
                "--rate",
                "50",
                "--nonblocking",
                "-o",
                path,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def figures(self) -> dict[str, Any]:
        """Server memory and timings; with several processes, per process too."""
        per = []
        for process in self.processes:
            figures = process.timings()
            figures.update(
                port=process.port, rss_mb=process.rss_mb(), cpu_s=round(process.cpu_s() - process.cpu_mark, 1)
            )
            per.append(figures)
        votes = [ms for p in per for ms in p.pop("_votes")]
        fanouts = [ms for p in per for ms in p.pop("_fanouts")]
        per_socket_us = [us for p in per for us in p.pop("_per_socket_us")]
        result: dict[str, Any] = {
            "server_rss_mb": round(sum(p["rss_mb"] or 0 for p in per), 1),
            "server_cpu_s": round(sum(p["cpu_s"] for p in per), 1),
            **timing_summary(votes, fanouts, per_socket_us),
        }
        if len(per) > 1:
            result["processes"] = per
        return result

    def profile_stop(self) -> None:
        if getattr(self, "profiler", None) is not None:
            self.profiler.send_signal(signal.SIGINT)
            self.profiler.wait(30)
            self.profiler = None

    def stop(self) -> None:
        self.profile_stop()
        for process in self.processes:
            process.stop()
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


class ScaledShape(EmbeddedServer):
    """nginx in front of ``processes`` ASGI processes on a fresh PostgreSQL database (created next to the one
    ``DATABASE_URL`` names, dropped afterwards) and Redis (``REDIS_URL``, a channel prefix of its own)."""

    def __init__(self, processes: int, keep: bool) -> None:
        base, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
        if not base.startswith(("postgres://", "postgresql://")) or not redis:
            raise SystemExit(
                "--processes needs DATABASE_URL (postgres://…, used as the server and name prefix) and REDIS_URL"
            )
        super().__init__(keep)
        tag = secrets.token_hex(3)
        self.base_url = base
        self.db_name = f"{urlsplit(base).path.lstrip('/') or 'nt'}_bench_{tag}"
        self.env.update(
            DATABASE_URL=_database_url(base, self.db_name),
            REDIS_URL=redis,
            CHANNEL_PREFIX=f"ntbench{tag}",
            BEHIND_PROXY="1",
        )
        self.processes = [
            AsgiProcess(free_port(), self.env, self.dir / f"daphne-{n}.log") for n in range(1, processes + 1)
        ]
        (self.dir / "nginx").mkdir()
        self.nginx = Nginx(self.dir / "nginx", free_port(), [p.port for p in self.processes], self.dir / "static")
        self.url = self.nginx.url
        self.shape = f"scaled: nginx + {processes} ASGI processes, PostgreSQL, Redis"
        self._admin(f'CREATE DATABASE "{self.db_name}"')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_database_url(self.base_url, "postgres"), autocommit=True) as connection:
            connection.execute(sql)

    def start(self) -> None:
        super().start()
        self.nginx.start()
        self.nginx_cpu_mark = self.nginx.cpu_s()

    def cpu_mark(self) -> None:
        super().cpu_mark()
        if self.nginx.process is not None:
            self.nginx_cpu_mark = self.nginx.cpu_s()

    def figures(self) -> dict[str, Any]:
        result = super().figures()
        result["nginx_cpu_s"] = round(self.nginx.cpu_s() - self.nginx_cpu_mark, 1)
        return result

    def stop(self) -> None:
        try:
            self.nginx.stop()
            super().stop()
        finally:
            if not self.keep:
                self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


def server_for(processes: int, *, keep: bool = False) -> EmbeddedServer:
    """The embedded server, or the scaled shape with ``processes`` ASGI processes."""
    return ScaledShape(processes, keep=keep) if processes else EmbeddedServer(keep=keep)


@contextmanager
def server_prepared(processes: int, delegates: int) -> Iterator[tuple[EmbeddedServer, dict[str, Any]]]:
    """A server of the shape (``server_for``) with a council of ``delegates`` prepared, started; stopped after."""
    server = server_for(processes)
    try:
        fixture = server.prepare(delegates)
        server.start()
        yield server, fixture
    finally:
        server.stop()


def result_print(result: dict[str, Any], *, as_json: bool) -> None:
    print(json.dumps(result) if as_json else json.dumps(result, indent=2, ensure_ascii=False))
