"""The public bulletin board of a secret poll, and its verification from the board alone.

Board (JSON, ``GET /api/polls/<id>/board/``)::

    {"format": "nghi-truong/ballot-board/v1", "poll": id, "layout": {...},
     "committee": [{"position": 1, "name": "...", "public": hex, "proof": {...}}, ...], "key": hex,
     "ballots": [{"receipt": "...", "tag": hex, "ballot": {...}}, ...],   # receipt order, no voter
     "sums": [{"a": hex, "b": hex}, ...] | null,                          # once closed
     "partials": [{"position": 1, "d": [...], "proofs": [...]}, ...],
     "counts": {mark: n} | null}                                          # once every partial is in

``board_verify`` recomputes everything: every share's proof and the joint key, every ballot's proofs and
receipt, the sums, every partial decryption's proof, and the counts (the ``blank`` mark counts the papers
returned with nothing marked; a layout without it is a poll opened before blank papers were counted apart)."""

from __future__ import annotations

from typing import Any

from voting.crypto.ballots import (
    BallotError,
    Ciphertext,
    ballot_verify,
    ciphertexts_sum,
    layout_check,
    receipt_of,
)
from voting.crypto.group import DecodeError, point_decode
from voting.crypto.tally import TallyError, counts_combine, joint_key, partial_verify, share_verify

FORMAT = "nghi-truong/ballot-board/v1"


class BoardError(ValueError):
    """The board does not verify; the message says where."""


def sums_encode(sums: list[Ciphertext]) -> list[dict[str, str]]:
    return [{"a": s.a.hex(), "b": s.b.hex()} for s in sums]


def sums_decode(raw: list[dict[str, str]]) -> list[Ciphertext]:
    return [
        Ciphertext(point_decode(s["a"], allow_identity=True), point_decode(s["b"], allow_identity=True)) for s in raw
    ]


def board_verify(board: dict[str, Any]) -> dict[str, Any]:
    """Recompute the board; a summary ``{ballots, counts, complete}`` or BoardError naming the fault."""
    if board.get("format") != FORMAT:
        raise BoardError(f"format: expected {FORMAT}")
    poll_id, layout = board["poll"], board["layout"]
    try:
        layout_check(layout)
    except BallotError as exc:
        raise BoardError(f"layout: {exc}") from None
    shares = []
    for member in board["committee"]:
        try:
            shares.append(
                share_verify(
                    poll_id=poll_id,
                    position=member["position"],
                    published={"public": member["public"], "proof": member["proof"]},
                )
            )
        except TallyError as exc:
            raise BoardError(f"committee member {member['position']}: {exc}") from None
    key = joint_key(shares)
    if key.hex() != board["key"]:
        raise BoardError("key: not the sum of the committee's shares")
    rows = []
    receipts = set()
    for entry in board["ballots"]:
        try:
            cts = ballot_verify(poll_id=poll_id, tag=entry["tag"], key=key, layout=layout, ballot=entry["ballot"])
        except BallotError as exc:
            raise BoardError(f"ballot {entry['receipt']}: {exc}") from None
        if receipt_of(poll_id, entry["tag"], cts) != entry["receipt"] or entry["receipt"] in receipts:
            raise BoardError(f"ballot {entry['receipt']}: receipt does not match its ciphertexts")
        receipts.add(entry["receipt"])
        rows.append(cts)
    summary: dict[str, Any] = {"ballots": len(rows), "counts": None, "complete": False}
    if board.get("sums") is None:
        return summary
    sums = ciphertexts_sum(rows, len(layout["marks"]))
    if sums_encode(sums) != board["sums"]:
        raise BoardError("sums: not the product of the ballots")
    by_position = {m["position"]: share for m, share in zip(board["committee"], shares, strict=True)}
    partials = []
    for partial in board.get("partials") or []:
        position = partial["position"]
        if position not in by_position:
            raise BoardError(f"partial of unknown member {position}")
        try:
            partials.append(
                partial_verify(
                    poll_id=poll_id,
                    position=position,
                    share=by_position[position],
                    sums=sums,
                    partial={"d": partial["d"], "proofs": partial["proofs"]},
                )
            )
        except (TallyError, DecodeError) as exc:
            raise BoardError(f"partial of member {position}: {exc}") from None
    if len(partials) < len(shares):
        return summary
    counts = counts_combine(sums=sums, partials=partials, ballots=len(rows))
    recomputed = dict(zip(layout["marks"], counts, strict=True))
    if board.get("counts") is not None and board["counts"] != recomputed:
        raise BoardError(f"counts: published {board['counts']}, recomputed {recomputed}")
    return {"ballots": len(rows), "counts": recomputed, "complete": True}
