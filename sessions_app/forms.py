"""Forms of the account pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.errors import ServiceError
from sessions_app.login_throttle import login_failure_record, login_success_record, login_throttle_check


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


class LoginForm(AuthenticationForm):
    """Django's log-in form with a per (username, address) throttle checked before the password."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        try:
            login_throttle_check(username=username, address=address)
        except ServiceError as error:
            raise forms.ValidationError(error.message(), code=error.code) from error
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                login_failure_record(username=username, address=address)
            raise
        login_success_record(username=username, address=address)
        return cleaned
