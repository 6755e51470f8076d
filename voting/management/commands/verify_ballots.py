"""``python manage.py verify_ballots <poll id> [--board-out board.json]``: recompute a secret poll from its
public board (every proof, receipt, sum, partial decryption and count) and compare with the stored result.
The same check as the stand-alone ``python -m voting.crypto.verify board.json``, straight from the database."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from voting.board import board_build
from voting.crypto.board import BoardError, board_verify
from voting.models import Poll, PollMethod


class Command(BaseCommand):
    help = "Verify a secret poll's public bulletin board and its result."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("poll", type=int)
        parser.add_argument("--board-out", help="also write the board JSON to this file")

    def handle(self, *args: Any, **options: Any) -> None:
        poll = Poll.objects.filter(pk=options["poll"]).first()
        if poll is None or poll.method != PollMethod.SECRET:
            raise CommandError(f"no secret poll {options['poll']}")
        try:
            board = board_build(poll)
        except ServiceError as exc:
            raise CommandError(f"poll {poll.pk} has no board ({exc.code}): counted before encrypted ballots?") from None
        if options.get("board_out"):
            with open(options["board_out"], "w", encoding="utf-8") as handle:
                json.dump(board, handle, ensure_ascii=False)
        try:
            summary = board_verify(json.loads(json.dumps(board)))
        except BoardError as exc:
            raise CommandError(f"KHÔNG HỢP LỆ / INVALID: {exc}") from None
        if summary["complete"] and poll.result is not None:
            stored = poll.result["counts"]
            recomputed = {k: v for k, v in summary["counts"].items() if v}
            if stored != recomputed:
                raise CommandError(f"stored result {stored} differs from the board {recomputed}")
        if poll.cast_count != summary["ballots"]:
            raise CommandError(f"{poll.cast_count} participations but {summary['ballots']} ballots on the board")
        self.stdout.write(json.dumps({"ok": True, "poll": poll.pk, **summary}, ensure_ascii=False))
