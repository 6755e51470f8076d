"""nginx in front of the scaled shape's processes, with the deployment's own ``deploy/nginx.conf``."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
from pathlib import Path

from bench.processes import BENCH_SOCKETS_PER_ADDRESS, ROOT, cpu_seconds, free_port, process_tree, wait_healthy

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


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
        return sum(cpu_seconds(pid) for pid in process_tree(self.process.pid))

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
