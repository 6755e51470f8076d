"""ristretto255: a prime-order group (order ``L``) with canonical 32-byte encodings.

Points are ``bytes`` (32); scalars are Python ``int`` in ``[0, L)``. Point operations go to libsodium
(``crypto_scalarmult_ristretto255``, ``crypto_core_ristretto255_add/sub/is_valid_point``); libsodium refuses
to return the identity from a multiplication, so ``mul`` handles a zero scalar or the identity itself."""

from __future__ import annotations

import hashlib
import secrets

import pysodium

L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = bytes(32)
G = pysodium.crypto_scalarmult_ristretto255_base((1).to_bytes(32, "little"))


class DecodeError(ValueError):
    """Input that is not a canonical encoding of a group element or scalar."""


def scalar_bytes(s: int) -> bytes:
    return (s % L).to_bytes(32, "little")


def scalar_random() -> int:
    while True:
        s = int.from_bytes(secrets.token_bytes(64), "little") % L
        if s:
            return s


def mul(s: int, point: bytes) -> bytes:
    s %= L
    if s == 0 or point == IDENTITY:
        return IDENTITY
    return pysodium.crypto_scalarmult_ristretto255(scalar_bytes(s), point)


def base(s: int) -> bytes:
    s %= L
    return IDENTITY if s == 0 else pysodium.crypto_scalarmult_ristretto255_base(scalar_bytes(s))


def add(p: bytes, q: bytes) -> bytes:
    return pysodium.crypto_core_ristretto255_add(p, q)


def sub(p: bytes, q: bytes) -> bytes:
    return pysodium.crypto_core_ristretto255_sub(p, q)


def _hex32(text: object, what: str) -> bytes:
    """32 bytes from exactly 64 lowercase hex digits (the one encoding of points and scalars)."""
    if not isinstance(text, str) or len(text) != 64:
        raise DecodeError(f"{what}: 64 hex digits")
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raise DecodeError(f"{what}: 64 hex digits") from None
    if raw.hex() != text:
        raise DecodeError(f"{what}: lowercase hex")
    return raw


def point_decode(text: object, *, allow_identity: bool = False) -> bytes:
    """A point from 64 lowercase hex digits; refuses non-canonical encodings, non-points and (unless
    allowed) the identity."""
    raw = _hex32(text, "point")
    if raw == IDENTITY:
        if allow_identity:
            return raw
        raise DecodeError("point: identity")
    if not pysodium.crypto_core_ristretto255_is_valid_point(raw):
        raise DecodeError("point: not a ristretto255 element")
    return raw


def scalar_decode(text: object) -> int:
    """A scalar from 64 hex digits (little-endian), canonical (< L)."""
    value = int.from_bytes(_hex32(text, "scalar"), "little")
    if value >= L:
        raise DecodeError("scalar: not canonical")
    return value


def hex_scalar(s: int) -> str:
    return scalar_bytes(s).hex()


def _encode(part: object) -> bytes:
    return part if isinstance(part, bytes) else str(part).encode()


def transcript(*parts: object) -> bytes:
    """Length-prefixed concatenation (4-byte big-endian length, then the bytes) of every part."""
    out = bytearray()
    for part in parts:
        data = _encode(part)
        out += len(data).to_bytes(4, "big") + data
    return bytes(out)


def hash_scalar(*parts: object) -> int:
    """SHA-512 of the transcript, reduced modulo L (the Fiat–Shamir challenge)."""
    return int.from_bytes(hashlib.sha512(transcript(*parts)).digest(), "little") % L


def small_multiples(limit: int) -> dict[bytes, int]:
    """{m·G: m} for 0 ≤ m ≤ limit (solving the small discrete logarithm of a count)."""
    table = {IDENTITY: 0}
    point = IDENTITY
    for m in range(1, limit + 1):
        point = add(point, G)
        table[point] = m
    return table
