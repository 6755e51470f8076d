"""The English catalogue: Vietnamese msgids, every entry translated, placeholders kept, pages really in English.

The .mo files are git-ignored, so the page tests compile the catalogue first (``i18n_compile``) and then reset
Django's translation cache by touching LOCALE_PATHS (Django's test signal clears it on that setting).
"""

from __future__ import annotations

import gettext
import html
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import Council_

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The same tree `make messages` scans: everything but the virtualenv, runtime data, tests, benchmarks, locale.
NOT_SOURCE = {".venv", "venv", "var", "media", "staticfiles", "tests", "bench", "locale"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323\u1ea0-\u1ef9]")


def _catalog():
    with PO_PATH.open("rb") as po_file:
        return read_po(po_file)


def _entries():
    return [message for message in _catalog() if message.id]


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def test_the_catalogue_is_english_with_two_plural_forms():
    catalog = _catalog()
    assert str(catalog.locale) == "en"
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    assert not catalog.fuzzy
    assert len(_entries()) > 300


def test_no_entry_is_untranslated_fuzzy_or_left_in_vietnamese():
    problems = []
    for message in _entries():
        strings = _forms(message.string)
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        if not all(s.strip() for s in strings):
            problems.append(("untranslated", message.id))
        # The brand name "Nghị Trường" is the only Vietnamese allowed in the English text.
        if any(VIETNAMESE_LETTERS.search(s.replace("Nghị Trường", "")) for s in strings):
            problems.append(("vietnamese in msgstr", message.id))
    assert problems == []


def test_placeholders_match_between_msgid_and_every_msgstr():
    mismatches = []
    for message in _entries():
        expected = _placeholders(_forms(message.id)[0])
        for plural_id in _forms(message.id)[1:]:
            assert _placeholders(plural_id) == expected, message.id
        for translated in _forms(message.string):
            if _placeholders(translated) != expected:
                mismatches.append((message.id, translated))
    assert mismatches == []


def test_i18n_compile_writes_a_catalogue_that_gettext_reads(tmp_path, settings):
    locale_dir = tmp_path / "locale"
    shutil.copytree(PO_PATH.parents[2], locale_dir, ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [locale_dir]
    call_command("i18n_compile", verbosity=0)
    with (locale_dir / "en" / "LC_MESSAGES" / "django.mo").open("rb") as mo_file:
        english = gettext.GNUTranslations(mo_file)
    assert english.gettext("Đăng nhập") == "Log in"
    assert english.gettext("Phiên {n}").format(n=2) == "Sitting 2"
    many = "In %(n)s thẻ. Mỗi lần in cấp mã mới; mã dùng một lần và hết hạn sau thời gian quy định."
    assert english.ngettext(many, many, 1) % {"n": 1} == (
        "Print 1 card. Each printing issues a new code; a code works once and expires after the set time."
    )
    assert english.ngettext(many, many, 3).startswith("Print %(n)s cards.")


@pytest.mark.skipif(not (shutil.which("xgettext") and shutil.which("msgmerge")), reason="needs GNU gettext")
def test_every_translatable_string_in_the_code_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """makemessages over the source tree (seen through symlinks, writing to a copy) adds no new msgid."""
    for source in Path(settings.BASE_DIR).iterdir():
        if source.is_dir() and source.name not in NOT_SOURCE and not source.name.startswith("."):
            (tmp_path / source.name).symlink_to(source, target_is_directory=True)
    locale_dir = tmp_path / "locale"
    shutil.copytree(PO_PATH.parents[2], locale_dir, ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [locale_dir]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["en"], symlinks=True, verbosity=0)
    with (locale_dir / "en" / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        extracted = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(po_file)}
    known = {message.id if isinstance(message.id, str) else message.id[0] for message in _entries()}
    assert sorted(extracted - known - {""}) == [], "run `make messages` and translate the new entries"


@pytest.fixture
def english_ready(settings):
    call_command("i18n_compile", verbosity=0)
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


def _text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_login_page_is_english_with_the_language_cookie(client, english_ready):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _text(client.get(reverse("login")))
    assert '<html lang="en">' in page
    for english in (
        "Log in",
        "Username",
        "Password",
        "Skip to main content",
        "Public portal",
        "Delegates can scan the personal QR code on the card printed by the Office",
    ):
        assert english in page
    for vietnamese in ("Đăng nhập", "Tên đăng nhập", "Mật khẩu", "Cổng thông tin", "Bỏ qua, tới nội dung chính"):
        assert vietnamese not in page


@pytest.mark.django_db
def test_login_page_stays_vietnamese_by_default(client, english_ready):
    page = _text(client.get(reverse("login")))
    assert "Tên đăng nhập" in page and "Mật khẩu" in page and "Username" not in page


@pytest.mark.django_db
def test_public_home_is_english_after_choosing_english(client, english_ready):
    council = Council_(n=3)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("public-home")})
    assert response.status_code == 302 and client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = _text(client.get(reverse("public-home")))
    for english in (
        "People's Council sessions portal",
        "Search the archive",
        "e.g. budget resolution",
        "Happening now",
        "Coming up",
        "People's Council",
        council.session.title,
    ):
        assert english in page
    for vietnamese in ("Cổng thông tin kỳ họp", "Tìm trong kho lưu trữ", "Đang diễn ra", "Sắp diễn ra"):
        assert vietnamese not in page


@pytest.mark.django_db
def test_home_page_lists_sessions_and_sittings_in_english(client, english_ready):
    council = Council_(n=3)
    client.force_login(council.user_of(council.delegates[0]))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _text(client.get(reverse("home")))
    for english in (
        "People's Council session management system",
        "Upcoming and ongoing sessions",
        "Sitting 1: 08/12/2026, 08:00",
        "Check in",
        "Open the delegate screen",
        "Log out",
        "Planned",
    ):
        assert english in page
    for vietnamese in (
        "Kỳ họp sắp tới và đang diễn ra",
        "Phiên 1:",
        "Điểm danh",
        "Mở màn hình đại biểu",
        "Đăng xuất",
        "Dự kiến",
    ):
        assert vietnamese not in page
