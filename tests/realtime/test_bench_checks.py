"""What makes a load-bench run fail under --check (the CI tier): correctness, never speed."""

from __future__ import annotations

import pytest

from bench.session_load import failures, main

GOOD = {
    "delegates": 100,
    "viewers": 1000,
    "delegates_connected": 100,
    "viewers_connected": 1000,
    "votes_expected": 100,
    "votes_recorded": 100,
    "vote_errors": {},
    "seq_gaps": 0,
    "reach": 1.0,
    "vote_reply_ms": {"p99": 99_999.0},
    "final_result_ms": {"p99": 99_999.0},
}


def test_a_slow_but_complete_run_passes():
    assert failures(GOOD) == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"votes_recorded": 99}, "votes recorded 99/100"),
        ({"vote_errors": {"vote_not_open": 1}}, "vote_not_open"),
        ({"seq_gaps": 3}, "3 seq gaps"),
        ({"reach": 0.999}, "reach 0.999"),
        ({"viewers_connected": 990}, "990/1000 viewers"),
    ],
)
def test_a_lost_vote_a_gap_or_an_unreached_viewer_fails(change, reason):
    found = failures({**GOOD, **change})
    assert len(found) == 1 and reason in found[0]


def test_the_scaled_mode_needs_postgresql_and_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.sqlite3")
    with pytest.raises(SystemExit, match="--processes needs DATABASE_URL"):
        main(["--processes", "2", "--delegates", "1", "--viewers", "0"])


def test_direct_without_processes_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--direct", "--delegates", "1"])
    assert "--direct needs --processes" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--pin", "--processes", "2"], ["--pin", "--url", "http://x", "--fixture", "f"]])
def test_pin_is_for_the_embedded_server_only(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and "--pin needs the embedded server" in capsys.readouterr().err
