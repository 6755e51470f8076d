"""The draft minutes (speeches, questioning, promises, votes in the official wording, per sitting and item; for
the secretariat only) and the public resolution page's link to the resolution's own document."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agenda import services as agenda
from agenda.models import ItemKind
from tests.agenda.helpers import SITTING_MORNING, make_official, pdf_bytes, upload
from tests.factories import Council_, make_session, make_sitting
from tests.voting.conftest import check_in, new_id, numbered
from voting import services as voting
from voting.models import Poll, Resolution, ResolutionStatus
from voting.wording import result_wording

pytestmark = pytest.mark.django_db

PROMISE_DUE = dt.date(2027, 3, 31)


@dataclass
class Minutes:
    c: Council_
    closed_sitting: object
    poll: Poll
    resolution: Resolution  # published, with a document
    bare: Resolution  # published, no document
    official: object


def _speech(c, item, person, kind: str, seconds: int, clock) -> None:
    request = agenda.speaker_request(actor=person.user, item=item, kind=kind)
    agenda.speaker_grant(actor=c.secretariat, item=item, request=request)
    clock.shift(dt.timedelta(seconds=seconds))
    agenda.speaker_end(actor=c.secretariat, request=request)


def _adopt(c, item, title: str, choices: list[str], number: str, document=None) -> tuple[Poll, Resolution]:
    poll = voting.poll_create(
        actor=c.secretariat, session=c.session, sitting=item.sitting, agenda_item=item, title=title
    )
    resolution = voting.resolution_create(
        actor=c.secretariat, session=c.session, title=title, text=f"Điều 1. {title}.", poll=poll, document=document
    )
    poll = voting.poll_open(actor=c.secretariat, poll=poll)
    for delegate, choice in zip(c.delegates, choices):
        voting.vote_cast(actor=delegate.user, poll_id=poll.pk, choice=choice, client_id=new_id())
    poll = voting.poll_publish(actor=c.secretariat, poll=voting.poll_close(actor=c.secretariat, poll=poll))
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.ADOPTED
    return poll, voting.resolution_publish(actor=c.secretariat, resolution=numbered(c.secretariat, resolution, number))


def _build() -> Minutes:
    c = Council_(n=5)
    c.session.venue = "Hội trường Thử Nghiệm"
    c.session.save()
    closed = make_sitting(c.session, number=2, closed_door=True)
    check_in(c.sitting, c.delegates[:4])
    check_in(closed, c.delegates[:4])
    official = make_official(c.council, 1, listed_in=c.session)
    with time_machine.travel(SITTING_MORNING, tick=False) as clock:
        plan = agenda.agenda_item_create(
            actor=c.secretariat, session=c.session, sitting=c.sitting, title="Kế hoạch đầu tư công năm 2027"
        )
        agenda.agenda_item_activate(actor=c.secretariat, item=plan, sitting=c.sitting)
        _speech(c, plan, c.delegates[0], "discussion", 245, clock)
        _speech(c, plan, c.delegates[1], "debate", 65, clock)
        _speech(c, plan, c.delegates[2], "procedural", 3725, clock)
        poll, resolution = _adopt(
            c,
            plan,
            "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027",
            ["yes", "yes", "yes", "no"],
            "15/2026/NQ-HĐND",
            document=upload("nghi-quyet-15.pdf", pdf_bytes(), "application/pdf"),
        )
        _, bare = _adopt(
            c, plan, "Thông qua Nghị quyết về phí tham quan", ["yes", "yes", "yes", "yes"], "16/2026/NQ-HĐND"
        )

        asking = agenda.agenda_item_create(
            actor=c.secretariat,
            session=c.session,
            sitting=c.sitting,
            title="Chất vấn và trả lời chất vấn",
            kind=ItemKind.QUESTIONING,
        )
        topic = agenda.topic_create(
            actor=c.secretariat, session=c.session, title="Đầu tư công", respondents=[official], item=asking
        )
        live = agenda.question_register(
            actor=c.delegates[2].user, session=c.session, respondent=official, text="Tiến độ dự án đường ven biển?"
        )
        later = agenda.question_register(
            actor=c.delegates[3].user, session=c.session, respondent=official, text="Giải ngân vốn đầu tư công?"
        )
        agenda.question_register(
            actor=c.delegates[4].user, session=c.session, respondent=official, text="Câu hỏi đã rút?"
        )  # registered, never asked: not in the minutes
        agenda.topic_arrange(actor=c.secretariat, topic=topic, question_ids=[live.pk, later.pk])
        agenda.question_floor(actor=c.secretariat, question=live)
        agenda.question_step(actor=c.secretariat, question=live, kind="answer")
        agenda.question_finish(actor=c.secretariat, question=live)
        agenda.questions_to_writing(actor=c.secretariat, session=c.session, sitting=c.sitting, question_ids=[later.pk])
        agenda.promise_record(
            actor=c.secretariat,
            official=official,
            question=live,
            due_date=PROMISE_DUE,
            content="Hoàn thành giải phóng mặt bằng đường ven biển",
        )
        agenda.promise_record(
            actor=c.secretariat,
            official=official,
            session=c.session,
            due_date=PROMISE_DUE,
            content="Báo cáo bằng văn bản về nợ đọng xây dựng cơ bản",
        )

        personnel = agenda.agenda_item_create(
            actor=c.secretariat, session=c.session, sitting=closed, title="Công tác cán bộ"
        )
        agenda.agenda_item_finish(actor=c.secretariat, item=plan)
        agenda.agenda_item_activate(actor=c.secretariat, item=personnel, sitting=closed)
        _speech(c, personnel, c.delegates[3], "discussion", 90, clock)
    return Minutes(c, closed, poll, resolution, bare, official)


@pytest.fixture
def m() -> Minutes:
    return _build()


def _text(response) -> str:
    """The page as text: tags dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def _minutes(client, m, user=None):
    client.force_login(user or m.c.secretariat)
    return client.get(reverse("print-minutes", args=[m.c.session.pk]))


def test_minutes_record_speeches_per_item_with_kind_and_time(client, m):
    response = _minutes(client, m)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = _text(response)
    d = m.c.delegates
    assert f"{d[0].full_name} Thảo luận 04:05" in text
    assert f"{d[1].full_name} Tranh luận 01:05" in text
    assert f"{d[2].full_name} Thủ tục 62:05" in text
    # In the order spoken, under their item, before the next item's heading.
    plan, asking = text.index("Kế hoạch đầu tư công năm 2027"), text.index("Chất vấn và trả lời chất vấn")
    assert (
        plan
        < text.index(d[0].full_name)
        < text.index(d[1].full_name)
        < text.index(f"{d[2].full_name} Thủ tục")
        < asking
    )


def test_minutes_record_questions_live_and_in_writing_and_promises(client, m):
    text = _text(_minutes(client, m))
    d, official = m.c.delegates, m.official
    respondent = f"{official.full_name}, {official.title}"
    assert f"{d[2].full_name} {respondent} Đã trả lời Trả lời trực tiếp tại phiên họp" in text
    due = (m.c.sitting.date + dt.timedelta(days=settings.NT["WRITTEN_ANSWER_DAYS"])).strftime("%d/%m/%Y")
    assert due == "28/12/2026"
    assert f"{d[3].full_name} {respondent} Trả lời bằng văn bản Trả lời bằng văn bản, hạn {due}" in text
    assert d[4].full_name not in text  # only registered: not asked
    assert f"{respondent} Hoàn thành giải phóng mặt bằng đường ven biển 31/03/2027" in text
    # A promise made outside an answer is listed last, with the questions not tied to an item.
    loose = text.index("Chất vấn, lời hứa không gắn với mục chương trình")
    assert text.index("Hoàn thành giải phóng mặt bằng") < loose < text.index("Báo cáo bằng văn bản về nợ đọng")


def test_minutes_record_votes_in_the_official_wording_under_their_item(client, m):
    text = _text(_minutes(client, m))
    wording = result_wording(m.poll.result)
    assert wording == m.poll.result["wording"]
    statement = (
        "Có 4/5 đại biểu tham gia biểu quyết; tán thành 3 đại biểu, chiếm 60,00% tổng số đại biểu; "
        "không tán thành 1 (20,00%)"
    )
    assert statement in wording["statement"]["vi"]
    assert (
        f"Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027 : {wording['statement']['vi']} Kết quả: được thông qua."
        in text
    )
    assert "tán thành 4 đại biểu, chiếm 80,00% tổng số đại biểu" in text
    assert (
        text.index("Kế hoạch đầu tư công năm 2027") < text.index(statement) < text.index("Chất vấn và trả lời chất vấn")
    )


def test_minutes_include_the_closed_door_sitting_for_the_secretariat(client, m):
    text = _text(_minutes(client, m))
    assert "Phiên 2, ngày 08/12/2026 — họp kín (tài liệu nội bộ)" in text
    assert "Công tác cán bộ (" in text and f"{m.c.delegates[3].full_name} Thảo luận 01:30" in text
    assert "4/5 đại biểu có mặt" in text


def test_minutes_are_refused_to_anonymous_delegates_and_other_councils(client, m):
    url = reverse("print-minutes", args=[m.c.session.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    other = Council_(n=1)
    for user in (other.secretariat, other.chair, m.c.delegates[1].user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403, user
        assert m.c.delegates[0].full_name not in response.content.decode()  # nothing of the minutes leaks
    assert _minutes(client, m, m.c.chair).status_code == 200


def test_minutes_in_english_show_the_english_wording(client, m):
    client.force_login(m.c.secretariat)
    client.cookies["django_language"] = "en"  # chosen by the user; Accept-Language alone never switches
    response = client.get(reverse("print-minutes", args=[m.c.session.pk]))
    text = _text(response)
    english = m.poll.result["wording"]["statement"]["en"]
    assert "4/5 delegates took part in the vote" in english and english in text
    assert m.poll.result["wording"]["statement"]["vi"] not in text


def test_resolution_page_links_its_document_and_serves_it(client, m):
    page = client.get(reverse("public-resolution", args=[m.resolution.pk]))
    html = page.content.decode()
    link = f"/api/resolutions/{m.resolution.pk}/document/"
    assert page.status_code == 200 and f'href="{link}"' in html and "Tải văn bản nghị quyết" in html
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()
    assert "attachment" in download["Content-Disposition"] and download["X-Content-Type-Options"] == "nosniff"


def test_resolution_page_without_document_has_no_link(client, m):
    html = client.get(reverse("public-resolution", args=[m.bare.pk])).content.decode()
    assert "/document/" not in html and "Tải văn bản nghị quyết" not in html
    assert client.get(f"/api/resolutions/{m.bare.pk}/document/").status_code == 404


def test_unpublished_or_private_resolution_documents_are_not_reachable(client, m):
    c = m.c
    with time_machine.travel(SITTING_MORNING, tick=False):
        draft = voting.resolution_create(
            actor=c.secretariat,
            session=c.session,
            title="Dự thảo nghị quyết",
            document=upload("du-thao.pdf", pdf_bytes()),
        )
        private = make_session(c.council, c.term, number=2, public=False)
        hidden = voting.resolution_create(
            actor=c.secretariat,
            session=private,
            title="Nghị quyết kỳ họp không công khai",
            document=upload("kin.pdf", pdf_bytes()),
        )
    now = timezone.now()  # published as far as the record goes, but its session is not public
    Resolution.objects.filter(pk=hidden.pk).update(status=ResolutionStatus.PUBLISHED, decided_at=now, published_at=now)
    for resolution in (draft, hidden):
        url = reverse("public-resolution", args=[resolution.pk])
        assert client.get(url).status_code == 404
        assert client.get(f"/api/resolutions/{resolution.pk}/document/").status_code == 404
    client.force_login(c.secretariat)  # the council's own office reads its draft's document
    assert client.get(f"/api/resolutions/{draft.pk}/document/")["Cache-Control"] == "private, no-store"
