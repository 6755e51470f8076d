from django.urls import path
from rest_framework.routers import SimpleRouter

from voting import api, api_items, api_resolutions

router = SimpleRouter()
router.register("polls", api.PollViewSet, basename="poll")
router.register("resolutions", api.ResolutionViewSet, basename="resolution")

urlpatterns = [
    path(
        "agenda-items/<int:pk>/resolution-poll/",
        api_items.ItemResolutionPollView.as_view(),
        name="agenda-item-resolution-poll",
    ),
    path("resolution-categories/", api_resolutions.ResolutionCategoryList.as_view(), name="resolution-categories"),
    *router.urls,
]
