"""The form of an official document (Decree 30/2020/NĐ-CP), independent of the file format.

A document is data: the issuing body, number and symbol, place and date line, title, body blocks (headings,
paragraphs, tables) and signature blocks. ``documents.docx`` and ``documents.pdf`` lay the same data out
the same way (national header top right, issuing body top left, page numbers from page 2, Times New
Roman / a metric-compatible serif 13-14 pt)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
UNIT_WORDS = re.compile(r"^(tỉnh|thành phố|xã|phường|đặc khu|thị trấn|huyện|quận|thị xã)\s+", re.IGNORECASE)

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    center: bool = False


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[int]  # relative widths of the columns


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Signature:
    """A signature block: the capacity lines ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"), space to sign, the name."""

    lines: list[str]
    name: str = ""


@dataclass
class OfficialDocument:
    issuer: list[str]  # ["HỘI ĐỒNG NHÂN DÂN", "TỈNH SÔNG LAM"]
    number: str  # "Số: 12/NQ-HĐND"
    date_line: str  # "Sông Lam, ngày 06 tháng 12 năm 2026"
    title: str  # "NGHỊ QUYẾT"
    subtitle: list[str]
    body: list[Block]
    signatures: list[Signature]
    recipients: list[str] = field(default_factory=list)
    filename: str = "van-ban"


def number_words(n: int) -> str:
    """1..99 in words as ordinals are read: 4 "tư", 14 "mười bốn", 21 "hai mươi mốt", 25 "hai mươi lăm"."""
    if not 1 <= n <= 99:
        return str(n)
    tens, unit = divmod(n, 10)
    if tens == 0:
        return DIGITS[unit]
    head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
    if unit == 0:
        return head
    tail = {1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}.get(unit, DIGITS[unit])
    return f"{head} {tail}"


def ordinal_words(n: int) -> str:
    """The ordinal after "thứ": 1 "nhất", 2 "hai", 4 "tư", 11 "mười một"."""
    return {1: "nhất", 4: "tư"}.get(n, number_words(n))


def session_ordinal(number: int) -> str:
    """ "KỲ HỌP THỨ NHẤT"."""
    return f"KỲ HỌP THỨ {ordinal_words(number).upper()}"


def place_of(place_name: str, council_name: str) -> str:
    """The place in the date line: the unit's name without its level ("tỉnh Sông Lam" → "Sông Lam")."""
    name = place_name or re.sub(r"^Hội đồng nhân dân\s+", "", council_name, flags=re.IGNORECASE)
    return UNIT_WORDS.sub("", name.strip())


def date_line(place: str, day: dt.date) -> str:
    """ "Sông Lam, ngày 06 tháng 12 năm 2026": a zero before days under 10 and the months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def issuer_lines(council_name: str) -> list[str]:
    """ "Hội đồng nhân dân tỉnh Sông Lam" → ["HỘI ĐỒNG NHÂN DÂN", "TỈNH SÔNG LAM"]."""
    match = re.match(r"^(Hội đồng nhân dân)\s+(.+)$", council_name.strip(), flags=re.IGNORECASE)
    if match is None:
        return [council_name.upper()]
    return [match.group(1).upper(), match.group(2).upper()]
