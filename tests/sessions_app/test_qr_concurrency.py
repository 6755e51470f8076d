"""Two tablets scanning the same card at the same moment: exactly one logs in (needs PostgreSQL)."""

import threading

import pytest
from django.db import connection

from core.errors import ServiceError
from sessions_app.auth_tokens import login_cards_issue, login_token_redeem
from sessions_app.models import AuditEntry, LoginToken
from tests.factories import Council_


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_code_scanned_concurrently_logs_in_only_once():
    c = Council_(n=1)
    signed = login_cards_issue(actor=c.secretariat, session=c.session)[0].signed
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def scan() -> None:
        try:
            barrier.wait()
            login_token_redeem(signed=signed)
            outcomes.append("ok")
        except ServiceError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["login_token.used"] * 5 + ["ok"]
    assert LoginToken.objects.filter(used_at__isnull=False).count() == 1
    assert AuditEntry.objects.filter(action="login_token.redeem").count() == 1
