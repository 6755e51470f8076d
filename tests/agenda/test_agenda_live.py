import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction

from agenda import services
from agenda.models import AgendaItem, ItemKind, ItemState
from agenda.selectors import agenda_state, agenda_tree
from core.audit import audit_verify
from core.errors import ServiceError
from sessions_app.models import AuditEntry
from tests.agenda.helpers import SITTING_MORNING, Replay
from tests.factories import Council_, make_sitting

pytestmark = pytest.mark.django_db


def _agenda(c):
    s = c.secretariat
    opening = services.agenda_item_create(actor=s, session=c.session, title="Khai mạc kỳ họp", kind=ItemKind.OPENING)
    part = services.agenda_item_create(
        actor=s, session=c.session, title="Các dự thảo nghị quyết", kind=ItemKind.SECTION
    )
    budget = services.agenda_item_create(
        actor=s, session=c.session, title="Dự toán ngân sách 2027", parent=part, kind=ItemKind.DRAFT_RESOLUTION
    )
    plan = services.agenda_item_create(
        actor=s, session=c.session, title="Kế hoạch đầu tư công", parent=part, kind=ItemKind.DRAFT_RESOLUTION
    )
    closing = services.agenda_item_create(actor=s, session=c.session, title="Bế mạc", kind=ItemKind.CLOSING)
    return opening, part, budget, plan, closing


def _numbers(session):
    return [(n.number, n.item.title) for n in agenda_tree(session=session)]


def test_tree_numbering_follows_order_and_moves():
    c = Council_(n=2)
    opening, part, budget, plan, closing = _agenda(c)
    assert _numbers(c.session) == [
        ("1.", "Khai mạc kỳ họp"),
        ("2.", "Các dự thảo nghị quyết"),
        ("2.1", "Dự toán ngân sách 2027"),
        ("2.2", "Kế hoạch đầu tư công"),
        ("3.", "Bế mạc"),
    ]
    replay = Replay(c.session)
    services.agenda_item_move(actor=c.secretariat, item=plan, parent=part, position=0)
    services.agenda_item_move(actor=c.secretariat, item=closing, parent=None, position=0)
    assert [n for n, _ in _numbers(c.session)] == ["1.", "2.", "3.", "3.1", "3.2"]
    assert [t for _, t in _numbers(c.session)][3:] == ["Kế hoạch đầu tư công", "Dự toán ngân sách 2027"]
    frames = replay.check()
    assert [f["type"] for f in frames["council"]] == ["agenda.reordered", "agenda.reordered"]


def test_insert_at_position_renumbers_siblings():
    c = Council_(n=1)
    opening, part, budget, plan, closing = _agenda(c)
    services.agenda_item_create(
        actor=c.secretariat, session=c.session, title="Báo cáo kinh tế - xã hội", kind=ItemKind.REPORT, position=1
    )
    assert [t for _, t in _numbers(c.session)][:3] == [
        "Khai mạc kỳ họp",
        "Báo cáo kinh tế - xã hội",
        "Các dự thảo nghị quyết",
    ]


def test_a_move_that_makes_an_item_its_own_ancestor_is_refused_and_changes_nothing():
    c = Council_(n=1)
    opening, part, budget, plan, closing = _agenda(c)
    before = _numbers(c.session)
    events = c.session.stream_events.count()
    for new_parent in (part, budget):
        with pytest.raises(ServiceError) as err:
            services.agenda_item_move(actor=c.secretariat, item=part, parent=new_parent, position=0)
        assert err.value.code == "agenda.cycle"
    assert _numbers(c.session) == before
    assert c.session.stream_events.count() == events


def test_live_navigation_next_previous_jump_and_defer():
    c = Council_(n=2)
    opening, part, budget, plan, closing = _agenda(c)
    later = make_sitting(c.session, number=2, status="planned")
    replay = Replay(c.session)
    with time_machine.travel(SITTING_MORNING, tick=False):
        first = services.agenda_next(actor=c.secretariat, sitting=c.sitting)
        assert first == opening
        second = services.agenda_next(actor=c.secretariat, sitting=c.sitting)
        assert second == budget  # the section heading is skipped
        opening.refresh_from_db()
        assert opening.state == ItemState.DONE
        back = services.agenda_previous(actor=c.secretariat, sitting=c.sitting)
        assert back == opening
        budget.refresh_from_db()
        assert budget.state == ItemState.PENDING
        services.agenda_item_activate(actor=c.secretariat, item=closing, sitting=c.sitting)
        services.agenda_item_defer(actor=c.secretariat, item=plan, to_sitting=later)
        assert services.agenda_next(actor=c.secretariat, sitting=c.sitting) == budget  # wraps to the earlier one
        services.agenda_item_finish(actor=c.secretariat, item=budget)
    with pytest.raises(ServiceError) as err:
        services.agenda_next(actor=c.secretariat, sitting=c.sitting)
    assert err.value.code == "agenda.no_next"
    plan.refresh_from_db()
    assert (plan.state, plan.sitting, plan.deferred_from) == (ItemState.DEFERRED, later, None)
    state = agenda_state(session=c.session, audience="council")
    assert state["current"] == {}
    assert dt.datetime.fromisoformat(state["items"][str(opening.pk)]["started_at"]) == SITTING_MORNING
    frames = replay.check()
    assert frames["council"][0]["type"] == "agenda.item_activated"
    assert audit_verify() is None
    assert AuditEntry.objects.filter(action="agenda.next").count() == 3


def test_deferred_item_is_taken_up_in_its_new_sitting():
    c = Council_(n=1)
    opening, part, budget, plan, closing = _agenda(c)
    services.agenda_item_update(actor=c.secretariat, item=plan, sitting=c.sitting)
    later = make_sitting(c.session, number=2, status="planned")
    services.agenda_item_defer(actor=c.secretariat, item=plan, to_sitting=later)
    plan.refresh_from_db()
    assert plan.deferred_from == c.sitting
    later.status = "open"
    later.save()
    assert services.agenda_next(actor=c.secretariat, sitting=later) == opening
    for _ in range(2):
        services.agenda_next(actor=c.secretariat, sitting=later)
    plan.refresh_from_db()
    assert plan.state == ItemState.ACTIVE and plan.sitting == later


def test_defer_to_an_earlier_or_other_session_sitting_is_refused():
    c = Council_(n=1)
    opening, *_ = _agenda(c)
    other = Council_(n=1)
    services.agenda_item_update(actor=c.secretariat, item=opening, sitting=make_sitting(c.session, number=2))
    for target in (c.sitting, other.sitting):
        with pytest.raises(ServiceError) as err:
            services.agenda_item_defer(actor=c.secretariat, item=opening, to_sitting=target)
        assert err.value.code == "agenda.defer_target_invalid"
    opening.refresh_from_db()
    assert opening.state == ItemState.PENDING


def test_two_active_items_in_one_sitting_are_impossible():
    c = Council_(n=1)
    opening, part, budget, plan, closing = _agenda(c)
    services.agenda_item_activate(actor=c.secretariat, item=opening, sitting=c.sitting)
    services.agenda_item_activate(actor=c.secretariat, item=budget, sitting=c.sitting)
    assert list(AgendaItem.objects.filter(state=ItemState.ACTIVE)) == [budget]
    with pytest.raises(ServiceError) as err:
        services.agenda_item_activate(actor=c.secretariat, item=budget, sitting=c.sitting)
    assert err.value.code == "agenda.state_invalid"
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(pk=plan.pk).update(state=ItemState.ACTIVE, sitting=c.sitting)
    assert list(AgendaItem.objects.filter(state=ItemState.ACTIVE)) == [budget]


def test_a_section_cannot_be_taken_up_and_a_closed_sitting_cannot_move():
    c = Council_(n=1)
    opening, part, *_ = _agenda(c)
    with pytest.raises(ServiceError) as err:
        services.agenda_item_activate(actor=c.secretariat, item=part, sitting=c.sitting)
    assert err.value.code == "agenda.item_is_section"
    closed = make_sitting(c.session, number=3, status="closed")
    with pytest.raises(ServiceError) as err:
        services.agenda_next(actor=c.secretariat, sitting=closed)
    assert err.value.code == "agenda.sitting_not_open"


def test_another_councils_secretariat_cannot_touch_the_agenda():
    c, other = Council_(n=1), Council_(n=1)
    opening, *_ = _agenda(c)
    events = c.session.stream_events.count()
    calls = [
        lambda: services.agenda_item_create(actor=other.secretariat, session=c.session, title="Xâm nhập"),
        lambda: services.agenda_item_activate(actor=other.secretariat, item=opening, sitting=c.sitting),
        lambda: services.agenda_next(actor=other.secretariat, sitting=c.sitting),
        lambda: services.agenda_item_move(actor=other.secretariat, item=opening, parent=None, position=3),
        lambda: services.agenda_item_update(actor=c.delegates[0].user, item=opening, title="Đổi tên"),
    ]
    for call in calls:
        with pytest.raises(ServiceError) as err:
            call()
        assert err.value.code == "council.forbidden"
    opening.refresh_from_db()
    assert (opening.title, opening.state) == ("Khai mạc kỳ họp", ItemState.PENDING)
    assert c.session.stream_events.count() == events


def test_closed_items_are_redacted_for_the_public_and_a_visibility_change_resyncs_it():
    c = Council_(n=1)
    opening, part, budget, plan, closing = _agenda(c)
    replay = Replay(c.session)
    services.agenda_item_update(actor=c.secretariat, item=part, is_public=False)
    public = agenda_state(session=c.session, audience="public")["items"]
    assert public[str(budget.pk)] == {
        "id": budget.pk,
        "number": "2.1",
        "depth": 1,
        "position": 2,
        "parent": part.pk,
        "sitting": None,
        "state": "pending",
        "is_public": False,
    }
    assert public[str(opening.pk)]["title"] == "Khai mạc kỳ họp"
    replay.check()


def test_delete_only_pending_unused_items():
    c = Council_(n=1)
    opening, part, budget, plan, closing = _agenda(c)
    with pytest.raises(ServiceError) as err:
        services.agenda_item_delete(actor=c.secretariat, item=part)
    assert err.value.code == "agenda.not_removable"
    services.agenda_item_delete(actor=c.secretariat, item=budget)
    assert [n for n, _ in _numbers(c.session)] == ["1.", "2.", "2.1", "3."]


def test_presenter_must_be_a_delegate_or_an_official_of_the_council():
    c, other = Council_(n=1), Council_(n=1)
    with pytest.raises(ServiceError) as err:
        services.agenda_item_create(
            actor=c.secretariat, session=c.session, title="Tờ trình", presenter_person=other.delegates[0]
        )
    assert err.value.code == "agenda.presenter_invalid"
    assert not AgendaItem.objects.exists()
    item = services.agenda_item_create(
        actor=c.secretariat,
        session=c.session,
        title="Tờ trình",
        presenter_name="Ủy ban nhân dân tỉnh",
        planned_minutes=15,
    )
    assert agenda_state(session=c.session, audience="public")["items"][str(item.pk)]["presenter"] == {
        "kind": "agency",
        "id": None,
        "name": "Ủy ban nhân dân tỉnh",
    }


def test_item_in_a_future_sitting_date_is_not_relevant_to_next():
    c = Council_(n=1)
    opening, *_ = _agenda(c)
    other_sitting = make_sitting(c.session, number=2)
    services.agenda_item_update(actor=c.secretariat, item=opening, sitting=other_sitting)
    assert services.agenda_next(actor=c.secretariat, sitting=c.sitting).title == "Dự toán ngân sách 2027"
    assert dt.date(2026, 12, 8) == c.sitting.date
