"""The servers the load bench starts: ASGI processes (run by ``deploy/serve``, the one place that says how
the server is started), the embedded shape (one process, SQLite, in-memory layer) and the scaled shape
(nginx with ``deploy/nginx.conf`` in front of N processes, a fresh PostgreSQL database, Redis)."""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "deploy" / "serve"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
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

    def start(self) -> None:
        self.log = open(self.log_path, "w")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)

    def rss_mb(self) -> float | None:
        """Resident memory of the server and its worker processes (granian serves from a child)."""
        if self.process is None:
            return None
        kb = 0
        for pid in _tree(self.process.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:
                continue
            kb += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return round(kb / 1024, 1)

    def cpu_s(self) -> float:
        """User + system CPU seconds the server and its worker processes have used so far."""
        return sum(_cpu_s(pid) for pid in _tree(self.process.pid))

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
            "server_vote_ms": {
                "count": len(votes),
                "p50": percentile(votes, 0.5),
                "p99": percentile(votes, 0.99),
                "max": percentile(votes, 1.0),
            },
            "server_public_fanout_ms": {
                "events": len(big),
                "p50": percentile(big, 0.5),
                "max": percentile(big, 1.0),
                "cpu_us_per_socket_p50": percentile(per_socket_us, 0.5),
            },
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


def nginx_render(
    *,
    upstream_ports: list[int],
    listen: str,
    static_root: str,
    server_name: str = "_",
    http_listen: str | None = None,
    tls: str = "",
    ws_public_sockets_per_address: int = 200,
) -> str:
    """``deploy/nginx.conf`` with its ``${NT_...}`` placeholders filled (what ``envsubst`` does)."""
    values = {
        "NT_UPSTREAM_SERVERS": " ".join(f"server 127.0.0.1:{port};" for port in upstream_ports),
        "NT_LISTEN": listen,
        "NT_HTTP_LISTEN": http_listen or listen.replace(" ssl", ""),
        "NT_SERVER_NAME": server_name,
        "NT_TLS": tls,
        "NT_STATIC_ROOT": static_root,
        "NT_WS_PUBLIC_SOCKETS_PER_ADDRESS": str(ws_public_sockets_per_address),
    }
    text = NGINX_TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    left = re.findall(r"\$\{NT_\w+\}", text)
    if left:
        raise ValueError(f"deploy/nginx.conf has placeholders the bench does not fill: {left}")
    return text


class Nginx:
    """nginx (the Debian binary) run as the bench's own process with ``deploy/nginx.conf`` inside a minimal
    main configuration in a temporary directory. Two workers: each socket costs nginx two descriptors
    (client and upstream), and where the open-file limit cannot be raised (a container without
    CAP_SYS_RESOURCE: 20,000 here) one worker runs out at 10,000 sockets and answers 500."""

    def __init__(self, directory: Path, port: int, upstream_ports: list[int], static_root: Path) -> None:
        self.dir, self.port = directory, port
        self.url = f"http://127.0.0.1:{port}"
        site = nginx_render(
            upstream_ports=upstream_ports,
            listen=f"127.0.0.1:{port}",
            http_listen=f"127.0.0.1:{free_port()}",
            static_root=f"{static_root}/",
            ws_public_sockets_per_address=BENCH_SOCKETS_PER_ADDRESS,
        )
        (directory / "site.conf").write_text(site)
        (directory / "nginx.conf").write_text(f"""
worker_processes 2;
worker_rlimit_nofile 65536;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 40000; multi_accept on; }}
http {{
    access_log off;
    client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi; uwsgi_temp_path {directory}/uwsgi; scgi_temp_path {directory}/scgi;
    include {directory}/site.conf;
}}
""")
        self.process: subprocess.Popen | None = None

    def check(self) -> None:
        """``nginx -t`` on the configuration as written (raises CalledProcessError with nginx's message)."""
        conf = str(self.dir / "nginx.conf")
        subprocess.run(
            [NGINX, "-t", "-q", "-p", str(self.dir), "-c", conf, "-e", str(self.dir / "error.log")],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        self.check()
        conf = str(self.dir / "nginx.conf")
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.dir), "-c", conf, "-e", str(self.dir / "error.log"), "-g", "daemon off;"]
        )
        wait_healthy(self.url, "nginx", self.dir / "error.log")

    def cpu_s(self) -> float:
        """CPU seconds of nginx's master and worker processes."""
        return sum(_cpu_s(pid) for pid in _tree(self.process.pid))

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants still running."""
    found, index = [pid], 0
    while index < len(found):
        path = Path(f"/proc/{found[index]}/task/{found[index]}/children")
        found += [int(child) for child in path.read_text().split()] if path.exists() else []
        index += 1
    return found


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


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


def result_print(result: dict[str, Any], *, as_json: bool) -> None:
    print(json.dumps(result) if as_json else json.dumps(result, indent=2, ensure_ascii=False))
