"""The resolutions part of the console's session set-up page: after the vote the secretariat gives each adopted
resolution its real title, category, signer and effective date, checks or changes its number (the next free one
is proposed), uploads the signed text and publishes it ("Công bố nghị quyết")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frontend.forms_setup import SetupForm
from sessions_app.models import Session
from voting import services
from voting.models import Resolution, ResolutionCategory, ResolutionKind, ResolutionStatus
from voting.numbering import resolution_number_format, resolution_number_next


class ResolutionForm(SetupForm):
    ids = "resolution-%s"
    title = forms.CharField(label=gettext_lazy("Trích yếu (tên nghị quyết)"), max_length=400)
    category = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"), queryset=ResolutionCategory.objects.all(), required=False
    )
    signer = forms.CharField(label=gettext_lazy("Người ký"), max_length=120, required=False)
    effective_on = forms.DateField(
        label=gettext_lazy("Ngày có hiệu lực"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class NumberForm(SetupForm):
    ids = "number-%s"
    serial = forms.IntegerField(label=gettext_lazy("Số thứ tự"), min_value=1, max_value=99999)
    kind = forms.ChoiceField(label=gettext_lazy("Loại nghị quyết"), choices=ResolutionKind.choices)


class SignedForm(SetupForm):
    ids = "signed-%s"
    file = forms.FileField(label=gettext_lazy("Văn bản đã ký (PDF)"))


def _rows(session: Session) -> list[dict[str, Any]]:
    rows = []
    for resolution in (
        Resolution.objects.filter(session=session).select_related("category", "poll__sitting").order_by("pk")
    ):
        proposal = None
        if resolution.status == ResolutionStatus.ADOPTED and resolution.adopted_on is not None:
            serial = resolution.serial or resolution_number_next(
                council_id=resolution.council_id, kind=resolution.kind, year=resolution.adopted_on.year
            )
            proposal = {
                "serial": serial,
                "number": resolution_number_format(
                    kind=resolution.kind, year=resolution.adopted_on.year, serial=serial
                ),
            }
        rows.append(
            {
                "resolution": resolution,
                "proposal": proposal,
                "form": ResolutionForm(
                    initial={
                        "title": resolution.title,
                        "category": resolution.category_id,
                        "signer": resolution.signer,
                        "effective_on": resolution.effective_on,
                    },
                    auto_id=f"res{resolution.pk}-%s",
                ),
            }
        )
    return rows


def resolutions_context(*, session: Session) -> dict[str, Any]:
    return {"resolutions": _rows(session), "kinds": ResolutionKind.choices}


def _resolution(request: HttpRequest, session: Session) -> Resolution:
    return get_object_or_404(Resolution, pk=request.POST.get("resolution", "0"), session=session)


def resolution_actions(*, session: Session) -> dict[str, tuple[Any, Any, str]]:
    """The page's resolution actions, for ``views_setup._dispatch``."""

    def update(request: HttpRequest, form: ResolutionForm) -> None:
        services.resolution_update(actor=request.user, resolution=_resolution(request, session), changes=form.changes())

    def number(request: HttpRequest, form: NumberForm) -> None:
        services.resolution_number_set(
            actor=request.user,
            resolution=_resolution(request, session),
            serial=form.cleaned_data["serial"],
            kind=form.cleaned_data["kind"],
        )

    def signed(request: HttpRequest, form: SignedForm) -> None:
        services.resolution_signed_upload(
            actor=request.user, resolution=_resolution(request, session), file=form.cleaned_data["file"]
        )

    def publish(request: HttpRequest, form: None) -> None:
        services.resolution_publish(actor=request.user, resolution=_resolution(request, session))

    return {
        "resolution": (ResolutionForm, update, _("Đã lưu thông tin nghị quyết.")),
        "resolution_number": (NumberForm, number, _("Đã ghi số hiệu nghị quyết.")),
        "resolution_signed": (SignedForm, signed, _("Đã tải lên văn bản đã ký.")),
        "resolution_publish": (None, publish, _("Đã công bố nghị quyết.")),
    }
