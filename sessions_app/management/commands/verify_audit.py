from django.core.management.base import BaseCommand, CommandError

from core.audit import audit_verify
from sessions_app.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain: exit 0 when intact, 1 naming the first broken entry."

    def handle(self, *args, **options) -> None:
        broken = audit_verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at entry {broken.entry_id}: {broken.reason}", returncode=1)
        self.stdout.write(f"audit chain intact: {AuditEntry.objects.count()} entries")
