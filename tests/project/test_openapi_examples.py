"""The OpenAPI schema carries examples for the main archive reads and for the error envelope; the poll
example's result is worded exactly as the official wording would word it."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

from core.errors import CATALOG
from voting.api import POLL_EXAMPLE
from voting.wording import result_wording


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_setup, django_db_blocker):
    out = tmp_path_factory.mktemp("schema") / "schema.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--file", str(out))
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def _examples(schema, path: str, status: str = "200") -> dict:
    content = schema["paths"][path]["get"]["responses"][status]["content"]["application/json"]
    assert content.get("examples"), (path, status)
    return {name: example["value"] for name, example in content["examples"].items()}


@pytest.mark.parametrize("path", ["/api/sessions/", "/api/polls/", "/api/resolutions/"])
def test_archive_lists_have_a_paginated_example(schema, path):
    (value,) = _examples(schema, path).values()
    assert set(value) >= {"count", "next", "previous", "results"} and value["results"][0]["id"]


@pytest.mark.parametrize("path", ["/api/sessions/{id}/", "/api/polls/{id}/", "/api/resolutions/{id}/"])
def test_archive_details_have_an_example_and_a_404_example(schema, path):
    (value,) = _examples(schema, path).values()
    assert value["id"]
    (error,) = _examples(schema, path, "404").values()
    assert error["error"]["code"] == "not_found" and set(error["error"]["messages"]) == {"vi", "en"}


def test_error_examples_use_catalogue_codes_with_their_status(schema):
    seen = 0
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                for example in response.get("content", {}).get("application/json", {}).get("examples", {}).values():
                    error = example["value"].get("error") if isinstance(example["value"], dict) else None
                    if error is None:
                        continue
                    spec = CATALOG[error["code"]]
                    assert str(spec.status) == status and error["messages"] == {
                        "vi": spec.vi.format(wait=30),
                        "en": spec.en.format(wait=30),
                    }
                    seen += 1
    assert seen > 20


def test_the_poll_example_uses_the_official_wording():
    result = dict(POLL_EXAMPLE.value["result"])
    wording = result.pop("wording")
    assert result_wording(result) == wording
    assert wording["statement"]["vi"].startswith("Có 47/50 đại biểu tham gia biểu quyết")
