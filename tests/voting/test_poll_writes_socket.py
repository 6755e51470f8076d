"""The polls' and resolutions' writes over the secretariat console's socket (``poll.*``, ``resolution.*``): the
same declarations as the REST actions (``voting.writes``), so the same validation, the same error codes, the
same service and the same reply — the REST body. Every refusal changes nothing; ids name objects of the socket's
session only; a delegate is refused as over REST."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async
from rest_framework.test import APIClient

from agenda import services as agenda
from agenda.models import ItemKind
from tests.realtime.conftest import command, council_path, open_socket, receive, stream_hub  # noqa: F401
from tests.voting.conftest import Hall
from tests.voting.test_law_ballots import _confidence, _election
from voting import services
from voting.models import Poll, PollStatus, Resolution, ResolutionStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]

sync = database_sync_to_async


async def _socket(hall: Hall, user: Any) -> Any:
    ws = await open_socket(council_path(hall.c.session.pk), user=user)
    await receive(ws, "snapshot")
    return ws


def _rest(user: Any, path: str) -> Any:
    client = APIClient()
    client.force_authenticate(user)
    return client.get(path).json()


def _code(reply: dict[str, Any]) -> str:
    assert reply["ok"] is False, reply
    return reply["error"]["code"]


def _data(reply: dict[str, Any]) -> Any:
    assert reply["ok"] is True, reply
    return reply["data"]


def _status(poll_id: int) -> str:
    return Poll.objects.get(pk=poll_id).status


async def test_a_poll_is_created_opened_counted_and_published_from_the_console_socket():
    hall = await sync(Hall)(n=5)
    other = await sync(Hall)(n=2)
    sec = await _socket(hall, hall.sec)
    delegate = await _socket(hall, hall.user(0))
    polls = sync(lambda: Poll.objects.count())
    body = {"sitting": hall.c.sitting.pk, "title": "Biểu quyết giơ tay", "method": "show_of_hands"}

    # poll.create: bad input, another session's sitting, a delegate — refused, nothing made.
    assert _code(await command(sec, "poll.create", {**body, "sitting": "x"})) == "request.invalid"
    assert _code(await command(sec, "poll.create", {**body, "title": ""})) == "request.invalid"
    assert _code(await command(sec, "poll.create", {**body, "method": "proxy"})) == "request.invalid"
    assert _code(await command(sec, "poll.create", {**body, "sitting": other.c.sitting.pk})) == "not_found"
    assert _code(await command(delegate, "poll.create", body)) == "council.forbidden"
    assert await polls() == 0

    # The socket's session, whatever the client names; the reply is the REST body.
    made = _data(await command(sec, "poll.create", {**body, "session": other.c.session.pk}))
    assert made["status"] == "draft" and made["sitting"] == hall.c.sitting.pk and made["method"] == "show_of_hands"
    assert await sync(lambda: Poll.objects.get(pk=made["id"]).session_id)() == hall.c.session.pk
    assert made == await sync(_rest)(hall.sec, f"/api/polls/{made['id']}/")
    pid = made["id"]

    # poll.open: refusals first, then the opening.
    assert _code(await command(sec, "poll.publish", {"poll": pid})) == "poll.status_invalid"
    assert _code(await command(sec, "poll.open", {"poll": pid, "duration_seconds": "x"})) == "request.invalid"
    assert _code(await command(sec, "poll.open", {"poll": "x"})) == "request.invalid"
    assert _code(await command(sec, "poll.open", {"poll": 0})) == "request.invalid"
    assert _code(await command(sec, "poll.open", {"poll": pid, "duration_seconds": 5})) == "poll.duration_invalid"
    assert _code(await command(delegate, "poll.open", {"poll": pid})) == "council.forbidden"
    assert await sync(_status)(pid) == PollStatus.DRAFT
    opened = _data(await command(sec, "poll.open", {"poll": pid, "duration_seconds": 60}))
    assert opened["status"] == "open" and opened["eligible_count"] == 5

    # poll.hands: the counts of a show of hands.
    assert _code(await command(sec, "poll.hands", {"poll": pid, "counts": {"yes": -1}})) == "request.invalid"
    assert _code(await command(sec, "poll.hands", {"poll": pid, "counts": ["yes"]})) == "request.invalid"
    assert _code(await command(sec, "poll.hands", {"poll": pid, "counts": {"yes": 9}})) == "poll.hands_invalid"
    assert _code(await command(sec, "poll.hands", {"poll": pid, "counts": {"maybe": 1}})) == "vote.unknown_option"
    assert _code(await command(delegate, "poll.hands", {"poll": pid, "counts": {"yes": 5}})) == "council.forbidden"
    counted = _data(await command(sec, "poll.hands", {"poll": pid, "counts": {"yes": 4, "no": 1}}))
    assert counted["cast_count"] == 5

    # poll.close and poll.publish.
    assert _code(await command(delegate, "poll.close", {"poll": pid})) == "council.forbidden"
    closed = _data(await command(sec, "poll.close", {"poll": pid}))
    assert closed["status"] == "closed" and closed["result"]["passed"] is True
    assert _code(await command(sec, "poll.cancel", {"poll": pid})) == "poll.status_invalid"
    assert _code(await command(delegate, "poll.publish", {"poll": pid})) == "council.forbidden"
    published = _data(await command(sec, "poll.publish", {"poll": pid}))
    assert published["status"] == "published"
    assert published == await sync(_rest)(hall.sec, f"/api/polls/{pid}/")

    # What follows only a decided secret ballot is refused on this one.
    assert _code(await command(sec, "poll.next_round", {"poll": pid})) == "poll.followup_invalid"
    assert _code(await command(sec, "poll.confirming_resolution", {"poll": pid})) == "poll.followup_invalid"
    assert _code(await command(sec, "poll.no_confidence", {"poll": pid, "official": "x"})) == "request.invalid"
    assert _code(await command(sec, "poll.no_confidence", {"poll": pid, "official": 1})) == "poll.followup_invalid"
    assert await polls() == 1

    # poll.cancel: a draft of this session; another session's poll is not found from here.
    foreign = await sync(other.poll)(open=False)
    draft = _data(await command(sec, "poll.create", body))["id"]
    assert _code(await command(sec, "poll.cancel", {"poll": foreign.pk})) == "not_found"
    assert _code(await command(sec, "poll.cancel", {"poll": draft, "reason": "x" * 501})) == "request.invalid"
    assert _code(await command(delegate, "poll.cancel", {"poll": draft})) == "council.forbidden"
    cancelled = _data(await command(sec, "poll.cancel", {"poll": draft, "reason": "Nhập nhầm"}))
    assert cancelled["status"] == "cancelled"
    assert await sync(_status)(foreign.pk) == PollStatus.DRAFT
    await sec.disconnect()
    await delegate.disconnect()


def _decided_election(hall: Hall) -> Poll:
    """A published secret election, two seats, one filled (a 8, b 5, c 5 of 10: 6 needed)."""
    poll = _election(hall, ["Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường"], seats=2)
    a, b, c = poll.candidates.values_list("pk", flat=True)
    for i, choice in enumerate([[a, b]] * 3 + [[a, c]] * 3 + [[b, c]] * 2 + [[a]] * 2):
        hall.vote(poll, i, choice)
    return services.poll_publish(actor=hall.sec, poll=hall.close(poll))


def _decided_confidence(hall: Hall) -> tuple[Poll, int]:
    """A closed confidence vote whose first official may resign (six of ten rate him low)."""
    poll = services.poll_open(actor=hall.sec, poll=_confidence(hall))
    lines = list(poll.candidates.values_list("pk", flat=True))
    for i in range(10):
        hall.vote(poll, i, {c: "low" if c == lines[0] and i < 6 else "high" for c in lines})
    return hall.close(poll), lines[0]


async def test_what_follows_a_secret_ballot_is_created_from_the_console_socket():
    hall = await sync(Hall)(n=10, present=10)
    election = await sync(_decided_election)(hall)
    confidence, official = await sync(_decided_confidence)(hall)
    sec = await _socket(hall, hall.sec)
    delegate = await _socket(hall, hall.user(0))

    assert _code(await command(delegate, "poll.next_round", {"poll": election.pk})) == "council.forbidden"
    assert _code(await command(sec, "poll.next_round", {"poll": None})) == "request.invalid"
    round_two = _data(await command(sec, "poll.next_round", {"poll": election.pk}))
    assert round_two["status"] == "draft" and round_two["origin"] == election.pk and round_two["seats"] == 1
    assert [c["name"] for c in round_two["candidates"]] == ["Lê Thị Bình", "Phạm Văn Cường"]

    assert _code(await command(delegate, "poll.confirming_resolution", {"poll": election.pk})) == "council.forbidden"
    made = _data(await command(sec, "poll.confirming_resolution", {"poll": election.pk}))
    assert set(made) == {"poll", "resolution"}
    assert made["poll"]["origin"] == election.pk and made["poll"]["kind"] == "resolution"
    assert made["resolution"]["poll"] == made["poll"]["id"] and made["resolution"]["status"] == "draft"
    assert made["resolution"] == await sync(_rest)(hall.sec, f"/api/resolutions/{made['resolution']['id']}/")
    again = await command(sec, "poll.confirming_resolution", {"poll": election.pk})
    assert _code(again) == "poll.followup_invalid"
    assert await sync(lambda: Resolution.objects.count())() == 1

    args = {"poll": confidence.pk, "official": official}
    assert _code(await command(delegate, "poll.no_confidence", args)) == "council.forbidden"
    assert _code(await command(sec, "poll.no_confidence", {"poll": confidence.pk})) == "request.invalid"
    vote = _data(await command(sec, "poll.no_confidence", args))
    assert vote["kind"] == "no_confidence" and vote["origin"] == confidence.pk and vote["status"] == "draft"
    assert _code(await command(sec, "poll.no_confidence", args)) == "poll.followup_invalid"
    await sec.disconnect()
    await delegate.disconnect()


def _adopted_poll(hall: Hall) -> Poll:
    return services.poll_create(
        actor=hall.sec, session=hall.c.session, sitting=hall.c.sitting, title="Thông qua Nghị quyết về ngân sách"
    )


def _adopt(hall: Hall, poll_id: int) -> None:
    poll = services.poll_open(actor=hall.sec, poll=Poll.objects.get(pk=poll_id))
    for i in range(len(hall.present)):
        hall.vote(poll, i, "yes")
    services.poll_publish(actor=hall.sec, poll=hall.close(poll))


async def test_a_resolution_is_drafted_numbered_and_published_from_the_console_socket():
    hall = await sync(Hall)(n=5)
    other = await sync(Hall)(n=2)
    poll = await sync(_adopted_poll)(hall)
    foreign = await sync(other.poll)(open=False)
    sec = await _socket(hall, hall.sec)
    delegate = await _socket(hall, hall.user(0))
    count = sync(lambda: Resolution.objects.count())
    body = {"title": "Nghị quyết về dự toán ngân sách năm 2027", "text": "Điều 1.", "poll": poll.pk}

    assert _code(await command(sec, "resolution.create", {**body, "title": ""})) == "request.invalid"
    assert _code(await command(sec, "resolution.create", {**body, "kind": "decree"})) == "request.invalid"
    assert _code(await command(sec, "resolution.create", {**body, "category": "nope"})) == "request.invalid"
    assert _code(await command(sec, "resolution.create", {**body, "document": "x"})) == "request.invalid"
    assert _code(await command(sec, "resolution.create", {**body, "poll": foreign.pk})) == "not_found"
    assert _code(await command(delegate, "resolution.create", body)) == "council.forbidden"
    assert await count() == 0
    draft = _data(await command(sec, "resolution.create", {**body, "session": other.c.session.pk}))
    assert draft["status"] == "draft" and draft["session"] == hall.c.session.pk and draft["poll"] == poll.pk
    assert draft == await sync(_rest)(hall.sec, f"/api/resolutions/{draft['id']}/")
    rid = draft["id"]

    # resolution.update: only the fields sent change.
    assert _code(await command(sec, "resolution.update", {"resolution": rid, "title": ""})) == "request.invalid"
    assert _code(await command(sec, "resolution.update", {"resolution": rid, "effective_on": "x"})) == (
        "request.invalid"
    )
    assert _code(await command(delegate, "resolution.update", {"resolution": rid, "signer": "X"})) == (
        "council.forbidden"
    )
    updated = _data(await command(sec, "resolution.update", {"resolution": rid, "signer": "Trần Minh Đức"}))
    assert updated["signer"] == "Trần Minh Đức" and updated["title"] == body["title"] and updated["text"] == "Điều 1."

    # resolution.number and resolution.publish wait for the adoption.
    assert _code(await command(sec, "resolution.number", {"resolution": rid, "serial": 7})) == "resolution.not_adopted"
    assert _code(await command(sec, "resolution.publish", {"resolution": rid})) == "resolution.status_invalid"
    await sync(_adopt)(hall, poll.pk)
    assert _code(await command(sec, "resolution.number", {"resolution": rid, "serial": 0})) == "request.invalid"
    assert _code(await command(delegate, "resolution.number", {"resolution": rid, "serial": 7})) == (
        "council.forbidden"
    )
    numbered = _data(await command(sec, "resolution.number", {"resolution": rid, "serial": 7}))
    assert numbered["serial"] == 7 and numbered["number"].startswith("07/")
    assert _code(await command(delegate, "resolution.publish", {"resolution": rid})) == "council.forbidden"
    published = _data(await command(sec, "resolution.publish", {"resolution": rid}))
    assert published["status"] == ResolutionStatus.PUBLISHED
    assert published == await sync(_rest)(hall.sec, f"/api/resolutions/{rid}/")
    assert await count() == 1
    await sec.disconnect()
    await delegate.disconnect()


async def test_the_poll_and_draft_of_an_agenda_item_are_made_from_the_console_socket():
    hall = await sync(Hall)(n=3)
    other = await sync(Hall)(n=2)

    def items() -> tuple[Any, Any, Any]:
        make = agenda.agenda_item_create
        draft = make(
            actor=hall.sec,
            session=hall.c.session,
            title="Dự thảo Nghị quyết",
            kind=ItemKind.DRAFT_RESOLUTION,
            sitting=hall.c.sitting,
        )
        report = make(
            actor=hall.sec, session=hall.c.session, title="Báo cáo", kind=ItemKind.REPORT, sitting=hall.c.sitting
        )
        foreign = make(actor=other.sec, session=other.c.session, title="Dự thảo", kind=ItemKind.DRAFT_RESOLUTION)
        return draft, report, foreign

    item, report, foreign = await sync(items)()
    sec = await _socket(hall, hall.sec)
    delegate = await _socket(hall, hall.user(0))
    count = sync(lambda: (Poll.objects.count(), Resolution.objects.count()))

    assert _code(await command(sec, "resolution.create_for_item", {"item": item.pk, "method": "proxy"})) == (
        "request.invalid"
    )
    assert _code(await command(sec, "resolution.create_for_item", {"item": foreign.pk})) == "not_found"
    assert _code(await command(delegate, "resolution.create_for_item", {"item": item.pk})) == "council.forbidden"
    refused = await command(sec, "resolution.create_for_item", {"item": report.pk})
    assert refused["ok"] is False and refused["error"]["code"] != "request.invalid"
    assert await count() == (0, 0)
    made = _data(await command(sec, "resolution.create_for_item", {"item": item.pk, "method": "named"}))
    assert made["poll"]["agenda_item"] == item.pk and made["poll"]["title"] == "Dự thảo Nghị quyết"
    assert made["resolution"]["poll"] == made["poll"]["id"] and made["resolution"]["title"] == "Dự thảo Nghị quyết"
    assert await count() == (1, 1)
    await sec.disconnect()
    await delegate.disconnect()
