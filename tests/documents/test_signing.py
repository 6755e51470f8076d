"""PAdES signatures: the secretariat signs an adopted resolution's PDF and the minutes with the council's
certificate (PKCS#12 + passphrase from settings); the signature verifies against the trusted root, fails
when the file is altered or the root is not trusted; the public resolution page says signed, by whom, when,
and whether it verifies."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from core.errors import ServiceError
from documents import services
from documents.models import SignedDocument
from documents.signing import demo_ca_create, pdf_verify
from sessions_app.models import AuditEntry
from voting import services as voting

pytestmark = pytest.mark.django_db
PASSPHRASE = "mat-khau-chung-thu"


@pytest.fixture
def certificate(tmp_path, settings):
    ca, p12 = demo_ca_create(
        directory=tmp_path / "ca", council_name="Hội đồng nhân dân tỉnh Sông Lam", passphrase=PASSPHRASE
    )
    settings.NT = {
        **settings.NT,
        "SIGNING_PKCS12": str(p12),
        "SIGNING_PASSPHRASE": PASSPHRASE,
        "SIGNING_TRUST_ROOTS": str(ca),
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


def _signed_bytes(record: SignedDocument) -> bytes:
    with record.file.open("rb") as handle:
        return handle.read()


def test_a_signed_resolution_verifies_and_tampering_breaks_it(world, certificate, settings):
    record = services.resolution_sign(actor=world.h.sec, resolution=world.resolution)
    signed = _signed_bytes(record)
    check = pdf_verify(signed)
    assert check["signed"] and check["verifies"] and check["intact"] and check["valid"] and check["trusted"]
    assert check["signer"] == "Hội đồng nhân dân tỉnh Sông Lam" and check["whole_file"]
    assert record.signer == "Hội đồng nhân dân tỉnh Sông Lam" and record.signed_by == world.h.sec
    assert "/ETSI.CAdES.detached" in signed.decode("latin-1")  # PAdES
    assert "NGHỊ QUYẾT" in PdfReader(io.BytesIO(signed)).pages[0].extract_text()
    assert AuditEntry.objects.filter(action="document.sign", object_id=world.resolution.pk).exists()
    # One byte of the signed content changed: the signature no longer verifies.
    at = signed.index(b"/Title")
    tampered = signed[:at] + b"/Titlf" + signed[at + 6 :]
    assert pdf_verify(tampered)["verifies"] is False
    # Another CA as the only trusted root: intact and valid, but not trusted.
    other_ca, _ = demo_ca_create(directory=certificate / "other", council_name="Khác", passphrase="")
    settings.NT = {**settings.NT, "SIGNING_TRUST_ROOTS": str(other_ca)}
    check = pdf_verify(signed)
    assert check["intact"] and not check["trusted"] and not check["verifies"]


def test_minutes_are_signed_and_re_signing_replaces_the_file(world, certificate):
    first = services.minutes_sign(actor=world.h.sec, session=world.h.c.session)
    second = services.minutes_sign(actor=world.h.sec, session=world.h.c.session)
    assert first.pk == second.pk and SignedDocument.objects.count() == 1
    assert pdf_verify(_signed_bytes(second))["verifies"]


def test_signing_refusals(world, certificate, settings):
    with pytest.raises(ServiceError) as info:
        services.resolution_sign(actor=world.h.user(1), resolution=world.resolution)
    assert info.value.code == "council.forbidden"
    draft = voting.resolution_create(actor=world.h.sec, session=world.h.c.session, title="Dự thảo chưa biểu quyết")
    with pytest.raises(ServiceError) as info:
        services.resolution_sign(actor=world.h.sec, resolution=draft)
    assert info.value.code == "document.not_adopted"
    settings.NT = {**settings.NT, "SIGNING_PASSPHRASE": "sai-mat-khau"}
    with pytest.raises(ServiceError) as info:  # a wrong passphrase cannot open the PKCS#12 file
        services.resolution_sign(actor=world.h.sec, resolution=world.resolution)
    assert info.value.code == "document.signing_unavailable"
    settings.NT = {**settings.NT, "SIGNING_PKCS12": str(certificate / "missing.p12")}
    with pytest.raises(ServiceError) as info:
        services.resolution_sign(actor=world.h.sec, resolution=world.resolution)
    assert info.value.code == "document.signing_unavailable"
    assert not SignedDocument.objects.exists()


def test_the_public_resolution_page_shows_the_signature(client, world, certificate):
    resolution = voting.resolution_publish(actor=world.h.sec, resolution=world.resolution)
    page = client.get(f"/public/resolutions/{resolution.pk}/").content.decode()
    assert "Văn bản chưa được ký số." in page
    client.force_login(world.h.sec)
    response = client.post(f"/documents/resolutions/{resolution.pk}/sign/")
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/public/resolutions/{resolution.pk}/").content.decode()
    assert "Văn bản đã được ký số; chữ ký số hợp lệ." in page
    assert "Người ký: Hội đồng nhân dân tỉnh Sông Lam" in page
    record = SignedDocument.objects.get()
    download = client.get(f"/documents/signed/{record.pk}.pdf")
    assert download.status_code == 200 and pdf_verify(b"".join(download.streaming_content))["verifies"]
    assert client.get(f"/documents/resolutions/{resolution.pk}.pdf").status_code == 200  # published: public
