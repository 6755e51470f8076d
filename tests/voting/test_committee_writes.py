"""The counting committee's writes over the socket (``committee.set``, ``committee.share``,
``committee.partial``): the same declarations as the REST actions, so the same validation, the same error
codes and the same service; ids name polls of the socket's session only."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from tests.realtime.conftest import command, council_path, open_socket, receive, stream_hub  # noqa: F401
from tests.voting.conftest import Hall
from voting.crypto.board import sums_decode
from voting.crypto.tally import partial_make, share_make
from voting.models import CountingCommitteeMember, SecretTally
from voting.selectors import poll_get

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


async def _socket(hall: Hall, user):
    ws = await open_socket(council_path(hall.c.session.pk), user=user)
    await receive(ws, "snapshot")
    return ws


async def test_committee_named_keys_made_and_sums_decrypted_over_the_socket():
    hall = await database_sync_to_async(Hall)(n=5)
    other = await database_sync_to_async(Hall)(n=2)
    poll = await database_sync_to_async(hall.poll)(open=False, method="secret")
    foreign = await database_sync_to_async(other.poll)(open=False, method="secret")
    d = hall.delegates
    sec = await _socket(hall, hall.sec)

    # Refusals: the same codes as REST, nothing changed.
    bad = await command(sec, "committee.set", {"poll": poll.pk, "head": "x", "members": []})
    assert bad["error"]["code"] == "request.invalid"
    alone = await command(sec, "committee.set", {"poll": poll.pk, "head": d[2].pk, "members": []})
    assert alone["error"]["code"] == "committee.invalid"
    kept = await command(sec, "committee.set", {"poll": poll.pk, "head": d[2].pk, "members": [d[3].pk]})
    assert kept["error"]["code"] == "committee.keys_exist"
    elsewhere = await command(sec, "committee.set", {"poll": foreign.pk, "head": d[2].pk, "members": [d[3].pk]})
    assert elsewhere["error"]["code"] == "not_found"  # another session's poll
    assert await database_sync_to_async(lambda: CountingCommitteeMember.objects.filter(poll=poll).count())() == 2

    args = {"poll": poll.pk, "head": d[2].pk, "members": [d[3].pk], "discard_keys": True}
    named = await command(sec, "committee.set", args)
    assert named["ok"], named
    committee = named["data"]["committee"]
    assert [(m["person"], m["role"], m["key"]) for m in committee] == [
        (d[2].pk, "head", False),
        (d[3].pk, "member", False),
    ]

    secrets = {}
    for position, i in ((1, 2), (2, 3)):
        ws = await _socket(hall, hall.user(i))
        x, share = share_make(poll_id=poll.pk, position=position)
        secrets[i] = (position, x)
        if position == 1:
            forged = await command(ws, "committee.share", {"poll": poll.pk, **share, "proof": {"c": "00"}})
            assert forged["error"]["code"] == "committee.share_invalid"
        reply = await command(ws, "committee.share", {"poll": poll.pk, **share})
        assert reply["ok"] and reply["data"]["committee"][position - 1]["key"] is True
        await ws.disconnect()
    stranger = await _socket(hall, hall.user(0))
    _, share = share_make(poll_id=poll.pk, position=1)
    assert (await command(stranger, "committee.share", {"poll": poll.pk, **share}))["error"]["code"] == (
        "committee.not_member"
    )

    from voting import services

    await database_sync_to_async(services.poll_open)(actor=hall.sec, poll=poll)
    await database_sync_to_async(hall.vote)(poll, 0, "yes")
    await database_sync_to_async(services.poll_close)(actor=hall.sec, poll=poll)
    sums = sums_decode((await database_sync_to_async(SecretTally.objects.get)(poll=poll)).sums)
    for i, (position, x) in secrets.items():
        ws = await _socket(hall, hall.user(i))
        partial = partial_make(poll_id=poll.pk, position=position, x=x, sums=sums)
        reply = await command(ws, "committee.partial", {"poll": poll.pk, **partial})
        assert reply["ok"], reply
        await ws.disconnect()
    counted = await database_sync_to_async(poll_get)(poll_id=poll.pk)
    assert counted.result["counts"] == {"yes": 1}
    late = await command(sec, "committee.set", args)
    assert late["error"]["code"] == "committee.not_now"
    await sec.disconnect()
    await stranger.disconnect()
