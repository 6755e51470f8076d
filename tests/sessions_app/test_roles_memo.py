"""A caller's roles in a council are read once per request or socket command (``core.memo``), never longer:
a role given or taken back within a request counts at once (a socket's next command:
``tests/voting/test_lifecycle_reads.py``)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.memo import memo_forget, memo_scope, memoized
from sessions_app.models import CouncilRoleKind
from sessions_app.permissions import can_grant_roles, can_manage_council, council_roles
from sessions_app.services.roles import role_grant, role_revoke
from tests.factories import make_council, make_role_user, make_user

pytestmark = pytest.mark.django_db


def role_reads(queries) -> int:
    return sum(1 for q in queries if 'FROM "sessions_app_councilrole"' in q["sql"])


def test_memoized_reads_once_within_a_scope_and_every_time_outside():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert [memoized(("k", 1), read), memoized(("k", 1), read)] == [1, 2]  # no scope: no memo
    with memo_scope():
        assert [memoized(("k", 1), read), memoized(("k", 1), read), memoized(("k", 2), read)] == [3, 3, 4]
        with memo_scope():  # a nested scope starts empty
            assert memoized(("k", 1), read) == 5
        assert memoized(("k", 1), read) == 3  # the outer scope's entry is back
        memo_forget("other")
        assert memoized(("k", 2), read) == 4
        memo_forget("k")
        assert memoized(("k", 1), read) == 6
    assert memoized(("k", 1), read) == 7


def test_roles_are_read_once_per_scope():
    council = make_council()
    sec = make_role_user(council, CouncilRoleKind.SECRETARIAT)
    with CaptureQueriesContext(connection) as captured, memo_scope():
        assert can_manage_council(sec, council) and can_manage_council(sec, council.pk)
        assert not can_grant_roles(sec, council)
    assert role_reads(captured.captured_queries) == 1
    with CaptureQueriesContext(connection) as captured:
        can_manage_council(sec, council)
        can_manage_council(sec, council)
    assert role_reads(captured.captured_queries) == 2


def test_a_role_given_or_taken_back_within_a_scope_counts_at_once():
    council = make_council()
    admin = make_role_user(council, CouncilRoleKind.ADMIN)
    user = make_user(username="thuky.tam")
    with memo_scope():
        assert council_roles(user, council) == frozenset()
        granted = role_grant(actor=admin, council=council, username="thuky.tam", role=CouncilRoleKind.SECRETARIAT)
        assert council_roles(user, council) == {CouncilRoleKind.SECRETARIAT}
        role_revoke(actor=admin, role=granted.role)
        assert council_roles(user, council) == frozenset()
