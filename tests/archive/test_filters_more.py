"""Archive filters beyond sessions and resolutions: councils, terms, people, sittings, agenda items, documents,
polls, questions (with answers) and promises. Each filter, search (diacritics ignored) and ordering works,
bad input is refused with a stable code and changes nothing, and nothing non-public or closed-door reaches
anonymous readers through the filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from agenda import services as agenda_services
from agenda.models import AgendaItem, Document, Promise, Question, QuestionStep, QuestionTopic, SpeakerRequest
from sessions_app.models import Membership, Person, Session, Sitting, Term
from tests.agenda.helpers import make_official, pdf_bytes, upload
from tests.factories import Council_, make_delegate, make_session, make_sitting
from voting.models import Poll

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 8, 9, 0, tzinfo=dt.UTC)


def client(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_login(user)
    return api


def get(path: str, user=None, **params):
    return client(user).get(path, params)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@dataclass
class Archive:
    c: Council_
    other: Council_
    rows: SimpleNamespace


def _item(session, title, **kwargs) -> AgendaItem:
    return AgendaItem.objects.create(session=session, title=title, **kwargs)


def _question(c, session, asker, official, text, **kwargs) -> Question:
    return Question.objects.create(
        session=session,
        asker=asker,
        respondent=official,
        text=text,
        source="delegate",
        registered_at=kwargs.pop("registered_at", NOW),
        **kwargs,
    )


def _promise(session, official, content, due, **kwargs) -> Promise:
    return Promise.objects.create(
        session=session, official=official, content=content, due_date=due, created_at=NOW, **kwargs
    )


@pytest.fixture
def archive(db) -> Archive:
    """Council A (province): a public session with an open and a closed-door sitting, and a non-public session.
    Council B (commune): one public session. Rows with "ngân sách" text are spread over public, non-public
    and closed-door places so that searches show what the public may and may not find."""
    c, other = Council_(n=3), Council_(n=1, level="commune")
    r = SimpleNamespace()
    r.closed_sitting = make_sitting(c.session, number=2, closed_door=True, status="closed")
    r.hidden_session = make_session(c.council, c.term, number=2, public=False)
    r.hidden_session.title = "Kỳ họp kín về ngân sách"
    r.hidden_session.save()
    r.hidden_sitting = make_sitting(r.hidden_session, number=1, status="planned")
    Session.objects.filter(pk=other.session.pk).update(type="thematic")

    presenter = c.delegates[0]
    r.budget = _item(
        c.session,
        "Dự thảo Nghị quyết về dự toán ngân sách năm 2027",
        kind="draft_resolution",
        sitting=c.sitting,
        presenter_person=presenter,
        order=1,
    )
    r.report = _item(c.session, "Báo cáo tình hình kinh tế - xã hội", kind="report", state="done", order=2)
    r.secret_item = _item(c.session, "Nghị quyết ngân sách (mật)", kind="draft_resolution", is_public=False, order=3)
    r.closed_item = _item(
        c.session, "Nghị quyết ngân sách họp kín", kind="draft_resolution", sitting=r.closed_sitting, order=4
    )
    r.hidden_item = _item(r.hidden_session, "Nghị quyết ngân sách kỳ họp không công khai", kind="draft_resolution")
    r.other_item = _item(other.session, "Nghị quyết ngân sách xã", kind="draft_resolution")

    r.doc = Document.objects.create(
        item=r.budget, kind="submission", title="Tờ trình về nghị quyết ngân sách", is_public=True, created_at=NOW
    )
    r.doc_draft = Document.objects.create(
        item=r.budget,
        kind="draft_resolution",
        title="Dự thảo kèm theo",
        is_public=True,
        created_at=NOW - dt.timedelta(days=400),
    )
    r.doc_private = Document.objects.create(
        item=r.budget, kind="report", title="Ngân sách (tài liệu nội bộ)", is_public=False, created_at=NOW
    )
    r.doc_closed = Document.objects.create(
        item=r.closed_item, kind="report", title="Ngân sách họp kín (tài liệu)", is_public=True, created_at=NOW
    )

    r.official = make_official(c.council, 1, listed_in=c.session)
    r.official2 = make_official(c.council, 2, listed_in=c.session)
    r.official2.full_name = "Lê Văn Hùng"
    r.official2.save()
    asker, asker2 = c.delegates[1], c.delegates[2]
    r.q_budget = _question(c, c.session, asker, r.official, "Đề nghị làm rõ việc phân bổ ngân sách theo nghị quyết")
    r.q_written = _question(
        c,
        c.session,
        asker2,
        r.official2,
        "Tiến độ giải phóng mặt bằng",
        status="written",
        written_due=dt.date(2026, 12, 30),
        written_answer="Sở sẽ hoàn thành trong quý I",
        registered_at=NOW - dt.timedelta(days=2),
    )
    r.q_oral = _question(c, c.session, asker2, r.official, "Ô nhiễm môi trường làng nghề", status="answered")
    QuestionStep.objects.create(
        question=r.q_oral, number=1, kind="answer", official=r.official, started_at=NOW, ended_at=NOW
    )
    secret_topic = QuestionTopic.objects.create(session=c.session, item=r.secret_item, title="Nhóm kín")
    r.q_secret = _question(c, c.session, asker, r.official, "Nghị quyết ngân sách nhóm kín", topic=secret_topic)
    r.q_hidden = _question(c, r.hidden_session, asker, r.official, "Nghị quyết ngân sách kỳ họp kín")

    r.p_open = _promise(
        c.session, r.official, "Bố trí ngân sách cho trường học", dt.date(2027, 6, 30), question=r.q_budget
    )
    r.p_overdue = _promise(c.session, r.official2, "Hoàn thành đường giao thông", dt.date(2026, 1, 31))
    r.p_done = _promise(
        c.session, r.official, "Xử lý ô nhiễm", dt.date(2026, 11, 30), status="done", done_at=NOW, question=r.q_oral
    )
    r.p_hidden = _promise(r.hidden_session, r.official, "Ngân sách kỳ họp kín", dt.date(2027, 6, 30))

    r.named = Person.objects.filter(pk=presenter.pk)
    r.named.update(full_name="Nguyễn Thị Đào", occupation="Giáo viên", email="bimat@example.invalid", phone="0901")
    r.gone = make_delegate(c.council, c.term, seat=9, end=dt.date(2026, 10, 1))
    Membership.objects.filter(person=c.delegates[1]).update(role="chair")
    return Archive(c, other, r)


# -- search that ignores diacritics -------------------------------------------------------------------------


def test_search_ignores_diacritics_on_every_new_list(archive):
    r = archive.rows
    assert ids(get("/api/agenda-items/", search="nghi quyet ngan sach")) == [r.budget.pk, r.other_item.pk]
    assert ids(get("/api/agenda-items/", search="NGHỊ QUYẾT  ngân SÁCH", council=archive.c.council.pk)) == [r.budget.pk]
    assert ids(get("/api/documents/", search="to trinh nghi quyet ngan sach")) == [r.doc.pk]
    assert ids(get("/api/documents/", search="nghi quyet ngan sach")) == [
        r.doc.pk,
        r.doc_draft.pk,
    ]  # or its item's title
    assert ids(get("/api/questions/", search="nghi quyet ngan sach")) == [r.q_budget.pk]
    assert ids(get("/api/questions/", search="hoan thanh trong QUY")) == [r.q_written.pk]  # in the written answer
    assert ids(get("/api/questions/", search="le van hung")) == [r.q_written.pk]  # the respondent's name
    assert ids(get("/api/promises/", search="ngan sach truong hoc")) == [r.p_open.pk]
    assert ids(get("/api/people/", search="nguyen thi dao")) == [archive.c.delegates[0].pk]
    assert ids(get("/api/people/", search="giao vien")) == [archive.c.delegates[0].pk]
    assert ids(get("/api/councils/", search="thu nghiem", level="commune")) == [archive.other.council.pk]
    assert ids(get("/api/terms/", search="khoa xi", council=archive.c.council.pk)) == [archive.c.term.pk]
    assert ids(get("/api/sittings/", search="KY HOP thu 1", council=archive.other.council.pk)) == [
        archive.other.sitting.pk
    ]
    assert ids(get("/api/sittings/", search="ky hop kin ve ngan sach")) == []  # the non-public session's sitting
    assert ids(get("/api/agenda-items/", search="khong co chu nay")) == []


def test_people_search_never_looks_in_private_fields(archive):
    assert ids(get("/api/people/", search="bimat")) == []
    assert ids(get("/api/people/", search="0901")) == []


def test_poll_search_filters_and_ordering(record):
    polls = record.polls
    assert ids(get("/api/polls/", search="nghi quyet ke hoach DAU TU")) == [polls["named"].pk]
    assert set(ids(get("/api/polls/", method="secret"))) == {polls["secret"].pk, polls["confidence"].pk}
    assert ids(get("/api/polls/", kind="confidence")) == [polls["confidence"].pk]
    assert ids(get("/api/polls/", status="closed")) == [polls["unpublished"].pk]
    assert ids(get("/api/polls/", search="thong qua", ordering="title")) == [
        polls["secret"].pk,
        polls["named"].pk,
        polls["hands"].pk,
    ]
    council = record.hall.c.council
    assert len(ids(get("/api/polls/", council=council.pk, level="province", year=2026, session_type="regular"))) == 5
    assert ids(get("/api/polls/", year=2025)) == []
    assert ids(get("/api/polls/", level="commune")) == []
    assert ids(get("/api/polls/", date_from="2026-12-08", date_to="2026-12-08", kind="confidence")) == [
        polls["confidence"].pk
    ]


def test_closed_door_polls_stay_hidden_from_anonymous_filters(record):
    closed = record.polls["closed_door"]
    for params in (
        {"search": "bieu quyet hop kin"},
        {"sitting": closed.sitting_id},
        {"status": "published"},
        {"method": "named", "ordering": "-date"},
    ):
        assert closed.pk not in ids(get("/api/polls/", **params)), params
    member = record.hall.user(0)
    assert ids(get("/api/polls/", member, search="bieu quyet hop kin")) == [closed.pk]


# -- filters and ordering ------------------------------------------------------------------------------------


def test_agenda_item_filters_and_ordering(archive):
    r, c = archive.rows, archive.c
    assert ids(get("/api/agenda-items/", kind="report")) == [r.report.pk]
    assert ids(get("/api/agenda-items/", state="done")) == [r.report.pk]
    assert ids(get("/api/agenda-items/", delegate=c.delegates[0].pk)) == [r.budget.pk]
    assert ids(get("/api/agenda-items/", sitting=c.sitting.pk)) == [r.budget.pk]
    assert ids(get("/api/agenda-items/", session_type="thematic")) == [r.other_item.pk]
    assert ids(get("/api/agenda-items/", session_type="regular", council=archive.other.council.pk)) == []
    assert ids(get("/api/agenda-items/", level="commune")) == [r.other_item.pk]
    assert ids(get("/api/agenda-items/", term=c.term.pk, ordering="-order")) == [r.report.pk, r.budget.pk]
    assert ids(get("/api/agenda-items/", council=c.council.pk, ordering="title")) == [r.report.pk, r.budget.pk]
    assert ids(get("/api/agenda-items/", council=c.council.pk, year=2026, date_from="2026-12-08")) == [
        r.budget.pk,
        r.report.pk,
    ]
    assert ids(get("/api/agenda-items/", year=2027)) == []


def test_document_filters(archive):
    r = archive.rows
    assert ids(get("/api/documents/", kind="submission")) == [r.doc.pk]
    assert ids(get("/api/documents/", item=r.budget.pk, ordering="-created_at")) == [r.doc.pk, r.doc_draft.pk]
    assert ids(get("/api/documents/", year=2025)) == [r.doc_draft.pk]
    assert ids(get("/api/documents/", date_from="2026-01-01", session=archive.c.session.pk)) == [r.doc.pk]


def test_question_filters_and_answers(archive):
    r, c = archive.rows, archive.c
    assert ids(get("/api/questions/", delegate=c.delegates[2].pk)) == [r.q_written.pk, r.q_oral.pk]
    assert ids(get("/api/questions/", respondent=r.official2.pk)) == [r.q_written.pk]
    assert ids(get("/api/questions/", status="answered")) == [r.q_oral.pk]
    assert ids(get("/api/questions/", answered="true")) == [r.q_written.pk, r.q_oral.pk]
    assert ids(get("/api/questions/", answered="false")) == [r.q_budget.pk]
    # dated by the day asked (here the session's opening, 08/12), not the day the slip was registered (06/12)
    assert ids(get("/api/questions/", date_to="2026-12-07")) == []
    assert ids(get("/api/questions/", date_from="2026-12-08", date_to="2026-12-08")) == [
        r.q_budget.pk,
        r.q_written.pk,
        r.q_oral.pk,
    ]
    assert (
        ids(get("/api/questions/", ordering="-registered_at", council=c.council.pk, level="province"))[-1]
        == r.q_written.pk
    )
    assert ids(get("/api/questions/", level="commune")) == []


def test_promise_filters(archive):
    r, c = archive.rows, archive.c
    assert ids(get("/api/promises/", status="overdue")) == [r.p_overdue.pk]
    assert ids(get("/api/promises/", status="open")) == [r.p_open.pk]
    assert ids(get("/api/promises/", status="done")) == [r.p_done.pk]
    assert ids(get("/api/promises/", respondent=r.official.pk)) == [r.p_done.pk, r.p_open.pk]
    assert ids(get("/api/promises/", delegate=c.delegates[1].pk)) == [r.p_open.pk]
    assert ids(get("/api/promises/", due_year=2027)) == [r.p_open.pk]
    assert ids(get("/api/promises/", due_from="2026-11-01", due_to="2026-12-31")) == [r.p_done.pk]
    # year and dates: the day the promise was made (its question's, or its session's), not its due date
    assert ids(get("/api/promises/", year=2026)) == [r.p_overdue.pk, r.p_done.pk, r.p_open.pk]
    assert ids(get("/api/promises/", year=2027)) == []
    assert ids(get("/api/promises/", ordering="-due_date", term=c.term.pk)) == [
        r.p_open.pk,
        r.p_done.pk,
        r.p_overdue.pk,
    ]


def test_people_filters(archive):
    c, r = archive.c, archive.rows
    everyone = {p.pk for p in c.delegates} | {r.gone.pk}
    assert set(ids(get("/api/people/", council=c.council.pk))) == everyone
    assert ids(get("/api/people/", level="commune")) == [archive.other.delegates[0].pk]
    assert ids(get("/api/people/", role="chair")) == [c.delegates[1].pk]
    assert r.gone.pk not in ids(get("/api/people/", year=2027, council=c.council.pk))
    assert r.gone.pk in ids(get("/api/people/", date_from="2026-09-01", date_to="2026-09-30"))
    assert ids(get("/api/people/", date_to="2026-06-30")) == []  # before every term
    by_name = ids(get("/api/people/", term=c.term.pk, ordering="full_name"))
    assert ids(get("/api/people/", term=c.term.pk, ordering="-full_name")) == by_name[::-1] and len(by_name) == 4


def test_councils_terms_and_sittings(archive):
    c, other, r = archive.c, archive.other, archive.rows
    assert ids(get("/api/councils/", level="province", ordering="-name")) == [c.council.pk]
    assert ids(get("/api/terms/", year=2030, level="commune")) == [other.term.pk]
    assert ids(get("/api/terms/", year=2040)) == []
    assert ids(get("/api/terms/", date_from="2031-06-30", council=c.council.pk)) == [c.term.pk]
    assert ids(get("/api/sittings/", council=c.council.pk, ordering="number")) == [c.sitting.pk, r.closed_sitting.pk]
    assert ids(get("/api/sittings/", closed_door="true")) == [r.closed_sitting.pk]
    assert ids(get("/api/sittings/", status="open", level="commune")) == [other.sitting.pk]
    assert ids(get("/api/sittings/", session_type="thematic")) == [other.sitting.pk]


def test_sittings_list_shows_closed_door_sittings_only_as_existing(archive):
    c, r = archive.c, archive.rows
    rows = {row["id"]: row for row in get("/api/sittings/", council=c.council.pk).json()["results"]}
    assert set(rows) == {c.sitting.pk, r.closed_sitting.pk}  # not the non-public session's sitting
    assert "attendance" not in rows[r.closed_sitting.pk] and "attendance" in rows[c.sitting.pk]
    mine = {row["id"]: row for row in get("/api/sittings/", c.secretariat, council=c.council.pk).json()["results"]}
    assert set(mine) == {c.sitting.pk, r.closed_sitting.pk, r.hidden_sitting.pk}
    assert "attendance" in mine[r.closed_sitting.pk]
    assert r.hidden_sitting.pk not in ids(get("/api/sittings/", archive.other.secretariat, session=r.hidden_session.pk))


# -- nothing non-public through the filters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "hidden"),
    [
        ("/api/agenda-items/", ["secret_item", "closed_item", "hidden_item"]),
        ("/api/documents/", ["doc_private", "doc_closed"]),
        ("/api/questions/", ["q_secret", "q_hidden"]),
        ("/api/promises/", ["p_hidden"]),
    ],
)
def test_anonymous_filters_never_reach_non_public_rows(archive, path, hidden):
    r, c = archive.rows, archive.c
    hidden_ids = {getattr(r, name).pk for name in hidden}
    probes = [
        {"search": "ngan sach"},
        {"search": "nghi quyet ngan sach"},
        {"council": c.council.pk},
        {"session": r.hidden_session.pk},
        {"sitting": r.closed_sitting.pk},
        {"item": r.secret_item.pk},
        {"item": r.closed_item.pk},
        {"kind": "draft_resolution"},
        {"kind": "report"},
        {"status": "registered"},
        {"year": 2026},
        {"ordering": "-date"},
        {"page_size": 500},
    ]
    for params in probes:
        response = get(path, **params)
        if response.status_code == 400:  # a filter this list does not know, or an ordering it does not have
            continue
        assert not hidden_ids & set(ids(response)), params
    member = c.delegates[0].user  # the council's own delegates see them all
    assert hidden_ids <= set(ids(get(path, member, page_size=500)))


def test_other_councils_members_see_only_the_public_part(archive):
    r = archive.rows
    stranger = archive.other.secretariat
    assert r.hidden_item.pk not in ids(get("/api/agenda-items/", stranger, search="ngan sach"))
    assert r.q_hidden.pk not in ids(get("/api/questions/", stranger, session=r.hidden_session.pk))


# -- bad input ----------------------------------------------------------------------------------------------------

BAD = [
    ("/api/agenda-items/", {"ordering": "password"}, "ordering"),
    ("/api/agenda-items/", {"kind": "speech"}, "kind"),
    ("/api/agenda-items/", {"state": "lost"}, "state"),
    ("/api/agenda-items/", {"session": "abc"}, "session"),
    ("/api/agenda-items/", {"parent": "99999999999999999999999"}, "parent"),
    ("/api/agenda-items/", {"sitting": "²"}, "sitting"),
    ("/api/agenda-items/", {"date_from": "2026-02-30"}, "date_from"),
    ("/api/documents/", {"kind": "novel"}, "kind"),
    ("/api/documents/", {"item": "-1"}, "item"),
    ("/api/documents/", {"date_to": "08/12/2026"}, "date_to"),
    ("/api/speaker-requests/", {"status": "shouting"}, "status"),
    ("/api/speaker-requests/", {"kind": "song"}, "kind"),
    ("/api/polls/", {"method": "raised_hands"}, "method"),
    ("/api/polls/", {"kind": "referendum"}, "kind"),
    ("/api/polls/", {"ordering": "votes"}, "ordering"),
    ("/api/polls/", {"session": "99999999999999999999999"}, "session"),
    ("/api/polls/", {"session_type": "secret"}, "session_type"),
    ("/api/questions/", {"status": "lost"}, "status"),
    ("/api/questions/", {"answered": "perhaps"}, "answered"),
    ("/api/questions/", {"delegate": "1.5"}, "delegate"),
    ("/api/questions/", {"year": "năm nay"}, "year"),
    ("/api/questions/", {"date_from": "2026-12-31", "date_to": "2026-01-01"}, "date_to"),
    ("/api/promises/", {"status": "broken"}, "status"),
    ("/api/promises/", {"respondent": "x"}, "respondent"),
    ("/api/promises/", {"ordering": "-id; drop table"}, "ordering"),
    ("/api/promises/", {"due_from": "2026-12-31", "due_to": "2026-01-01"}, "due_to"),
    ("/api/questions/", {"answered_in": "floor"}, "answered_in"),
    ("/api/people/", {"role": "king"}, "role"),
    ("/api/people/", {"council": "99999999999999999999999"}, "council"),
    ("/api/people/", {"on": "31-12-2026"}, "on"),
    ("/api/people/", {"ordering": "email"}, "ordering"),
    ("/api/councils/", {"level": "galaxy"}, "level"),
    ("/api/councils/", {"parent": "abc"}, "parent"),
    ("/api/terms/", {"council": "²"}, "council"),
    ("/api/terms/", {"year": "1800"}, "year"),
    ("/api/sittings/", {"closed_door": "maybe"}, "closed_door"),
    ("/api/sittings/", {"status": "sleeping"}, "status"),
    ("/api/sittings/", {"ordering": "title"}, "ordering"),
    ("/api/officials/", {"council": "99999999999999999999999"}, "council"),
    ("/api/explanation-sessions/", {"session": "²"}, "session"),
    ("/api/speaking-time/", {"council": "99999999999999999999999"}, "session|council"),
    ("/api/promises/report-due/", {"next_session": "²"}, "next_session"),
]


def _counts() -> dict[str, int]:
    models = (AgendaItem, Document, Question, Promise, Poll, Person, Membership, Session, Sitting, Term, SpeakerRequest)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize(("path", "params", "field"), BAD)
def test_bad_filters_answer_request_invalid_naming_the_field_and_change_nothing(archive, path, params, field):
    before = _counts()
    for user in (None, archive.c.secretariat):
        response = get(path, user, **params)
        assert response.status_code == 400, (response.status_code, response.content)
        error = response.json()["error"]
        assert error["code"] == "request.invalid" and field in str(error["details"])
    assert _counts() == before


def test_an_unknown_choice_lists_the_accepted_values(archive):
    details = get("/api/agenda-items/", kind="speech").json()["error"]["details"]
    assert "draft_resolution" in str(details["fields"]["kind"])
    details = get("/api/promises/", status="broken").json()["error"]["details"]
    assert "overdue" in str(details["fields"]["status"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/agenda-items/",
        "/api/documents/",
        "/api/questions/",
        "/api/promises/",
        "/api/people/",
        "/api/councils/",
        "/api/terms/",
        "/api/sittings/",
        "/api/speaker-requests/",
        "/api/polls/",
    ],
)
@pytest.mark.parametrize("page", ["999", "0", "x"])
def test_pages_out_of_range_are_not_found_everywhere(archive, path, page):
    response = get(path, page=page)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


# -- conditional requests --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/sittings/?council={c}",
        "/api/people/?search=dao",
        "/api/agenda-items/?search=ngan+sach",
        "/api/documents/?kind=submission",
        "/api/promises/?status=open",
        "/api/terms/?year=2027",
    ],
)
def test_filtered_lists_are_conditional(archive, path):
    api = client()
    url = path.format(c=archive.c.council.pk)
    first = api.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    AgendaItem.objects.filter(pk=archive.rows.budget.pk).update(title="Dự thảo Nghị quyết về ngân sách (sửa đổi)")
    if "agenda-items" in url:
        assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_numbered_document_version_is_last_modified_at_its_upload(archive):
    c = archive.c
    document = agenda_services.document_upload(
        actor=c.secretariat,
        item=archive.rows.budget,
        title="Phụ lục ngân sách",
        file=upload("phu-luc.pdf", pdf_bytes()),
        is_public=True,
    )
    version = document.versions.get()
    api = client()
    response = api.get(f"/api/documents/{document.pk}/versions/1/file")
    assert response.status_code == 200
    modified = response["Last-Modified"]
    assert modified.endswith("GMT") and str(version.uploaded_at.astimezone(dt.UTC).year) in modified
    assert api.get(f"/api/documents/{document.pk}/versions/1/file", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert "Last-Modified" not in api.get(f"/api/documents/{document.pk}/file")
    private = agenda_services.document_upload(
        actor=c.secretariat, item=archive.rows.budget, title="Nội bộ", file=upload("noi-bo.pdf", pdf_bytes())
    )
    refused = api.get(
        f"/api/documents/{private.pk}/versions/1/file",
        HTTP_IF_MODIFIED_SINCE=timezone.now().strftime("%a, %d %b %Y %H:%M:%S GMT"),
    )
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "auth.required"  # checked before any 304


def test_the_schema_documents_the_new_query_parameters():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()

    def params(path: str) -> set[str]:
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    common = {"search", "ordering", "year", "date_from", "date_to", "page", "page_size"}
    scope = {"council", "level", "term", "session", "session_type"}
    assert common | scope | {"sitting", "item", "status", "kind", "method"} <= params("/api/polls/")
    assert common | scope | {"sitting", "parent", "state", "kind", "delegate"} <= params("/api/agenda-items/")
    assert common | scope | {"item", "kind"} <= params("/api/documents/")
    assert common | scope | {"item", "topic", "delegate", "respondent", "status", "answered"} <= params(
        "/api/questions/"
    )
    assert common | scope | {"respondent", "delegate", "question", "status"} <= params("/api/promises/")
    assert common | {"council", "term", "level", "role", "on"} <= params("/api/people/")
    assert common | scope | {"status", "closed_door"} <= params("/api/sittings/")
    assert {"search", "ordering", "level", "parent"} <= params("/api/councils/") and "year" not in params(
        "/api/councils/"
    )
    assert common | {"council", "level"} <= params("/api/terms/")
    assert scope <= params("/api/resolutions/")
    kinds = next(p for p in schema["paths"]["/api/agenda-items/"]["get"]["parameters"] if p["name"] == "kind")
    assert "draft_resolution" in kinds["schema"]["enum"]
