"""Official documents in the form of Decree 30/2020: opened as DOCX and PDF, they carry the national header,
the issuing body, the number and symbol, the place and date line, the title and the signature blocks."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from pypdf import PdfReader

from documents.form import date_line, number_words, ordinal_words, place_of, session_ordinal
from tests.documents.conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db

DATE_LINE = re.compile(r"Sông Lam, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}")


def test_ordinals_dates_and_places_in_words():
    assert session_ordinal(1) == "KỲ HỌP THỨ NHẤT"
    assert [ordinal_words(n) for n in (2, 4, 5, 10, 14, 15, 21, 24, 25)] == [
        "hai",
        "tư",
        "năm",
        "mười",
        "mười bốn",
        "mười lăm",
        "hai mươi mốt",
        "hai mươi tư",
        "hai mươi lăm",
    ]
    assert number_words(11) == "mười một"
    assert date_line("Sông Lam", dt.date(2026, 12, 6)) == "Sông Lam, ngày 06 tháng 12 năm 2026"
    assert date_line("Sông Lam", dt.date(2027, 2, 15)) == "Sông Lam, ngày 15 tháng 02 năm 2027"
    assert date_line("Sông Lam", dt.date(2027, 7, 1)) == "Sông Lam, ngày 01 tháng 7 năm 2027"
    assert place_of("tỉnh Sông Lam", "") == "Sông Lam" and place_of("", "Hội đồng nhân dân xã Bến Đò") == "Bến Đò"


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response


def _head_and_signatures(text: str) -> None:
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "HỘI ĐỒNG NHÂN DÂN" in text and "TỈNH SÔNG LAM" in text
    assert DATE_LINE.search(text), text[:600]


def test_resolution_as_docx(client, world):
    response = _get(client, world.h.sec, f"/documents/resolutions/{world.resolution.pk}.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''nghi-quyet-15-2026-NQ-H%C4%90ND.docx" in response["Content-Disposition"]
    lines = docx_text(response.content)
    text = "\n".join(lines)
    _head_and_signatures(text)
    assert "Số: 15/2026/NQ-HĐND" in lines and "NGHỊ QUYẾT" in lines and "KHÓA XI, KỲ HỌP THỨ NHẤT" in lines
    assert "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện." in lines
    assert "TM. HỘI ĐỒNG NHÂN DÂN" in lines and "CHỦ TỊCH" in lines and world.h.delegates[0].full_name in lines
    document = docx.Document(io.BytesIO(response.content))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 13
    section = document.sections[0]
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml


def test_resolution_as_pdf(client, world):
    response = _get(client, world.h.sec, f"/documents/resolutions/{world.resolution.pk}.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    _head_and_signatures(text)
    assert "Số: 15/2026/NQ-HĐND" in text and "NGHỊ QUYẾT" in text and "KỲ HỌP THỨ NHẤT" in text
    assert "TM. HỘI ĐỒNG NHÂN DÂN" in text and "CHỦ TỊCH" in text and world.h.delegates[0].full_name in text
    fonts = {
        font["/BaseFont"]
        for page in PdfReader(io.BytesIO(response.content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("LiberationSerif" in str(font) for font in fonts)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_minutes_and_results_documents(client, world, fmt):
    read = docx_text if fmt == "docx" else pdf_text
    session = world.h.c.session
    minutes = read(_get(client, world.h.sec, f"/documents/sessions/{session.pk}/minutes.{fmt}").content)
    text = "\n".join(minutes) if isinstance(minutes, list) else minutes
    _head_and_signatures(text)
    assert "BIÊN BẢN" in text and "/BB-HĐND" in text and "KỲ HỌP THỨ NHẤT" in text
    assert "THƯ KÝ KỲ HỌP" in text and "CHỦ TỌA KỲ HỌP" in text
    assert "tán thành 5 đại biểu, chiếm 83,33% tổng số đại biểu" in re.sub(r"\s+", " ", text)
    results = read(_get(client, world.h.sec, f"/documents/sessions/{session.pk}/results.{fmt}").content)
    text = "\n".join(results) if isinstance(results, list) else results
    _head_and_signatures(text)
    assert "KẾT QUẢ BIỂU QUYẾT" in text and "Tán thành" in text and "83,33%" in text
    # The secret election's blank paper is reported apart, in the statement and in the committee's line.
    flat = re.sub(r"\s+", " ", text)
    assert "; 1 phiếu trắng." in flat and "hợp lệ 6 (trong đó 1 phiếu trắng), không hợp lệ 0." in flat


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_counting_committee_record(client, world, fmt):
    read = docx_text if fmt == "docx" else pdf_text
    lines = read(_get(client, world.h.sec, f"/documents/polls/{world.election.pk}/count-record.{fmt}").content)
    text = re.sub(r"[ \t]+", " ", "\n".join(lines) if isinstance(lines, list) else lines)
    _head_and_signatures(text)
    assert "BIÊN BẢN KIỂM PHIẾU" in text and "/BB-BKP" in text
    for label in ("Số phiếu phát ra", "Số phiếu thu vào", "Số phiếu hợp lệ", "Số phiếu không hợp lệ", "phiếu trắng"):
        assert label in text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text and "THÀNH VIÊN BAN KIỂM PHIẾU" in text
    head, member = world.h.delegates[0].full_name, world.h.delegates[1].full_name
    assert f"1. {head}, Trưởng ban;" in text and f"2. {member}, Thành viên;" in text
    assert "Nguyễn Văn An" in text and "Trúng cử" in text
    assert re.search(r"Trong đó số phiếu trắng \(không đánh dấu\)\s+1\b", text), text  # the one blank paper


def test_the_printed_result_sheet_reports_blank_papers(client, world):
    from django.urls import reverse

    client.force_login(world.h.sec)
    page = client.get(reverse("print-results", args=[world.h.c.session.pk])).content.decode()
    assert "hợp lệ 6 (trong đó 1 phiếu trắng), không hợp lệ 0." in page and "; 1 phiếu trắng." in page


def test_documents_are_refused_outside_the_secretariat(client, world):
    session = world.h.c.session
    client.force_login(world.h.user(1))
    assert client.get(f"/documents/sessions/{session.pk}/minutes.pdf").status_code == 403
    assert client.get(f"/documents/polls/{world.election.pk}/count-record.docx").status_code == 403
    client.logout()
    assert client.get(f"/documents/resolutions/{world.resolution.pk}.pdf").status_code == 404  # adopted, unpublished
    client.force_login(world.h.sec)
    assert client.get(f"/documents/sessions/{session.pk}/minutes.odt").status_code == 404
    named = world.resolution.poll
    assert client.get(f"/documents/polls/{named.pk}/count-record.pdf").status_code == 404  # not a secret ballot


def test_a_vote_opened_below_two_thirds_is_recorded_in_the_minutes(client):
    from tests.voting.conftest import Hall
    from voting import services

    h = Hall(n=9, present=5)
    poll = h.poll(title="Thông qua chương trình kỳ họp")  # opened with the chair's confirmation
    for i in range(5):
        h.vote(poll, i)
    services.poll_close(actor=h.sec, poll=poll)
    note = "Biểu quyết được mở khi có 5/9 đại biểu có mặt (chưa đủ hai phần ba tổng số đại biểu)"
    client.force_login(h.sec)
    page = client.get(f"/print/sessions/{h.c.session.pk}/minutes/").content.decode()
    assert note in page
    assert note in " ".join(docx_text(client.get(f"/documents/sessions/{h.c.session.pk}/minutes.docx").content))
    assert note in re.sub(
        r"\s+", " ", pdf_text(client.get(f"/documents/sessions/{h.c.session.pk}/minutes.pdf").content)
    )


def test_print_views_carry_the_national_header_and_the_ordinal_in_words(client, world):
    client.force_login(world.h.sec)
    for url in (f"/print/sessions/{world.h.c.session.pk}/minutes/", f"/print/sessions/{world.h.c.session.pk}/results/"):
        page = client.get(url).content.decode()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
        assert "KHÓA XI, KỲ HỌP THỨ NHẤT" in page and DATE_LINE.search(page)
