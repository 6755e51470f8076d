from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.errors import CATALOG

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "errors.md"
HEADER = """# Error codes

Every refusal in Nghị Trường — REST responses, WebSocket replies, pages — carries one of these stable codes
with a Vietnamese and an English message. REST bodies look like
`{"error": {"code": "...", "message": "...", "messages": {"vi": "...", "en": "..."}, "details": {...}}}`;
WebSocket replies carry the same object under `error`. Codes never change once published; messages may.
`{placeholders}` are filled in per request.

This file is generated from the catalogue: `python manage.py errors_doc` (a test keeps it current).

| code | HTTP | Tiếng Việt | English |
|---|---|---|---|
"""


def errors_doc_text() -> str:
    rows = [
        f"| `{spec.code}` | {spec.status} | {spec.vi.replace('|', '/')} | {spec.en.replace('|', '/')} |"
        for spec in sorted(CATALOG.values(), key=lambda s: s.code)
    ]
    return HEADER + "\n".join(rows) + "\n"


class Command(BaseCommand):
    help = "Write docs/errors.md from the error catalogue (--check: fail if it is out of date)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, **options) -> None:
        text = errors_doc_text()
        if options["check"]:
            if not DOC_PATH.exists() or DOC_PATH.read_text(encoding="utf-8") != text:
                raise CommandError("docs/errors.md is out of date: run python manage.py errors_doc", returncode=1)
            return
        DOC_PATH.parent.mkdir(exist_ok=True)
        DOC_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {DOC_PATH} ({len(CATALOG)} codes)")
