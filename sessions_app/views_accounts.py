"""Log-in pages: password log-in (throttled, see ``forms.LoginForm``), log-out, and personal QR log-in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sessions_app.auth_tokens import login_token_check, login_token_redeem
from sessions_app.forms import LoginForm
from sessions_app.views_common import QR_SITTING_SESSION_KEY, service_page


class LoginView(auth_views.LoginView):
    template_name = "sessions_app/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "sessions_app/logged_out.html"


class ActivateView(auth_views.PasswordResetConfirmView):
    """A new account's one-time activation link (``services.roles.activation_path``): the person chooses a
    password (Django's validators); setting it spends the link. An expired or used link says so."""

    template_name = "sessions_app/activate.html"
    post_reset_login = False
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đặt mật khẩu. Mời đăng nhập."))
        return response


@never_cache
@require_http_methods(["GET", "POST"])
@service_page
def qr_login(request: HttpRequest, signed: str) -> HttpResponse:
    """GET shows whose card it is and asks for one tap; POST spends the code and logs in. A link
    previewer or camera app that only fetches the page therefore cannot use up the code."""
    if request.method == "GET":
        token = login_token_check(signed=signed)
        return render(request, "sessions_app/qr_login.html", {"token": token, "signed": signed})
    token = login_token_redeem(signed=signed)
    request.session.flush()
    login(request, token.user, backend="django.contrib.auth.backends.ModelBackend")
    if token.sitting_id is None:
        return redirect("landing")
    request.session[QR_SITTING_SESSION_KEY] = token.sitting_id
    return redirect(reverse("sitting-check-in", args=[token.sitting_id]))
