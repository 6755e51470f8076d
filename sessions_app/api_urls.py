from django.urls import path
from rest_framework.routers import SimpleRouter

from sessions_app import api, api_auth, api_roles, api_setup

router = SimpleRouter()
router.register("councils", api.CouncilViewSet, basename="council")
router.register("terms", api.TermViewSet, basename="term")
router.register("people", api.PersonViewSet, basename="person")
router.register("sessions", api.SessionViewSet, basename="session")
router.register("sittings", api.SittingViewSet, basename="sitting")
router.register("committees", api_setup.CommitteeViewSet, basename="committee")
router.register("delegate-groups", api_setup.DelegateGroupViewSet, basename="delegate-group")
router.register("memberships", api_setup.MembershipViewSet, basename="membership")

urlpatterns = [
    *api_auth.urlpatterns,
    path("councils/<int:pk>/roles/", api_roles.CouncilRolesView.as_view(), name="council-roles"),
    path("council-roles/<int:pk>/", api_roles.CouncilRoleView.as_view(), name="council-role"),
    path("council-roles/<int:pk>/activation/", api_roles.RoleActivationView.as_view(), name="council-role-activation"),
    *router.urls,
]
