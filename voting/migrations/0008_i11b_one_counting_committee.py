"""One counting committee (Ban kiểm phiếu) per secret poll: issue 11's record of named members with roles
(``Poll.counting_committee``, JSON) and issue 12's key-holding members (``CountingCommitteeMember``) become
the one table, with a role (head / member) on each member.

Data: for each poll,
- members already in the table keep their position and key state; their role comes from the record (a
  member the record does not name stays a member; no head is invented);
- people named only in the record are added after them when the poll is still a draft (their tablets
  make a key before the poll opens) or when the table had nobody (a secret poll counted before encrypted
  ballots: nothing to decrypt). A poll already opened with a key-holding committee keeps exactly that
  committee: a member without a key share would hold up its decryption and break its public board.
Reversed: the record is rebuilt from the table."""

from django.db import migrations, models
from django.db.models import Q


def merge(apps, schema_editor):
    Poll = apps.get_model("voting", "Poll")
    Member = apps.get_model("voting", "CountingCommitteeMember")
    for poll in Poll.objects.exclude(counting_committee=[]).order_by("pk").iterator():
        record = [m for m in poll.counting_committee or [] if isinstance(m, dict) and m.get("person")]
        roles = {m["person"]: m.get("role") for m in record}
        rows = list(Member.objects.filter(poll=poll).order_by("position"))
        for row in rows:
            role = "head" if roles.get(row.person_id) == "head" else "member"
            if row.role != role:
                row.role = role
                row.save(update_fields=["role"])
        if rows and poll.status != "draft":
            continue
        held = {row.person_id for row in rows}
        position = max((row.position for row in rows), default=0)
        for m in record:
            if m["person"] in held:
                continue
            position += 1
            held.add(m["person"])
            Member.objects.create(
                poll=poll,
                person_id=m["person"],
                position=position,
                role="head" if m.get("role") == "head" else "member",
            )


def unmerge(apps, schema_editor):
    Poll = apps.get_model("voting", "Poll")
    Member = apps.get_model("voting", "CountingCommitteeMember")
    for poll in Poll.objects.filter(committee__isnull=False).distinct().iterator():
        rows = Member.objects.filter(poll=poll).select_related("person").order_by("position")
        poll.counting_committee = sorted(
            [{"person": r.person_id, "name": r.person.full_name, "role": r.role} for r in rows],
            key=lambda m: m["role"] != "head",
        )
        poll.save(update_fields=["counting_committee"])


class Migration(migrations.Migration):
    dependencies = [("voting", "0007_i13_poll_deadline")]

    operations = [
        migrations.AddField(
            model_name="countingcommitteemember",
            name="role",
            field=models.CharField(
                choices=[("head", "Trưởng ban"), ("member", "Thành viên")],
                default="member",
                max_length=8,
                verbose_name="vai trò",
            ),
        ),
        migrations.AddConstraint(
            model_name="countingcommitteemember",
            constraint=models.CheckConstraint(condition=Q(role__in=["head", "member"]), name="committee_role_valid"),
        ),
        migrations.AddConstraint(
            model_name="countingcommitteemember",
            constraint=models.UniqueConstraint(condition=Q(role="head"), fields=("poll",), name="committee_one_head"),
        ),
        migrations.RunPython(merge, unmerge),
        migrations.RemoveField(model_name="poll", name="counting_committee"),
    ]
