"""REST input validation and the documented shapes of voting's answers (output is built by selectors)."""

from __future__ import annotations

from rest_framework import serializers

from voting.models import (
    MajorityRule,
    PollKind,
    PollMethod,
    PollStatus,
    ResolutionCategory,
    ResolutionKind,
    ResolutionStatus,
)


class OptionInputSerializer(serializers.Serializer):
    key = serializers.SlugField(max_length=32, required=False)
    label = serializers.CharField(max_length=120)
    label_en = serializers.CharField(max_length=120, required=False, allow_blank=True)
    approves = serializers.BooleanField(required=False, default=False)


class CandidateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    agency = serializers.CharField(max_length=200, required=False, allow_blank=True)
    elected_year = serializers.IntegerField(
        min_value=1945,
        max_value=2200,
        required=False,
        allow_null=True,
        help_text="Confidence votes: year elected or approved (excluded that year).",
    )
    retiring = serializers.BooleanField(
        required=False, default=False, help_text="Confidence votes: has announced retirement (excluded)."
    )


class PollCreateSerializer(serializers.Serializer):
    session = serializers.IntegerField(min_value=1)
    sitting = serializers.IntegerField(min_value=1)
    agenda_item = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(PollKind.choices, default=PollKind.RESOLUTION)
    method = serializers.ChoiceField(PollMethod.choices, default=PollMethod.NAMED)
    majority_rule = serializers.ChoiceField(MajorityRule.choices, required=False, allow_null=True)
    options = OptionInputSerializer(many=True, required=False)
    candidates = CandidateInputSerializer(many=True, required=False)
    seats = serializers.IntegerField(min_value=1, default=1)
    change_allowed = serializers.BooleanField(default=False)
    show_running_counts = serializers.BooleanField(default=False)


class VoteInputSerializer(serializers.Serializer):
    client_id = serializers.UUIDField(help_text="A random UUID4 made by the client; a retry reuses it.")
    choice = serializers.JSONField(
        help_text='Option key ("yes"); election: list of candidate ids; confidence: {official id: level key}.'
    )
    person = serializers.IntegerField(required=False, allow_null=True, help_text="Your own person id (optional).")


class HandsInputSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0))


class OpenInputSerializer(serializers.Serializer):
    quorum_confirmed = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The chair confirms opening while fewer than two-thirds of all delegates are present.",
    )
    duration_seconds = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Optional voting time (10-3600 s): every screen shows a countdown to the poll's `deadline`. "
        'It closes nothing: at zero the screens show "Hết giờ" and the chair closes the vote.',
    )


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReceiptSerializer(serializers.Serializer):
    poll = serializers.IntegerField()
    method = serializers.ChoiceField(PollMethod.choices)
    receipt = serializers.CharField()
    status = serializers.ChoiceField(["recorded", "changed", "replayed"])
    choice = serializers.JSONField(required=False, help_text="Named polls only.")


class OptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    approves = serializers.BooleanField()


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    title = serializers.CharField()
    agency = serializers.CharField()


class PollSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(PollKind.choices)
    method = serializers.ChoiceField(PollMethod.choices)
    majority_rule = serializers.ChoiceField(MajorityRule.choices)
    change_allowed = serializers.BooleanField()
    show_running_counts = serializers.BooleanField()
    seats = serializers.IntegerField()
    status = serializers.ChoiceField(PollStatus.choices)
    sitting = serializers.IntegerField()
    agenda_item = serializers.IntegerField(allow_null=True)
    options = OptionSerializer(many=True)
    candidates = CandidateSerializer(many=True)
    total_delegates = serializers.IntegerField(allow_null=True)
    eligible_count = serializers.IntegerField()
    cast_count = serializers.IntegerField()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField(), allow_null=True)
    result = serializers.JSONField(allow_null=True, help_text="See the result object in docs/voting.md.")
    quorum_confirmed = serializers.BooleanField(help_text="Opened below two-thirds present, confirmed by the chair.")
    origin = serializers.IntegerField(allow_null=True, help_text="The poll this one follows from (round, vote, ...).")
    committee = serializers.JSONField(
        required=False,
        help_text="Secret polls: the counting committee (Ban kiểm phiếu), head first: "
        '[{"position", "person", "name", "role": "head" | "member", "key", "decrypted"}]',
    )
    exclusions = serializers.JSONField(help_text='Confidence votes: [{"name", "title", "agency", "reason"}]')


class NamedVoteSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    name = serializers.CharField()
    choice = serializers.JSONField()


class ResolutionCreateSerializer(serializers.Serializer):
    """No number: it is given at adoption (``POST /api/resolutions/{id}/number/`` changes it later)."""

    session = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=400)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    poll = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    kind = serializers.ChoiceField(ResolutionKind.choices, default=ResolutionKind.ORDINARY)
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=ResolutionCategory.objects.all(), required=False, allow_null=True, default=None
    )


class ResolutionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text='"12/NQ-HĐND", "05/2026/NQ-HĐND"; empty until adopted')
    kind = serializers.ChoiceField(ResolutionKind.choices)
    year = serializers.IntegerField(allow_null=True, help_text="Numbering year (of the adoption date)")
    serial = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    category = serializers.CharField(allow_null=True, help_text="Code of GET /api/resolution-categories/")
    text = serializers.CharField()
    document = serializers.CharField(allow_null=True)
    signed_document = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(ResolutionStatus.choices)
    poll = serializers.IntegerField(allow_null=True)
    session = serializers.IntegerField()
    adopted_on = serializers.DateField(allow_null=True, help_text="The date of the sitting that adopted it")
    signer = serializers.CharField()
    effective_on = serializers.DateField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class PollAndResolutionSerializer(serializers.Serializer):
    """A poll and the resolution it decides, made together (a draft-resolution item's, a confirming one)."""

    poll = PollSerializer()
    resolution = ResolutionSerializer()
