"""An ``OfficialDocument`` as PDF (fpdf2, pure Python, no browser): A4, margins 20/20/30/20 mm, Liberation
Serif (metric-compatible with Times New Roman, with every Vietnamese glyph; shipped in documents/fonts under
the SIL Open Font License), 13 pt body, page numbers centred at the top from page 2 (Decree 30/2020)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from documents.form import MOTTO, NATION, Heading, OfficialDocument, Paragraph, Signature, Table

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "serif"
LEFT, RIGHT, TOP, BOTTOM = 30, 20, 20, 20
LINE = 6.2  # mm per line of 13 pt text, a little over single spacing
HEADER_LEFT_W = 68


class _Pdf(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(FAMILY, size=13)
            self.set_y(10)
            self.cell(0, 6, str(self.page_no()), align="C")
            self.set_y(TOP)


def _pdf() -> _Pdf:
    pdf = _Pdf(format="A4", unit="mm")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic"), ("BI", "BoldItalic")):
        pdf.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{name}.ttf"))
    pdf.set_creator("Nghị Trường")
    return pdf


def _centered_rule(pdf: FPDF, x: float, width: float, rule: float) -> None:
    """A rule centred under the line above: under the issuing body a third to a half of it, under the motto
    as long as the motto."""
    y = pdf.get_y() + 0.8
    pdf.set_line_width(0.3)
    pdf.line(x + (width - rule) / 2, y, x + (width + rule) / 2, y)


def _national_header(pdf: FPDF, doc: OfficialDocument) -> None:
    top = pdf.get_y()
    right_x = LEFT + HEADER_LEFT_W
    right_w = pdf.w - RIGHT - right_x
    # Left: the issuing body, a short rule, the number and symbol.
    pdf.set_font(FAMILY, "B", 13)
    for line in doc.issuer:
        pdf.set_x(LEFT)
        pdf.cell(HEADER_LEFT_W, LINE, line, align="C", new_x="LMARGIN", new_y="NEXT")
    _centered_rule(pdf, LEFT, HEADER_LEFT_W, max(pdf.get_string_width(doc.issuer[-1]) * 0.45, 20))
    pdf.ln(3)
    pdf.set_font(FAMILY, "", 13)
    pdf.set_x(LEFT)
    pdf.cell(HEADER_LEFT_W, LINE, doc.number, align="C")
    left_bottom = pdf.get_y() + LINE
    # Right: the national name, the motto with its rule, the place and date line.
    pdf.set_xy(right_x, top)
    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(right_w, LINE, NATION, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 13)
    pdf.cell(right_w, LINE, MOTTO, align="C", new_x="LEFT", new_y="NEXT")
    _centered_rule(pdf, right_x, right_w, pdf.get_string_width(MOTTO))
    pdf.ln(3)
    pdf.set_x(right_x)
    pdf.set_font(FAMILY, "I", 13)
    pdf.cell(right_w, LINE, doc.date_line, align="C")
    pdf.set_y(max(left_bottom, pdf.get_y() + LINE) + 6)


def _title(pdf: FPDF, doc: OfficialDocument) -> None:
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 7, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    for line in doc.subtitle:
        pdf.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _block(pdf: FPDF, block: Heading | Paragraph | Table) -> None:
    if isinstance(block, Heading):
        pdf.ln(1)
        pdf.set_font(FAMILY, "B", 13)
        pdf.multi_cell(0, LINE, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
    elif isinstance(block, Paragraph):
        pdf.set_font(FAMILY, ("B" if block.bold else "") + ("I" if block.italic else ""), 13)
        pdf.multi_cell(0, LINE, block.text, align="C" if block.center else "J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    else:
        pdf.set_font(FAMILY, "", 12)
        with pdf.table(
            col_widths=tuple(block.widths),
            headings_style=FontFace(emphasis="BOLD"),
            line_height=5.6,
            text_align="LEFT",
            padding=1,
        ) as table:
            table.row(block.header)
            for row in block.rows:
                table.row(row)
        pdf.ln(3)


def _signatures(pdf: FPDF, signatures: list[Signature], recipients: list[str]) -> None:
    width = pdf.w - LEFT - RIGHT
    per_row = 1 if len(signatures) == 1 else min(len(signatures), 3)
    if pdf.get_y() > pdf.h - BOTTOM - 55:
        pdf.add_page()
    pdf.ln(4)
    for start in range(0, len(signatures), per_row):
        row = signatures[start : start + per_row]
        cell_w = width / 2 if per_row == 1 else width / per_row
        top = pdf.get_y()
        if per_row == 1 and recipients:
            _recipients(pdf, recipients, top, cell_w)
        bottom = top
        for i, signature in enumerate(row):
            x = LEFT + (cell_w if per_row == 1 else i * cell_w)
            pdf.set_xy(x, top)
            pdf.set_font(FAMILY, "B", 13)
            for line in signature.lines:
                pdf.set_x(x)
                pdf.multi_cell(cell_w, LINE, line, align="C", new_x="LEFT", new_y="NEXT")
            pdf.ln(22)
            pdf.set_x(x)
            pdf.multi_cell(cell_w, LINE, signature.name or " ", align="C", new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, pdf.get_y())
        pdf.set_xy(LEFT, bottom + 6)


def _recipients(pdf: FPDF, recipients: list[str], top: float, width: float) -> None:
    pdf.set_xy(LEFT, top)
    pdf.set_font(FAMILY, "BI", 12)
    pdf.cell(width, 5.5, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 11)
    for line in recipients:
        pdf.multi_cell(width, 5, f"- {line}", new_x="LMARGIN", new_y="NEXT")


def render_pdf(doc: OfficialDocument) -> bytes:
    pdf = _pdf()
    pdf.set_title(f"{doc.title} {' '.join(doc.subtitle)}".strip())
    pdf.add_page()
    _national_header(pdf, doc)
    _title(pdf, doc)
    for block in doc.body:
        _block(pdf, block)
    _signatures(pdf, doc.signatures, doc.recipients)
    return bytes(pdf.output())
