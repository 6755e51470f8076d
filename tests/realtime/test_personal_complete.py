"""Every write that changes a delegate's ``me`` pushes ``personal`` frames, and they are complete: for each
delegate of the council, the ``me`` taken before the write with the frames pushed to that user applied
(``realtime.patch.patch_apply``, the client's reducer) equals a fresh ``snapshot_personal`` after it. Writes
that change nobody's ``me`` push nothing, and a write never sends frames to delegates it does not concern.

Each case: ``setup(w)`` prepares the state (not watched), ``write(w, ctx)`` is the write under test,
``allowed`` the delegates (indices) who may receive frames, ``types`` the frame types it may send.

The parts and what they read (``docs/realtime-protocol.md`` §5): ``agenda`` (``agenda.realtime._my_agenda``:
``SpeakerRequest.item.session/person/state`` in the open states, ``Question.session/asker/status``),
``attendance`` (``sessions_app.selectors.attendance_personal``: ``Attendance.sitting.session/person/status/
checked_out_at``), ``ballots`` (``voting.selectors.ballots_part``: ``Poll.session/status`` not draft,
``eligible_person_ids``; ``NamedBallot.person/choice/receipt``; ``SecretParticipation.person``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine

from agenda import services as agenda
from agenda.imports import question_slips_import
from agenda.models import ItemKind, SpeakerRequest
from agenda.services.questioning_record import question_recorded
from core.errors import ServiceError
from realtime.patch import patch_apply
from realtime.snapshot import snapshot_personal
from sessions_app.models import CheckInMethod
from sessions_app.services import attendance_check_in, attendance_mark, attendance_mark_many
from sessions_app.services.attendance import attendance_recorded_set
from sessions_app.services.sittings import sitting_status_set
from tests.agenda.helpers import SITTING_MORNING, make_official
from tests.factories import make_sitting
from tests.stream_schemas import frame_errors
from tests.voting.conftest import Hall, new_id
from voting import services as voting
from voting.services.casting import VoteRequest
from voting.services.deadline import poll_deadline_extend

pytestmark = pytest.mark.django_db

ALL = frozenset(range(4))


@pytest.fixture(autouse=True)
def _sitting_day():
    """The factories' sitting is held today (a past sitting's records need it held, not ahead)."""
    with time_machine.travel(SITTING_MORNING, tick=True):
        yield


class World(Hall):
    """Four delegates, the first three checked in at the open sitting; an active discussion item and a second
    pending one; a respondent on the session's list."""

    def __init__(self) -> None:
        super().__init__(n=4, present=3)
        s = self.sec
        self.item = agenda.agenda_item_create(
            actor=s, session=self.c.session, title="Thảo luận dự toán", kind=ItemKind.DISCUSSION
        )
        self.item2 = agenda.agenda_item_create(
            actor=s, session=self.c.session, title="Thảo luận kế hoạch", kind=ItemKind.DISCUSSION
        )
        agenda.agenda_item_activate(actor=s, item=self.item, sitting=self.c.sitting)
        self.official = make_official(self.c.council, 1, listed_in=self.c.session)

    def d(self, i: int) -> Any:
        return self.delegates[i]

    def ask(self, i: int, text: str = "Xin hỏi về tiến độ?") -> Any:
        return agenda.question_register(actor=self.user(i), session=self.c.session, respondent=self.official, text=text)

    def request(self, i: int, item: Any = None) -> SpeakerRequest:
        return agenda.speaker_request(actor=self.user(i), item=item or self.item)

    def speaking(self, i: int) -> SpeakerRequest:
        request = self.request(i)
        return agenda.speaker_grant(actor=self.sec, item=self.item, request=request)


@dataclass
class Case:
    name: str
    write: Callable[[World, Any], Any]
    allowed: frozenset[int]
    types: set[str]
    setup: Callable[[World], Any] = lambda w: None
    settings: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name


def _floored(w: World) -> Any:
    q = w.ask(0)
    agenda.question_floor(actor=w.sec, question=q)
    return q


def _answered(w: World) -> Any:
    q = _floored(w)
    agenda.question_step(actor=w.sec, question=q, kind="answer")
    return q


def _written(w: World) -> Any:
    q = w.ask(0)
    agenda.questions_to_writing(actor=w.sec, session=w.c.session, sitting=w.c.sitting, question_ids=[q.pk])
    return q


def _slips_csv(w: World) -> bytes:
    rows = ["Số ghế,Người bị chất vấn,Nội dung chất vấn"]
    rows += [f"{seat},{w.official.full_name},Câu hỏi số {seat}?" for seat in (2, 4)]
    return "\n".join(rows).encode()


def _past_sitting(w: World) -> Any:
    return make_sitting(w.c.session, number=2)


def _secret_poll(w: World) -> Any:
    return w.poll(
        kind="election", method="secret", seats=1, candidates=[{"name": "Hà Văn Một"}, {"name": "Lò Thị Hai"}]
    )


def _first_candidate(poll: Any) -> list[int]:
    return [poll.candidates.order_by("position").first().pk]


def _late_setup(w: World) -> Any:
    poll = w.poll()
    attendance_check_in(actor=w.user(3), sitting=w.c.sitting, person=w.d(3), method=CheckInMethod.TABLET)
    return poll


SPEAKERS = [
    Case("speaker.request (own)", lambda w, _: w.request(0), frozenset({0}), {"speaker.requested"}),
    Case(
        "speaker.request (secretariat for a delegate)",
        lambda w, _: agenda.speaker_request(actor=w.sec, item=w.item, person=w.d(1)),
        frozenset({1}),
        {"speaker.requested"},
    ),
    Case(
        "speaker.withdraw (own)",
        lambda w, r: agenda.speaker_withdraw(actor=w.user(0), request=r),
        frozenset({0}),
        {"speaker.withdrawn"},
        setup=lambda w: w.request(0),
    ),
    Case(
        "speaker.withdraw (secretariat)",
        lambda w, r: agenda.speaker_withdraw(actor=w.sec, request=r),
        frozenset({0}),
        {"speaker.withdrawn"},
        setup=lambda w: w.request(0),
    ),
    Case(
        "speaker.order (positions only)",
        lambda w, rs: agenda.speaker_order(actor=w.sec, item=w.item, request_ids=[rs[1].pk, rs[0].pk]),
        frozenset(),
        set(),
        setup=lambda w: [w.request(0), w.request(1)],
    ),
    Case(
        "speaker.grant (by request)",
        lambda w, r: agenda.speaker_grant(actor=w.sec, item=w.item, request=r),
        frozenset({0}),
        {"speaker.granted"},
        setup=lambda w: w.request(0),
    ),
    Case(
        "speaker.grant (by person)",
        lambda w, r: agenda.speaker_grant(actor=w.sec, item=w.item, person=w.d(0)),
        frozenset({0}),
        {"speaker.granted"},
        setup=lambda w: w.request(0),
    ),
    Case(
        "speaker.pause",
        lambda w, r: agenda.speaker_pause(actor=w.sec, request=r),
        frozenset({0}),
        {"speaker.paused"},
        setup=lambda w: w.speaking(0),
    ),
    Case(
        "speaker.resume",
        lambda w, r: agenda.speaker_resume(actor=w.sec, request=r),
        frozenset({0}),
        {"speaker.resumed"},
        setup=lambda w: agenda.speaker_pause(actor=w.sec, request=w.speaking(0)),
    ),
    Case(
        "speaker.end",
        lambda w, r: agenda.speaker_end(actor=w.sec, request=r),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: w.speaking(0),
    ),
    Case(
        "speaker.remove",
        lambda w, r: agenda.speaker_remove(actor=w.sec, request=r),
        frozenset({0}),
        {"speaker.removed"},
        setup=lambda w: w.request(0),
    ),
    Case(
        "agenda.next cuts the speech on the floor",
        lambda w, _: agenda.agenda_next(actor=w.sec, sitting=w.c.sitting),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: (w.speaking(0), w.request(1)),
    ),
    Case(
        "agenda.item_activate (another item) cuts the speech",
        lambda w, _: agenda.agenda_item_activate(actor=w.sec, item=w.item2, sitting=w.c.sitting),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: w.speaking(0),
    ),
    Case(
        "agenda.item_finish cuts the speech, the queue stays",
        lambda w, _: agenda.agenda_item_finish(actor=w.sec, item=w.item),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: (w.speaking(0), w.request(1)),
    ),
    Case(
        "agenda.item_skip cuts the speech",
        lambda w, _: agenda.agenda_item_skip(actor=w.sec, item=w.item),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: w.speaking(0),
    ),
    Case(
        "agenda.item_defer cuts the speech",
        lambda w, _: agenda.agenda_item_defer(actor=w.sec, item=w.item),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: w.speaking(0),
    ),
    Case(
        "agenda.previous cuts the speech",
        lambda w, _: agenda.agenda_previous(actor=w.sec, sitting=w.c.sitting),
        frozenset({0}),
        {"speaker.ended"},
        setup=lambda w: (
            agenda.agenda_item_activate(actor=w.sec, item=w.item2, sitting=w.c.sitting),
            agenda.speaker_grant(actor=w.sec, item=w.item2, request=w.request(0, w.item2)),
        ),
    ),
]

QUESTIONS = [
    Case("question.register (own)", lambda w, _: w.ask(0), frozenset({0}), {"question.registered"}),
    Case(
        "question.register (secretariat, paper slip)",
        lambda w, _: agenda.question_register(
            actor=w.sec, session=w.c.session, respondent=w.official, text="Giấy?", asker=w.d(1)
        ),
        frozenset({1}),
        {"question.registered"},
    ),
    Case(
        "question slips import",
        lambda w, _: question_slips_import(actor=w.sec, session=w.c.session, data=_slips_csv(w), dry_run=False),
        frozenset({1, 3}),
        {"question.registered"},
    ),
    Case(
        "question slips import, dry run",
        lambda w, _: question_slips_import(actor=w.sec, session=w.c.session, data=_slips_csv(w), dry_run=True),
        frozenset(),
        set(),
    ),
    Case(
        "question.record (past sitting, backfill)",
        lambda w, _: question_recorded(
            actor=w.sec, sitting=w.c.sitting, asker=w.d(2), respondent=w.official, text="Đã hỏi?", outcome="answered"
        ),
        frozenset({2}),
        {"question.registered"},
    ),
    Case(
        "question.withdraw (own)",
        lambda w, q: agenda.question_withdraw(actor=w.user(0), question=q),
        frozenset({0}),
        {"question.withdrawn"},
        setup=lambda w: w.ask(0),
    ),
    Case(
        "question.withdraw (secretariat)",
        lambda w, q: agenda.question_withdraw(actor=w.sec, question=q),
        frozenset({0}),
        {"question.withdrawn"},
        setup=lambda w: w.ask(0),
    ),
    Case(
        "question.topic_arrange",
        lambda w, qs: agenda.topic_arrange(
            actor=w.sec,
            topic=agenda.topic_create(actor=w.sec, session=w.c.session, title="Giao thông", respondents=[w.official]),
            question_ids=[q.pk for q in qs],
        ),
        frozenset({0, 1}),
        {"question.grouped"},
        setup=lambda w: [w.ask(1), w.ask(0)],
    ),
    Case(
        "question.floor",
        lambda w, q: agenda.question_floor(actor=w.sec, question=q),
        frozenset({0}),
        {"question.ask"},
        setup=lambda w: w.ask(0),
    ),
    Case(
        "question.answer (step)",
        lambda w, q: agenda.question_step(actor=w.sec, question=q, kind="answer"),
        frozenset({0}),
        {"question.answer"},
        setup=_floored,
    ),
    Case(
        "question.followup (status unchanged)",
        lambda w, q: agenda.question_step(actor=w.sec, question=q, kind="followup"),
        frozenset(),
        set(),
        setup=_answered,
    ),
    Case(
        "question.debate (status unchanged)",
        lambda w, q: agenda.question_step(actor=w.sec, question=q, kind="debate", person=w.d(1)),
        frozenset(),
        set(),
        setup=_answered,
    ),
    Case(
        "question.pause",
        lambda w, q: agenda.question_pause(actor=w.sec, question=q),
        frozenset(),
        set(),
        setup=_floored,
    ),
    Case(
        "question.finish",
        lambda w, q: agenda.question_finish(actor=w.sec, question=q),
        frozenset({0}),
        {"question.finished"},
        setup=_answered,
    ),
    Case(
        "question.to_writing (all not reached)",
        lambda w, _: agenda.questions_to_writing(actor=w.sec, session=w.c.session, sitting=w.c.sitting),
        frozenset({0, 2}),
        {"question.to_writing"},
        setup=lambda w: (w.ask(0), w.ask(2), agenda.question_withdraw(actor=w.user(1), question=w.ask(1))),
    ),
    Case(
        "question.answer_written",
        lambda w, q: agenda.question_answer_written(actor=w.sec, question=q, text="Sở trả lời bằng văn bản."),
        frozenset({0}),
        {"question.answered_in_writing"},
        setup=_written,
    ),
    Case(
        "question.link_resolution (no status change)",
        lambda w, _: agenda.questions_link_resolution(
            actor=w.sec, session=w.c.session, resolution_id=1, resolution_number="1/NQ-HĐND"
        ),
        frozenset(),
        set(),
        setup=lambda w: w.ask(0),
    ),
]

ATTENDANCE = [
    *(
        Case(
            f"attendance.check_in ({method})",
            lambda w, _, method=method: attendance_check_in(
                actor=w.user(3), sitting=w.c.sitting, person=w.d(3), method=method
            ),
            frozenset({3}),
            {"attendance.changed"},
        )
        for method in (CheckInMethod.TABLET, CheckInMethod.QR)
    ),
    Case(
        "attendance.check_in (secretariat, manual)",
        lambda w, _: attendance_check_in(actor=w.sec, sitting=w.c.sitting, person=w.d(3), method=CheckInMethod.MANUAL),
        frozenset({3}),
        {"attendance.changed"},
    ),
    *(
        Case(
            f"attendance.mark {status}",
            lambda w, _, status=status: attendance_mark(
                actor=w.sec, sitting=w.c.sitting, person=w.d(0), status=status, note="Công tác"
            ),
            frozenset({0}),
            {"attendance.changed"},
        )
        for status in ("excused", "absent")
    ),
    Case(
        "attendance.mark present (correction after excused)",
        lambda w, _: attendance_mark(actor=w.sec, sitting=w.c.sitting, person=w.d(3), status="present"),
        frozenset({3}),
        {"attendance.changed"},
        setup=lambda w: attendance_mark(actor=w.sec, sitting=w.c.sitting, person=w.d(3), status="excused"),
    ),
    Case(
        "attendance.mark_many excused",
        lambda w, _: attendance_mark_many(
            actor=w.sec, sitting=w.c.sitting, person_ids=[w.d(2).pk, w.d(3).pk], status="excused", note="Ốm"
        ),
        frozenset({2, 3}),
        {"attendance.changed"},
    ),
    Case(
        "attendance.mark_many present (one already present: untouched)",
        lambda w, _: attendance_mark_many(
            actor=w.sec, sitting=w.c.sitting, person_ids=[w.d(2).pk, w.d(3).pk], status="present"
        ),
        frozenset({3}),
        {"attendance.changed"},
    ),
    Case(
        "attendance.recorded (a past sitting's list)",
        lambda w, sitting: attendance_recorded_set(actor=w.sec, sitting=sitting, absent_seats={2}),
        ALL,
        {"attendance.changed"},
        setup=_past_sitting,
    ),
    Case(
        "sitting closed (attendance kept)",
        lambda w, _: sitting_status_set(actor=w.sec, sitting=w.c.sitting, status="closed"),
        frozenset(),
        set(),
    ),
]

VOTING = [
    Case("poll.create (draft)", lambda w, _: w.poll(open=False), frozenset(), set()),
    Case(
        "poll.open",
        lambda w, poll: voting.poll_open(actor=w.sec, poll=poll),
        ALL,
        {"poll.opened"},
        setup=lambda w: w.poll(open=False),
    ),
    Case(
        "poll.open (secret)",
        lambda w, poll: voting.poll_open(actor=w.sec, poll=poll),
        ALL,
        {"poll.opened"},
        setup=lambda w: w.committee(
            voting.poll_create(
                actor=w.sec,
                session=w.c.session,
                sitting=w.c.sitting,
                title="Bầu Phó Chủ tịch",
                kind="election",
                method="secret",
                seats=1,
                candidates=[{"name": "Hà Văn Một"}, {"name": "Lò Thị Hai"}],
            )
        ),
    ),
    Case("vote.cast (named)", lambda w, poll: w.vote(poll, 0, "no"), frozenset({0}), {"vote.cast"}, setup=Hall.poll),
    Case(
        "vote.cast (named, changed)",
        lambda w, poll: w.vote(poll, 0, "yes"),
        frozenset({0}),
        {"vote.cast"},
        setup=lambda w: (poll := w.poll(change_allowed=True), w.vote(poll, 0, "no"))[0],
    ),
    Case(
        "vote.cast (named, same client id replayed)",
        lambda w, ctx: w.vote(ctx[0], 0, "no", client_id=ctx[1]),
        frozenset(),
        set(),
        setup=lambda w: (poll := w.poll(), cid := new_id(), w.vote(poll, 0, "no", client_id=cid))[:2],
    ),
    Case(
        "vote.cast (secret)",
        lambda w, poll: w.vote(poll, 1, _first_candidate(poll)),
        frozenset({1}),
        {"vote.cast"},
        setup=_secret_poll,
    ),
    Case(
        "votes_cast (batch of two)",
        lambda w, poll: voting.votes_cast(
            requests=[VoteRequest(actor=w.user(i), poll_id=poll.pk, choice="yes", client_id=new_id()) for i in (0, 2)]
        ),
        frozenset({0, 2}),
        {"vote.cast"},
        setup=Hall.poll,
    ),
    Case(
        "vote.cast (late check-in may vote)",
        lambda w, poll: w.vote(poll, 3, "yes"),
        frozenset({3}),
        {"vote.cast"},
        setup=_late_setup,
        settings={"LATE_CHECKIN_MAY_VOTE": True},
    ),
    Case(
        "poll.deadline_extend",
        lambda w, poll: poll_deadline_extend(actor=w.sec, poll=poll, seconds=60),
        frozenset(),
        set(),
        setup=Hall.poll,
    ),
    Case(
        "poll.close and publish",
        lambda w, poll: voting.poll_publish(actor=w.sec, poll=w.close(poll)),
        frozenset(),
        set(),
        setup=lambda w: (poll := w.poll(), w.vote(poll, 0))[0],
    ),
    Case(
        "poll.cancel (open)",
        lambda w, poll: voting.poll_cancel(actor=w.sec, poll=poll, reason="Lỗi kỹ thuật"),
        frozenset(),
        set(),
        setup=lambda w: (poll := w.poll(), w.vote(poll, 0))[0],
    ),
    Case(
        "poll.cancel (draft: now listed, nobody eligible)",
        lambda w, poll: voting.poll_cancel(actor=w.sec, poll=poll, reason="Không cần"),
        ALL,
        {"poll.cancelled"},
        setup=lambda w: w.poll(open=False),
    ),
    Case(
        "poll.hands (show of hands counts)",
        lambda w, poll: voting.poll_hands_record(actor=w.sec, poll=poll, counts={"yes": 2, "no": 1}),
        frozenset(),
        set(),
        setup=lambda w: w.poll(method="show_of_hands"),
    ),
]

CASES = [*SPEAKERS, *QUESTIONS, *ATTENDANCE, *VOTING]


def _me(w: World, i: int) -> dict[str, Any]:
    """``me`` as the socket receives it (JSON: sitting and poll ids are string keys)."""
    return json.loads(json.dumps(snapshot_personal(session=w.c.session, user=w.user(i))))


def check_write(w: World, case: Case, pushed: list[dict], capture: Any) -> list[dict]:
    ctx = case.setup(w)
    before = {i: _me(w, i) for i in ALL}
    pushed.clear()
    with capture(execute=True):
        case.write(w, ctx)
    frames = json.loads(json.dumps(pushed))
    by_user = {w.user(i).pk: i for i in ALL}
    for frame in frames:
        wire = {"kind": "personal", "session": frame["session_id"], **{k: frame[k] for k in ("type", "data", "patch")}}
        assert frame_errors(wire) == [], (case.name, wire)
        assert frame["session_id"] == w.c.session.pk
    receivers = {by_user[f["user_id"]] for f in frames}
    assert receivers <= case.allowed, f"{case}: frames to delegates {sorted(receivers - case.allowed)}"
    assert {f["type"] for f in frames} <= case.types, case.name
    for i in ALL:
        me = before[i]
        for frame in (f for f in frames if f["user_id"] == w.user(i).pk):
            me = patch_apply(me, frame["patch"])
        assert me == _me(w, i), f"{case}: delegate {i}'s me after the frames differs from a fresh one"
    return frames


@pytest.mark.parametrize("case", CASES, ids=str)
def test_frames_bring_me_to_a_fresh_snapshot(case, pushed, django_capture_on_commit_callbacks, settings):
    if case.settings:
        settings.NT = {**settings.NT, **case.settings}
    w = World()
    frames = check_write(w, case, pushed, django_capture_on_commit_callbacks)
    if not case.allowed:
        assert frames == [], f"{case}: changes nobody's me, sends nothing"


def test_every_write_that_changes_me_is_covered(pushed, django_capture_on_commit_callbacks):
    """A write whose case says it concerns some delegates does change at least one ``me`` (the cases are real)."""
    for case in (c for c in CASES if c.allowed and not c.settings):
        w = World()
        ctx = case.setup(w)
        before = {i: _me(w, i) for i in ALL}
        with django_capture_on_commit_callbacks(execute=True):
            case.write(w, ctx)
        if case.name != "question.finish":  # its frame is a harmless refresh: on_floor is not in me
            assert any(before[i] != _me(w, i) for i in ALL), case.name


def test_poll_open_with_late_checkin_matches_the_snapshot(pushed, django_capture_on_commit_callbacks, settings):
    settings.NT = {**settings.NT, "LATE_CHECKIN_MAY_VOTE": True}
    w = World()
    case = Case(
        "poll.open (late check-in)",
        lambda w, poll: voting.poll_open(actor=w.sec, poll=poll),
        ALL,
        {"poll.opened"},
        setup=lambda w: w.poll(open=False),
    )
    check_write(w, case, pushed, django_capture_on_commit_callbacks)


def test_the_backfilled_list_reaches_each_delegate_in_one_frame(pushed, django_capture_on_commit_callbacks):
    w = World()
    sitting = make_sitting(w.c.session, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        attendance_recorded_set(actor=w.sec, sitting=sitting, absent_seats={2})
    got = {f["user_id"]: f["patch"] for f in pushed}
    assert got[w.user(1).pk] == [
        {"op": "put", "path": ["attendance", str(sitting.pk)], "value": {"status": "absent", "present": False}}
    ]
    assert got[w.user(0).pk][0]["value"] == {"status": "present", "present": True}
    assert len(pushed) == 4


def test_nothing_is_pushed_when_a_fixed_write_is_refused(pushed, django_capture_on_commit_callbacks):
    """The new frames are sent on commit only: a refused write sends none."""
    w = World()
    q = w.ask(0)
    pushed.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        agenda.question_step(actor=w.sec, question=q, kind="answer")  # not on the floor
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        attendance_recorded_set(actor=w.sec, sitting=w.c.sitting, absent_seats=set())  # already has records
    assert pushed == []
