"""Input of the set-up writes (``sessions_app.writes``): types, lengths and the rows named by id only; every rule
is the services' (``sessions_app.services``)."""

from __future__ import annotations

from rest_framework import serializers

from core.writes import RowRef
from sessions_app.models import (
    AttendanceStatus,
    Committee,
    Council,
    CouncilLevel,
    DelegateGroup,
    Membership,
    MembershipRole,
    Person,
    Session,
    SessionType,
    Sitting,
    Term,
)


class CouncilInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    level = serializers.ChoiceField(choices=CouncilLevel.choices)
    parent = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all(), required=False, allow_null=True)
    code = serializers.SlugField(max_length=32)
    place_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class TermInputSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=20, help_text="e.g. 2026-2031")
    ordinal = serializers.CharField(max_length=20, help_text="e.g. khóa XI")
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class TermCreateSerializer(TermInputSerializer):
    council = RowRef(Council, scope=None)


class OrganInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    constituency = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Delegate groups only"
    )


class OrganCreateSerializer(OrganInputSerializer):
    term = RowRef(Term, scope=None)


class CommitteeRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "council", "term", "name"]


class DelegateGroupRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = DelegateGroup
        fields = ["id", "council", "term", "name", "constituency"]


class PersonInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=120, help_text="Vietnamese order: family name first")
    gender = serializers.ChoiceField(choices=Person.Gender.choices, required=False, allow_blank=True)
    birth_year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True)
    ethnicity = serializers.CharField(max_length=40, required=False, allow_blank=True)
    occupation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)


class PersonCreateSerializer(PersonInputSerializer):
    council = RowRef(Council, scope=None, help_text="The council whose secretariat seats the person")


class MembershipCreateSerializer(serializers.Serializer):
    person = RowRef(Person, scope=None)
    term = RowRef(Term, scope=None)
    seat = serializers.IntegerField(min_value=1, max_value=500)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.DELEGATE)
    committee = RowRef(Committee, scope=None, required=False, allow_null=True, default=None)
    group = RowRef(DelegateGroup, scope=None, required=False, allow_null=True, default=None)
    full_time = serializers.BooleanField(default=False)


class SessionInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=999)
    type = serializers.ChoiceField(choices=SessionType.choices, default=SessionType.REGULAR)
    title = serializers.CharField(max_length=300)
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    is_public = serializers.BooleanField(default=True)


class SessionCreateSerializer(SessionInputSerializer):
    term = RowRef(Term, scope=None)


class SessionUpdateSerializer(SessionInputSerializer):
    session = RowRef(Session, scope=None)
    correction_reason = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required once the session is closed (an audited correction)",
    )


class SittingInputSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=999)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    is_closed_door = serializers.BooleanField(default=False)
    closed_door_decision = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", help_text="Required for a closed-door sitting"
    )


class SittingCreateSerializer(SittingInputSerializer):
    session = RowRef(Session, scope=None)


class SittingUpdateSerializer(SittingInputSerializer):
    sitting = RowRef(Sitting, scope=None)


# The rows a write acts on (the REST URL's object).
class CouncilRef(serializers.Serializer):
    council = RowRef(Council, scope=None)


class CouncilUpdateSerializer(CouncilInputSerializer, CouncilRef):
    pass


class TermRef(serializers.Serializer):
    term = RowRef(Term, scope=None)


class TermUpdateSerializer(TermInputSerializer, TermRef):
    pass


class PersonUpdateSerializer(PersonInputSerializer):
    person = RowRef(Person, scope=None)


class CommitteeRef(serializers.Serializer):
    organ = RowRef(Committee, scope=None)


class DelegateGroupRef(serializers.Serializer):
    organ = RowRef(DelegateGroup, scope=None)


class CommitteeUpdateSerializer(OrganInputSerializer, CommitteeRef):
    pass


class DelegateGroupUpdateSerializer(OrganInputSerializer, DelegateGroupRef):
    pass


class SessionRef(serializers.Serializer):
    session = RowRef(Session, scope=None)


class SittingRef(serializers.Serializer):
    sitting = RowRef(Sitting, scope=None)


class SittingReopenSerializer(SittingRef):
    reason = serializers.CharField(max_length=500)


class UploadSerializer(SessionRef):
    file = serializers.FileField()


class MembershipEndSerializer(serializers.Serializer):
    membership = RowRef(Membership, scope=None)
    end_date = serializers.DateField(help_text="The mandate's last day; the total drops from the next day")


class AttendanceMarkSerializer(SittingRef):
    person = RowRef(Person, scope=None)
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AttendanceMarkManySerializer(SittingRef):
    persons = serializers.ListField(
        source="person_ids",
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        max_length=500,  # services.ATTENDANCE_BATCH_MAX; an empty or repeated list is the service's own refusal
        help_text="Person ids, none twice",
    )
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
