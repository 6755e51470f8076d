"""The public page of a resolution adopted in a closed-door sitting: the resolution is published, the vote of
the closed sitting is not (design.md: public pages show only published, non-closed content). A resolution of a
session that is not public has no public page at all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_session, make_sitting
from tests.voting.conftest import Hall, check_in, numbered
from voting import services

pytestmark = pytest.mark.django_db


def _adopted(hall: Hall, sitting, number: str, title: str):
    if sitting != hall.c.sitting:  # Hall checks its delegates in at its own sitting
        check_in(sitting, hall.present)
    poll = services.poll_create(actor=hall.sec, session=sitting.session, sitting=sitting, title=f"Thông qua {title}")
    resolution = services.resolution_create(
        actor=hall.sec, session=sitting.session, title=title, text=f"Điều 1. {title}.", poll=poll
    )
    poll = services.poll_open(actor=hall.sec, poll=poll)
    for i in range(len(hall.present)):
        hall.vote(poll, i, "yes")
    poll = services.poll_publish(actor=hall.sec, poll=services.poll_close(actor=hall.sec, poll=poll))
    return poll, services.resolution_publish(actor=hall.sec, resolution=numbered(hall.sec, resolution, number))


@pytest.fixture
def hall():
    return Hall(n=5, present=4)


def test_open_sitting_resolution_page_shows_the_vote(client, hall):
    poll, resolution = _adopted(hall, hall.c.sitting, "20/2026/NQ-HĐND", "Nghị quyết về phí tham quan")
    html = client.get(reverse("public-resolution", args=[resolution.pk])).content.decode()
    assert 'id="vote-h"' in html and poll.result["wording"]["statement"]["vi"] in html


def test_closed_door_resolution_page_shows_the_text_but_not_the_vote(client, hall):
    sitting = make_sitting(hall.c.session, number=2, closed_door=True)
    poll, resolution = _adopted(hall, sitting, "21/2026/NQ-HĐND", "Nghị quyết về công tác cán bộ")
    response = client.get(reverse("public-resolution", args=[resolution.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nghị quyết về công tác cán bộ" in html and "Điều 1. Nghị quyết về công tác cán bộ." in html
    assert 'id="vote-h"' not in html and "Kết quả biểu quyết" not in html
    statement = poll.result["wording"]["statement"]["vi"]
    assert statement and statement not in html and "tham gia biểu quyết" not in html
    assert poll.result["wording"]["verdict"]["vi"] not in html
    # the archive lists it (the resolution itself is public)
    archive = client.get(reverse("public-archive"), {"q": "cong tac can bo"}).content.decode()
    assert "21/2026/NQ-HĐND" in archive


def test_resolution_of_a_non_public_session_has_no_public_page(client, hall):
    session = make_session(hall.c.council, hall.c.term, number=2, public=False)
    _, resolution = _adopted(hall, make_sitting(session), "22/2026/NQ-HĐND", "Nghị quyết không công khai")
    assert client.get(reverse("public-resolution", args=[resolution.pk])).status_code == 404
    archive = client.get(reverse("public-archive"), {"q": "khong cong khai"}).content.decode()
    assert "22/2026/NQ-HĐND" not in archive
