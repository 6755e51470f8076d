"""The permission matrix's world and one valid request per write operation (issue 14).

``world()`` builds council A (its session not public, so reads tell roles apart; a sitting open today) and
council B, the eight roles' users and one object of each kind. Each write operation has a *case*: a function
that, inside the cell's own savepoint, prepares the state the operation needs (as A's secretariat, through the
REST API itself) and returns the request, with a body that is valid for A's secretariat. So a cell shows the
role check: the roles allowed succeed, the others are refused with 401/403 (or 404 for what they cannot see).
The same body is sent as every role; where an operation acts for the sender (a vote, a check-in, a request to
speak, a question slip) the body names nobody, so it is the sender's own."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import timezone
from openpyxl import Workbook
from rest_framework.test import APIClient

from agenda import services as agenda_services
from agenda.models import AgendaItem, ItemKind, Official, QuestionTopic
from sessions_app.models import Committee, DelegateGroup, Person, User
from tests.agenda.helpers import pdf_bytes
from tests.factories import Council_, make_delegate, make_user
from voting import services as voting_services
from voting.crypto.board import sums_decode
from voting.crypto.tally import partial_make, share_make
from voting.models import Poll
from voting.simulate import ballot_for

ROLES = [
    "anonymous",
    "delegate",
    "delegate_other_council",
    "delegate_seat_ended",
    "secretariat_other_council",
    "secretariat",
    "chair",
    "administrator",
]


@dataclass
class Call:
    """One request: JSON ``body`` (None: no body), or a multipart form when ``multipart``."""

    url: str
    body: Any = None
    multipart: bool = False


@dataclass
class World:
    a: Council_
    b: Council_
    users: dict[str, User | None]
    ids: dict[str, int]
    today: dt.date
    staff: APIClient = field(default_factory=APIClient)

    def make(self, method: str, url: str, body: Any = None, *, multipart: bool = False) -> Any:
        """A setup request as A's secretariat; it must succeed."""
        response = self.staff.generic(method, url, **_encode(body, multipart))
        assert 200 <= response.status_code < 300, (method, url, response.status_code, response.content[:600])
        return response.json() if response.content else None


def _encode(body: Any, multipart: bool) -> dict[str, Any]:
    if multipart:
        return {"data": encode_multipart(BOUNDARY, body or {}), "content_type": MULTIPART_CONTENT}
    return {"data": "" if body is None else json.dumps(body), "content_type": "application/json"}


def encode(call: Call) -> dict[str, Any]:
    return _encode(call.body, call.multipart)


def world() -> World:
    today = timezone.localdate()
    a, b = Council_(n=3), Council_(n=1)
    for council in (a, b):
        council.session.start_date, council.session.end_date = today, today + dt.timedelta(days=2)
        council.session.save()
        council.sitting.date = today
        council.sitting.save()
    a.session.is_public = False
    a.session.status = "in_progress"  # its sitting is open
    a.session.save()
    yesterday = today - dt.timedelta(days=1)
    ended = make_delegate(a.council, a.term, seat=90, start=min(yesterday, dt.date(2026, 7, 1)), end=yesterday)
    users: dict[str, User | None] = {
        "anonymous": None,
        "delegate": a.delegates[0].user,
        "delegate_other_council": b.delegates[0].user,
        "delegate_seat_ended": ended.user,
        "secretariat_other_council": b.secretariat,
        "secretariat": a.secretariat,
        "chair": a.chair,
        "administrator": make_user(superuser=True),
    }
    item = AgendaItem.objects.create(session=a.session, sitting=a.sitting, title="Mục thử")
    document = agenda_services.document_upload(
        actor=a.secretariat, item=item, title="Tờ trình thử", file=SimpleUploadedFile("a.pdf", pdf_bytes())
    )
    poll = voting_services.poll_create(
        actor=a.secretariat, session=a.session, sitting=a.sitting, title="Biểu quyết thử"
    )
    resolution = voting_services.resolution_create(
        actor=a.secretariat, session=a.session, title="Nghị quyết thử", text="Điều 1."
    )
    official = Official.objects.create(council=a.council, full_name="Cán bộ Thử 01", title="Giám đốc", agency="Sở")
    agenda_services.session_respondent_add(actor=a.secretariat, session=a.session, official=official)
    topic = QuestionTopic.objects.create(session=a.session, title="Nhóm vấn đề thử", position=1)
    committee = Committee.objects.create(council=a.council, term=a.term, name="Ban Pháp chế thử")
    group = DelegateGroup.objects.create(council=a.council, term=a.term, name="Tổ đại biểu thử 01")
    ids = {
        "councils": a.council.pk,
        "terms": a.term.pk,
        "sessions": a.session.pk,
        "sittings": a.sitting.pk,
        "people": a.delegates[1].pk,
        "agenda-items": item.pk,
        "documents": document.pk,
        "polls": poll.pk,
        "resolutions": resolution.pk,
        "officials": official.pk,
        "question-topics": topic.pk,
        "committees": committee.pk,
        "delegate-groups": group.pk,
    }
    w = World(a=a, b=b, users=users, ids=ids, today=today)
    w.staff.force_authenticate(a.secretariat)
    _readable(w)
    return w


def _readable(w: World) -> None:
    """One more object of each kind the reads name by id (council A's, made by its secretariat)."""
    for kind, body in RECORDS.items():
        w.ids[f"activity/{kind}"] = w.make("POST", f"/api/activity/{kind}/", body(w))["id"]
    evidence = w.make("POST", "/api/activity/evidence/", _evidence_body(w), multipart=True)
    w.ids["activity/evidence"] = evidence["id"]
    sheet = w.make(
        "POST",
        "/api/score-sheets/",
        {"council": w.a.council.pk, "year": w.today.year, "target_kind": "delegates", "title": "Thi đua đại biểu"},
    )
    w.ids["score-sheets"] = sheet["id"]
    w.ids["criteria"] = _criterion(w, sheet)["id"]
    w.ids["explanation-sessions"] = _explanation(w)["id"]
    w.ids["promises"] = _promise(w)["id"]
    w.ids["questions"] = _question(w)["id"]
    request = {"item": w.ids["agenda-items"], "person": w.a.delegates[2].pk}  # not the cases' delegate
    w.ids["speaker-requests"] = w.make("POST", "/api/speaker-requests/", request)["id"]
    w.ids["statistics/councils"] = w.a.council.pk
    w.ids["statistics/sessions"] = w.a.session.pk


def _day(w: World, days: int = 0) -> str:
    return (w.today + dt.timedelta(days=days)).isoformat()


def _pdf(name: str = "a.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def _xlsx(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(
        "a.xlsx", out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


CASES: dict[str, Callable[[World], Call]] = {}


def case(*operations: str) -> Callable[[Callable[[World], Call]], Callable[[World], Call]]:
    def register(function: Callable[[World], Call]) -> Callable[[World], Call]:
        for operation in operations:
            assert operation not in CASES, operation
            CASES[operation] = function
        return function

    return register


# ---------------------------------------------------------------- councils, terms, people, seats, organs


@case("POST /api/councils/")
def _(w: World) -> Call:
    return Call("/api/councils/", {"name": "HĐND xã Thử Mới", "level": "commune", "code": "thu-moi-01"})


@case("PATCH /api/councils/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/councils/{w.a.council.pk}/", {"short_name": "Thử"})


@case("POST /api/terms/")
def _(w: World) -> Call:
    return Call(
        "/api/terms/",
        {
            "council": w.a.council.pk,
            "label": "2031-2036",
            "ordinal": "khóa XII",
            "start_date": "2031-07-01",
            "end_date": "2036-06-30",
        },
    )


@case("PATCH /api/terms/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/terms/{w.a.term.pk}/", {"ordinal": "khóa XI (sửa)"})


@case("POST /api/people/")
def _(w: World) -> Call:
    return Call("/api/people/", {"council": w.a.council.pk, "full_name": "Người Thử Mới"})


@case("PATCH /api/people/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/people/{w.a.delegates[1].pk}/", {"occupation": "Kỹ sư"})


@case("POST /api/people/{id}/login-codes/revoke/")
def _(w: World) -> Call:
    return Call(f"/api/people/{w.a.delegates[1].pk}/login-codes/revoke/")


@case("POST /api/memberships/")
def _(w: World) -> Call:
    person = Person.objects.create(full_name="Người Thử Nhận Ghế")
    return Call(
        "/api/memberships/",
        {"person": person.pk, "term": w.a.term.pk, "seat": 40, "start_date": _day(w)},
    )


@case("POST /api/memberships/{id}/end/")
def _(w: World) -> Call:
    membership = w.a.delegates[2].memberships.get()
    return Call(f"/api/memberships/{membership.pk}/end/", {"end_date": _day(w)})


for _organ in ("committees", "delegate-groups"):

    @case(f"POST /api/{_organ}/")
    def _(w: World, organ: str = _organ) -> Call:
        return Call(f"/api/{organ}/", {"term": w.a.term.pk, "name": "Đơn vị thử mới"})

    @case(f"PATCH /api/{_organ}/{{id}}/")
    def _(w: World, organ: str = _organ) -> Call:
        return Call(f"/api/{organ}/{w.ids[organ]}/", {"name": "Đơn vị thử (sửa)"})

    @case(f"DELETE /api/{_organ}/{{id}}/")
    def _(w: World, organ: str = _organ) -> Call:
        return Call(f"/api/{organ}/{w.ids[organ]}/")


@case("POST /api/imports/delegates/")
def _(w: World) -> Call:
    rows = [["Số ghế", "Họ và tên", "Từ ngày"], [41, "Đại biểu Nhập Thử", w.today.strftime("%d/%m/%Y")]]
    return Call(
        "/api/imports/delegates/", {"council": w.a.council.pk, "term": w.a.term.pk, "file": _xlsx(rows)}, multipart=True
    )


# ---------------------------------------------------------------- sessions and sittings


@case("POST /api/sessions/")
def _(w: World) -> Call:
    return Call(
        "/api/sessions/",
        {
            "term": w.a.term.pk,
            "number": 2,
            "title": "Kỳ họp thứ hai",
            "start_date": _day(w, 30),
            "end_date": _day(w, 31),
        },
    )


@case("PATCH /api/sessions/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/sessions/{w.a.session.pk}/", {"venue": "Hội trường thử"})


@case("POST /api/sessions/{id}/close/")
def _(w: World) -> Call:
    w.make("POST", f"/api/sittings/{w.a.sitting.pk}/close/")
    return Call(f"/api/sessions/{w.a.session.pk}/close/")


@case("POST /api/sessions/{id}/convening-notice/")
def _(w: World) -> Call:
    return Call(f"/api/sessions/{w.a.session.pk}/convening-notice/", {"file": _pdf()}, multipart=True)


@case("POST /api/sittings/")
def _(w: World) -> Call:
    return Call(
        "/api/sittings/",
        {"session": w.a.session.pk, "number": 2, "date": _day(w, 1), "start_time": "08:00"},
    )


@case("PATCH /api/sittings/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/sittings/{w.a.sitting.pk}/", {"title": "Phiên sáng"})


@case("POST /api/sittings/{id}/open/")
def _(w: World) -> Call:
    sitting = w.make(
        "POST", "/api/sittings/", {"session": w.a.session.pk, "number": 2, "date": _day(w), "start_time": "14:00"}
    )
    w.make("POST", f"/api/sittings/{w.a.sitting.pk}/close/")
    return Call(f"/api/sittings/{sitting['id']}/open/")


@case("POST /api/sittings/{id}/close/")
def _(w: World) -> Call:
    return Call(f"/api/sittings/{w.a.sitting.pk}/close/")


@case("POST /api/sittings/{id}/reopen/")
def _(w: World) -> Call:
    w.make("POST", f"/api/sittings/{w.a.sitting.pk}/close/")
    return Call(f"/api/sittings/{w.a.sitting.pk}/reopen/", {"reason": "Bấm nhầm bế mạc"})


@case("POST /api/sittings/{id}/attendance/bulk/")
def _(w: World) -> Call:
    return Call(
        f"/api/sittings/{w.a.sitting.pk}/attendance/bulk/", {"persons": [w.a.delegates[1].pk], "status": "excused"}
    )


@case("POST /api/imports/council-year/")
def _(w: World) -> Call:
    year = w.today.year - 1
    receptions = SimpleUploadedFile(
        "tiep-cong-dan.csv",
        f"Hình thức tiếp,Ngày tiếp,Lượt công dân\nĐịnh kỳ,15/05/{year},12\n".encode(),
        content_type="text/csv",
    )
    return Call(
        "/api/imports/council-year/",
        {"council": w.a.council.pk, "year": year, "receptions": receptions},
        multipart=True,
    )


@case("POST /api/sittings/{id}/attendance/")
def _(w: World) -> Call:
    return Call(f"/api/sittings/{w.a.sitting.pk}/attendance/", {"person": w.a.delegates[1].pk, "status": "excused"})


@case("POST /api/sittings/{id}/check-in/")
def _(w: World) -> Call:
    return Call(f"/api/sittings/{w.a.sitting.pk}/check-in/")


# ---------------------------------------------------------------- agenda and documents


def _item(w: World, **more: Any) -> Any:
    return w.make(
        "POST",
        "/api/agenda-items/",
        {"session": w.a.session.pk, "sitting": w.a.sitting.pk, "title": "Mục thử khác", **more},
    )


@case("POST /api/agenda-items/")
def _(w: World) -> Call:
    return Call("/api/agenda-items/", {"session": w.a.session.pk, "title": "Mục mới"})


@case("PATCH /api/agenda-items/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/agenda-items/{w.ids['agenda-items']}/", {"title": "Mục thử (sửa)"})


@case("DELETE /api/agenda-items/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/agenda-items/{_item(w)['id']}/")


@case(
    "POST /api/agenda-items/{id}/activate/", "POST /api/agenda-items/{id}/skip/", "POST /api/agenda-items/{id}/defer/"
)
def _(w: World) -> Call:
    return Call(f"/api/agenda-items/{_item(w)['id']}/{{action}}/")


@case("POST /api/agenda-items/{id}/finish/")
def _(w: World) -> Call:
    item = _item(w)
    w.make("POST", f"/api/agenda-items/{item['id']}/activate/")
    return Call(f"/api/agenda-items/{item['id']}/finish/")


@case("POST /api/agenda-items/{id}/move/")
def _(w: World) -> Call:
    return Call(f"/api/agenda-items/{_item(w)['id']}/move/", {"position": 1})


@case("POST /api/agenda-items/next/", "POST /api/agenda-items/previous/")
def _(w: World) -> Call:
    first = _item(w)
    _item(w)
    w.make("POST", f"/api/agenda-items/{first['id']}/activate/")
    return Call("/api/agenda-items/{action}/", {"sitting": w.a.sitting.pk})


@case("POST /api/agenda-items/{id}/resolution-poll/")
def _(w: World) -> Call:
    item = _item(w, kind=ItemKind.DRAFT_RESOLUTION)
    return Call(f"/api/agenda-items/{item['id']}/resolution-poll/", {"title": "Nghị quyết về việc thử"})


@case("POST /api/documents/")
def _(w: World) -> Call:
    return Call(
        "/api/documents/", {"item": w.ids["agenda-items"], "title": "Báo cáo thử", "file": _pdf()}, multipart=True
    )


@case("PATCH /api/documents/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/documents/{w.ids['documents']}/", {"title": "Tờ trình (sửa)"})


@case("POST /api/documents/{id}/versions/")
def _(w: World) -> Call:
    return Call(f"/api/documents/{w.ids['documents']}/versions/", {"file": _pdf("b.pdf")}, multipart=True)


# ---------------------------------------------------------------- speakers


def _speaker_request(w: World) -> Any:
    return w.make("POST", "/api/speaker-requests/", {"item": w.ids["agenda-items"], "person": w.a.delegates[1].pk})


@case("POST /api/speaker-requests/")
def _(w: World) -> Call:
    return Call("/api/speaker-requests/", {"item": w.ids["agenda-items"]})


@case("POST /api/speaker-requests/order/")
def _(w: World) -> Call:
    request = _speaker_request(w)
    order = [request["id"], w.ids["speaker-requests"]]  # every waiting request of the item
    return Call("/api/speaker-requests/order/", {"item": w.ids["agenda-items"], "requests": order})


@case("POST /api/speaker-requests/grant/")
def _(w: World) -> Call:
    w.make("POST", f"/api/agenda-items/{w.ids['agenda-items']}/activate/")
    request = _speaker_request(w)
    return Call("/api/speaker-requests/grant/", {"item": w.ids["agenda-items"], "request": request["id"]})


@case("POST /api/speaker-requests/{id}/withdraw/", "POST /api/speaker-requests/{id}/remove/")
def _(w: World) -> Call:
    return Call(f"/api/speaker-requests/{_speaker_request(w)['id']}/{{action}}/")


def _speaking(w: World) -> Any:
    w.make("POST", f"/api/agenda-items/{w.ids['agenda-items']}/activate/")
    request = _speaker_request(w)
    w.make("POST", "/api/speaker-requests/grant/", {"item": w.ids["agenda-items"], "request": request["id"]})
    return request


@case("POST /api/speaker-requests/{id}/pause/", "POST /api/speaker-requests/{id}/end/")
def _(w: World) -> Call:
    return Call(f"/api/speaker-requests/{_speaking(w)['id']}/{{action}}/")


@case("POST /api/speaker-requests/{id}/resume/")
def _(w: World) -> Call:
    request = _speaking(w)
    w.make("POST", f"/api/speaker-requests/{request['id']}/pause/")
    return Call(f"/api/speaker-requests/{request['id']}/resume/")


# ---------------------------------------------------------------- questioning, promises, explanations


@case("POST /api/officials/")
def _(w: World) -> Call:
    return Call(
        "/api/officials/",
        {"council": w.a.council.pk, "full_name": "Cán bộ Thử 02", "title": "Phó Giám đốc", "agency": "Sở Thử"},
    )


@case("POST /api/session-respondents/")
def _(w: World) -> Call:
    official = Official.objects.create(council=w.a.council, full_name="Cán bộ Thử 03", title="Giám đốc", agency="Sở")
    return Call("/api/session-respondents/", {"session": w.a.session.pk, "official": official.pk})


@case("POST /api/question-topics/")
def _(w: World) -> Call:
    return Call(
        "/api/question-topics/",
        {"session": w.a.session.pk, "title": "Nhóm vấn đề mới", "respondents": [w.ids["officials"]]},
    )


def _question(w: World) -> Any:
    return w.make(
        "POST",
        "/api/questions/",
        {
            "session": w.a.session.pk,
            "respondent": w.ids["officials"],
            "text": "Xin hỏi về tiến độ.",
            "asker": w.a.delegates[1].pk,
        },
    )


@case("POST /api/question-topics/{id}/arrange/")
def _(w: World) -> Call:
    return Call(f"/api/question-topics/{w.ids['question-topics']}/arrange/", {"questions": [_question(w)["id"]]})


@case("POST /api/questions/")
def _(w: World) -> Call:
    return Call(
        "/api/questions/",
        {"session": w.a.session.pk, "respondent": w.ids["officials"], "text": "Xin hỏi về trường học."},
    )


@case("POST /api/questions/{id}/withdraw/", "POST /api/questions/{id}/floor/")
def _(w: World) -> Call:
    return Call(f"/api/questions/{_question(w)['id']}/{{action}}/")


def _on_floor(w: World) -> Any:
    question = _question(w)
    w.make("POST", f"/api/questions/{question['id']}/floor/")
    return question


@case("POST /api/questions/{id}/step/")
def _(w: World) -> Call:
    return Call(f"/api/questions/{_on_floor(w)['id']}/step/", {"kind": "answer"})


@case("POST /api/questions/{id}/finish/")
def _(w: World) -> Call:
    return Call(f"/api/questions/{_on_floor(w)['id']}/finish/")


@case("POST /api/questions/to-writing/")
def _(w: World) -> Call:
    return Call(
        "/api/questions/to-writing/",
        {"session": w.a.session.pk, "sitting": w.a.sitting.pk, "questions": [_question(w)["id"]]},
    )


@case("POST /api/questions/{id}/written-answer/")
def _(w: World) -> Call:
    question = _question(w)
    w.make(
        "POST",
        "/api/questions/to-writing/",
        {"session": w.a.session.pk, "sitting": w.a.sitting.pk, "questions": [question["id"]]},
    )
    return Call(f"/api/questions/{question['id']}/written-answer/", {"text": "Trả lời bằng văn bản."})


@case("POST /api/imports/question-slips/")
def _(w: World) -> Call:
    rows = [["Số ghế", "Người bị chất vấn", "Nội dung chất vấn"], [2, "Cán bộ Thử 01", "Xin hỏi về đường làng."]]
    return Call("/api/imports/question-slips/", {"session": w.a.session.pk, "file": _xlsx(rows)}, multipart=True)


def _promise(w: World) -> Any:
    return w.make(
        "POST",
        "/api/promises/",
        {
            "official": w.ids["officials"],
            "content": "Hoàn thành đường",
            "due_date": _day(w, 60),
            "session": w.a.session.pk,
        },
    )


@case("POST /api/promises/")
def _(w: World) -> Call:
    return Call(
        "/api/promises/",
        {"official": w.ids["officials"], "content": "Sửa trường", "due_date": _day(w, 90), "session": w.a.session.pk},
    )


@case("POST /api/promises/{id}/report/")
def _(w: World) -> Call:
    return Call(f"/api/promises/{_promise(w)['id']}/report/", {"text": "Đã làm một nửa.", "done": False})


def _explanation(w: World) -> Any:
    return w.make(
        "POST",
        "/api/explanation-sessions/",
        {
            "council": w.a.council.pk,
            "topic": "Giải trình về đất đai",
            "held_on": _day(w, 20),
            "notice_date": _day(w),
            "respondents": [w.ids["officials"]],
        },
    )


@case("POST /api/explanation-sessions/")
def _(w: World) -> Call:
    return Call(
        "/api/explanation-sessions/",
        {
            "council": w.a.council.pk,
            "topic": "Giải trình về y tế",
            "held_on": _day(w, 20),
            "notice_date": _day(w),
            "respondents": [w.ids["officials"]],
        },
    )


@case("PATCH /api/explanation-sessions/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/explanation-sessions/{_explanation(w)['id']}/", {"topic": "Giải trình (sửa)"})


@case("POST /api/explanation-sessions/{id}/conclude/")
def _(w: World) -> Call:
    return Call(f"/api/explanation-sessions/{_explanation(w)['id']}/conclude/", {"conclusion": "Kết luận thử."})


# ---------------------------------------------------------------- polls and resolutions


def _poll(w: World, **more: Any) -> Any:
    return w.make(
        "POST",
        "/api/polls/",
        {"session": w.a.session.pk, "sitting": w.a.sitting.pk, "title": "Biểu quyết khác", **more},
    )


def _present(w: World) -> None:
    for person in w.a.delegates:
        w.make("POST", f"/api/sittings/{w.a.sitting.pk}/attendance/", {"person": person.pk, "status": "present"})


def _open(w: World, **more: Any) -> Any:
    _present(w)
    poll = _poll(w, **more)
    w.make("POST", f"/api/polls/{poll['id']}/open/", {"quorum_confirmed": True})
    return poll


def _closed(w: World, **more: Any) -> Any:
    poll = _open(w, **more)
    w.make("POST", f"/api/polls/{poll['id']}/close/")
    return poll


@case("POST /api/polls/")
def _(w: World) -> Call:
    return Call("/api/polls/", {"session": w.a.session.pk, "sitting": w.a.sitting.pk, "title": "Biểu quyết mới"})


@case("POST /api/polls/{id}/open/")
def _(w: World) -> Call:
    _present(w)
    return Call(f"/api/polls/{_poll(w)['id']}/open/", {"quorum_confirmed": True})


@case("POST /api/polls/{id}/cancel/")
def _(w: World) -> Call:
    return Call(f"/api/polls/{_poll(w)['id']}/cancel/", {"reason": "Nhập nhầm"})


@case("POST /api/polls/{id}/deadline-extend/")
def _(w: World) -> Call:
    return Call(f"/api/polls/{_open(w)['id']}/deadline-extend/", {"seconds": 60})


@case("POST /api/polls/{id}/close/")
def _(w: World) -> Call:
    return Call(f"/api/polls/{_open(w)['id']}/close/")


@case("POST /api/polls/{id}/publish/")
def _(w: World) -> Call:
    return Call(f"/api/polls/{_closed(w)['id']}/publish/")


@case("POST /api/polls/{id}/votes/")
def _(w: World) -> Call:
    return Call(
        f"/api/polls/{_open(w)['id']}/votes/", {"client_id": "6f1c2d3e-0000-4000-8000-000000000001", "choice": "yes"}
    )


@case("POST /api/polls/{id}/hands/")
def _(w: World) -> Call:
    poll = _open(w, method="show_of_hands")
    return Call(f"/api/polls/{poll['id']}/hands/", {"counts": {"yes": 2, "no": 0, "abstain": 0}})


@case("POST /api/polls/{id}/committee/")
def _(w: World) -> Call:
    return Call(
        f"/api/polls/{_poll(w, method='secret')['id']}/committee/",
        {"head": w.a.delegates[0].pk, "members": [w.a.delegates[1].pk]},
    )


@case("POST /api/polls/{id}/next-round/", "POST /api/polls/{id}/confirming-resolution/")
def _(w: World) -> Call:
    # An election of one seat that nobody voted in: decided, the seat unfilled.
    poll = _secret_decided(w, kind="election", candidates=[{"name": "Ứng viên Thử 01"}, {"name": "Ứng viên Thử 02"}])
    return Call(f"/api/polls/{poll['id']}/{{action}}/")


@case("POST /api/polls/{id}/no-confidence/")
def _(w: World) -> Call:
    # A confidence vote nobody voted in: decided, but no outcome calls for a vote of no confidence (reaching one
    # needs encrypted ballots), so the secretariat's cell is the state refusal (409), after the role check.
    poll = _secret_decided(w, kind="confidence", candidates=[{"name": "Cán bộ Thử 01", "title": "Giám đốc"}])
    candidate = w.make("GET", f"/api/polls/{poll['id']}/")["candidates"][0]["id"]
    return Call(f"/api/polls/{poll['id']}/no-confidence/", {"official": candidate})


@case("POST /api/resolutions/")
def _(w: World) -> Call:
    return Call("/api/resolutions/", {"session": w.a.session.pk, "title": "Nghị quyết mới", "text": "Điều 1."})


@case("PATCH /api/resolutions/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/resolutions/{w.ids['resolutions']}/", {"title": "Nghị quyết thử (sửa)"})


def _adopted(w: World) -> Any:
    _present(w)
    item = _item(w, kind=ItemKind.DRAFT_RESOLUTION)
    made = w.make(
        "POST",
        f"/api/agenda-items/{item['id']}/resolution-poll/",
        {"title": "Nghị quyết thông qua", "method": "show_of_hands"},
    )
    poll = made["poll"]["id"]
    w.make("POST", f"/api/polls/{poll}/open/", {"quorum_confirmed": True})
    w.make("POST", f"/api/polls/{poll}/hands/", {"counts": {"yes": 3, "no": 0, "abstain": 0}})
    w.make("POST", f"/api/polls/{poll}/close/")
    w.make("POST", f"/api/polls/{poll}/publish/")
    return made["resolution"]


@case("POST /api/resolutions/{id}/number/")
def _(w: World) -> Call:
    return Call(f"/api/resolutions/{_adopted(w)['id']}/number/", {"serial": 7})


@case("POST /api/resolutions/{id}/publish/")
def _(w: World) -> Call:
    return Call(f"/api/resolutions/{_adopted(w)['id']}/publish/")


@case("POST /api/resolutions/{id}/signed-document/")
def _(w: World) -> Call:
    return Call(f"/api/resolutions/{_adopted(w)['id']}/signed-document/", {"file": _pdf()}, multipart=True)


# ---------------------------------------------------------------- activity records and emulation


RECORDS: dict[str, Callable[[World], dict[str, Any]]] = {
    "supervisions": lambda w: {
        "council": w.a.council.pk,
        "title": "Giám sát thử",
        "start_date": _day(w, -20),
        "end_date": _day(w, -10),
    },
    "surveys": lambda w: {"council": w.a.council.pk, "title": "Khảo sát thử", "date": _day(w, -5)},
    "citizen-receptions": lambda w: {
        "council": w.a.council.pk,
        "date": _day(w, -5),
        "kind": "periodic",
        "citizens_received": 4,
    },
    "voter-meetings": lambda w: {"council": w.a.council.pk, "date": _day(w, -5), "voters_attending": 30},
    "good-practices": lambda w: {
        "council": w.a.council.pk,
        "title": "Cách làm hay",
        "description": "Mô tả.",
        "recognized_on": _day(w, -5),
    },
    "petitions": lambda w: {
        "council": w.a.council.pk,
        "content": "Kiến nghị sửa đường.",
        "field": "infrastructure",
        "authority_level": "commune",
        "received_on": _day(w, -5),
    },
}
CHANGES = {
    "supervisions": {"title": "Sửa"},
    "surveys": {"title": "Sửa"},
    "citizen-receptions": {"place": "Sửa"},
    "voter-meetings": {"place": "Sửa"},
    "good-practices": {"title": "Sửa"},
}


for _kind in RECORDS:

    @case(f"POST /api/activity/{_kind}/")
    def _(w: World, kind: str = _kind) -> Call:
        return Call(f"/api/activity/{kind}/", RECORDS[kind](w))

    @case(f"DELETE /api/activity/{_kind}/{{id}}/")
    def _(w: World, kind: str = _kind) -> Call:
        return Call(f"/api/activity/{kind}/{w.make('POST', f'/api/activity/{kind}/', RECORDS[kind](w))['id']}/")

    if _kind in CHANGES:

        @case(f"PATCH /api/activity/{_kind}/{{id}}/")
        def _(w: World, kind: str = _kind) -> Call:
            record = w.make("POST", f"/api/activity/{kind}/", RECORDS[kind](w))
            return Call(f"/api/activity/{kind}/{record['id']}/", CHANGES[kind])


@case("POST /api/activity/petitions/{id}/status/")
def _(w: World) -> Call:
    petition = w.make("POST", "/api/activity/petitions/", RECORDS["petitions"](w))
    return Call(f"/api/activity/petitions/{petition['id']}/status/", {"status": "in_progress", "on": _day(w)})


def _role_granted(w: World, username: str) -> dict[str, Any]:
    """A role given by the administrator (a council's secretariat may not grant roles) to a new account."""
    admin = APIClient()
    admin.force_authenticate(w.users["administrator"])
    body = {"username": username, "role": "chair", "full_name": "Phan Minh Khoa"}
    response = admin.post(f"/api/councils/{w.a.council.pk}/roles/", body, format="json")
    assert response.status_code == 201, response.content[:600]
    return response.json()


@case("POST /api/councils/{id}/roles/")
def _(w: World) -> Call:
    body = {"username": "thuky.matran", "role": "secretariat", "full_name": "Đinh Thị Hạnh"}
    return Call(f"/api/councils/{w.a.council.pk}/roles/", body)


@case("DELETE /api/council-roles/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/council-roles/{_role_granted(w, 'chutoa.matran')['id']}/")


@case("POST /api/council-roles/{id}/activation/")
def _(w: World) -> Call:
    return Call(f"/api/council-roles/{_role_granted(w, 'kichhoat.matran')['id']}/activation/")


def _agency(w: World) -> dict[str, Any]:
    return w.make("POST", "/api/activity/answering-agencies/", {"council": w.a.council.pk, "name": "Sở Giao thông thử"})


@case("POST /api/activity/answering-agencies/")
def _(w: World) -> Call:
    return Call("/api/activity/answering-agencies/", {"council": w.a.council.pk, "name": "Sở Tài chính thử"})


@case("PATCH /api/activity/answering-agencies/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/activity/answering-agencies/{_agency(w)['id']}/", {"active": False})


@case("POST /api/activity/petitions/{id}/assign/")
def _(w: World) -> Call:
    petition = w.make("POST", "/api/activity/petitions/", RECORDS["petitions"](w))
    return Call(f"/api/activity/petitions/{petition['id']}/assign/", {"agency": _agency(w)["id"], "on": _day(w)})


@case("POST /api/activity/petitions/{id}/answer/")
def _(w: World) -> Call:
    petition = w.make("POST", "/api/activity/petitions/", RECORDS["petitions"](w))
    w.make("POST", f"/api/activity/petitions/{petition['id']}/assign/", {"agency": _agency(w)["id"], "on": _day(w)})
    answer = {"status": "resolved", "answered_on": _day(w), "answer": "Đã sửa xong.", "answer_document": "Công văn 1"}
    return Call(f"/api/activity/petitions/{petition['id']}/answer/", answer)


def _evidence_body(w: World) -> dict[str, Any]:
    return {"council": w.a.council.pk, "title": "Minh chứng thử", "file": _pdf()}


@case("POST /api/activity/evidence/")
def _(w: World) -> Call:
    return Call("/api/activity/evidence/", _evidence_body(w), multipart=True)


@case("DELETE /api/activity/evidence/{id}/")
def _(w: World) -> Call:
    evidence = w.make("POST", "/api/activity/evidence/", _evidence_body(w), multipart=True)
    return Call(f"/api/activity/evidence/{evidence['id']}/")


def _sheet(w: World) -> Any:
    return w.make(
        "POST",
        "/api/score-sheets/",
        {"council": w.a.council.pk, "year": w.today.year, "target_kind": "committees", "title": "Thi đua thử"},
    )


def _criterion(w: World, sheet: Any) -> Any:
    return w.make(
        "POST",
        "/api/criteria/",
        {"sheet": sheet["id"], "title": "Tiêu chí thử", "max_points": "10", "method": "manual"},
    )


@case("POST /api/score-sheets/")
def _(w: World) -> Call:
    return Call(
        "/api/score-sheets/",
        {"council": w.a.council.pk, "year": w.today.year, "target_kind": "delegate_groups", "title": "Thi đua mới"},
    )


@case("PATCH /api/score-sheets/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/score-sheets/{_sheet(w)['id']}/", {"title": "Thi đua (sửa)"})


@case("POST /api/score-sheets/{id}/copy/")
def _(w: World) -> Call:
    return Call(f"/api/score-sheets/{_sheet(w)['id']}/copy/", {"year": w.today.year + 1})


@case("POST /api/score-sheets/{id}/entries/")
def _(w: World) -> Call:
    sheet = _sheet(w)
    criterion = _criterion(w, sheet)
    return Call(
        f"/api/score-sheets/{sheet['id']}/entries/",
        {"target": _target(w, sheet), "criterion": criterion["id"], "points": "5"},
    )


@case("POST /api/score-sheets/{id}/score/")
def _(w: World) -> Call:
    sheet = _sheet(w)
    _criterion(w, sheet)
    return Call(f"/api/score-sheets/{sheet['id']}/score/")


def _target(w: World, sheet: Any) -> int:
    """The sheet's one target (A's one committee): a row of the sheet, with its own id."""
    targets = w.make("GET", f"/api/score-sheets/{sheet['id']}/")["targets"]
    assert len(targets) == 1, targets
    return int(targets[0]["id"])


def _scored(w: World) -> Any:
    sheet = _sheet(w)
    criterion = _criterion(w, sheet)
    w.make(
        "POST",
        f"/api/score-sheets/{sheet['id']}/entries/",
        {"target": _target(w, sheet), "criterion": criterion["id"], "points": "5"},
    )
    w.make("POST", f"/api/score-sheets/{sheet['id']}/score/")
    return sheet


@case("POST /api/score-sheets/{id}/lock/")
def _(w: World) -> Call:
    return Call(f"/api/score-sheets/{_scored(w)['id']}/lock/")


@case("POST /api/score-sheets/{id}/publish/")
def _(w: World) -> Call:
    sheet = _scored(w)
    w.make("POST", f"/api/score-sheets/{sheet['id']}/lock/")
    return Call(f"/api/score-sheets/{sheet['id']}/publish/")


@case("POST /api/criteria/")
def _(w: World) -> Call:
    return Call("/api/criteria/", {"sheet": _sheet(w)["id"], "title": "Tiêu chí mới", "max_points": "5"})


@case("PATCH /api/criteria/{id}/", "DELETE /api/criteria/{id}/")
def _(w: World) -> Call:
    return Call(f"/api/criteria/{_criterion(w, _sheet(w))['id']}/", {"title": "Tiêu chí (sửa)"})


# ---------------------------------------------------------------- log-in


@case("POST /api/auth/login/")
def _(w: World) -> Call:
    return Call("/api/auth/login/", {"username": w.a.secretariat.username, "password": "matkhau-thu-nghiem"})


@case("POST /api/auth/logout/")
def _(w: World) -> Call:
    return Call("/api/auth/logout/")


# ---------------------------------------------------------------- the counting committee of a secret ballot
# Its members are delegates: the committee here is A's first delegate (the "delegate" role) as its head, so that
# role's cell is the member's own key share or decryption, and A's third delegate.


def _committee(w: World, poll: dict[str, Any]) -> None:
    w.make(
        "POST", f"/api/polls/{poll['id']}/committee/", {"head": w.a.delegates[0].pk, "members": [w.a.delegates[2].pk]}
    )


def _secret_with_committee(w: World) -> tuple[Any, int, dict[str, Any]]:
    poll = _poll(w, method="secret")
    _committee(w, poll)
    x, share = share_make(poll_id=poll["id"], position=1)
    return poll, x, share


@case("POST /api/polls/{id}/committee/share/")
def _(w: World) -> Call:
    poll, _, share = _secret_with_committee(w)
    return Call(f"/api/polls/{poll['id']}/committee/share/", share)


@case("POST /api/polls/{id}/committee/partial/")
def _(w: World) -> Call:
    poll, x = _secret_closed(w, ballot=True)
    board = w.make("GET", f"/api/polls/{poll['id']}/board/")
    partial = partial_make(poll_id=poll["id"], position=1, x=x, sums=sums_decode(board["sums"]))
    return Call(f"/api/polls/{poll['id']}/committee/partial/", partial)


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _secret_closed(w: World, *, ballot: bool, **more: Any) -> tuple[Any, int]:
    """A secret poll with its committee (A's first delegate, whose key share is in), opened and closed; with
    ``ballot`` A's second delegate votes "no" first, so the sums wait for the member's decryption."""
    poll = _poll(w, method="secret", **more)
    _committee(w, poll)
    x, share = share_make(poll_id=poll["id"], position=1)
    member = _client(w.a.delegates[0].user)
    assert member.post(f"/api/polls/{poll['id']}/committee/share/", share, format="json").status_code == 200
    _, other_share = share_make(poll_id=poll["id"], position=2)
    other = _client(w.a.delegates[2].user)
    assert other.post(f"/api/polls/{poll['id']}/committee/share/", other_share, format="json").status_code == 200
    _present(w)
    w.make("POST", f"/api/polls/{poll['id']}/open/", {"quorum_confirmed": True})
    if ballot:
        client_id = "6f1c2d3e-0000-4000-8000-000000000002"
        choice = ballot_for(poll=Poll.objects.get(pk=poll["id"]), client_id=client_id, choice="no")
        voted = _client(w.a.delegates[1].user).post(
            f"/api/polls/{poll['id']}/votes/", {"client_id": client_id, "choice": choice}, format="json"
        )
        assert voted.status_code == 201, voted.content[:300]
    w.make("POST", f"/api/polls/{poll['id']}/close/")
    return poll, x


def _secret_decided(w: World, **more: Any) -> Any:
    """A secret poll nobody voted in, closed: decided at once (nothing to decrypt)."""
    poll, _ = _secret_closed(w, ballot=False, **more)
    return poll
