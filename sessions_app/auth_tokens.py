"""Personal QR login tokens: issuing (printed cards), checking, redeeming once, revoking.

The QR carries ``TimestampSigner(salt).sign(secret)``: the signature rejects forged or altered codes and
the timestamp bounds their age; the database keeps only SHA-256 of the secret, so a copy of the table
cannot log anyone in. A redeemed, revoked or expired row refuses the code even when its signature holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from core import errors
from core.audit import AuditRecord, audit_record, audit_record_many
from core.errors import ServiceError
from sessions_app import errors as session_errors
from sessions_app.models import LoginToken, Membership, Person, Session, Sitting, User
from sessions_app.permissions import require_manage, require_manage_person
from sessions_app.selectors import memberships_in_force

SIGNING_SALT = "nghitruong.login-token"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNING_SALT)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class LoginCard:
    """One printed card: the delegate's seat and, when they have an account, a fresh signed code."""

    membership: Membership
    token: LoginToken | None
    signed: str | None


def _new_token(*, user: User, sitting: Sitting | None, now: dt.datetime) -> tuple[LoginToken, str]:
    secret = secrets.token_urlsafe(24)
    ttl = dt.timedelta(seconds=settings.NT["QR_TOKEN_TTL_SECONDS"])
    token = LoginToken(user=user, sitting=sitting, token_hash=_hash(secret), created_at=now, expires_at=now + ttl)
    return token, _signer().sign(secret)


def login_cards_issue(*, actor: Any, session: Session, sitting: Sitting | None = None) -> list[LoginCard]:
    """Fresh single-use codes for every delegate in force on the sitting's day (the session's first day
    without a sitting), in seat order. Delegates without an account get a card without a code."""
    require_manage(actor, session.council_id)
    if sitting is not None and sitting.session_id != session.pk:
        raise ServiceError(errors.NOT_FOUND)
    day = sitting.date if sitting is not None else session.start_date
    memberships = list(
        memberships_in_force(council_id=session.council_id, on=day)
        .select_related("person__user", "council", "group", "committee")
        .order_by("seat")
    )
    now = timezone.now()
    cards: list[LoginCard] = []
    tokens: list[LoginToken] = []
    for membership in memberships:
        user = getattr(membership.person, "user", None)
        if user is None or not user.is_active:
            cards.append(LoginCard(membership, None, None))
            continue
        token, signed = _new_token(user=user, sitting=sitting, now=now)
        tokens.append(token)
        cards.append(LoginCard(membership, token, signed))
    with transaction.atomic():
        LoginToken.objects.bulk_create(tokens)
        audit_record_many(
            actor=actor,
            records=[
                AuditRecord(
                    "login_token.issue",
                    "person",
                    str(token.user.person_id),
                    session.council_id,
                    {
                        "session": session.pk,
                        "sitting": sitting.pk if sitting else None,
                        "expires_at": token.expires_at.isoformat(),
                    },
                )
                for token in tokens
            ],
        )
    return cards


def login_token_check(*, signed: str) -> LoginToken:
    """The token a code stands for, if it may still log in; raises a ``login_token.*`` error otherwise."""
    try:
        secret = _signer().unsign(signed, max_age=settings.NT["QR_TOKEN_TTL_SECONDS"])
    except signing.SignatureExpired as exc:
        raise ServiceError(session_errors.TOKEN_EXPIRED) from exc
    except signing.BadSignature as exc:
        raise ServiceError(session_errors.TOKEN_INVALID) from exc
    token = LoginToken.objects.select_related("user", "sitting").filter(token_hash=_hash(secret)).first()
    if token is None:
        raise ServiceError(session_errors.TOKEN_INVALID)
    if token.revoked_at is not None:
        raise ServiceError(session_errors.TOKEN_REVOKED)
    if token.used_at is not None:
        raise ServiceError(session_errors.TOKEN_USED)
    if token.expires_at <= timezone.now():
        raise ServiceError(session_errors.TOKEN_EXPIRED)
    if not token.user.is_active:
        raise ServiceError(session_errors.TOKEN_ACCOUNT_INACTIVE)
    return token


def login_token_redeem(*, signed: str) -> LoginToken:
    """Spend a code: marks it used (once, even under concurrent scans) and returns it for the login."""
    token = login_token_check(signed=signed)
    now = timezone.now()
    with transaction.atomic():
        spent = LoginToken.objects.filter(
            pk=token.pk, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if spent != 1:
            token.refresh_from_db()
            raise ServiceError(session_errors.TOKEN_REVOKED if token.revoked_at else session_errors.TOKEN_USED)
        token.used_at = now
        audit_record(
            actor=token.user,
            action="login_token.redeem",
            object_type="user",
            object_id=token.user_id,
            data={"token": token.pk, "sitting": token.sitting_id},
        )
    return token


def login_tokens_revoke(*, actor: Any, person: Person) -> int:
    """Revoke every unspent code of a person (lost card, leaked photo). Returns how many were revoked."""
    if getattr(actor, "person_id", None) != person.pk:
        require_manage_person(actor, person.pk)
    now = timezone.now()
    with transaction.atomic():
        revoked = LoginToken.objects.filter(
            user__person=person, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(revoked_at=now)
        audit_record(
            actor=actor,
            action="login_token.revoke_all",
            object_type="person",
            object_id=person.pk,
            data={"revoked": revoked},
        )
    return revoked
