"""Every row lock the services take is ``FOR NO KEY UPDATE`` (tests/voting/test_lock_order.py shows why: a
``FOR UPDATE`` lock blocks the foreign-key check of an event committing meanwhile, and the two deadlock)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "realtime", "sessions_app", "agenda", "voting", "activity", "documents", "frontend", "demo"]


def test_select_for_update_always_says_no_key():
    calls = [
        (path.relative_to(ROOT), line)
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for line in re.findall(r"select_for_update\((?:[^()]|\([^()]*\))*\)", path.read_text(encoding="utf-8"))
    ]
    assert len(calls) > 30
    assert [(str(path), call) for path, call in calls if "no_key=True" not in call] == []
