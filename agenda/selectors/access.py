"""Which archive rows a reader may see: everything of the councils whose private data they may read,
and the public part of everyone else's."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from agenda.models import AgendaItem
from sessions_app.selectors import councils_private_readable


def visible(user: Any, *, council_path: str, public_q: Q) -> Q:
    """Rows of councils the user reads privately, or rows matching ``public_q``."""
    ids = councils_private_readable(user=user)
    if ids is None:
        return Q()
    return Q(**{f"{council_path}__in": ids}) | public_q


def items_hidden_ids() -> set[int]:
    """Agenda items the public may not see whatever their session: non-public or closed-door items and every
    item under one, at any depth (the rule of ``agenda_tree``, which the socket and the pages use)."""
    hidden = set(AgendaItem.objects.filter(Q(is_public=False) | Q(sitting__is_closed_door=True)).values_list("pk", flat=True))
    frontier = hidden
    while frontier:
        frontier = set(AgendaItem.objects.filter(parent_id__in=frontier).exclude(pk__in=hidden).values_list("pk", flat=True))
        hidden |= frontier
    return hidden


def item_public_q(prefix: str = "") -> Q:
    """An agenda item the public may see: its session public, neither it nor any item above it non-public or
    in a closed-door sitting. The one rule for REST, the archive and open data (the stream uses the tree)."""
    return Q(**{f"{prefix}session__is_public": True}) & ~Q(**{f"{prefix}pk__in": items_hidden_ids()})
