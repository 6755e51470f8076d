"""deploy/: the systemd units pass ``systemd-analyze verify`` once installed, the nginx template renders to a
configuration nginx accepts (the scaled bench runs this same file), compose builds its image from the
Dockerfile, and every way of starting the server goes through deploy/serve."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.nginx import NGINX, nginx_render
from bench.processes import ROOT, server_command

DEPLOY = ROOT / "deploy"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _tool(path: str | None, name: str) -> str:
    if path and Path(path).exists():
        return path
    if IN_CI:
        pytest.fail(f"CI=true but {name} is missing")
    pytest.skip(f"needs {name}")


def _install_units(root: Path) -> Path:
    """The unit files as an administrator installs them, with /srv/nghitruong and /etc/nghitruong moved
    under ``root`` (systemd-analyze checks that the commands exist)."""
    units = root / "units"
    units.mkdir()
    (root / "srv" / ".venv" / "bin").mkdir(parents=True)
    (root / "srv" / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (root / "srv" / "deploy").mkdir()
    shutil.copy2(DEPLOY / "serve", root / "srv" / "deploy" / "serve")
    (root / "srv" / "var").mkdir()
    (root / "srv" / "locale").mkdir()
    (root / "etc").mkdir()
    (root / "etc" / "env").write_text((DEPLOY / "env.example").read_text())
    for unit in (DEPLOY / "systemd").iterdir():
        text = (
            unit.read_text()
            .replace("/srv/nghitruong", str(root / "srv"))
            .replace("/etc/nghitruong/env", str(root / "etc" / "env"))
        )
        (units / unit.name).write_text(text)
    return units


def test_the_systemd_units_verify_once_installed(tmp_path):
    analyze = _tool(shutil.which("systemd-analyze"), "systemd-analyze")
    units = _install_units(tmp_path)
    instance = units / "nghitruong@8001.service"
    shutil.copy2(units / "nghitruong@.service", instance)
    result = subprocess.run(
        [
            analyze,
            "verify",
            "--man=no",
            str(instance),
            str(units / "nghitruong-migrate.service"),
            str(units / "nghitruong.target"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [line for line in (result.stdout + result.stderr).splitlines() if "nghitruong" in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def test_a_unit_whose_command_is_missing_fails_the_same_check(tmp_path):
    analyze = _tool(shutil.which("systemd-analyze"), "systemd-analyze")
    units = _install_units(tmp_path)
    (tmp_path / "srv" / "deploy" / "serve").unlink()
    instance = units / "nghitruong@8001.service"
    shutil.copy2(units / "nghitruong@.service", instance)
    result = subprocess.run([analyze, "verify", "--man=no", str(instance)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "serve" in result.stdout + result.stderr


def test_every_way_of_starting_the_server_goes_through_deploy_serve():
    unit = (DEPLOY / "systemd" / "nghitruong@.service").read_text()
    assert "ExecStart=/srv/nghitruong/deploy/serve %i" in unit
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    apps = [name for name in compose["services"] if name.startswith("app")]
    assert len(apps) >= 2
    for name in apps:
        assert compose["services"][name]["command"] == ["sh", "deploy/serve", f"800{name[-1]}"]
    assert 'CMD ["sh", "deploy/serve", "8001"]' in (DEPLOY / "Dockerfile").read_text()
    assert server_command(8123) == ["sh", str(DEPLOY / "serve"), "8123"]


def test_deploy_serve_starts_the_server_entry_point_on_the_port(tmp_path):
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "$@"\n')
    fake.chmod(0o755)
    out = subprocess.run(
        server_command(8123),
        env={**os.environ, "NT_PYTHON": str(fake)},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.split()
    assert out == ["-m", "config.server", "-v", "0", "--host", "127.0.0.1", "--port", "8123"]  # never --proxy-headers
    refused = subprocess.run(["sh", str(DEPLOY / "serve")], capture_output=True, text=True, timeout=30)
    assert refused.returncode != 0 and "usage: deploy/serve PORT" in refused.stderr


def test_compose_builds_its_image_from_the_dockerfile_and_fills_every_nginx_placeholder():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    for name in ["migrate", "app1", "app2"]:
        assert services[name]["image"] == "nghitruong:latest"
        assert services[name]["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert (DEPLOY / compose["services"]["app1"]["build"]["context"] / "deploy" / "Dockerfile").exists()
    placeholders = set(re.findall(r"\$\{(NT_\w+)\}", (DEPLOY / "nginx.conf").read_text()))
    assert placeholders == set(services["nginx"]["environment"])
    ports = re.findall(r"127\.0\.0\.1:(\d+)", services["nginx"]["environment"]["NT_UPSTREAM_SERVERS"])
    assert ports == [services[name]["command"][-1] for name in ["app1", "app2"]]


def _nginx_main(directory: Path, site: str) -> Path:
    (directory / "site.conf").write_text(site)
    main = directory / "nginx.conf"
    main.write_text(
        f"pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\nevents {{}}\n"
        f"http {{ client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy; "
        f"include {directory}/site.conf; }}\n"
    )
    return main


def _nginx_test(directory: Path, main: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NGINX, "-t", "-p", str(directory), "-c", str(main), "-e", str(directory / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_nginx_template_renders_to_a_configuration_nginx_accepts_with_tls(tmp_path):
    _tool(NGINX, "nginx")
    openssl = _tool(shutil.which("openssl"), "openssl")
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-subj",
            "/CN=hdnd.example.invalid",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = nginx_render(
        upstream_ports=[8001, 8002],
        listen="127.0.0.1:18443 ssl",
        http_listen="127.0.0.1:18080",
        server_name="hdnd.example.invalid",
        static_root="/srv/nghitruong/var/static/",
        tls=f"ssl_certificate {cert}; ssl_certificate_key {key};",
    )
    assert "server 127.0.0.1:8001; server 127.0.0.1:8002;" in site and "${" not in site
    assert "$http_upgrade" in site and "$connection_upgrade" in site  # nginx's own variables untouched
    result = _nginx_test(tmp_path, _nginx_main(tmp_path, site))
    assert result.returncode == 0, result.stderr


def test_a_placeholder_left_unfilled_is_refused_and_nginx_rejects_a_broken_render(tmp_path, monkeypatch):
    _tool(NGINX, "nginx")
    template = tmp_path / "template.conf"
    template.write_text((DEPLOY / "nginx.conf").read_text() + "\n# ${NT_SOMETHING_NEW}\n")
    monkeypatch.setattr("bench.nginx.NGINX_TEMPLATE", template)
    with pytest.raises(ValueError, match="NT_SOMETHING_NEW"):
        nginx_render(upstream_ports=[8001], listen="127.0.0.1:18081", static_root="/tmp/")
    monkeypatch.undo()
    site = nginx_render(upstream_ports=[], listen="127.0.0.1:18081", static_root="/tmp/")  # an empty upstream
    assert _nginx_test(tmp_path, _nginx_main(tmp_path, site)).returncode != 0


def test_the_image_and_the_walk_through_install_the_system_libraries_the_dependencies_load():
    """pysodium loads the system libsodium at import (``manage.py`` fails without it): the slim base image
    lacks it, so the Dockerfile installs it, and deploy/README.md's package list names it."""
    assert "pysodium" in (ROOT / "pyproject.toml").read_text()
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    installs = re.findall(r"apt-get install[^\n]*(?:\\\n[^\n]*)*", dockerfile)
    assert installs and "libsodium23" in " ".join(installs)
    assert re.search(r"apt-get install [^`]*libsodium23", (DEPLOY / "README.md").read_text())
