import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text(encoding="utf-8")
    for path in ("/api/polls/{id}/votes/", "/api/sessions/", "/api/councils/"):
        assert path in text


@pytest.mark.django_db
def test_no_operation_is_described_by_a_base_class_docstring(tmp_path):
    """drf-spectacular falls back to the docstrings of a viewset's base classes: a helper base class's
    developer note (``LastModifiedMixin``'s once) must not become the public description of an operation."""
    import yaml

    from core.api import LastModifiedMixin
    from core.writes import WriteActions

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out))
    schema = yaml.safe_load(out.read_text(encoding="utf-8"))
    descriptions = [
        operation.get("description", "")
        for methods in schema["paths"].values()
        for operation in methods.values()
        if isinstance(operation, dict)
    ]
    assert len(descriptions) > 100
    for base in (LastModifiedMixin, WriteActions):
        assert base.__doc__ is None, f"{base.__name__} documents itself in a comment, not a docstring"
    assert not [d for d in descriptions if "viewset" in d.lower()]
