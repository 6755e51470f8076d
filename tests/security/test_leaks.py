"""Visibility leaks found by the attack run (issue 14, points 1-3): the whole agenda tree hides under a
non-public item for every transport; a delegate whose seat ended reads only public data; hidden polls are
not listed as ``null``; non-public files are never cached publicly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from agenda import services as agenda_services
from agenda.models import AgendaItem, SpeakerRequest
from agenda.selectors import agenda_tree
from tests.agenda.helpers import pdf_bytes
from tests.factories import Council_, make_delegate
from voting import services as voting_services

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def deep(db):
    """A public session whose agenda has a non-public section with a grandchild and a great-grandchild."""
    hall = Council_(n=2)
    session = hall.session
    top = AgendaItem.objects.create(session=session, title="Phần kín", is_public=False, order=1)
    child = AgendaItem.objects.create(session=session, parent=top, title="Mục con", order=1)
    grandchild = AgendaItem.objects.create(
        session=session, parent=child, title="Mục cháu bí mật", order=1, description="Nội dung không công khai"
    )
    great = AgendaItem.objects.create(session=session, parent=grandchild, title="Mục chắt bí mật", order=1)
    visible = AgendaItem.objects.create(session=session, title="Mục công khai", order=2)
    document = agenda_services.document_upload(
        actor=hall.secretariat,
        item=grandchild,
        title="Tờ trình kín",
        is_public=True,
        file=SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    SpeakerRequest.objects.create(item=great, person=hall.delegates[0], position=1, requested_at=timezone.now())
    return hall, [top, child, grandchild, great], visible, document


def test_items_under_a_hidden_item_are_hidden_at_any_depth_over_rest(deep) -> None:
    hall, hidden, visible, document = deep
    anonymous = _client()
    listed = {row["id"] for row in anonymous.get("/api/agenda-items/", {"page_size": 200}).json()["results"]}
    assert visible.pk in listed
    assert not listed & {item.pk for item in hidden}
    for item in hidden:
        assert anonymous.get(f"/api/agenda-items/{item.pk}/").status_code == 404
    assert anonymous.get(f"/api/documents/{document.pk}/").status_code == 404
    assert document.pk not in {row["id"] for row in anonymous.get("/api/documents/").json()["results"]}
    assert anonymous.get(f"/api/documents/{document.pk}/file").status_code == 401  # log-in needed, nothing shown
    assert anonymous.get("/api/speaker-requests/").json()["results"] == []
    # The council still reads the whole tree.
    member = _client(hall.secretariat)
    listed = {row["id"] for row in member.get("/api/agenda-items/", {"page_size": 200}).json()["results"]}
    assert {item.pk for item in hidden} <= listed


def test_rest_and_the_stream_tree_agree_on_every_item(deep) -> None:
    hall, hidden, visible, _ = deep
    public_in_tree = {node.item.pk for node in agenda_tree(session=hall.session) if node.public}
    listed = {row["id"] for row in _client().get("/api/agenda-items/", {"page_size": 200}).json()["results"]}
    assert listed == public_in_tree


def test_item_in_a_closed_door_sitting_hides_its_children(deep) -> None:
    hall, _, visible, _ = deep
    from tests.factories import make_sitting

    closed = make_sitting(hall.session, number=2, closed_door=True)
    visible.sitting = closed
    visible.save()
    child = AgendaItem.objects.create(session=hall.session, parent=visible, title="Mục con của phiên kín", order=1)
    assert _client().get(f"/api/agenda-items/{child.pk}/").status_code == 404


@pytest.fixture
def ended(db):
    """A delegate whose seat ended yesterday, a draft resolution and a hidden poll of a non-public session."""
    hall = Council_(n=3)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    former = make_delegate(
        hall.council,
        hall.term,
        seat=99,
        start=dt.date(2026, 7, 1) if yesterday >= dt.date(2026, 7, 1) else yesterday - dt.timedelta(days=30),
        end=yesterday,
    )
    hall.session.is_public = False
    hall.session.save()
    poll = voting_services.poll_create(
        actor=hall.secretariat, session=hall.session, sitting=hall.sitting, title="Biểu quyết kín"
    )
    draft = voting_services.resolution_create(
        actor=hall.secretariat, session=hall.session, title="Nghị quyết dự thảo", text="Điều 1."
    )
    return hall, former.user, poll, draft


def test_a_delegate_whose_seat_ended_no_longer_reads_drafts(ended) -> None:
    hall, former, _, draft = ended
    client = _client(former)
    assert client.get("/api/resolutions/").json()["results"] == []
    assert client.get(f"/api/resolutions/{draft.pk}/").status_code == 404
    # A sitting delegate still does.
    current = _client(hall.delegates[0].user)
    assert [r["id"] for r in current.get("/api/resolutions/").json()["results"]] == [draft.pk]


def test_hidden_polls_are_not_listed_as_null(ended) -> None:
    hall, former, poll, _ = ended
    for client in (_client(), _client(former)):
        body = client.get("/api/polls/").json()
        assert body["results"] == [] and body["count"] == 0
    assert [p["id"] for p in _client(hall.delegates[0].user).get("/api/polls/").json()["results"]] == [poll.pk]


def test_a_non_public_document_file_is_never_cached_publicly(db) -> None:
    """Document public, its item not: the file is private (it used to say public, max-age=300)."""
    hall = Council_(n=1)
    item = AgendaItem.objects.create(session=hall.session, title="Mục kín", is_public=False)
    document = agenda_services.document_upload(
        actor=hall.secretariat,
        item=item,
        title="Tờ trình",
        is_public=True,
        file=SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    response = _client(hall.secretariat).get(f"/api/documents/{document.pk}/file")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    open_item = AgendaItem.objects.create(session=hall.session, title="Mục công khai")
    public = agenda_services.document_upload(
        actor=hall.secretariat,
        item=open_item,
        title="Báo cáo",
        is_public=True,
        file=SimpleUploadedFile("b.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    assert _client().get(f"/api/documents/{public.pk}/file")["Cache-Control"] == "public, max-age=300"
