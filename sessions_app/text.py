"""Text helpers shared by the archive API and the public pages."""

from __future__ import annotations

import unicodedata


def text_fold(text: str | None) -> str:
    """A search key that ignores Vietnamese diacritics and case: NFD, drop combining marks, đ/Đ → d,
    lowercase, collapse whitespace. "Nghị quyết  NGÂN sách" → "nghi quyet ngan sach"."""
    decomposed = unicodedata.normalize("NFD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("đ", "d").replace("Đ", "d").lower().split())


def text_matches(query: str, *values: str | None) -> bool:
    """Every word of the query occurs in the folded values, in any order."""
    haystack = text_fold(" ".join(v for v in values if v))
    return all(word in haystack for word in text_fold(query).split())
