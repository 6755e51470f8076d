"""The public's progress pace shared by every server process (``voting.progress.progress_emit_paced``): each
process coalesces only the votes it received, so without a shared record N processes showed the public N
times as many progress frames (7 frames per viewer with 2 processes in the scaled bench, against 5 with 1)."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from voting import progress
from voting.progress import Coalescer, progress_emit_paced


@pytest.fixture
def emitted(monkeypatch, settings):
    """``progress_emit`` recorded instead of run: (poll, public) per frame; the poll is open."""
    settings.NT = {**settings.NT, "PUBLIC_TALLY_INTERVAL_MS": 1000}
    cache.clear()
    frames: list[tuple[int, bool]] = []

    def fake(poll_id, *, public=True):
        frames.append((poll_id, public))
        return True

    monkeypatch.setattr(progress, "progress_emit", fake)
    return frames


def at(monkeypatch, moment: float) -> None:
    """The wall clock as ``voting.progress`` reads it (the cache keeps its own)."""
    monkeypatch.setattr(progress, "time", SimpleNamespace(time=lambda: moment))


def test_one_public_frame_per_slot_over_all_processes(emitted, monkeypatch):
    at(monkeypatch, 1000.10)
    assert progress_emit_paced(7, public=True, since=None) is True  # process A, leading edge
    at(monkeypatch, 1000.40)
    assert progress_emit_paced(7, public=True, since=None) is False  # process B, same second: council only
    assert progress_emit_paced(8, public=True, since=None) is True  # another poll has its own pace
    at(monkeypatch, 1001.05)
    assert progress_emit_paced(7, public=True, since=None) is True  # the next slot
    assert emitted == [(7, True), (7, False), (8, True), (7, True)]


def test_a_trailing_frame_is_skipped_only_when_the_public_saw_a_newer_state(emitted, monkeypatch):
    at(monkeypatch, 1000.50)
    progress_emit_paced(7, public=True, since=None)  # shown to the public at 1000.50
    assert progress_emit_paced(7, public=True, since=1000.30) is True  # our last vote was before: nothing to do
    assert emitted == [(7, True)]
    at(monkeypatch, 1000.60)
    assert progress_emit_paced(7, public=True, since=1000.55) is True  # our vote came after: shown
    assert emitted == [(7, True), (7, True)]


def test_a_paced_frame_not_shown_to_the_public_is_not_recorded_as_shown(emitted, monkeypatch):
    at(monkeypatch, 1000.10)
    progress_emit_paced(7, public=True, since=None)
    at(monkeypatch, 1000.20)
    progress_emit_paced(7, public=False, since=None)  # this process's own pace said council only
    at(monkeypatch, 1000.30)
    assert progress_emit_paced(7, public=True, since=1000.15) is True  # shown at 1000.10 only: ours is newer
    assert emitted[-1] == (7, True)


async def test_two_processes_show_the_public_one_burst_once_per_slot_and_its_last_state_once(settings, monkeypatch):
    """Two coalescers (two processes' loops) get a burst of votes; the public's frames go through the shared
    pace. Each process alone would show the public its leading edge and its trailing edge."""
    settings.NT = {**settings.NT, "TALLY_INTERVAL_MS": 30, "PUBLIC_TALLY_INTERVAL_MS": 200}
    cache.clear()
    shown: list[tuple[float, str]] = []

    def fake(poll_id, *, public=True):
        if public:
            shown.append((time.time(), "public"))
        return True

    monkeypatch.setattr(progress, "progress_emit", fake)

    class Process(Coalescer):
        async def _emit_async(self, key, public, since):  # the database thread, without the database
            return progress_emit_paced(key, public=public, since=since)

    loop = asyncio.get_running_loop()
    a, b = Process(loop), Process(loop)
    until = loop.time() + 0.5
    while loop.time() < until:  # both processes receive votes for half a second
        a.mark(7)
        b.mark(7)
        await asyncio.sleep(0.005)
    last_vote = time.time()
    while not (a.idle() and b.idle()):
        await asyncio.sleep(0.01)
    times = [t for t, _ in shown]
    slots = [int(t // 0.2) for t in times]
    assert len(slots) - len(set(slots)) <= 1  # one per slot, but for one trailing frame
    assert len(times) <= 0.5 / 0.2 + 3  # each process alone would show about as many again
    assert times[-1] >= last_vote  # the public saw the burst's last state


async def test_a_process_that_lost_the_slot_shows_the_public_its_state_at_the_trailing_edge(settings, monkeypatch):
    settings.NT = {**settings.NT, "TALLY_INTERVAL_MS": 20, "PUBLIC_TALLY_INTERVAL_MS": 50}
    calls: list[tuple[bool, float | None]] = []

    class Process(Coalescer):
        async def _emit_async(self, key, public, since):
            calls.append((public, since))
            return not (public and since is None)  # every paced public frame: another process had the slot

    process = Process(asyncio.get_running_loop())
    process.mark(7)  # a single vote: no trailing edge of its own
    while not process.idle():
        await asyncio.sleep(0.01)
    assert calls[0] == (True, None)
    assert calls[-1][0] is True and calls[-1][1] is not None  # then the trailing frame for the public
    assert len(calls) == 2


def test_without_the_cache_each_process_keeps_its_own_pace(emitted, monkeypatch, caplog):
    """Redis down: the votes are committed and the council still follows them; the public frame goes as this
    process's own pace asked (no sharing), never held back."""

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    at(monkeypatch, 1000.10)
    assert progress_emit_paced(7, public=True, since=None) is True
    assert progress_emit_paced(7, public=True, since=1000.0) is True
    assert emitted == [(7, True), (7, True)]
    assert "not shared: cache unavailable" in caplog.text
