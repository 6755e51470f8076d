"""The public-socket cap across processes: each ASGI process caps public live-page sockets per address
(``NT_WS_PUBLIC_SOCKETS_PER_ADDRESS``), but N processes behind nginx would accept N times as many, so nginx
counts them for all processes (``limit_conn`` on ``/ws/public/`` in ``deploy/nginx.conf``). The scaled load
bench, whose clients all come from 127.0.0.1, lifts the cap in nginx as in the processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from bench.nginx import NGINX, Nginx, nginx_render
from bench.processes import BENCH_SOCKETS_PER_ADDRESS, bench_env, free_port

IN_CI = os.environ.get("CI", "").lower() == "true"


def _need_nginx() -> None:
    if not Path(NGINX).exists():
        if IN_CI:
            pytest.fail("CI=true but nginx is missing")
        pytest.skip("needs nginx")


def test_the_template_caps_public_sockets_per_address_with_the_configured_number():
    site = nginx_render(upstream_ports=[8001], listen="127.0.0.1:18081", static_root="/tmp/")
    assert "limit_conn_zone $binary_remote_addr zone=nt_ws_public:" in site
    public = site.split("location /ws/public/ {", 1)[1].split("}", 1)[0]
    assert "limit_conn nt_ws_public 200;" in public and "limit_conn_status 429;" in public
    council = site.split("location /ws/ {", 1)[1].split("}", 1)[0]
    assert "limit_conn" not in council  # delegates' sockets need a log-in; a hall's tablets may share one address
    assert "limit_conn nt_ws_public 7;" in nginx_render(
        upstream_ports=[8001], listen="127.0.0.1:18081", static_root="/tmp/", ws_public_sockets_per_address=7
    )


def test_the_scaled_bench_lifts_the_cap_in_nginx_as_in_the_processes(tmp_path):
    nginx = Nginx(tmp_path, free_port(), [free_port()], tmp_path / "static")
    site = (tmp_path / "site.conf").read_text()
    assert f"limit_conn nt_ws_public {BENCH_SOCKETS_PER_ADDRESS};" in site
    env = bench_env(tmp_path)
    assert env["NT_WS_PUBLIC_SOCKETS_PER_ADDRESS"] == str(BENCH_SOCKETS_PER_ADDRESS)
    assert BENCH_SOCKETS_PER_ADDRESS >= 10_000  # the largest bench run: 9,000 viewers from one address
    assert nginx.process is None
    _need_nginx()
    nginx.check()  # nginx accepts it (a cap of 100,000 did not: "connection limit must be less 65536")


class _SilentUpstream:
    """An upstream that accepts connections and never answers: each proxied socket stays open in nginx."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def _upgrade(port: int, path: str) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    client.sendall(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n".encode()
    )
    return client


def _wait_accepted(upstream: _SilentUpstream, count: int) -> None:
    deadline = time.monotonic() + 10
    while len(upstream.accepted) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(upstream.accepted) == count


def test_nginx_refuses_the_public_socket_past_the_cap_for_all_processes_together(tmp_path):
    _need_nginx()
    upstream = _SilentUpstream()
    port = free_port()
    site = nginx_render(
        upstream_ports=[upstream.port, upstream.port],  # two "processes": the count is nginx's, not theirs
        listen=f"127.0.0.1:{port}",
        http_listen=f"127.0.0.1:{free_port()}",
        static_root=f"{tmp_path}/",
        ws_public_sockets_per_address=2,
    )
    (tmp_path / "site.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log warn;\nevents {{}}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy; "
        f"include {tmp_path}/site.conf; }}\n"
    )
    command = [NGINX, "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    clients: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        clients += [_upgrade(port, "/ws/public/sessions/1/"), _upgrade(port, "/ws/public/sessions/2/")]
        _wait_accepted(upstream, 2)
        refused = _upgrade(port, "/ws/public/sessions/1/")
        clients.append(refused)
        assert refused.recv(200).split(b"\r\n", 1)[0] == b"HTTP/1.1 429 Too Many Requests"
        clients.append(_upgrade(port, "/ws/sessions/1/"))  # the council socket is not counted
        _wait_accepted(upstream, 3)
        clients[0].close()  # a public socket closed frees its place
        deadline = time.monotonic() + 10
        while True:
            again = _upgrade(port, "/ws/public/sessions/1/")
            clients.append(again)
            again.settimeout(0.5)
            try:
                answer = again.recv(200)
            except TimeoutError:
                break  # proxied and waiting on the upstream: accepted
            assert answer.startswith(b"HTTP/1.1 429") and time.monotonic() < deadline
            time.sleep(0.1)
        _wait_accepted(upstream, 4)
        assert 'limiting connections by zone "nt_ws_public"' in (tmp_path / "error.log").read_text()
    finally:
        for client in clients:
            client.close()
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=30)
        upstream.close()
