"""Forms of the console's set-up pages. They only read what was typed; every rule is the services' to check, so
a refusal always carries the services' own message and code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from activity.models import AnsweringAgency, AuthorityLevel, PetitionField, PetitionStatus, SessionPhase
from sessions_app.models import (
    Committee,
    CouncilLevel,
    CouncilRoleKind,
    DelegateGroup,
    MembershipRole,
    Session,
    SessionType,
)


def _date() -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _time(required: bool = True) -> forms.TimeField:
    return forms.TimeField(required=required, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class SetupForm(forms.Form):
    """A form sharing its page with others: field ids carry its own prefix; ``changes()`` is what the services
    take (every field of the form; blank optional text as "")."""

    ids = "id_%s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)

    def changes(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class CouncilForm(SetupForm):
    ids = "council-%s"
    name = forms.CharField(label=_("Tên Hội đồng nhân dân"), max_length=200)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Cấp"), choices=CouncilLevel.choices)
    code = forms.SlugField(label=_("Mã (chữ không dấu, số, gạch nối)"), max_length=32)
    place_name = forms.CharField(label=_("Địa danh (dòng nơi ban hành văn bản)"), max_length=120, required=False)


class TermForm(SetupForm):
    ids = "term-%s"
    label = forms.CharField(label=_("Nhiệm kỳ (ví dụ 2026-2031)"), max_length=20)
    ordinal = forms.CharField(label=_("Khóa (ví dụ khóa XI)"), max_length=20)
    start_date = _date()
    end_date = _date()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_date"].label = _("Ngày bắt đầu")
        self.fields["end_date"].label = _("Ngày kết thúc")


class OrganForm(SetupForm):
    ids = "organ-%s"
    kind = forms.ChoiceField(label=_("Loại"), choices=[("committee", _("Ban")), ("group", _("Tổ đại biểu"))])
    name = forms.CharField(label=_("Tên"), max_length=120)
    constituency = forms.CharField(label=_("Đơn vị bầu cử (tổ đại biểu)"), max_length=200, required=False)

    def changes(self) -> dict[str, Any]:
        values = {"name": self.cleaned_data["name"]}
        if self.cleaned_data["kind"] == "group":
            values["constituency"] = self.cleaned_data["constituency"]
        return values


class DelegateForm(SetupForm):
    """A new delegate and their seat in one step (the Excel import does the same for many)."""

    ids = "delegate-%s"
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    seat = forms.IntegerField(label=_("Số ghế"), min_value=1, max_value=500)
    start_date = _date()
    role = forms.ChoiceField(label=_("Chức vụ"), choices=MembershipRole.choices, initial=MembershipRole.DELEGATE)
    committee = forms.ModelChoiceField(label=_("Ban"), queryset=Committee.objects.none(), required=False)
    group = forms.ModelChoiceField(label=_("Tổ đại biểu"), queryset=DelegateGroup.objects.none(), required=False)
    full_time = forms.BooleanField(label=_("Chuyên trách"), required=False)

    def __init__(self, *args: Any, term: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_date"].label = _("Từ ngày")
        if term is not None:
            self.fields["committee"].queryset = Committee.objects.filter(term=term)
            self.fields["group"].queryset = DelegateGroup.objects.filter(term=term)


class VacancyForm(SetupForm):
    ids = "vacancy-%s"
    end_date = _date()


class SessionForm(SetupForm):
    ids = "session-%s"
    number = forms.IntegerField(label=_("Kỳ họp thứ"), min_value=1, max_value=999)
    type = forms.ChoiceField(label=_("Loại kỳ họp"), choices=SessionType.choices)
    title = forms.CharField(label=_("Tên kỳ họp"), max_length=300)
    venue = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    start_date = _date()
    end_date = _date()
    is_public = forms.BooleanField(label=_("Họp công khai"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_date"].label = _("Ngày khai mạc")
        self.fields["end_date"].label = _("Ngày bế mạc")


class SessionEditForm(SessionForm):
    ids = "edit-%s"
    correction_reason = forms.CharField(
        label=_("Lý do đính chính (bắt buộc khi kỳ họp đã bế mạc)"), max_length=500, required=False
    )

    def changes(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values.pop("correction_reason")
        return values


class SittingForm(SetupForm):
    ids = "sitting-%s"
    number = forms.IntegerField(label=_("Phiên số"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Tên phiên"), max_length=200, required=False)
    date = _date()
    start_time = _time()
    end_time = _time(required=False)
    venue = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    is_closed_door = forms.BooleanField(label=_("Họp kín"), required=False)
    closed_door_decision = forms.CharField(label=_("Quyết định họp kín"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].label = _("Ngày")
        self.fields["start_time"].label = _("Giờ bắt đầu")
        self.fields["end_time"].label = _("Giờ kết thúc")


class ReasonForm(SetupForm):
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class NoticeForm(SetupForm):
    ids = "notice-%s"
    file = forms.FileField(label=_("Giấy triệu tập (PDF hoặc DOCX)"))


class RoleGrantForm(SetupForm):
    ids = "role-%s"
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    role = forms.ChoiceField(label=_("Vai trò"), choices=CouncilRoleKind.choices)
    full_name = forms.CharField(label=_("Họ và tên (chỉ khi tạo tài khoản mới)"), max_length=300, required=False)
    email = forms.EmailField(label=_("Thư điện tử (không bắt buộc)"), required=False)


class AgencyForm(SetupForm):
    ids = "agency-%s"
    name = forms.CharField(label=_("Tên cơ quan trả lời"), max_length=200)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=60, required=False)


class PetitionRegisterForm(SetupForm):
    ids = "petition-%s"
    content = forms.CharField(label=_("Nội dung kiến nghị"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))
    received_on = _date()
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=PetitionField.choices, initial=PetitionField.OTHER)
    authority_level = forms.ChoiceField(label=_("Thẩm quyền giải quyết"), choices=AuthorityLevel.choices)
    session = forms.ModelChoiceField(label=_("Kỳ họp"), queryset=Session.objects.none(), required=False)
    session_phase = forms.ChoiceField(label=_("Thu thập"), choices=[("", "—"), *SessionPhase.choices], required=False)
    agency = forms.ModelChoiceField(
        label=_("Chuyển ngay cho cơ quan trả lời"), queryset=AnsweringAgency.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].label = _("Ngày tiếp nhận")
        if council is not None:
            self.fields["session"].queryset = Session.objects.filter(council=council).order_by("-start_date")
            self.fields["agency"].queryset = AnsweringAgency.objects.filter(council=council, active=True)


class PetitionAssignForm(SetupForm):
    agency = forms.ModelChoiceField(label=_("Cơ quan trả lời"), queryset=AnsweringAgency.objects.none())
    on = _date()

    def __init__(self, *args: Any, council: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Ngày chuyển")
        if council is not None:
            self.fields["agency"].queryset = AnsweringAgency.objects.filter(council=council, active=True)


class PetitionAnswerForm(SetupForm):
    status = forms.ChoiceField(
        label=_("Kết quả"), choices=[(s.value, s.label) for s in (PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED)]
    )
    answered_on = _date()
    answer_document = forms.CharField(label=_("Văn bản trả lời (số, ký hiệu)"), max_length=200, required=False)
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].label = _("Ngày trả lời")
