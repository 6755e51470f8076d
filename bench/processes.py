"""One ASGI process of the bench (run by ``deploy/serve``, the one place that says how the server is started)
with the bench's settings, and what the bench reads of processes: memory, CPU, the server-side timings."""

from __future__ import annotations

import math
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "deploy" / "serve"
TICKS = os.sysconf("SC_CLK_TCK")


def server_command(port: int) -> list[str]:
    """The command of one ASGI process (see ``deploy/serve``; the interpreter comes from ``NT_PYTHON``)."""
    return ["sh", str(SERVE), str(port)]


# Other ASGI servers, for measuring the live endpoint only (``--asgi-server``); not installed by the project.
OTHER_SERVERS = {
    "uvicorn": lambda port: [
        sys.executable,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--ws",
        "websockets",
        "--lifespan",
        "off",
        "--log-level",
        "warning",
        "--no-access-log",
        "config.asgi:application",
    ],
    "granian": lambda port: [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--ws",
        "--loop",
        "asyncio",
        "--log-level",
        "warning",
        "config.asgi:application",
    ],
}


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)], 1)


def timing_summary(votes: list[float], fanouts: list[float], per_socket_us: list[float]) -> dict[str, Any]:
    """The server-side figures of the JSON: vote.cast times, and the public fan-outs to 100 sockets or more."""
    return {
        "server_vote_ms": {
            "count": len(votes),
            "p50": percentile(votes, 0.5),
            "p99": percentile(votes, 0.99),
            "max": percentile(votes, 1.0),
        },
        "server_public_fanout_ms": {
            "events": len(fanouts),
            "p50": percentile(fanouts, 0.5),
            "max": percentile(fanouts, 1.0),
            "cpu_us_per_socket_p50": percentile(per_socket_us, 0.5),
        },
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start; see {log}")


# Every simulated client comes from 127.0.0.1: the per-address socket cap meant for real halls is lifted, in the
# processes and in nginx alike.
BENCH_SOCKETS_PER_ADDRESS = 65535  # nginx's limit_conn takes at most this


def bench_env(var_dir: Path) -> dict[str, str]:
    """Production-like settings for the bench's servers (DEBUG=0, plain HTTP on 127.0.0.1)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CHANNEL_PREFIX"}}
    env.update(
        {
            "NT_VAR_DIR": str(var_dir),
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "NT_BENCH_TIMING": "1",
            "NT_PYTHON": sys.executable,
            # Every simulated client comes from 127.0.0.1: lift the per-address limits meant for real halls.
            "NT_WS_PUBLIC_SOCKETS_PER_ADDRESS": str(BENCH_SOCKETS_PER_ADDRESS),
            "THROTTLE_LOGIN": "100000/min",
            "THROTTLE_ANON": "1000000/min",
        }
    )
    return env


class AsgiProcess:
    """One ASGI process on a port of 127.0.0.1, its log in ``log`` (``NT_BENCH_TIMING`` lines included)."""

    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port, self.env, self.log_path = port, env, log
        self.command = server_command(port)
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None
        self.cpu_mark = 0.0
        self.cpus: set[int] | None = None  # the CPUs the process and its threads may run on (None: any)

    def start(self) -> None:
        self.log = open(self.log_path, "w")  # noqa: SIM115  (closed in stop)
        cpus = self.cpus
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,  # inherited by its threads
        )

    def rss_mb(self) -> float | None:
        """Resident memory of the server and its worker processes (granian serves from a child)."""
        if self.process is None:
            return None
        kb = 0
        for pid in process_tree(self.process.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:
                continue
            kb += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return round(kb / 1024, 1)

    def cpu_s(self) -> float:
        """User + system CPU seconds the server and its worker processes have used so far."""
        return sum(cpu_seconds(pid) for pid in process_tree(self.process.pid))

    def timings(self) -> dict[str, Any]:
        """Server-side figures from the log: each vote.cast from frame received to reply written, and each
        event's fan-out to the public sockets, free of the clients' own delays."""
        text = self.log_path.read_text(errors="replace")
        votes = [float(ms) for ms in re.findall(r"command vote\.cast ([\d.]+) ms", text)]
        fanouts = [
            (int(n), float(ms), float(cpu or "nan"))
            for n, ms, cpu in re.findall(r"fanout public (\d+) ([\d.]+) ms(?: cpu ([\d.]+) ms)?", text)
        ]
        big = [ms for n, ms, _ in fanouts if n >= 100]
        per_socket_us = [cpu * 1000 / n for n, _, cpu in fanouts if n >= 100 and cpu == cpu]
        return {
            **timing_summary(votes, big, per_socket_us),
            "public_sockets": max((n for n, _, _ in fanouts), default=0),
            "_votes": votes,
            "_fanouts": big,
            "_per_socket_us": per_socket_us,
        }

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants still running."""
    found, index = [pid], 0
    while index < len(found):
        path = Path(f"/proc/{found[index]}/task/{found[index]}/children")
        found += [int(child) for child in path.read_text().split()] if path.exists() else []
        index += 1
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS
