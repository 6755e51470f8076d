"""Row locks and the event log's foreign keys (needs PostgreSQL).

Every emit takes the session's stream row (the next seq) and inserts an event that references the session;
PostgreSQL checks that deferred foreign key at COMMIT with a KEY SHARE lock on the session row. A service that
had locked the session row FOR UPDATE (directly, or by ``select_related`` in a ``select_for_update``) and then
waited for the stream row deadlocked with it: seen in the scaled bench as a 500 on ``/close/`` while a
progress event committed. Services lock ``FOR NO KEY UPDATE`` (``select_for_update(no_key=True)``): it
serializes them as before, and lets a foreign key check through."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from voting import services
from voting.events import POLL_PROGRESS, emit_poll
from voting.models import Poll, PollStatus

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _someone_waits_for_a_lock(timeout: float = 10.0) -> bool:
    with connections["default"].cursor() as cursor:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # inside a transaction the view is cached otherwise
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def test_an_event_committing_while_the_poll_closes_does_not_deadlock():
    from tests.voting.conftest import Hall

    hall = Hall(n=3)
    poll = hall.poll()
    hall.vote(poll, 0)
    emitted, outcomes = threading.Event(), {}

    def progress() -> None:  # the progress coalescer's transaction: seq taken, event inserted, not yet committed
        try:
            with transaction.atomic():
                emit_poll(Poll.objects.get(pk=poll.pk), POLL_PROGRESS)
                emitted.set()
                outcomes["close_waited"] = _someone_waits_for_a_lock()
            outcomes["progress"] = "ok"
        except Exception as exc:  # noqa: BLE001 - the deadlock's error is what this test looks for
            outcomes["progress"] = repr(exc)
        finally:
            connection.close()

    def close() -> None:
        try:
            emitted.wait(10)
            services.poll_close(actor=hall.sec, poll=Poll.objects.get(pk=poll.pk))
            outcomes["close"] = "ok"
        except Exception as exc:  # noqa: BLE001
            outcomes["close"] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=progress), threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes.get("close_waited") is True  # the close really queued behind the progress event
    assert outcomes == {"close_waited": True, "progress": "ok", "close": "ok"}
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.CLOSED
