"""A council with an adopted resolution (open vote) and a published secret election with its counting
committee, and helpers that read the text of a DOCX or PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
import pytest
from pypdf import PdfReader

from sessions_app.models import Membership, MembershipRole
from tests.voting.conftest import Hall, numbered
from voting import services
from voting.models import Poll, Resolution


@dataclass
class World:
    h: Hall
    resolution: Resolution
    election: Poll


def docx_text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]

    def cells(table) -> None:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    for table in document.tables:
        cells(table)
    return [line for line in lines if line.strip()]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def world(db) -> World:
    h = Hall(n=6, present=6)
    council = h.c.council
    council.name, council.place_name = "Hội đồng nhân dân tỉnh Sông Lam", "tỉnh Sông Lam"
    council.save()
    Membership.objects.filter(person=h.delegates[0]).update(role=MembershipRole.CHAIR)
    poll = h.poll(title="Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027", open=False)
    resolution = services.resolution_create(
        actor=h.sec,
        session=h.c.session,
        title="Về kế hoạch đầu tư công năm 2027",
        text="Điều 1. Thông qua kế hoạch đầu tư công năm 2027.\nĐiều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.",
        poll=poll,
    )
    poll = services.poll_open(actor=h.sec, poll=poll)
    for i in range(6):
        h.vote(poll, i, "yes" if i < 5 else "no")
    services.poll_publish(actor=h.sec, poll=services.poll_close(actor=h.sec, poll=poll))
    resolution = numbered(h.sec, resolution, "15/2026/NQ-HĐND")  # adopted: the secretariat gives its number
    election = h.poll(
        kind="election",
        method="secret",
        title="Bầu Phó Chủ tịch Hội đồng nhân dân tỉnh",
        candidates=[{"name": "Nguyễn Văn An"}, {"name": "Lê Thị Bình"}],
    )
    a, b = election.candidates.values_list("pk", flat=True)
    for i, choice in enumerate([[a]] * 4 + [[b], []]):
        h.vote(election, i, choice)
    election = h.close(election)
    # Its counting committee is the one Hall named before the opening (delegates 0, head, and 1): the people
    # whose tablets made the key are those who sign the record.
    election = services.poll_publish(actor=h.sec, poll=election)
    return World(h, resolution, election)
