"""REST input of the set-up writes: types and lengths only; every rule is the services' (``services_setup``)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from sessions_app.models import Committee, Council, CouncilLevel, DelegateGroup, MembershipRole, Person, SessionType


class ChangesSerializer(serializers.Serializer):
    """``changes()``: the validated fields the request actually sent (PATCH semantics for updates)."""

    def changes(self) -> dict[str, Any]:
        return {key: value for key, value in self.validated_data.items() if key in self.initial_data}


class CouncilInputSerializer(ChangesSerializer):
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    level = serializers.ChoiceField(choices=CouncilLevel.choices)
    parent = serializers.PrimaryKeyRelatedField(queryset=Council.objects.all(), required=False, allow_null=True)
    code = serializers.SlugField(max_length=32)
    place_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class TermInputSerializer(ChangesSerializer):
    label = serializers.CharField(max_length=20, help_text="e.g. 2026-2031")
    ordinal = serializers.CharField(max_length=20, help_text="e.g. khóa XI")
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class TermCreateSerializer(TermInputSerializer):
    council = serializers.IntegerField(min_value=1)


class OrganInputSerializer(ChangesSerializer):
    name = serializers.CharField(max_length=120)
    constituency = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Delegate groups only"
    )


class OrganCreateSerializer(OrganInputSerializer):
    term = serializers.IntegerField(min_value=1)


class CommitteeRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "council", "term", "name"]


class DelegateGroupRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = DelegateGroup
        fields = ["id", "council", "term", "name", "constituency"]


class PersonInputSerializer(ChangesSerializer):
    full_name = serializers.CharField(max_length=120, help_text="Vietnamese order: family name first")
    gender = serializers.ChoiceField(choices=Person.Gender.choices, required=False, allow_blank=True)
    birth_year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True)
    ethnicity = serializers.CharField(max_length=40, required=False, allow_blank=True)
    occupation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)


class PersonCreateSerializer(PersonInputSerializer):
    council = serializers.IntegerField(min_value=1, help_text="The council whose secretariat seats the person")


class MembershipCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1)
    term = serializers.IntegerField(min_value=1)
    seat = serializers.IntegerField(min_value=1, max_value=500)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.DELEGATE)
    committee = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    group = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    full_time = serializers.BooleanField(default=False)


class MembershipEndSerializer(serializers.Serializer):
    end_date = serializers.DateField(help_text="The mandate's last day; the total drops from the next day")


class SessionInputSerializer(ChangesSerializer):
    number = serializers.IntegerField(min_value=1, max_value=999)
    type = serializers.ChoiceField(choices=SessionType.choices, default=SessionType.REGULAR)
    title = serializers.CharField(max_length=300)
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    is_public = serializers.BooleanField(default=True)


class SessionCreateSerializer(SessionInputSerializer):
    term = serializers.IntegerField(min_value=1)


class SessionUpdateSerializer(SessionInputSerializer):
    correction_reason = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required once the session is closed (an audited correction)",
    )

    def changes(self) -> dict[str, Any]:
        changes = super().changes()
        changes.pop("correction_reason", None)
        return changes


class SittingInputSerializer(ChangesSerializer):
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
    session = serializers.IntegerField(min_value=1)


class SittingStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[("open", "open"), ("closed", "closed")])


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()
