"""Forms of the account pages."""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from sessions_app.lockout import LockoutFormMixin


class LoginForm(LockoutFormMixin, AuthenticationForm):
    """Django's log-in form; the lock-out (``sessions_app.lockout``) acts inside ``authenticate``."""


class AdminLoginForm(LockoutFormMixin, AdminAuthenticationForm):
    """The admin's log-in form, under the same lock-out."""
