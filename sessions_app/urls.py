from django.urls import path

from sessions_app import views, views_accounts, views_attendance, views_qr

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", views_accounts.LoginView.as_view(), name="login"),
    path("logout/", views_accounts.LogoutView.as_view(), name="logout"),
    path("accounts/activate/<uidb64>/<token>/", views_accounts.ActivateView.as_view(), name="account-activate"),
    path("qr/<str:signed>/", views_accounts.qr_login, name="qr-login"),
    path("sessions/<int:session_id>/qr-cards/", views_qr.qr_cards, name="qr-cards"),
    path("people/<int:person_id>/revoke-login-codes/", views_qr.person_tokens_revoke, name="person-tokens-revoke"),
    path("sittings/<int:sitting_id>/check-in/", views_attendance.sitting_check_in, name="sitting-check-in"),
]
