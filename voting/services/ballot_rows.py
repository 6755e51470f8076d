"""Writing a batch of ballots: new rows in one prepared statement, and each voter's personal frame."""

from __future__ import annotations

from typing import Any

from django.db import connections, router

from sessions_app.personal import personal_put


def insert_rows(objs: list[Any]) -> None:
    """INSERT new rows of one model with a single prepared statement (``executemany``). Same values as
    ``bulk_create`` (each field prepares its own value), without its per-row SQL building, which is most
    of a batch's cost; the primary keys are not read back (nothing uses them)."""
    if not objs:
        return
    meta = type(objs[0])._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    connection = connections[router.db_for_write(type(objs[0]))]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def ballots_push(batch: Any) -> None:
    """Each voter's ``me.ballots/<poll>`` entry (protocol 1.1 personal frame) on all their devices. A secret
    ballot's entry says only that it was cast: no choice, no receipt."""
    entry = {"eligible": True, "voted": True, "receipt": None, "choice": None}
    if batch.secret:
        values = {p.person_id: entry for p in batch.new_participations}
    else:
        values = {
            b.person_id: {**entry, "receipt": b.receipt, "choice": b.choice}
            for b in [*batch.new_named, *batch.changed.values()]
        }
    personal_put(
        session_id=batch.poll.session_id,
        path=["ballots", str(batch.poll.pk)],
        values=values,
        type="vote.cast",
        data={"poll": batch.poll.pk},
    )
