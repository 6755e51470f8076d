from rest_framework.routers import SimpleRouter

from sessions_app import api

router = SimpleRouter()
router.register("councils", api.CouncilViewSet, basename="council")
router.register("terms", api.TermViewSet, basename="term")
router.register("people", api.PersonViewSet, basename="person")
router.register("sessions", api.SessionViewSet, basename="session")
router.register("sittings", api.SittingViewSet, basename="sitting")

urlpatterns = router.urls
