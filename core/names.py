"""Vietnamese names: family name first ("Trần Xuân Nam": họ Trần, đệm Xuân, tên Nam), and lists sorted as
councils sort them, by the given name, then the family name, then the middle name, in Vietnamese
collation (ICU, locale vi: Ă, Â after A, Đ after D, Ư after U; tones in the order ngang, huyền, hỏi, ngã,
sắc, nặng), never by code points."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

import icu

T = TypeVar("T")


@cache
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def name_parts(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a name written in Vietnamese order."""
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def collation_key(text: str) -> bytes:
    return bytes(_collator().getSortKey(text))


def name_sort_key(full_name: str) -> tuple[bytes, bytes, bytes]:
    family, middle, given = name_parts(full_name)
    return collation_key(given), collation_key(family), collation_key(middle)


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` in the council's order of names (given name, family name, middle name)."""
    return sorted(items, key=lambda item: name_sort_key(name(item)))
