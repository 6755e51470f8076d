"""Print where the product answers and the demo logins. With ``--host 0.0.0.0`` (tablets on the hall
network) the machine's LAN addresses are printed too, since tablets cannot reach 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket

from django.core.management.base import BaseCommand
from django.urls import reverse

from demo import councils as demo
from sessions_app.models import Session

WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]", ""}


def lan_addresses() -> list[str]:
    """Non-loopback IPv4 addresses of this machine (the route-finding UDP socket sends nothing)."""
    found: set[str] = set()
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        found.add(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    except OSError:
        pass
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


def base_urls(host: str, port: int) -> list[str]:
    if host in WILDCARD_HOSTS:
        return [f"http://127.0.0.1:{port}", *(f"http://{address}:{port}" for address in lan_addresses())]
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return [f"http://{shown}:{port}"]


class Command(BaseCommand):
    help = "Print the URLs of the running product and the demo logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host: str, port: int, **options) -> None:
        bases = base_urls(host, port)
        pages = [
            ("Trang chủ / home", reverse("home")),
            ("Đăng nhập / login", reverse("login")),
            ("Quản trị / admin", reverse("admin:index")),
            ("API docs (Swagger UI)", reverse("api-docs")),
            ("OpenAPI schema", reverse("api-schema")),
            ("Health check", reverse("healthz")),
            ("Cổng thông tin / public portal", reverse("public-home")),
            ("Thống kê / statistics", reverse("activity-statistics")),
            ("Thi đua / emulation", reverse("activity-sheets")),
        ]
        session = (
            Session.objects.filter(council__code=demo.PROVINCE.code, status__in=["planned", "in_progress"])
            .order_by("start_date")
            .first()
        )
        if session is not None:
            pages += [
                ("Bàn điều hành / console", reverse("console", args=[session.pk])),
                ("Máy tính bảng / tablet", reverse("tablet", args=[session.pk])),
                ("Màn hình hội trường / hall", reverse("display", args=[session.pk])),
                ("In thẻ QR / QR cards", reverse("qr-cards", args=[session.pk])),
            ]
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS("Nghị Trường"))
        width = max(len(label) for label, _ in pages)
        for base in bases:
            out.write(f"  {base}")
            for label, path in pages:
                out.write(f"    {label:<{width}} {base}{path}")
        if host in WILDCARD_HOSTS and len(bases) > 1:
            out.write(f"  Máy tính bảng / tablets: QR cards point at NT_PUBLIC_BASE_URL (e.g. {bases[1]}) when set,")
            out.write("  else at the address the printing browser used: print them from a LAN address.")
        logins = [
            ("administrator", demo.ADMIN_USERNAME, demo.ADMIN_PASSWORD),
            (
                f"thư ký / secretariat ({demo.PROVINCE.short_name})",
                demo.PROVINCE.secretariat_username,
                demo.SECRETARIAT_PASSWORD,
            ),
            (f"chủ tọa / chair ({demo.PROVINCE.short_name})", demo.PROVINCE.chair_username, demo.CHAIR_PASSWORD),
            ("đại biểu / delegate", demo.PROVINCE.delegate_username(2), demo.DELEGATE_PASSWORD),
            ("đại biểu / delegate", demo.PROVINCE.delegate_username(3), demo.DELEGATE_PASSWORD),
            *(
                (f"thư ký / secretariat ({spec.short_name})", spec.secretariat_username, demo.SECRETARIAT_PASSWORD)
                for spec in demo.COMMUNES
            ),
        ]
        out.write("")
        out.write("  Demo logins (fictitious data):")
        for label, username, password in logins:
            out.write(f"    {label:<42} {username:<18} {password}")
        slugs = "|".join(spec.slug for spec in demo.DEMO_COUNCILS)
        out.write(f"    every delegate: db.<{slugs}>.NN (NN = seat 02..), password {demo.DELEGATE_PASSWORD}")
        out.write("")
