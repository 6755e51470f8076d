"""Which archive rows a reader may see: everything of the councils whose private data they may read,
and the public part of everyone else's."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from sessions_app.selectors import councils_private_readable


def visible(user: Any, *, council_path: str, public_q: Q) -> Q:
    """Rows of councils the user reads privately, or rows matching ``public_q``."""
    ids = councils_private_readable(user=user)
    if ids is None:
        return Q()
    return Q(**{f"{council_path}__in": ids}) | public_q


def item_public_q(prefix: str = "") -> Q:
    """An agenda item the public may see (its parent checked one level up; selectors check the whole tree)."""
    return Q(**{
        f"{prefix}session__is_public": True,
        f"{prefix}is_public": True,
    }) & ~Q(**{f"{prefix}sitting__is_closed_door": True}) & (
        Q(**{f"{prefix}parent__isnull": True}) | Q(**{f"{prefix}parent__is_public": True})
    )
