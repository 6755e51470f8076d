"""The counting committee: key shares, partial decryptions of the sums, and combining them into counts.

n-of-n: the election key is ``K = Σ Yᵢ`` where member i holds ``xᵢ`` (``Yᵢ = xᵢ·G``); every member's
partial decryption ``Dᵢⱼ = xᵢ·Aⱼ`` of each summed ciphertext ``(Aⱼ, Bⱼ)`` is needed, and then
``Bⱼ − Σᵢ Dᵢⱼ = countⱼ·G``, whose small discrete logarithm (0 ≤ count ≤ ballots) is read from a table.
Individual ballots are never decrypted: only the sums are ever given to the committee."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from voting.crypto.ballots import Ciphertext
from voting.crypto.group import DecodeError, add, base, mul, point_decode, scalar_random, small_multiples, sub
from voting.crypto.proofs import ProofError, dleq_prove, dleq_verify, schnorr_prove, schnorr_verify


class TallyError(ValueError):
    """A key share or a partial decryption that does not verify, or sums that do not decrypt to counts."""


def _share_context(poll_id: int, position: int) -> tuple[object, ...]:
    return ("nt/key-share/v1", poll_id, position)


def _partial_context(poll_id: int, position: int, row: int) -> tuple[object, ...]:
    return ("nt/partial/v1", poll_id, position, row)


def share_make(*, poll_id: int, position: int) -> tuple[int, dict[str, Any]]:
    """A member's tablet: a fresh secret share and what it publishes (public share + Schnorr proof)."""
    x = scalar_random()
    y = base(x)
    return x, {"public": y.hex(), "proof": schnorr_prove(_share_context(poll_id, position), x, y)}


def share_verify(*, poll_id: int, position: int, published: object) -> bytes:
    """The public share, once its proof of knowledge checks."""
    if not isinstance(published, dict) or set(published) != {"public", "proof"}:
        raise TallyError("share: {public, proof}")
    try:
        y = point_decode(published["public"])
        schnorr_verify(_share_context(poll_id, position), y, published["proof"])
    except (DecodeError, ProofError) as exc:
        raise TallyError(f"share: {exc}") from None
    return y


def joint_key(shares: Sequence[bytes]) -> bytes:
    key = shares[0]
    for share in shares[1:]:
        key = add(key, share)
    return key


def partial_make(*, poll_id: int, position: int, x: int, sums: Sequence[Ciphertext]) -> dict[str, Any]:
    """A member's tablet: its partial decryption of every sum, each with a Chaum–Pedersen proof."""
    y = base(x)
    ds = [mul(x, s.a) for s in sums]
    proofs = [
        dleq_prove(_partial_context(poll_id, position, j), x, y, s.a, d)
        for j, (s, d) in enumerate(zip(sums, ds, strict=True))
    ]
    return {"d": [d.hex() for d in ds], "proofs": proofs}


def partial_verify(
    *, poll_id: int, position: int, share: bytes, sums: Sequence[Ciphertext], partial: object
) -> list[bytes]:
    if not isinstance(partial, dict) or set(partial) != {"d", "proofs"}:
        raise TallyError("partial: {d, proofs}")
    ds, proofs = partial["d"], partial["proofs"]
    if not isinstance(ds, list) or not isinstance(proofs, list) or not len(ds) == len(proofs) == len(sums):
        raise TallyError(f"partial: {len(sums)} values and proofs")
    points = []
    for j, (s, raw, proof) in enumerate(zip(sums, ds, proofs, strict=True)):
        try:
            d = point_decode(raw, allow_identity=True)
            dleq_verify(_partial_context(poll_id, position, j), share, s.a, d, proof)
        except (DecodeError, ProofError) as exc:
            raise TallyError(f"partial {j}: {exc}") from None
        points.append(d)
    return points


def counts_combine(*, sums: Sequence[Ciphertext], partials: Sequence[Sequence[bytes]], ballots: int) -> list[int]:
    """Each mark's count from the sums and every member's (verified) partial decryptions."""
    table = small_multiples(ballots)
    counts = []
    for j, s in enumerate(sums):
        m = s.b
        for member in partials:
            m = sub(m, member[j])
        if m not in table:
            raise TallyError(f"row {j}: no count between 0 and {ballots}")
        counts.append(table[m])
    return counts
