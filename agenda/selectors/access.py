"""Which archive rows a reader may see: everything of the councils whose private data they may read,
and the public part of everyone else's."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.expressions import RawSQL

from agenda.models import AgendaItem
from sessions_app.models import Sitting
from sessions_app.selectors import councils_private_readable


def visible(user: Any, *, council_path: str, public_q: Q) -> Q:
    """Rows of councils the user reads privately, or rows matching ``public_q``."""
    ids = councils_private_readable(user=user)
    if ids is None:
        return Q()
    return Q(**{f"{council_path}__in": ids}) | public_q


def items_hidden_sql() -> RawSQL:
    """Agenda items the public may not see whatever their session: non-public or closed-door items and every
    item under one, at any depth (the rule of ``agenda_tree``, which the socket and the pages use). One
    recursive subquery (SQLite and PostgreSQL), evaluated with the query that uses it."""
    item, sitting = AgendaItem._meta.db_table, Sitting._meta.db_table
    return RawSQL(
        f"WITH RECURSIVE hidden(id) AS ("
        f"SELECT i.id FROM {item} i LEFT JOIN {sitting} s ON s.id = i.sitting_id "
        f"WHERE NOT i.is_public OR s.is_closed_door "
        f"UNION SELECT c.id FROM {item} c JOIN hidden h ON c.parent_id = h.id) SELECT id FROM hidden",
        [],
    )


def item_public_q(prefix: str = "") -> Q:
    """An agenda item the public may see: its session public, neither it nor any item above it non-public or
    in a closed-door sitting. The one rule for REST, the archive and open data (the stream uses the tree)."""
    return Q(**{f"{prefix}session__is_public": True}) & ~Q(**{f"{prefix}pk__in": items_hidden_sql()})
