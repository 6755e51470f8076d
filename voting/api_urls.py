from rest_framework.routers import SimpleRouter

from voting import api

router = SimpleRouter()
router.register("polls", api.PollViewSet, basename="poll")
router.register("resolutions", api.ResolutionViewSet, basename="resolution")

urlpatterns = router.urls
