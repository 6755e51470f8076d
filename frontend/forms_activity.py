"""Forms of the activity screens. They only read what was typed (numbers with a decimal comma in Vietnamese,
dates, choices); every rule — maximum points, a rule's statistic, a petition's next step — is the services'
to check, so a refusal always carries the services' own message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from activity.models import (
    CitizenReception,
    Criterion,
    CriterionMethod,
    CriterionSection,
    Evidence,
    GoodPractice,
    PetitionStatus,
    ScoreSheet,
    SupervisionMission,
    Survey,
    TargetKind,
    TieRule,
    VoterMeeting,
    VoterPetition,
)
from activity.rules import RULE_FIELDS, SUBJECT_OF
from activity.selectors.statistics import STATISTICS
from sessions_app.models import Committee, Council, DelegateGroup, Person

RULE_TYPES = [
    ("", _("— Không có —")),
    ("per_unit", _("Cộng điểm theo mỗi đơn vị")),
    ("threshold", _("Đạt ngưỡng thì được điểm tối đa")),
    ("proportional", _("Điểm tối đa nhân tỷ lệ phần trăm")),
]


def plain_number(*, value: Decimal) -> Decimal:
    """8.00 → 8, 8.50 → 8.5: a stored number as people write it, for a form's initial value."""
    return value.to_integral() if value == value.to_integral() else value.normalize()


def _decimal(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    """A number typed as the reader writes it ("2,5" in Vietnamese); the services judge its range."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PageForm(forms.Form):
    """A form sharing its page with others: its field ids carry its own prefix (never two "id_title")."""

    ids = "id_%s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)


class SheetSettingsForm(PageForm):
    ids = "settings-%s"
    title = forms.CharField(label=_("Tên thang điểm"), max_length=300)
    bonus_cap = _decimal(_("Điểm thưởng tối đa"), help_text=_("Tổng điểm thưởng được cộng không vượt quá mức này."))
    tie_rule = forms.ChoiceField(label=_("Quy tắc xếp hạng khi bằng điểm"), choices=TieRule.choices)


class SheetCreateForm(SheetSettingsForm):
    ids = "sheet-%s"
    council = forms.ModelChoiceField(
        label=_("Hội đồng nhân dân chấm điểm"), queryset=Council.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2200)
    target_kind = forms.ChoiceField(label=_("Đối tượng chấm điểm"), choices=TargetKind.choices)
    field_order = ["council", "year", "target_kind", "title", "bonus_cap", "tie_rule"]

    def __init__(self, *args: Any, councils: models.QuerySet[Council], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class SheetCopyForm(PageForm):
    ids = "copy-%s"
    year = forms.IntegerField(label=_("Năm của thang điểm mới"), min_value=2000, max_value=2200)
    title = forms.CharField(
        label=_("Tên thang điểm mới"),
        max_length=300,
        required=False,
        help_text=_("Để trống: lấy tên hiện tại, thay năm."),
    )


class CriterionForm(PageForm):
    """A criterion with its rule: a rule type, a statistic of the catalogue counted for the sheet's targets,
    and the rule's numbers (the unused ones are ignored)."""

    ids = "criterion-%s"

    title = forms.CharField(label=_("Tiêu chí"), max_length=300)
    description = forms.CharField(label=_("Hướng dẫn chấm"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    section = forms.ChoiceField(label=_("Phần"), choices=CriterionSection.choices)
    method = forms.ChoiceField(label=_("Cách chấm"), choices=CriterionMethod.choices, initial=CriterionMethod.MANUAL)
    max_points = _decimal(_("Điểm tối đa"))
    parent = forms.ModelChoiceField(
        label=_("Thuộc nhóm"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("— Tiêu chí lớn (không thuộc nhóm) —"),
    )
    position = forms.IntegerField(
        label=_("Thứ tự trong nhóm"), min_value=0, required=False, help_text=_("Để trống: xếp cuối nhóm.")
    )
    rule_type = forms.ChoiceField(label=_("Quy tắc tính điểm"), choices=RULE_TYPES, required=False)
    statistic = forms.ChoiceField(label=_("Số liệu thống kê dùng để tính"), required=False)
    points = _decimal(_("Số điểm mỗi lần"), required=False)
    per = _decimal(_("Mỗi bao nhiêu đơn vị"), required=False)
    at_least = _decimal(_("Ngưỡng (từ … trở lên)"), required=False)

    def __init__(self, *args: Any, sheet: ScoreSheet, language: str, numbering: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        subject = SUBJECT_OF[sheet.target_kind]
        english = language.startswith("en")
        self.fields["statistic"].choices = [("", _("— Chọn số liệu —"))] + [
            (spec.key, spec.en if english else spec.vi) for spec in STATISTICS.values() if subject in spec.subjects
        ]
        parent = self.fields["parent"]
        parent.queryset = sheet.criteria.filter(method=CriterionMethod.GROUP).order_by("position", "pk")
        parent.label_from_instance = lambda c: f"{numbering.get(c.pk, '')} {c.title}".strip()

    @classmethod
    def initial_of(cls, *, criterion: Criterion) -> dict[str, Any]:
        rule = criterion.rule or {}
        return {
            "title": criterion.title,
            "description": criterion.description,
            "section": criterion.section,
            "method": criterion.method,
            "max_points": plain_number(value=criterion.max_points),
            "parent": criterion.parent_id,
            "position": criterion.position,
            "rule_type": rule.get("type", ""),
            "statistic": rule.get("statistic", ""),
            **{name: plain_number(value=Decimal(rule[name])) for name in ("points", "per", "at_least") if name in rule},
        }

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments; a computed criterion gets the rule as typed (the service checks it)."""
        data = self.cleaned_data
        rule = None
        if data["method"] == CriterionMethod.COMPUTED:
            rule = {"type": data["rule_type"], "statistic": data["statistic"]}
            rule.update(
                {
                    name: str(data[name])
                    for name in RULE_FIELDS.get(data["rule_type"], set())
                    if data.get(name) is not None
                }
            )
        values = {
            "title": data["title"],
            "description": data["description"].strip(),
            "section": data["section"],
            "method": data["method"],
            "max_points": data["max_points"],
            "parent": data["parent"],
            "rule": rule,
        }
        if data["position"] is not None:
            values["position"] = data["position"]
        return values


class ScoreCellForm(forms.Form):
    """One target's points on one manual criterion, with a note and the evidence that supports it."""

    points = _decimal(_("Điểm"), required=False)
    note = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.ModelMultipleChoiceField(
        label=_("Minh chứng"), queryset=Evidence.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, evidence: models.QuerySet[Evidence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = evidence


class EvidenceForm(PageForm):
    ids = "evidence-%s"
    title = forms.CharField(label=_("Tên minh chứng"), max_length=300, required=False)
    file = forms.FileField(label=_("Tệp (PDF, DOCX, XLSX, PNG, JPEG)"))


def _formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model fields as form fields: dates as date pickers, people and organs chosen per council later."""
    if isinstance(db_field, models.DateField):
        kwargs["widget"] = _date_widget()
    if isinstance(db_field, models.TextField):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
    if isinstance(db_field, models.ManyToManyField):
        kwargs["widget"] = forms.CheckboxSelectMultiple
    return db_field.formfield(**kwargs)


def _record_form(*, model: type[models.Model], fields: list[str]) -> type[forms.Form]:
    """A plain form with the model's own labels: the service, not the model form, saves and validates."""
    return type(
        f"{model.__name__}Form", (RecordForm,), fields_for_model(model, fields=fields, formfield_callback=_formfield)
    )


class RecordForm(forms.Form):
    """Choices limited to the council's own committees, delegate groups, voter meetings and delegates."""

    def __init__(self, *args: Any, council: Council, delegates: models.QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = {
            "committee": Committee.objects.filter(council=council),
            "group": DelegateGroup.objects.filter(council=council),
            "meeting": VoterMeeting.objects.filter(council=council),
            "delegates": delegates,
        }
        for name, queryset in limits.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = _("— Không chọn —")
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", _("— Chọn —")), *field.choices[1:]]


SupervisionForm = _record_form(
    model=SupervisionMission,
    fields=[
        "title",
        "committee",
        "field",
        "start_date",
        "end_date",
        "report_due",
        "report_submitted_on",
        "conclusion",
        "delegates",
    ],
)
SurveyForm = _record_form(model=Survey, fields=["title", "committee", "date", "place", "delegates"])
CitizenReceptionForm = _record_form(
    model=CitizenReception,
    fields=[
        "kind",
        "date",
        "place",
        "citizens_received",
        "opinions_received",
        "petitions_received",
        "note",
        "delegates",
    ],
)
VoterMeetingForm = _record_form(
    model=VoterMeeting, fields=["date", "group", "place", "voters_attending", "petitions_raised", "delegates"]
)
PetitionForm = _record_form(
    model=VoterPetition, fields=["content", "field", "authority_level", "received_on", "meeting"]
)
GoodPracticeForm = _record_form(model=GoodPractice, fields=["title", "description", "recognized_on"])


class PetitionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Chuyển sang"), choices=[c for c in PetitionStatus.choices if c[0] != PetitionStatus.RECEIVED]
    )
    on = forms.DateField(label=_("Ngày cập nhật"), widget=_date_widget())
    response = forms.CharField(
        label=_("Kết quả trả lời, giải quyết"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
