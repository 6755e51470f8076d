"""Assertions shared by the suites."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.errors import ServiceError
from sessions_app.models import AuditEntry


def refused(code: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> ServiceError:
    """The call raises ServiceError ``code`` and appends nothing to the audit trail (it changed nothing)."""
    before = AuditEntry.objects.count()
    with pytest.raises(ServiceError) as error:
        call(*args, **kwargs)
    assert error.value.code == code
    assert AuditEntry.objects.count() == before
    return error.value
