"""PAdES signatures with pyHanko: sign a PDF with the council's certificate (a PKCS#12 file and its
passphrase, ``NT["SIGNING_PKCS12"]`` / ``NT["SIGNING_PASSPHRASE"]``) and verify a signed PDF against the
trusted roots (``NT["SIGNING_TRUST_ROOTS"]``, PEM). ``demo_ca_create`` makes a test CA and a council
certificate for the demo and the tests; a real council uses the certificate its CA issued."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from core.errors import ServiceError
from documents import errors

FIELD = "ChuKySo"


def _signer() -> signers.SimpleSigner:
    path = Path(settings.NT["SIGNING_PKCS12"])
    passphrase = settings.NT["SIGNING_PASSPHRASE"].encode() or None
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(path), passphrase=passphrase) if path.is_file() else None
    if signer is None:
        raise ServiceError(errors.SIGNING_UNAVAILABLE)
    return signer


def pdf_sign(pdf: bytes, *, reason: str, location: str) -> bytes:
    """``pdf`` with a PAdES signature (CAdES detached, /ETSI.CAdES.detached) by the council's certificate."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=_signer())
    return out.getvalue()


def _trust_roots() -> list[Any]:
    path = Path(settings.NT["SIGNING_TRUST_ROOTS"])
    return list(load_certs_from_pemder([str(path)])) if path.is_file() else []


def pdf_verify(pdf: bytes) -> dict[str, Any]:
    """Who signed, when, and whether the signature verifies: the signed bytes are intact, the signature is
    cryptographically valid and the certificate chains to a trusted root."""
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    if not signatures:
        return {"signed": False}
    signature = signatures[0]
    context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
    status = validate_pdf_signature(signature, signer_validation_context=context)
    signer = status.signing_cert.subject.native
    return {
        "signed": True,
        "signer": signer.get("common_name", ""),
        "organization": signer.get("organization_name", ""),
        "signed_at": status.signer_reported_dt,
        "intact": status.intact,
        "valid": status.valid,
        "trusted": status.trusted,
        "verifies": bool(status.intact and status.valid and status.trusted),
        "whole_file": status.coverage.name == "ENTIRE_FILE",
    }


def demo_ca_create(
    *, directory: Path, council_name: str, passphrase: str, ca_path: Path | None = None, p12_path: Path | None = None
) -> tuple[Path, Path]:
    """A test CA (``ca.pem``) and a council certificate signed by it (``council.p12``, protected by
    ``passphrase``), in ``directory`` unless other paths are given."""
    ca_path, p12_path = ca_path or directory / "ca.pem", p12_path or directory / "council.p12"
    for path in (ca_path, p12_path):
        path.parent.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Nghị Trường (thử nghiệm)"),
            x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm Nghị Trường"),
        ]
    )
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, council_name),
            x509.NameAttribute(NameOID.COMMON_NAME, council_name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    )
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    p12_path.write_bytes(pkcs12.serialize_key_and_certificates(b"council", key, cert, [ca_cert], encryption))
    return ca_path, p12_path
