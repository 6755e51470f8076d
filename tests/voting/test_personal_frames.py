"""Protocol 1.1: after a delegate's own state changes, the server pushes a ``personal`` frame patching ``me``
to that delegate's sockets (after commit), with the value the snapshot's ``me`` would now hold. A secret
ballot's frame says only that it was cast."""

from __future__ import annotations

import pytest

from agenda.services.questioning import official_create, question_register, session_respondent_add
from core.errors import ServiceError
from realtime.patch import patch_apply
from realtime.snapshot import snapshot_personal
from sessions_app.models import CheckInMethod
from sessions_app.services import attendance_check_in
from tests.voting.conftest import Hall

pytestmark = pytest.mark.django_db


def frames_to(pushed, user):
    return [f for f in pushed if f["user_id"] == user.pk]


def test_vote_cast_patches_my_ballot_on_all_my_devices(pushed, django_capture_on_commit_callbacks):
    hall = Hall(n=4, present=3)
    with django_capture_on_commit_callbacks(execute=True):
        poll = hall.poll()
    # Opening: each eligible delegate hears that they may vote; the one not checked in that they may not.
    opened = {f["user_id"]: f["patch"][0]["value"]["eligible"] for f in pushed if f["type"] == "poll.opened"}
    assert opened == {hall.user(i).pk: i < 3 for i in range(4)}  # NT_LATE_CHECKIN_MAY_VOTE off (default)
    pushed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = hall.vote(poll, 0, "no")
    [frame] = frames_to(pushed, hall.user(0))
    assert frame["type"] == "vote.cast" and frame["session_id"] == poll.session_id
    assert frame["patch"] == [
        {
            "op": "put",
            "path": ["ballots", str(poll.pk)],
            "value": {"eligible": True, "voted": True, "receipt": receipt["receipt"], "choice": "no"},
        }
    ]
    # Applying the frame to the old `me` gives what a fresh snapshot says.
    assert frames_to(pushed, hall.user(1)) == []
    me = snapshot_personal(session=hall.c.session, user=hall.user(0))
    assert patch_apply({"ballots": {}}, frame["patch"])["ballots"][str(poll.pk)] == me["ballots"][str(poll.pk)]


def test_secret_ballot_frame_carries_no_choice(pushed, django_capture_on_commit_callbacks):
    hall = Hall(n=3)
    poll = hall.poll(
        kind="election", method="secret", seats=1, candidates=[{"name": "Hà Văn Một"}, {"name": "Lò Thị Hai"}]
    )
    pushed.clear()
    candidate = poll.candidates.order_by("position").first().pk
    with django_capture_on_commit_callbacks(execute=True):
        hall.vote(poll, 1, [candidate])
    [frame] = frames_to(pushed, hall.user(1))
    assert frame["patch"][0]["value"] == {"eligible": True, "voted": True, "receipt": None, "choice": None}


def test_nothing_is_pushed_when_the_transaction_rolls_back(pushed, django_capture_on_commit_callbacks):
    hall = Hall(n=3)
    poll = hall.poll()
    pushed.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        hall.vote(poll, 0, "maybe")  # not an option: refused
    assert pushed == []


def test_check_in_and_question_patch_my_attendance_and_agenda(pushed, django_capture_on_commit_callbacks):
    hall = Hall(n=3, present=0)
    delegate = hall.delegates[2]
    with django_capture_on_commit_callbacks(execute=True):
        attendance_check_in(actor=delegate.user, sitting=hall.c.sitting, person=delegate, method=CheckInMethod.TABLET)
    [frame] = frames_to(pushed, delegate.user)
    assert frame["type"] == "attendance.changed"
    assert frame["patch"] == [
        {"op": "put", "path": ["attendance"], "value": {str(hall.c.sitting.pk): {"status": "present", "present": True}}}
    ]
    official = official_create(
        actor=hall.sec, council=hall.c.council, full_name="Vi Văn Đáp", title="Giám đốc Sở", agency="UBND tỉnh"
    )
    session_respondent_add(actor=hall.sec, session=hall.c.session, official=official)
    pushed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        question = question_register(actor=delegate.user, session=hall.c.session, respondent=official, text="Xin hỏi?")
    [frame] = frames_to(pushed, delegate.user)
    assert frame["patch"][0]["path"] == ["agenda"]
    assert frame["patch"][0]["value"]["questions"] == [{"id": question.pk, "status": question.status}]
    assert frame["patch"][0]["value"] == snapshot_personal(session=hall.c.session, user=delegate.user)["agenda"]
