"""Poll lifecycle: every transition, every refusal, and what opening snapshots."""

import pytest

from core.errors import ServiceError
from sessions_app.models import Membership, SittingStatus
from tests.factories import Council_, make_user
from tests.voting.conftest import Hall
from voting import services
from voting.models import PollStatus

pytestmark = pytest.mark.django_db


def codes(fn, *args, **kwargs) -> str:
    with pytest.raises(ServiceError) as info:
        fn(*args, **kwargs)
    return info.value.code


def test_open_snapshots_total_and_checked_in_delegates(hall):
    h = Hall(n=6, present=4)
    poll = h.poll()
    assert poll.status == PollStatus.OPEN
    assert poll.total_delegates == 6
    assert poll.eligible_count == 4
    assert set(poll.eligible_person_ids) == {p.pk for p in h.present}


def test_total_counts_seats_in_force_on_the_sitting_day_not_later_changes(hall):
    h = Hall(n=5, present=3)
    vacated = Membership.objects.get(person=h.delegates[4])
    vacated.end_date = h.c.sitting.date.replace(day=1)
    vacated.save()
    poll = h.poll()
    assert poll.total_delegates == 4
    Membership.objects.filter(person=h.delegates[3]).update(end_date=h.c.sitting.date.replace(day=2))
    poll.refresh_from_db()
    assert poll.total_delegates == 4


def test_full_lifecycle_draft_open_closed_published(hall):
    poll = hall.poll(open=False)
    assert poll.status == PollStatus.DRAFT
    poll = services.poll_open(actor=hall.sec, poll=poll)
    for i in range(4):
        hall.vote(poll, i, "yes")
    hall.vote(poll, 4, "no")
    poll = services.poll_close(actor=hall.sec, poll=poll)
    assert poll.status == PollStatus.CLOSED and poll.result["passed"] is True
    assert poll.result["counts"] == {"no": 1, "yes": 4}
    poll = services.poll_publish(actor=hall.sec, poll=poll)
    assert poll.status == PollStatus.PUBLISHED and poll.published_at is not None


@pytest.mark.parametrize(
    "start, target",
    [
        ("draft", "close"),
        ("draft", "publish"),
        ("open", "open"),
        ("open", "publish"),
        ("closed", "open"),
        ("closed", "close"),
        ("closed", "cancel"),
        ("published", "cancel"),
        ("published", "open"),
        ("cancelled", "open"),
        ("cancelled", "cancel"),
    ],
)
def test_invalid_transitions_are_refused_and_change_nothing(hall, start, target):
    poll = hall.poll(open=start != "draft")
    if start in {"closed", "published"}:
        hall.vote(poll, 0)
        poll = services.poll_close(actor=hall.sec, poll=poll)
    if start == "published":
        poll = services.poll_publish(actor=hall.sec, poll=poll)
    if start == "cancelled":
        poll = services.poll_cancel(actor=hall.sec, poll=poll)
    fn = getattr(services, f"poll_{target}")
    assert codes(fn, actor=hall.sec, poll=poll) == "poll.status_invalid"
    poll.refresh_from_db()
    assert poll.status == start


def test_cancel_from_draft_and_from_open(hall):
    draft = hall.poll(open=False)
    assert services.poll_cancel(actor=hall.sec, poll=draft).status == PollStatus.CANCELLED
    opened = hall.poll()
    hall.vote(opened, 0)
    cancelled = services.poll_cancel(actor=hall.sec, poll=opened, reason="lỗi kỹ thuật")
    assert cancelled.status == PollStatus.CANCELLED and cancelled.result is None
    assert codes(hall.vote, cancelled, 1) == "vote.not_open"


def test_only_secretariat_or_chair_of_the_council_moves_polls(hall):
    delegate = hall.user(0)
    assert (
        codes(services.poll_create, actor=delegate, session=hall.c.session, sitting=hall.c.sitting, title="X")
        == "council.forbidden"
    )
    other = Council_(n=1)
    assert (
        codes(services.poll_create, actor=other.secretariat, session=hall.c.session, sitting=hall.c.sitting, title="X")
        == "council.forbidden"
    )
    poll = hall.poll(open=False)
    assert codes(services.poll_open, actor=delegate, poll=poll) == "council.forbidden"
    assert codes(services.poll_open, actor=None, poll=poll) == "auth.required"
    poll = services.poll_open(actor=hall.c.chair, poll=poll)
    assert codes(services.poll_close, actor=other.secretariat, poll=poll) == "council.forbidden"
    admin = make_user(superuser=True)
    assert services.poll_close(actor=admin, poll=poll).status == PollStatus.CLOSED


def test_open_needs_an_open_sitting_checked_in_delegates_and_no_other_open_poll():
    h = Hall(n=3, present=0)
    poll = h.poll(open=False)
    assert codes(services.poll_open, actor=h.sec, poll=poll) == "poll.nobody_eligible"
    h.c.sitting.status = SittingStatus.PLANNED
    h.c.sitting.save()
    assert codes(services.poll_open, actor=h.sec, poll=poll) == "poll.sitting_not_open"
    h2 = Hall(n=3)
    h2.poll()
    second = h2.poll(open=False)
    assert codes(services.poll_open, actor=h2.sec, poll=second) == "poll.another_open"
    second.refresh_from_db()
    assert second.status == PollStatus.DRAFT


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"title": ""}, "title"),
        ({"kind": "referendum"}, "kind"),
        ({"method": "telepathy"}, "method"),
        ({"majority_rule": "most"}, "majority_rule"),
        ({"kind": "election", "method": "named", "candidates": [{"name": "A"}]}, "method"),
        ({"kind": "confidence", "method": "show_of_hands", "candidates": [{"name": "A"}]}, "method"),
        ({"method": "secret", "change_allowed": True}, "change_allowed"),
        ({"method": "secret", "show_running_counts": True}, "show_running_counts"),
        ({"options": [{"key": "a", "label": "A"}]}, "options"),
        ({"options": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]}, "options"),
        ({"options": [{"key": "yes", "label": "A"}, {"label": "Blank"}]}, "options"),  # the blank papers' mark
        ({"options": [{"label": "A", "approves": True}, {"label": "B", "approves": True}]}, "options"),
        ({"kind": "election", "method": "secret", "candidates": []}, "candidates"),
        ({"kind": "election", "method": "secret", "candidates": [{"name": "A"}], "seats": 2}, "seats"),
        ({"candidates": [{"name": "A"}]}, "candidates"),
        ({"seats": 0}, "seats"),
        ({"seats": 2}, "seats"),
    ],
)
def test_invalid_poll_settings_are_refused_with_the_field(hall, kwargs, field):
    kwargs.setdefault("title", "Biểu quyết thử")
    with pytest.raises(ServiceError) as info:
        services.poll_create(actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting, **kwargs)
    assert info.value.code == "poll.config_invalid"
    assert info.value.details["field"] == field
    assert not hall.c.session.polls.exists()


def test_sitting_of_another_session_is_refused(hall):
    other = Council_(n=1)
    assert (
        codes(services.poll_create, actor=hall.sec, session=hall.c.session, sitting=other.sitting, title="X")
        == "poll.sitting_mismatch"
    )


def test_recall_of_a_delegate_defaults_to_two_thirds_and_dismissal_of_an_official_to_half(hall):
    poll = hall.poll(open=False, kind="recall_delegate", method="secret", title="Bãi nhiệm đại biểu")
    assert poll.majority_rule == "ge_two_thirds_total"
    poll = hall.poll(open=False, kind="dismissal", method="secret", title="Miễn nhiệm Phó Chủ tịch UBND")
    assert poll.majority_rule == "gt_half_total"
    assert [o.label for o in poll.options.all()] == ["Tán thành", "Không tán thành"]  # no "không biểu quyết" box


def test_late_checkin_votes_only_when_the_setting_allows(settings):
    from tests.voting.conftest import check_in

    settings.NT = {**settings.NT, "LATE_CHECKIN_MAY_VOTE": False}
    h = Hall(n=4, present=3)
    poll = h.poll()
    check_in(h.c.sitting, [h.delegates[3]])
    assert codes(h.vote, poll, 3) == "vote.not_eligible"
    services.poll_cancel(actor=h.sec, poll=poll)
    settings.NT = {**settings.NT, "LATE_CHECKIN_MAY_VOTE": True}
    h2 = Hall(n=4, present=3)
    poll2 = h2.poll()
    check_in(h2.c.sitting, [h2.delegates[3]])
    assert h2.vote(poll2, 3)["status"] == "recorded"
    poll2.refresh_from_db()
    assert poll2.eligible_count == 4 and poll2.cast_count == 1
