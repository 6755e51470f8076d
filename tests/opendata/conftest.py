"""A council with a full public record to export: published named, secret, show-of-hands and confidence
polls with their resolutions, a poll still closed (unpublished) and one in a closed-door sitting."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.factories import make_sitting
from tests.voting.conftest import Hall, check_in, numbered
from voting import services
from voting.models import Poll, Resolution


@dataclass
class Record:
    hall: Hall
    polls: dict[str, Poll] = field(default_factory=dict)
    resolutions: dict[str, Resolution] = field(default_factory=dict)


def _finish(hall: Hall, poll: Poll) -> Poll:
    poll = hall.close(poll)
    return services.poll_publish(actor=hall.sec, poll=poll)


def _resolution(hall: Hall, poll: Poll, number: str, title: str) -> Resolution:
    """A draft resolution of the poll; ``number`` is the one the secretariat gives it once adopted."""
    resolution = services.resolution_create(
        actor=hall.sec,
        session=hall.c.session,
        title=title,
        poll=poll,
        text=f"Điều 1. {title}.\nĐiều 2. Giao Ủy ban nhân dân tổ chức thực hiện.",
    )
    resolution.wanted_number = number
    return resolution


def build_record() -> Record:
    hall = Hall(n=5, present=4)
    record = Record(hall)
    named = hall.poll(open=False, title="Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027")
    record.resolutions["named"] = _resolution(hall, named, "15/2026/NQ-HĐND", "Kế hoạch đầu tư công năm 2027")
    named = services.poll_open(actor=hall.sec, poll=named)
    for i, choice in enumerate(["yes", "yes", "yes", "no"]):
        hall.vote(named, i, choice)
    record.polls["named"] = _finish(hall, named)

    secret = hall.poll(open=False, method="secret", title="Thông qua Nghị quyết về bãi nhiệm đại biểu")
    record.resolutions["secret"] = _resolution(hall, secret, "16/2026/NQ-HĐND", "Bãi nhiệm đại biểu")
    secret = services.poll_open(actor=hall.sec, poll=secret)
    for i, choice in enumerate(["yes", "yes", "yes", "abstain"]):
        hall.vote(secret, i, choice)
    record.polls["secret"] = _finish(hall, secret)

    hands = hall.poll(open=False, method="show_of_hands", title="Thông qua Nghị quyết về phí tham quan")
    record.resolutions["hands"] = _resolution(hall, hands, "17/2026/NQ-HĐND", "Mức thu phí tham quan")
    hands = services.poll_open(actor=hall.sec, poll=hands)
    hands = services.poll_hands_record(actor=hall.sec, poll=hands, counts={"yes": 3, "no": 1})
    record.polls["hands"] = _finish(hall, hands)
    for key, resolution in record.resolutions.items():
        record.resolutions[key] = numbered(hall.sec, resolution, resolution.wanted_number)
        services.resolution_publish(actor=hall.sec, resolution=record.resolutions[key])

    confidence = hall.poll(
        kind="confidence",
        method="secret",
        title="Lấy phiếu tín nhiệm",
        candidates=[{"name": "Quan chức Giả Định", "title": "Chủ tịch UBND tỉnh"}],
    )
    official = confidence.candidates.get().pk
    for i, level in enumerate(["high", "normal", "low", "low"]):
        hall.vote(confidence, i, {official: level})
    record.polls["confidence"] = _finish(hall, confidence)

    unpublished = hall.poll(title="Biểu quyết chưa công bố")
    hall.vote(unpublished, 0, "yes")
    record.polls["unpublished"] = services.poll_close(actor=hall.sec, poll=unpublished)

    closed_sitting = make_sitting(hall.c.session, number=2, closed_door=True)
    check_in(closed_sitting, hall.present)
    closed = services.poll_create(
        actor=hall.sec, session=hall.c.session, sitting=closed_sitting, title="Biểu quyết họp kín"
    )
    closed = services.poll_open(actor=hall.sec, poll=closed)
    hall.vote(closed, 0, "yes")
    record.polls["closed_door"] = _finish(hall, closed)
    return record


@pytest.fixture
def record(db) -> Record:
    return build_record()
