"""The session stream: snapshot + events == newer snapshot across a whole poll, for both audiences;
what the public and a delegate see; the coalescer's leading and trailing edges."""

import asyncio

import pytest

from realtime.log import stream_frames_since
from realtime.patch import patch_apply
from realtime.snapshot import snapshot_build, snapshot_personal
from sessions_app.models import StreamEvent
from tests.factories import make_sitting
from tests.voting.conftest import Hall, check_in
from voting import services
from voting.progress import Coalescer

pytestmark = pytest.mark.django_db


def _replay(session, audience, before):
    frames = stream_frames_since(session_id=session.pk, audience=audience, after_seq=before["seq"])
    state = before["state"]
    for frame in frames:
        state = patch_apply(state, frame["patch"])
    return state


@pytest.mark.parametrize("method", ["named", "secret"])
def test_snapshot_plus_events_equals_new_snapshot_across_a_whole_poll(method, django_capture_on_commit_callbacks):
    h = Hall(n=5)
    session = h.c.session
    before = {a: snapshot_build(session=session, audience=a) for a in ("council", "public")}
    with django_capture_on_commit_callbacks(execute=True):
        poll = h.poll(method=method, show_running_counts=method == "named")
        resolution = services.resolution_create(
            actor=h.sec, session=session, title="Nghị quyết về kế hoạch đầu tư công", poll=poll
        )
    mid = {a: snapshot_build(session=session, audience=a) for a in ("council", "public")}
    for i, choice in enumerate(["yes", "yes", "yes", "no", "abstain"]):
        with django_capture_on_commit_callbacks(execute=True):  # each vote commits, then its progress goes out
            h.vote(poll, i, choice)
    with django_capture_on_commit_callbacks(execute=True):
        poll = h.close(poll)
        services.poll_publish(actor=h.sec, poll=poll)
        resolution.refresh_from_db()
        services.resolution_publish(actor=h.sec, resolution=resolution)
    for audience in ("council", "public"):
        after = snapshot_build(session=session, audience=audience)
        assert _replay(session, audience, before[audience]) == after["state"]
        assert _replay(session, audience, mid[audience]) == after["state"]
    public = snapshot_build(session=session, audience="public")["state"]
    assert public["polls"][str(poll.pk)]["result"]["passed"] is True
    assert public["resolutions"][str(resolution.pk)]["status"] == "published"
    assert StreamEvent.objects.filter(session=session, type="poll.progress").count() == 5


def test_public_never_sees_drafts_closed_door_polls_or_unpublished_results():
    h = Hall(n=3)
    session = h.c.session
    draft = h.poll(open=False)
    closed_door = make_sitting(session, number=2, closed_door=True)
    secret_sitting_poll = services.poll_create(actor=h.sec, session=session, sitting=closed_door, title="Họp kín")
    check_in(closed_door, h.delegates)
    services.poll_open(actor=h.sec, poll=secret_sitting_poll)
    visible = h.poll()
    h.vote(visible, 0)
    visible = services.poll_close(actor=h.sec, poll=visible)
    public = snapshot_build(session=session, audience="public")["state"]["polls"]
    council = snapshot_build(session=session, audience="council")["state"]["polls"]
    assert set(public) == {str(visible.pk)}
    assert public[str(visible.pk)]["result"] is None
    assert council[str(visible.pk)]["result"]["cast"] == 1
    assert set(council) == {str(draft.pk), str(secret_sitting_poll.pk), str(visible.pk)}


def test_running_counts_only_for_named_polls_that_ask(django_capture_on_commit_callbacks):
    h = Hall(n=3)
    with django_capture_on_commit_callbacks(execute=True):
        quiet = h.poll()
        h.vote(quiet, 0)
    state = snapshot_build(session=h.c.session, audience="council")["state"]["polls"][str(quiet.pk)]
    assert state["counts"] is None and state["cast_count"] == 1 and state["eligible_count"] == 3
    services.poll_cancel(actor=h.sec, poll=quiet)
    loud = h.poll(show_running_counts=True)
    h.vote(loud, 0, "no")
    state = snapshot_build(session=h.c.session, audience="public")["state"]["polls"][str(loud.pk)]
    assert state["counts"] == {"no": 1}


def test_personal_ballots_part(hall):
    named = hall.poll()
    receipt = hall.vote(named, 0, "no")["receipt"]
    named = services.poll_close(actor=hall.sec, poll=named)
    secret = hall.poll(method="secret")
    hall.vote(secret, 0, "yes")
    mine = snapshot_personal(session=hall.c.session, user=hall.user(0))["ballots"]
    assert mine[str(named.pk)] == {"eligible": True, "voted": True, "receipt": receipt, "choice": "no"}
    assert mine[str(secret.pk)] == {"eligible": True, "voted": True, "receipt": None, "choice": None}
    theirs = snapshot_personal(session=hall.c.session, user=hall.user(1))["ballots"]
    assert theirs[str(secret.pk)]["voted"] is False


async def test_coalescer_emits_leading_and_trailing_edge_at_most_once_per_interval(settings, monkeypatch):
    settings.NT = {**settings.NT, "TALLY_INTERVAL_MS": 50, "PUBLIC_TALLY_INTERVAL_MS": 50}
    emitted = []

    async def fake_emit(self, poll_id, public, since):
        emitted.append(poll_id)
        return True

    monkeypatch.setattr(Coalescer, "_emit_async", fake_emit)
    coalescer = Coalescer(asyncio.get_running_loop())
    for _ in range(100):  # a burst: leading edge now, one trailing frame after the interval
        coalescer.mark(7)
        await asyncio.sleep(0)
    assert emitted == [7]
    while not coalescer.idle():
        await asyncio.sleep(0.01)
    assert emitted == [7, 7]
    coalescer.mark(7)
    await asyncio.sleep(0)
    assert emitted == [7, 7, 7]
    while not coalescer.idle():
        await asyncio.sleep(0.01)
    assert emitted == [7, 7, 7]  # a single vote needs no trailing frame


async def test_coalescer_paces_the_public_and_always_shows_it_the_last_state(settings, monkeypatch):
    settings.NT = {**settings.NT, "TALLY_INTERVAL_MS": 20, "PUBLIC_TALLY_INTERVAL_MS": 200}
    emitted = []

    async def fake_emit(self, poll_id, public, since):
        emitted.append((asyncio.get_running_loop().time(), public))
        return True

    monkeypatch.setattr(Coalescer, "_emit_async", fake_emit)
    loop = asyncio.get_running_loop()
    coalescer = Coalescer(loop)
    until = loop.time() + 0.5
    while loop.time() < until:  # votes keep coming for half a second
        coalescer.mark(7)
        await asyncio.sleep(0.005)
    while not coalescer.idle():
        await asyncio.sleep(0.01)
    council_frames = len(emitted)
    public_times = [at for at, public in emitted if public]
    assert council_frames > len(public_times) >= 2
    assert all(b - a >= 0.199 for a, b in zip(public_times[:-1], public_times[1:-1], strict=False))
    assert emitted[0][1] is True  # the first vote is shown to everyone at once
    assert emitted[-1][1] is True  # and so is the last state of the burst
