"""Secrets that must not reach a log: a voter's ballot receipt in ``/api/polls/<id>/receipts/<receipt>`` is
written as ``<receipt>`` in the server's access log and in Django's request warnings (docs/security.md)."""

from __future__ import annotations

import logging
import re

RECEIPT_PATH = re.compile(r"(/receipts/)[^/\s?\"]+")


def receipt_redact(text: str) -> str:
    return RECEIPT_PATH.sub(r"\1<receipt>", text)


class ReceiptRedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/receipts/" in message:
            record.msg, record.args = receipt_redact(message), ()
        return True
