"""Smoke run of the load bench (5 delegates, 20 viewers, its own server). Slow (~15 s) and spawns
processes, so it runs only when asked: NT_BENCH=1 pytest tests/realtime/test_bench_smoke.py"""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.skipif(os.environ.get("NT_BENCH") != "1", reason="bench smoke: set NT_BENCH=1 to run")


def test_bench_small_run_reaches_everyone_and_counts_every_vote(capsys):
    from bench.session_load import main

    result = main(["--delegates", "5", "--viewers", "20", "--json"])
    assert result["delegates_connected"] == 5 and result["viewers_connected"] == 20
    assert result["votes_recorded"] == result["votes_expected"] == 5
    assert result["vote_errors"] == {}
    assert result["reach"] == 1.0 and result["seq_gaps"] == 0
    assert set(result["vote_reply_ms"]) >= {"p50", "p95", "p99"} and set(result["final_result_ms"]) >= {"p50", "p99"}
    assert result["server_rss_mb"] > 0
    assert '"votes_recorded": 5' in capsys.readouterr().out


@pytest.mark.services
def test_scaled_small_run_through_nginx_spreads_viewers_over_both_processes():
    from bench.session_load import failures, main

    result = main(["--processes", "2", "--delegates", "5", "--viewers", "40", "--json"])
    assert failures(result) == []
    spread = [p["public_sockets"] for p in result["processes"]]
    assert sum(spread) == 40 and min(spread) > 0, spread  # through nginx, on both processes
    assert result["server_rss_mb"] == pytest.approx(sum(p["rss_mb"] for p in result["processes"]), abs=0.2)
