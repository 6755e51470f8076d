"""Who may open which screen, what the pages carry, and how bad input is refused (nothing changes)."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sessions_app.models import Sitting, SittingStatus
from tests.factories import Council_, make_user
from voting.models import Resolution, ResolutionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return Council_(n=3)


def boot_of(response) -> dict:
    html = response.content.decode()
    start = html.index('id="nt-boot"')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body)


def test_screens_need_login(client, c):
    for name in ("tablet", "console", "display"):
        response = client.get(reverse(name, args=[c.session.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_delegate_opens_tablet_with_boot_data_but_not_the_console(client, c):
    delegate = c.delegates[0]
    client.force_login(c.user_of(delegate))
    response = client.get(reverse("tablet", args=[c.session.pk]))
    assert response.status_code == 200
    boot = boot_of(response)
    assert boot["session"] == c.session.pk and boot["person"] == delegate.pk
    assert delegate.full_name in response.content.decode()  # the compact header names the delegate
    assert boot["strings"]["voted"] == "Đại biểu đã biểu quyết"
    refused = client.get(reverse("console", args=[c.session.pk]))
    assert refused.status_code == 403 and b"council.forbidden" in refused.content


def test_outsider_is_refused_every_screen(client, c):
    client.force_login(make_user())
    for name in ("tablet", "console", "display"):
        assert client.get(reverse(name, args=[c.session.pk])).status_code == 403


def test_secretariat_opens_console_and_prints(client, c):
    client.force_login(c.secretariat)
    assert client.get(reverse("console", args=[c.session.pk])).status_code == 200
    sheet = client.get(reverse("print-attendance", args=[c.sitting.pk]))
    assert sheet.status_code == 200
    assert "0/3 đại biểu có mặt" in sheet.content.decode()
    assert client.get(reverse("print-results", args=[c.session.pk])).status_code == 200
    assert client.get(reverse("print-minutes", args=[c.session.pk])).status_code == 200


def test_sitting_status_form_changes_status_and_refuses_bad_input(client, c):
    sitting = Sitting.objects.create(
        session=c.session,
        number=2,
        date=c.session.start_date,
        start_time=c.sitting.start_time,
        status=SittingStatus.PLANNED,
    )
    url = reverse("sitting-status", args=[sitting.pk])
    client.force_login(c.delegates[0].user)
    assert client.post(url, {"status": "open"}).status_code == 403
    client.force_login(c.secretariat)
    bad = client.post(url, {"status": "bogus"})
    assert bad.status_code == 409
    assert b"sitting.status_invalid" in bad.content
    sitting.refresh_from_db()
    assert sitting.status == SittingStatus.PLANNED
    assert client.get(url).status_code == 405
    early = client.post(url, {"status": "open"})  # the sitting opens on its own date only
    assert early.status_code == 409 and b"sitting.not_today" in early.content
    with time_machine.travel(dt.datetime.combine(sitting.date, dt.time(8), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        client.force_login(c.secretariat)
        ok = client.post(url, {"status": "open"})
    assert ok.status_code == 302
    sitting.refresh_from_db()
    assert sitting.status == SittingStatus.OPEN


def test_public_pages_show_only_public_content(client, c):
    assert client.get(reverse("public-home")).status_code == 200
    assert client.get(reverse("public-session", args=[c.session.pk])).status_code == 200
    c.session.is_public = False
    c.session.save()
    assert client.get(reverse("public-session", args=[c.session.pk])).status_code == 404


def _resolution(c, status: str) -> Resolution:
    now = timezone.now()
    numbered = status != ResolutionStatus.DRAFT
    return Resolution.objects.create(
        council=c.council,
        session=c.session,
        number=f"{len(status)}/2026/NQ-HĐND" if numbered else "",
        kind="normative",
        year=2026 if numbered else None,
        serial=len(status) if numbered else None,
        title="Nghị quyết về dự toán ngân sách địa phương năm 2027",
        status=status,
        created_at=now,
        decided_at=now if status != ResolutionStatus.DRAFT else None,
        published_at=now if status == ResolutionStatus.PUBLISHED else None,
    )


def test_archive_search_ignores_diacritics_and_hides_unpublished(client, c):
    published = _resolution(c, ResolutionStatus.PUBLISHED)
    draft = _resolution(c, ResolutionStatus.DRAFT)
    for query in ("nghi quyet ngan sach", "NGÂN SÁCH địa phương"):
        page = client.get(reverse("public-archive"), {"q": query}).content.decode()
        assert published.number in page
        assert reverse("public-resolution", args=[draft.pk]) not in page
    assert published.number not in client.get(reverse("public-archive"), {"q": "bau cu"}).content.decode()
    odd = client.get(reverse("public-archive"), {"year": "abc", "council": "-1", "q": "x" * 5000})
    assert odd.status_code == 200


def test_resolution_page_has_qr_of_its_permanent_url_and_hides_drafts(client, c):
    published = _resolution(c, ResolutionStatus.PUBLISHED)
    page = client.get(reverse("public-resolution", args=[published.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html
    assert f"/public/resolutions/{published.pk}/" in html
    draft = _resolution(c, ResolutionStatus.DRAFT)
    assert client.get(reverse("public-resolution", args=[draft.pk])).status_code == 404
