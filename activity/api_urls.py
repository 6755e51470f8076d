"""REST routes of the activity app, included under ``api/``."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from activity import api, api_backfill

router = SimpleRouter()
router.register("activity/supervisions", api.SupervisionViewSet, basename="activity-supervision")
router.register("activity/surveys", api.SurveyViewSet, basename="activity-survey")
router.register("activity/citizen-receptions", api.CitizenReceptionViewSet, basename="activity-citizen-reception")
router.register("activity/voter-meetings", api.VoterMeetingViewSet, basename="activity-voter-meeting")
router.register("activity/petitions", api.PetitionViewSet, basename="activity-petition")
router.register("activity/answering-agencies", api.AgencyViewSet, basename="activity-answering-agency")
router.register("activity/good-practices", api.GoodPracticeViewSet, basename="activity-good-practice")
router.register("activity/evidence", api.EvidenceViewSet, basename="activity-evidence")
router.register("score-sheets", api.ScoreSheetViewSet, basename="score-sheet")
router.register("criteria", api.CriterionViewSet, basename="criterion")

urlpatterns = [
    path("imports/council-year/", api_backfill.BackfillImportView.as_view(), name="import-council-year"),
    path(
        "imports/council-year/template/",
        api_backfill.BackfillTemplateView.as_view(),
        name="import-council-year-template",
    ),
    path("statistics/catalogue/", api.StatisticsCatalogueView.as_view(), name="statistics-catalogue"),
    path("statistics/councils/<int:pk>/", api.CouncilStatisticsView.as_view(), name="statistics-council"),
    path("statistics/councils/<int:pk>/delegates/", api.DelegatesStatisticsView.as_view(), name="statistics-delegates"),
    path("statistics/councils/<int:pk>/trend/", api.TrendView.as_view(), name="statistics-trend"),
    path("statistics/councils/<int:pk>/comparison/", api.ComparisonView.as_view(), name="statistics-comparison"),
    path(
        "statistics/sessions/<int:pk>/petitions/",
        api.SessionPetitionsView.as_view(),
        name="statistics-session-petitions",
    ),
    *[
        path(f"exports/petitions.{fmt}", view.as_view(), name=f"export-petitions-{fmt}")
        for fmt, view in api.PETITION_EXPORTS.items()
    ],
    path("score-sheets/<int:pk>/ranking.xlsx", api.RankingXlsxView.as_view(), name="score-sheet-ranking-xlsx"),
    *router.urls,
]
