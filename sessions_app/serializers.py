"""REST representations of councils, terms, people, sessions, sittings and attendance.

Sittings are serialized from ``selectors.sitting_state`` (the same state the session stream shows), so the
API and the live screens can never disagree about what is public."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sessions_app.models import (
    Attendance,
    Committee,
    Council,
    DelegateGroup,
    Membership,
    Person,
    Session,
    Term,
)


class CouncilSerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["id", "name", "short_name", "level", "code", "place_name", "parent"]


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name"]


class DelegateGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = DelegateGroup
        fields = ["id", "name", "constituency"]


class TermSerializer(serializers.ModelSerializer):
    committees = CommitteeSerializer(many=True, read_only=True)
    groups = DelegateGroupSerializer(many=True, read_only=True)

    class Meta:
        model = Term
        fields = ["id", "council", "label", "ordinal", "start_date", "end_date", "committees", "groups"]


class InTermSerializer(serializers.ModelSerializer):
    """A row of a council's term, with its council's name and its term's label (``IN_TERM``, its fields)."""

    council_name = serializers.CharField(source="council.name", read_only=True)
    term_label = serializers.CharField(source="term.label", read_only=True)


IN_TERM = ["id", "council", "council_name", "term", "term_label"]


class MembershipSerializer(InTermSerializer):
    committee_name = serializers.CharField(source="committee.name", read_only=True, default=None, allow_null=True)
    group_name = serializers.CharField(source="group.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Membership
        fields = [
            *IN_TERM,
            "role",
            "seat",
            "full_time",
            "committee",
            "committee_name",
            "group",
            "group_name",
            "start_date",
            "end_date",
        ]


class PersonSerializer(serializers.ModelSerializer):
    """Public fields for everyone; ``email`` and ``phone`` only for the administrator and the secretariat
    or chair of a council in which the person holds or held a seat (view context ``managed_council_ids``,
    None meaning every council)."""

    memberships = MembershipSerializer(many=True, read_only=True)
    email = serializers.EmailField(required=False, help_text="Only for the person's council secretariat.")
    phone = serializers.CharField(required=False, help_text="Only for the person's council secretariat.")

    class Meta:
        model = Person
        fields = ["id", "full_name", "gender", "birth_year", "ethnicity", "occupation", "memberships", "email", "phone"]

    def to_representation(self, instance: Person) -> dict[str, Any]:
        data = super().to_representation(instance)
        managed = self.context.get("managed_council_ids", set())
        if managed is not None and not any(m.council_id in managed for m in instance.memberships.all()):
            data.pop("email")
            data.pop("phone")
        return data


class AttendanceSummarySerializer(serializers.Serializer):
    present = serializers.IntegerField()
    total = serializers.IntegerField(help_text="Delegates in force on the sitting's day")
    quorum_required = serializers.IntegerField()
    quorum_met = serializers.BooleanField()


class SittingStateSerializer(serializers.Serializer):
    """``selectors.sitting_state``; ``attendance`` is absent from closed-door sittings for the public."""

    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    date = serializers.DateField()
    start_time = serializers.CharField()
    end_time = serializers.CharField(allow_null=True)
    venue = serializers.CharField()
    is_closed_door = serializers.BooleanField()
    closed_door_decision = serializers.CharField(required=False, help_text="Not shown to the public")
    status = serializers.CharField()
    attendance = AttendanceSummarySerializer(required=False)


class SessionSerializer(InTermSerializer):
    has_convening_notice = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            *IN_TERM,
            "number",
            "type",
            "title",
            "venue",
            "start_date",
            "end_date",
            "status",
            "is_public",
            "has_convening_notice",
        ]

    @extend_schema_field(serializers.BooleanField(help_text="GET /api/sessions/{id}/convening-notice/ downloads it"))
    def get_has_convening_notice(self, session: Session) -> bool:
        return bool(session.convening_notice)


class SessionDetailSerializer(SessionSerializer):
    sittings = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "sittings"]

    @extend_schema_field(SittingStateSerializer(many=True))
    def get_sittings(self, session: Session) -> list[dict[str, Any]]:
        return self.context["sittings"]


class AttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["sitting", "person", "person_name", "status", "method", "checked_in_at", "checked_out_at", "note"]


class SittingAttendanceSerializer(serializers.Serializer):
    summary = AttendanceSummarySerializer()
    records = AttendanceSerializer(many=True)


class BulkAttendanceResultSerializer(SittingAttendanceSerializer):
    changed = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids whose record changed (already present ones are left)"
    )


class RevokeResultSerializer(serializers.Serializer):
    revoked = serializers.IntegerField(help_text="How many unspent codes were revoked")
