"""The diacritic-free fold (sessions_app.text) as the public archive search uses it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sessions_app.text import text_fold as fold
from sessions_app.text import text_matches as fold_matches


def test_fold_drops_marks_and_maps_d():
    assert fold("Nghị quyết NGÂN SÁCH Đắk Lắk  đường") == "nghi quyet ngan sach dak lak duong"


def test_fold_matches_every_word_in_any_order():
    title = "Nghị quyết về dự toán ngân sách địa phương năm 2027"
    assert fold_matches("nghi quyet ngan sach", title)
    assert fold_matches("NGÂN sách nghị", title)
    assert fold_matches("", title)
    assert not fold_matches("ngan sach trung uong", title)
    assert not fold_matches("bầu cử", title)


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese_letters(text):
    assert fold(fold(text)) == fold(text)


def test_fold_of_all_vietnamese_vowels_is_plain_latin():
    vowels = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    assert set(fold(vowels) + fold(vowels.upper())) <= set("aeiouyd")
