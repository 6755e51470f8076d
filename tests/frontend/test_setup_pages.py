"""The console's set-up pages: a secretariat sets up, runs and closes a session from nothing with plain forms,
and publishes its resolution ("Công bố nghị quyết"); refusals come back on the page with the service's code."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from sessions_app.models import AuditEntry, Membership, Session, SessionStatus, Sitting
from tests.factories import Council_, make_user
from tests.voting.conftest import Hall
from voting import services
from voting.models import ResolutionStatus

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _post(client, url, **data):
    return client.post(url, data)


def test_a_secretariat_sets_up_runs_and_closes_a_session_with_the_console_pages(client):
    c = Council_(n=2)
    client.force_login(c.secretariat)
    home = client.get(reverse("setup-home")).content.decode()
    assert c.council.name in home and "Thêm Hội đồng nhân dân" not in home  # councils are the administrator's
    council_url = reverse("setup-council", args=[c.council.pk])
    assert client.get(council_url).status_code == 200
    assert _post(client, council_url, action="organ", kind="committee", name="Ban Pháp chế").status_code == 302
    added = _post(
        client, council_url, action="delegate", full_name="Lý Thị Thử", seat=9, start_date="2026-07-01", role="delegate"
    )
    assert added.status_code == 302 and Membership.objects.filter(seat=9, person__full_name="Lý Thị Thử").exists()
    made = _post(
        client,
        council_url,
        action="session",
        number=7,
        type="thematic",
        title="Kỳ họp chuyên đề thứ bảy",
        venue="Hội trường",
        start_date="2027-03-10",
        end_date="2027-03-10",
        is_public="on",
    )
    assert made.status_code == 302
    session = Session.objects.get(number=7)
    url = reverse("setup-session", args=[session.pk])
    assert _post(client, url, action="sitting", number=1, date="2027-03-10", start_time="08:00").status_code == 302
    sitting = Sitting.objects.get(session=session)
    early = _post(client, url, action="sitting_open", sitting=sitting.pk)
    assert early.status_code == 409 and "sitting.not_today" in early.content.decode()
    with time_machine.travel(dt.datetime(2027, 3, 10, 8, tzinfo=HCM)):
        client.force_login(c.secretariat)
        assert _post(client, url, action="sitting_open", sitting=sitting.pk).status_code == 302
        refused = _post(client, url, action="session_close")
        assert refused.status_code == 409 and "session.sitting_open" in refused.content.decode()
        assert _post(client, url, action="sitting_close", sitting=sitting.pk).status_code == 302
        assert _post(client, url, action="sitting_reopen", sitting=sitting.pk, reason="Bấm nhầm").status_code == 302
        assert AuditEntry.objects.filter(action="sitting.reopen").exists()
        assert _post(client, url, action="sitting_close", sitting=sitting.pk).status_code == 302
        assert _post(client, url, action="session_close").status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    page = client.get(url).content.decode()
    assert "Đính chính thông tin kỳ họp" in page and "Bế mạc kỳ họp?" not in page
    bad = _post(
        client,
        url,
        action="edit",
        number=7,
        type="thematic",
        title="Sửa",
        start_date="2027-03-10",
        end_date="2027-03-10",
    )
    assert bad.status_code == 409 and "session.correction_reason_required" in bad.content.decode()


def test_other_users_and_bad_actions_are_refused(client):
    c = Council_(n=1)
    url = reverse("setup-session", args=[c.session.pk])
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    assert client.get(reverse("setup-council", args=[c.council.pk])).status_code == 403
    client.force_login(c.secretariat)
    unknown = client.post(url, {"action": "drop_table"})
    assert unknown.status_code == 400 and "request.invalid" in unknown.content.decode()
    bad = client.post(url, {"action": "sitting", "number": "x"})
    assert bad.status_code == 400 and Sitting.objects.filter(session=c.session).count() == 1


def test_the_console_numbers_titles_and_publishes_an_adopted_resolution(client):
    hall = Hall(n=5, present=4)
    poll = hall.poll(open=False, title="Thông qua Tờ trình và dự thảo Nghị quyết về phí")
    draft = services.resolution_create(
        actor=hall.sec, session=hall.c.session, poll=poll, title="Tờ trình và dự thảo Nghị quyết về phí"
    )
    poll = services.poll_open(actor=hall.sec, poll=poll)
    for i in range(4):
        hall.vote(poll, i, "yes")
    services.poll_publish(actor=hall.sec, poll=services.poll_close(actor=hall.sec, poll=poll))
    client.force_login(hall.sec)
    url = reverse("setup-session", args=[hall.c.session.pk])
    page = client.get(url).content.decode()
    assert "01/NQ-HĐND" in page and "Công bố nghị quyết" in page
    assert (
        _post(
            client,
            url,
            action="resolution",
            resolution=draft.pk,
            title="Nghị quyết quy định mức thu phí",
            category="",
            signer="Trần Minh Đức",
            effective_on="2027-01-01",
        ).status_code
        == 302
    )
    assert (
        _post(client, url, action="resolution_number", resolution=draft.pk, serial=5, kind="normative").status_code
        == 302
    )
    assert _post(client, url, action="resolution_publish", resolution=draft.pk).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.number, draft.title, draft.signer) == (
        ResolutionStatus.PUBLISHED,
        "05/2026/NQ-HĐND",
        "Nghị quyết quy định mức thu phí",
        "Trần Minh Đức",
    )
    public = client.get(reverse("public-session", args=[hall.c.session.pk])).content.decode()
    assert "05/2026/NQ-HĐND" in public
