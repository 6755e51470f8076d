"""``collectstatic`` as a deployment and the hall mode run it (DEBUG off: hashed, compressed files)."""

from __future__ import annotations

import json

from django.core.management import call_command


def test_collectstatic_with_the_deployment_storage_hashes_every_file_vendored_libraries_included(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "config.staticfiles.StaticStorage"}}
    call_command("collectstatic", "--noinput", verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    vendored = "vendor/lit/lit-element/decorators/query-async.js"  # names a source map that is not vendored
    assert vendored in paths and (tmp_path / paths[vendored]).exists()
    assert "//# sourceMappingURL=query-async.js.map" in (tmp_path / paths[vendored]).read_text()
    css = next(name for name in paths if name.endswith("screens.css"))
    assert (tmp_path / (paths[css] + ".gz")).exists()
