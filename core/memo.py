"""Reads remembered for one request or one socket command, never longer.

One write asks the same question several times: the caller's roles in a council are read by the write's
permission (before its input), by the visibility check of the URL's object and again by the service, which
checks every rule itself. Within one request the answer cannot usefully differ, so it is read once. It must
not be kept longer: a socket's user object lives as long as the socket, and a role taken back must count at
the next command. So the memo lives in a context variable, entered per HTTP request (``MemoMiddleware``)
and per socket command (``core.writes``); outside one, every read goes to the database.

A write that changes what an entry remembers drops it (``memo_forget``; e.g. granting a role)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[tuple[Hashable, ...], Any] | None] = ContextVar("nt_memo", default=None)


@contextmanager
def memo_scope() -> Iterator[None]:
    """Within the block, ``memoized`` reads each key once (a fresh memo, whatever an outer block held)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memoized(key: tuple[Hashable, ...], read: Callable[[], T]) -> T:
    """``read()``, once per key within a ``memo_scope``; every time outside one. ``key[0]`` names the kind of
    entry (what ``memo_forget`` drops). Callers must not mutate the value: it is shared within the scope."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    value: T = memo[key]
    return value


def memo_forget(kind: str) -> None:
    """Drop the current scope's entries of ``kind`` (what they remember has just changed)."""
    memo = _memo.get()
    if memo:
        for key in [key for key in memo if key[0] == kind]:
            del memo[key]


class MemoMiddleware:
    """One memo per HTTP request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with memo_scope():
            return self.get_response(request)
