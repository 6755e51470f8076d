"""REST routes of the agenda app, included under ``api/``."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from agenda import api

router = SimpleRouter()
router.register("agenda-items", api.AgendaItemViewSet, basename="agenda-item")
router.register("documents", api.DocumentViewSet, basename="agenda-document")
router.register("speaker-requests", api.SpeakerRequestViewSet, basename="speaker-request")
router.register("officials", api.OfficialViewSet, basename="official")
router.register("session-respondents", api.SessionRespondentViewSet, basename="session-respondent")
router.register("question-topics", api.QuestionTopicViewSet, basename="question-topic")
router.register("questions", api.QuestionViewSet, basename="question")
router.register("promises", api.PromiseViewSet, basename="promise")
router.register("explanation-sessions", api.ExplanationViewSet, basename="explanation-session")

urlpatterns = [
    path("documents/<int:pk>/file", api.DocumentFileView.as_view(), name="agenda-document-latest"),
    path("documents/<int:pk>/versions/<int:number>/file", api.DocumentFileView.as_view(), name="agenda-document-file"),
    path("speaking-time/", api.SpeakingTimeView.as_view(), name="speaking-time"),
    *router.urls,
]
