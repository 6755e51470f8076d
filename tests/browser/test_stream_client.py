"""The browser's patch reducer (frontend/static/frontend/js/stream.js) gives exactly what the reference
reducer (realtime/patch.py) gives, on the same snapshot and patches."""

from __future__ import annotations

import pytest

from realtime.patch import patch_apply, patch_del, patch_put

pytestmark = pytest.mark.browser

CASES = [
    (
        {"agenda": {"items": {"1": {"state": "pending"}}, "current": {}}},
        [patch_put("agenda", "items", 1, value={"state": "active"}), patch_put("agenda", "current", 7, value=1)],
    ),
    (
        {"agenda": {"current": {"7": 1}}, "polls": {}},
        [patch_del("agenda", "current", 7), patch_del("polls", "99"), patch_put("polls", 3, value={"counts": None})],
    ),
    (
        {},
        [
            patch_put("speakers", 4, value={"queue": [1, 2], "floor": None}),
            patch_put("speakers", 4, "floor", value={"id": 2}),
        ],
    ),
    ({"a": {"b": 1}}, [patch_put("a", value=None), patch_put("a", value=[{"x": "đ"}])]),
]


def test_js_reducer_mirrors_python(live, browser):
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/public/")
    for state, patch in CASES:
        js = page.evaluate(
            """async ([state, patch]) => (await import("/static/frontend/js/stream.js")).patchApply(state, patch)""",
            [state, patch],
        )
        assert js == patch_apply(state, patch)
    page.context.close()
