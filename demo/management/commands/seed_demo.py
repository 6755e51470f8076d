"""Create the fictitious demo data (see ``demo.councils``). Running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from demo import councils as demo
from sessions_app.models import (
    Committee,
    Council,
    CouncilRole,
    CouncilRoleKind,
    DelegateGroup,
    Membership,
    MembershipRole,
    Person,
    Session,
    SessionType,
    Term,
    User,
)
from sessions_app.services import membership_add, session_create, sitting_create

TERM_LABEL = "2026-2031"
TERM_START, TERM_END = dt.date(2026, 3, 16), dt.date(2031, 3, 15)
SESSION_NUMBER = 2
PAST_SESSION_DAYS_AGO = 40


@cache
def _hashed(password: str) -> str:
    """Each demo password is hashed once: hashing is deliberately slow and 132 accounts share 4 passwords."""
    return make_password(password)


def _hash_all() -> None:
    """The four demo passwords hashed side by side before a first seeding: PBKDF2 releases the GIL, so on two
    cores this takes half the time of hashing them one after the other."""
    passwords = [demo.ADMIN_PASSWORD, demo.SECRETARIAT_PASSWORD, demo.CHAIR_PASSWORD, demo.DELEGATE_PASSWORD]
    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        list(pool.map(_hashed, passwords))


def _seat_post(seat: int, spec: demo.DemoCouncil, committees: list[Committee]) -> tuple[str, Committee | None, bool]:
    """Role, committee and full-time flag of a seat: chair, vice chairs, committee heads and deputies first."""
    vice_chairs = 2 if spec.level == "province" else 1
    heads_from = 2 + vice_chairs
    if seat == 1:
        return MembershipRole.CHAIR, None, True
    if seat < heads_from:
        return MembershipRole.VICE_CHAIR, None, True
    index = seat - heads_from
    if index < len(committees):
        return MembershipRole.COMMITTEE_HEAD, committees[index], True
    if index < 2 * len(committees):
        return MembershipRole.COMMITTEE_DEPUTY, committees[index - len(committees)], False
    cycle = committees + [None]
    return MembershipRole.DELEGATE, cycle[index % len(cycle)], False


class Command(BaseCommand):
    help = (
        "Create the fictitious demo councils, accounts, a past closed session, a planned one, last year's "
        "sessions (through the backfill import) and a confidence vote, two years of activity and the province's "
        "emulation score sheets (idempotent)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Create the demo accounts even with DEBUG=0 (known passwords!)."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG=0: refusing to create demo accounts with published passwords (use --force).")
        if not User.objects.filter(username=demo.ADMIN_USERNAME).exists():
            _hash_all()
        with transaction.atomic():
            admin = self._admin()
            province = self._council(demo.PROVINCE, admin=admin, parent=None)
            for spec in demo.COMMUNES:
                self._council(spec, admin=admin, parent=province)
            self._past_year()
            self._activity()
        self._signing_certificate()
        self.stdout.write(self.style.SUCCESS("Demo data ready (python manage.py demo_info shows the logins)."))

    def _signing_certificate(self) -> None:
        """A test CA and the demo province's certificate where the settings look for them (ký số demo)."""
        from documents.signing import demo_ca_create

        p12, ca = Path(settings.NT["SIGNING_PKCS12"]), Path(settings.NT["SIGNING_TRUST_ROOTS"])
        if not p12.exists() and not ca.exists():
            demo_ca_create(
                directory=p12.parent,
                council_name=demo.PROVINCE.name,
                ca_path=ca,
                p12_path=p12,
                passphrase=settings.NT["SIGNING_PASSPHRASE"],
            )

    def _admin(self) -> User:
        admin = User.objects.filter(username=demo.ADMIN_USERNAME).first()
        if admin is None:
            admin = User.objects.create_superuser(
                username=demo.ADMIN_USERNAME,
                password=None,
                first_name="",
                last_name="Quản trị hệ thống",  # a role, not a person: the whole name in one field
            )
            admin.password = _hashed(demo.ADMIN_PASSWORD)
            admin.save(update_fields=["password"])
            audit_record(actor=None, action="demo.seed", object_type="user", object_id=admin.pk, data={"admin": True})
        return admin

    def _council(self, spec: demo.DemoCouncil, *, admin: User, parent: Council | None) -> Council:
        council, created = Council.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "level": spec.level,
                "place_name": spec.place_name,
                "parent": parent if spec.level == "commune" else None,
            },
        )
        term, _ = Term.objects.get_or_create(
            council=council,
            label=TERM_LABEL,
            defaults={
                "ordinal": "khóa XIX" if spec.level == "province" else "khóa I",
                "start_date": TERM_START,
                "end_date": TERM_END,
            },
        )
        committees = [Committee.objects.get_or_create(council=council, term=term, name=n)[0] for n in spec.committees]
        groups = [DelegateGroup.objects.get_or_create(council=council, term=term, name=n)[0] for n in spec.groups]
        added = self._delegates(spec, council=council, term=term, committees=committees, groups=groups, admin=admin)
        secretariat = self._secretariat(spec, council=council)
        if spec.level == "province":
            self._past_session(council=council, term=term, secretariat=secretariat)
        self._session(spec, council=council, term=term, admin=admin)
        if created or added:
            audit_record(
                actor=admin,
                action="demo.seed",
                object_type="council",
                object_id=council.pk,
                council_id=council.pk,
                data={"delegates_added": added},
            )
        self.stdout.write(f"{spec.short_name}: {added} đại biểu mới" if added else f"{spec.short_name}: đã có sẵn")
        return council

    def _delegates(self, spec, *, council, term, committees, groups, admin) -> int:
        added = 0
        for seat, person_spec in enumerate(demo.demo_people(spec), start=1):
            username = spec.chair_username if seat == 1 else spec.delegate_username(seat)
            if User.objects.filter(username=username).exists():
                continue
            person = Person.objects.create(
                full_name=person_spec.full_name,
                gender=person_spec.gender,
                birth_year=person_spec.birth_year,
                ethnicity=person_spec.ethnicity,
                occupation=person_spec.occupation,
                email=f"{username}@{spec.code}.example.invalid",
            )
            family, _, given = person_spec.full_name.rpartition(" ")
            password = demo.CHAIR_PASSWORD if seat == 1 else demo.DELEGATE_PASSWORD
            user = User.objects.create(
                username=username, password=_hashed(password), person=person, first_name=given, last_name=family
            )
            role, committee, full_time = _seat_post(seat, spec, committees)
            membership_add(
                actor=admin,
                person=person,
                council=council,
                term=term,
                seat=seat,
                start_date=term.start_date,
                role=role,
                committee=committee,
                group=groups[(seat - 1) % len(groups)],
                full_time=full_time,
            )
            if seat == 1:
                CouncilRole.objects.get_or_create(user=user, council=council, role=CouncilRoleKind.CHAIR)
            added += 1
        return added

    def _secretariat(self, spec, *, council) -> User:
        user = User.objects.filter(username=spec.secretariat_username).first()
        if user is None:
            user = User.objects.create(
                username=spec.secretariat_username,
                password=_hashed(demo.SECRETARIAT_PASSWORD),
                first_name="",
                last_name=f"Văn phòng {spec.short_name}",  # a role: read as one phrase
            )
        CouncilRole.objects.get_or_create(user=user, council=council, role=CouncilRoleKind.SECRETARIAT)
        return user

    def _past_session(self, *, council, term, secretariat) -> None:
        """A closed regular session with votes, resolutions and questioning (see ``demo.past_session``),
        held a few weeks ago, so the archive and every export have content on a fresh install."""
        from demo.past_session import past_session_seed  # the top of the app chain drives the services

        seats = Membership.objects.filter(council=council, term=term).select_related("person__user").order_by("seat")
        start = max(term.start_date, timezone.localdate() - dt.timedelta(days=PAST_SESSION_DAYS_AGO))
        if past_session_seed(
            council=council, term=term, secretariat=secretariat, delegates=[m.person for m in seats], start=start
        ):
            self.stdout.write(f"{council.short_name}: kỳ họp đã bế mạc (dữ liệu mẫu cho lưu trữ)")

    def _past_year(self) -> None:
        """Last year's sessions of every council, loaded through the backfill import (see ``demo.past_year``),
        and the province's confidence vote of its previous term."""
        from demo.past_year import past_year_seed  # drives the activity app's import

        for line in past_year_seed(today=timezone.localdate()):
            self.stdout.write(line)

    def _activity(self) -> None:
        """Two years of activity records for every demo council and the province's score sheets (see
        ``demo.activity``), once the councils and their secretariats exist."""
        from demo.activity import activity_seed  # activity reads the archive of every other app

        for line in activity_seed(today=timezone.localdate()):
            self.stdout.write(line)

    def _session(self, spec, *, council, term, admin) -> None:
        if spec.level != "province" or Session.objects.filter(term=term, number=SESSION_NUMBER).exists():
            return
        start = timezone.localdate()  # a sitting opens on its own date only: the demo session can run today
        session = session_create(
            actor=admin,
            council=council,
            term=term,
            number=SESSION_NUMBER,
            type=SessionType.REGULAR,
            title=f"Kỳ họp thứ hai, {spec.short_name} khóa XIX (kỳ họp thường lệ cuối năm)",
            venue=f"Hội trường {spec.short_name}",
            start_date=start,
            end_date=start + dt.timedelta(days=1),
        )
        sitting_create(
            actor=admin,
            session=session,
            number=1,
            date=start,
            start_time=dt.time(8, 0),
            end_time=dt.time(11, 30),
            title="Khai mạc; báo cáo, tờ trình và thảo luận",
        )
        sitting_create(
            actor=admin,
            session=session,
            number=2,
            date=start + dt.timedelta(days=1),
            start_time=dt.time(8, 0),
            end_time=dt.time(11, 30),
            title="Chất vấn; biểu quyết nghị quyết",
        )
