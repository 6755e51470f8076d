"""Test helpers for the agenda app: fictitious officials, fixed clocks and the replay check
(an old snapshot plus the events since equals the new snapshot, for both audiences)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from agenda.models import Official, SessionRespondent
from realtime.log import stream_frames_since
from realtime.patch import patch_apply
from realtime.snapshot import snapshot_build
from sessions_app.models import Session

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SITTING_MORNING = dt.datetime(2026, 12, 8, 8, 30, tzinfo=TZ)


def make_official(council, n: int, *, listed_in: Session | None = None) -> Official:
    official = Official.objects.create(
        council=council,
        full_name=f"Cán bộ Thử {n:02d}",
        title=f"Giám đốc Sở Thử nghiệm {n}",
        agency=f"Sở Thử nghiệm {n}",
    )
    if listed_in is not None:
        SessionRespondent.objects.create(session=listed_in, official=official, position=n)
    return official


class Replay:
    """Takes snapshots now; ``check()`` asserts that the events since rebuild the current snapshots."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.old = {a: snapshot_build(session=session, audience=a) for a in ("council", "public")}

    def check(self) -> dict[str, list[dict]]:
        frames_by_audience = {}
        for audience, old in self.old.items():
            frames = stream_frames_since(session_id=self.session.pk, audience=audience, after_seq=old["seq"])
            assert frames is not None
            state = old["state"]
            for frame in frames:
                state = patch_apply(state, frame["patch"])
            new = snapshot_build(session=Session.objects.get(pk=self.session.pk), audience=audience)
            assert state == new["state"], audience
            frames_by_audience[audience] = frames
        return frames_by_audience


def pdf_bytes() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def office_bytes(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
