"""Zero-knowledge proofs, non-interactive by Fiat–Shamir (challenge = ``hash_scalar(label, context…)``).

- ``schnorr``: knowledge of ``x`` with ``Y = x·G`` (a committee member's key share).
- ``dleq``: Chaum–Pedersen, ``log_G(Y) = log_A(D)`` (a partial decryption ``D = x·A``).
- ``one_of``: disjunctive Chaum–Pedersen, the ciphertext ``(A, B)`` under key ``K`` encrypts one of the
  values ``V`` (``A = r·G``, ``B = r·K + v·G`` for some v in V): 0/1 per option, the allowed totals of a
  ballot (exactly one option; at most N candidates). One real branch, the others simulated.

A proof is a dict of hex scalars: ``{"c": …, "z": …}`` or ``{"c": [...], "z": [...]}``."""

from __future__ import annotations

from collections.abc import Sequence

from voting.crypto.group import L, base, hash_scalar, hex_scalar, mul, scalar_decode, scalar_random, sub


class ProofError(ValueError):
    """A proof that does not verify (or is not even shaped like one)."""


def schnorr_prove(context: Sequence[object], x: int, y: bytes) -> dict[str, str]:
    k = scalar_random()
    c = hash_scalar("nt/schnorr/v1", *context, y, base(k))
    return {"c": hex_scalar(c), "z": hex_scalar(k + c * x)}


def schnorr_verify(context: Sequence[object], y: bytes, proof: object) -> None:
    c, z = _pair(proof)
    commitment = sub(base(z), mul(c, y))
    if hash_scalar("nt/schnorr/v1", *context, y, commitment) != c:
        raise ProofError("schnorr")


def dleq_prove(context: Sequence[object], x: int, y: bytes, a: bytes, d: bytes) -> dict[str, str]:
    w = scalar_random()
    c = hash_scalar("nt/dleq/v1", *context, y, a, d, base(w), mul(w, a))
    return {"c": hex_scalar(c), "z": hex_scalar(w + c * x)}


def dleq_verify(context: Sequence[object], y: bytes, a: bytes, d: bytes, proof: object) -> None:
    c, z = _pair(proof)
    t1 = sub(base(z), mul(c, y))
    t2 = sub(mul(z, a), mul(c, d))
    if hash_scalar("nt/dleq/v1", *context, y, a, d, t1, t2) != c:
        raise ProofError("dleq")


def one_of_prove(
    context: Sequence[object], key: bytes, a: bytes, b: bytes, r: int, value: int, values: Sequence[int]
) -> dict[str, list[str]]:
    """Prove that (a, b) encrypts one of ``values`` under ``key``; the prover knows it is ``value`` with
    randomness ``r``."""
    index = list(values).index(value)
    cs: list[int] = [0] * len(values)
    zs: list[int] = [0] * len(values)
    commitments: list[bytes] = []
    w = scalar_random()
    for i, v in enumerate(values):
        if i == index:
            commitments += [base(w), mul(w, key)]
            continue
        cs[i], zs[i] = scalar_random(), scalar_random()
        commitments += _branch(key, a, b, v, cs[i], zs[i])
    c = hash_scalar("nt/one-of/v1", *context, key, a, b, *values, *commitments)
    cs[index] = (c - sum(cs)) % L
    zs[index] = w + cs[index] * r
    return {"c": [hex_scalar(x) for x in cs], "z": [hex_scalar(x) for x in zs]}


def one_of_verify(
    context: Sequence[object], key: bytes, a: bytes, b: bytes, values: Sequence[int], proof: object
) -> None:
    if not isinstance(proof, dict) or set(proof) != {"c", "z"}:
        raise ProofError("one-of: shape")
    raw_c, raw_z = proof["c"], proof["z"]
    if not isinstance(raw_c, list) or not isinstance(raw_z, list) or not len(raw_c) == len(raw_z) == len(values):
        raise ProofError("one-of: shape")
    cs = [_scalar(x) for x in raw_c]
    zs = [_scalar(x) for x in raw_z]
    commitments: list[bytes] = []
    for v, c, z in zip(values, cs, zs, strict=True):
        commitments += _branch(key, a, b, v, c, z)
    if hash_scalar("nt/one-of/v1", *context, key, a, b, *values, *commitments) != sum(cs) % L:
        raise ProofError("one-of")


def _branch(key: bytes, a: bytes, b: bytes, v: int, c: int, z: int) -> list[bytes]:
    """The commitments the verifier recomputes for branch v: z·G − c·A and z·K − c·(B − v·G)."""
    shifted = sub(b, base(v)) if v else b
    return [sub(base(z), mul(c, a)), sub(mul(z, key), mul(c, shifted))]


def _scalar(text: object) -> int:
    try:
        return scalar_decode(text)
    except ValueError:
        raise ProofError("scalar") from None


def _pair(proof: object) -> tuple[int, int]:
    if not isinstance(proof, dict) or set(proof) != {"c", "z"}:
        raise ProofError("shape")
    return _scalar(proof["c"]), _scalar(proof["z"])
