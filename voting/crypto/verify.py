"""Stand-alone verifier of a secret poll's public board (no Django, no database).

    curl -s https://<server>/api/polls/<id>/board/ > board.json
    python -m voting.crypto.verify board.json          # needs only pysodium and this package

Exit status 0 and the recomputed counts when every proof, receipt, sum, partial decryption and count
checks; 1 and the first fault otherwise."""

from __future__ import annotations

import json
import sys

from voting.crypto.board import BoardError, board_verify


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m voting.crypto.verify board.json", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        board = json.load(handle)
    try:
        summary = board_verify(board)
    except (BoardError, KeyError, TypeError) as exc:
        print(f"KHÔNG HỢP LỆ / INVALID: {exc}")
        return 1
    print(json.dumps({"ok": True, **summary}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
