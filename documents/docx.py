"""An ``OfficialDocument`` as DOCX (python-docx), for the secretariat to finish in Word: the same layout as the
PDF, in Times New Roman 13 pt, A4, margins 20/20/30/20 mm, the page number centred in the header from
page 2 (Decree 30/2020)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from documents.form import MOTTO, NATION, Heading, OfficialDocument, Paragraph, Signature, Table

FONT = "Times New Roman"
RULE = "\u2500"  # box-drawing line: the short rules under the issuing body and the motto


def _font(run, *, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(
    container,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: int = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
) -> DocxParagraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    _font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell(table, row: int, col: int) -> _Cell:
    cell = table.cell(row, col)
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def _page_number(section) -> None:
    """A PAGE field centred in the header, not on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _national_header(document, doc: OfficialDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    table.columns[0].width = table.rows[0].cells[0].width = Mm(68)
    table.columns[1].width = table.rows[0].cells[1].width = Mm(92)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    for line in doc.issuer:
        _para(left, line, bold=True)
    _para(left, RULE * 8, size=8, after=4)
    _para(left, doc.number)
    _para(right, NATION, size=12, bold=True)
    _para(right, MOTTO, bold=True)
    _para(right, RULE * 19, size=8, after=4)
    _para(right, doc.date_line, italic=True)


def _block(document, block: Heading | Paragraph | Table) -> None:
    if isinstance(block, Heading):
        _para(document, block.text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=3)
    elif isinstance(block, Paragraph):
        paragraph = _para(
            document,
            block.text,
            bold=block.bold,
            italic=block.italic,
            after=4,
            align=WD_ALIGN_PARAGRAPH.CENTER if block.center else WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
        if not block.center:
            paragraph.paragraph_format.first_line_indent = Mm(10)
    else:
        table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = "Table Grid"
        total = sum(block.widths)
        for r, row in enumerate([block.header, *block.rows]):
            for c, text in enumerate(row):
                cell = _cell(table, r, c)
                cell.width = Mm(160 * block.widths[c] / total)
                _para(cell, text, size=12, bold=r == 0, align=WD_ALIGN_PARAGRAPH.LEFT)
        _para(document, "", after=2)


def _signatures(document, signatures: list[Signature], recipients: list[str]) -> None:
    single = len(signatures) == 1
    per_row = 2 if single else min(len(signatures), 3)
    rows = (
        [signatures[i : i + per_row] for i in range(0, len(signatures), per_row)]
        if not single
        else [[None, signatures[0]]]
    )
    table = document.add_table(rows=len(rows), cols=per_row)
    _no_borders(table)
    for r, row in enumerate(rows):
        for c in range(per_row):
            cell = _cell(table, r, c)
            signature = row[c] if c < len(row) else None
            if signature is None:
                if single and recipients:
                    _para(cell, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
                    for line in recipients:
                        _para(cell, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
                else:
                    _para(cell, "")
                continue
            for line in signature.lines:
                _para(cell, line, bold=True)
            for _ in range(4):
                _para(cell, "")
            _para(cell, signature.name, bold=True, after=12)


def render_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    _page_number(section)
    document.core_properties.title = f"{doc.title} {' '.join(doc.subtitle)}".strip()
    document.core_properties.author = doc.issuer[0].title() if doc.issuer else ""
    _national_header(document, doc)
    _para(document, "", after=6)
    _para(document, doc.title, size=14, bold=True)
    for line in doc.subtitle:
        _para(document, line, size=14, bold=True)
    _para(document, "", after=6)
    for block in doc.body:
        _block(document, block)
    _signatures(document, doc.signatures, doc.recipients)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
