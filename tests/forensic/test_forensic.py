"""The forensic attack of issue 12, as a test: a copy of the database files taken while votes are being cast
(SQLite with its WAL, on a running server; PostgreSQL's data files and WAL read as a superuser) must not
let anyone link a delegate to a choice. Self-check: once the committee's secret shares are planted in the
same database, the very same attack links every voter, so the attack does read what the files hold."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from bench.session_load import ROOT, Rest, Server
from tests.forensic.attack import choices_recovered
from voting.crypto.ballots import ballot_encrypt
from voting.crypto.group import hex_scalar

VOTERS = 40
OPTIONS = ["yes", "no"]  # a dismissal paper has no "không biểu quyết" box


def _copy_files(var: Path, into: Path) -> bytes:
    """A plain copy of every SQLite file (main, -wal, -shm) as the server runs; their bytes concatenated."""
    into.mkdir()
    raw = b""
    for path in sorted(var.glob("*.sqlite3*")):
        shutil.copyfile(path, into / path.name)
        raw += (into / path.name).read_bytes()
    return raw


def _rows(copy: Path, poll: int) -> tuple[list[str], list[dict], list[int]]:
    db = sqlite3.connect(next(p for p in copy.glob("*.sqlite3")))
    publics = [
        r[0]
        for r in db.execute(
            "SELECT public_share FROM voting_countingcommitteemember WHERE poll_id=? ORDER BY position", (poll,)
        )
    ]
    ballots = [
        json.loads(r[0])
        for r in db.execute("SELECT ballot FROM voting_encryptedballot WHERE poll_id=? ORDER BY id", (poll,))
    ]
    people = [
        r[0]
        for r in db.execute("SELECT person_id FROM voting_secretparticipation WHERE poll_id=? ORDER BY id", (poll,))
    ]
    db.close()
    return publics, ballots, people


@pytest.mark.embedded
def test_sqlite_files_of_a_running_server_link_no_voter_to_a_choice(tmp_path):
    server = Server(keep=False)
    try:
        fixture = server.prepare(VOTERS)
        made = json.loads(
            subprocess.run(
                [sys.executable, "-m", "tests.forensic.setup", json.dumps(fixture)],
                cwd=ROOT,
                env=server.env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        server.start()
        poll, key, layout = made["poll"], bytes.fromhex(made["key"]), made["layout"]
        truth: dict[int, str] = {}
        for delegate in fixture["delegates"]:  # one by one over about 10 s, as tablets would
            choice = random.choice(OPTIONS)
            client_id = str(uuid.uuid4())
            ballot = ballot_encrypt(poll_id=poll, client_id=client_id, key=key, layout=layout, marks={choice})
            Rest(server.url, delegate["cookie"]).call(
                "POST", f"/api/polls/{poll}/votes/", {"client_id": client_id, "choice": ballot}
            )
            truth[delegate["person"]] = choice
            time.sleep(10 / VOTERS)
        var = Path(server.env["NT_VAR_DIR"])
        assert any(p.name.endswith("-wal") and p.stat().st_size > 0 for p in var.glob("*.sqlite3*")), "no WAL to copy"
        raw = _copy_files(var, tmp_path / "copy")
        publics, ballots, people = _rows(tmp_path / "copy", poll)
        assert len(ballots) == len(people) == VOTERS and len(publics) == 2
        recovered = choices_recovered(
            raw=raw, publics=publics, layout=layout, ballots=ballots, participants=people, truth=truth
        )
        assert recovered == 0

        # Self-check: plant the committee's secret shares in the live database (what a design holding readable
        # choices or keys would leave there); the same attack on a new copy then links every voter.
        live = sqlite3.connect(next(p for p in var.glob("*.sqlite3")), timeout=20)
        live.execute("CREATE TABLE forensic_plant (value TEXT)")
        live.executemany(
            "INSERT INTO forensic_plant VALUES (?)", [(hex_scalar(int(x, 16)),) for x in made["secrets"].values()]
        )
        live.commit()
        live.close()
        raw = _copy_files(var, tmp_path / "planted")
        planted = choices_recovered(
            raw=raw, publics=publics, layout=layout, ballots=ballots, participants=people, truth=truth
        )
        assert planted == VOTERS
    finally:
        server.stop()


def _pg_raw(cursor, since) -> bytes:
    """What a superuser reads of the cluster's files: every file of this database's directory and every WAL
    segment written since the test began."""
    cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
    folder = f"base/{cursor.fetchone()[0]}"
    cursor.execute("SELECT f FROM pg_ls_dir(%s) AS f", [folder])
    raw = b"".join(_read(cursor, f"{folder}/{name}") for (name,) in cursor.fetchall())
    cursor.execute("SELECT name FROM pg_ls_waldir() WHERE modification >= %s ORDER BY name", [since])
    return raw + b"".join(_read(cursor, f"pg_wal/{name}") for (name,) in cursor.fetchall())


def _read(cursor, path: str) -> bytes:
    cursor.execute("SELECT pg_read_binary_file(%s, 0, coalesce((pg_stat_file(%s, true)).size, 0), true)", [path, path])
    value = cursor.fetchone()[0]
    return bytes(value) if value is not None else b""


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_postgresql_data_files_and_wal_link_no_voter_to_a_choice():
    from django.db import connection
    from django.utils import timezone

    from tests.voting.conftest import Hall
    from voting.models import CountingCommitteeMember, EncryptedBallot, SecretParticipation, SecretTally

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    since = timezone.now() - timezone.timedelta(seconds=5)
    hall = Hall(n=VOTERS)
    poll = hall.poll(method="secret", title="Bỏ phiếu kín kiểm thử")
    truth = {}
    for i, delegate in enumerate(hall.delegates):
        truth[delegate.pk] = random.choice(OPTIONS)
        hall.vote(poll, i, truth[delegate.pk])
        time.sleep(10 / VOTERS)
    layout = SecretTally.objects.get(poll=poll).layout
    publics = list(
        CountingCommitteeMember.objects.filter(poll=poll).order_by("position").values_list("public_share", flat=True)
    )
    ballots = list(EncryptedBallot.objects.filter(poll=poll).order_by("pk").values_list("ballot", flat=True))
    people = list(SecretParticipation.objects.filter(poll=poll).order_by("pk").values_list("person_id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")  # heap pages on disk too, not only in shared buffers
        raw = _pg_raw(cursor, since)
    assert len(raw) > 1_000_000 and poll.title.encode() in raw  # the files do hold this test's data
    assert (
        choices_recovered(raw=raw, publics=publics, layout=layout, ballots=ballots, participants=people, truth=truth)
        == 0
    )
    with connection.cursor() as cursor:  # self-check: plant the committee's shares, attack again
        cursor.execute("CREATE TABLE forensic_plant (value text)")
        secrets_ = hall.committees[poll.pk].secrets.values()
        cursor.executemany("INSERT INTO forensic_plant VALUES (%s)", [[hex_scalar(x)] for x in secrets_])
        cursor.execute("CHECKPOINT")  # as for the attack: the planted rows on disk, not only in shared buffers
        raw = _pg_raw(cursor, since)
        cursor.execute("DROP TABLE forensic_plant")
    assert (
        choices_recovered(raw=raw, publics=publics, layout=layout, ballots=ballots, participants=people, truth=truth)
        == VOTERS
    )
