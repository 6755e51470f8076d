from core.errors import CATALOG
from sessions_app.management.commands.errors_doc import DOC_PATH, errors_doc_text


def test_every_error_code_has_both_languages_and_an_http_status():
    assert CATALOG
    for spec in CATALOG.values():
        assert spec.vi.strip() and spec.en.strip(), spec.code
        assert spec.vi != spec.en, spec.code
        assert 400 <= spec.status < 600, spec.code


def test_docs_list_every_error_code():
    assert DOC_PATH.read_text(encoding="utf-8") == errors_doc_text(), "run: python manage.py errors_doc"
