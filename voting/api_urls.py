from django.urls import path
from rest_framework.routers import SimpleRouter

from voting import api, api_items

router = SimpleRouter()
router.register("polls", api.PollViewSet, basename="poll")
router.register("resolutions", api.ResolutionViewSet, basename="resolution")

urlpatterns = [
    path("agenda-items/<int:pk>/resolution-poll/", api_items.ItemResolutionPollView.as_view(),
         name="agenda-item-resolution-poll"),
    *router.urls,
]
