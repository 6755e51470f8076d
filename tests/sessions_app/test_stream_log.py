import pytest
from django.db import transaction

from realtime.log import EventForm, stream_emit, stream_frames_since, stream_head
from realtime.patch import patch_apply, patch_del, patch_put
from sessions_app.models import StreamEvent
from tests.factories import Council_

pytestmark = pytest.mark.django_db


def _emit(session_id, n, public=True):
    with transaction.atomic():
        form = EventForm({"n": n}, [patch_put("things", n, value={"n": n})])
        stream_emit(session_id=session_id, type="thing.changed", council=form, public=form if public else None)


def test_seq_is_gap_free_and_a_rollback_leaves_no_gap():
    c = Council_(n=1)
    sid = c.session.pk
    _emit(sid, 1)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        stream_emit(session_id=sid, type="x", council=EventForm({}), public=None)
        1 / 0
    _emit(sid, 2)
    assert list(StreamEvent.objects.filter(session_id=sid).values_list("seq", flat=True)) == [1, 2]


def test_public_sub_stream_has_its_own_consecutive_numbers():
    c = Council_(n=1)
    sid = c.session.pk
    _emit(sid, 1)
    _emit(sid, 2, public=False)
    _emit(sid, 3)
    assert stream_head(session_id=sid, audience="council") == 3
    assert stream_head(session_id=sid, audience="public") == 2
    public = stream_frames_since(session_id=sid, audience="public", after_seq=0)
    assert [f["seq"] for f in public] == [1, 2]
    assert [f["data"]["n"] for f in public] == [1, 3]


def test_frames_since_answers_none_when_events_are_gone_or_seq_is_from_the_future(settings):
    c = Council_(n=1)
    sid = c.session.pk
    for n in range(1, 4):
        _emit(sid, n)
    assert [f["seq"] for f in stream_frames_since(session_id=sid, audience="council", after_seq=1)] == [2, 3]
    assert stream_frames_since(session_id=sid, audience="council", after_seq=3) == []
    assert stream_frames_since(session_id=sid, audience="council", after_seq=7) is None
    StreamEvent.objects.filter(session_id=sid, seq=1).delete()
    assert stream_frames_since(session_id=sid, audience="council", after_seq=0) is None


def test_patch_apply_put_and_del():
    state = {"a": {"1": {"x": 1}}}
    new = patch_apply(state, [patch_put("a", 2, value={"x": 2}), patch_del("a", 1), patch_put("b", "c", value=[1])])
    assert new == {"a": {"2": {"x": 2}}, "b": {"c": [1]}}
    assert state == {"a": {"1": {"x": 1}}}
