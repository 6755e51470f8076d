"""REST endpoints of the activity app, one module per concern: ``records`` (activity records and evidence),
``petitions`` (voter petitions, answering agencies, their exports), ``statistics`` and ``emulation`` (score
sheets). Views parse the query, call one selector or service and answer; the writes of records, evidence and
score sheets are declared once in ``activity.writes``. Refusals are ServiceErrors in the project's envelope."""

from activity.api.emulation import CriterionViewSet, RankingXlsxView, ScoreSheetViewSet
from activity.api.petitions import PETITION_EXPORTS, AgencyViewSet, PetitionViewSet, SessionPetitionsView
from activity.api.records import (
    CitizenReceptionViewSet,
    EvidenceViewSet,
    GoodPracticeViewSet,
    SupervisionViewSet,
    SurveyViewSet,
    VoterMeetingViewSet,
)
from activity.api.statistics import (
    ComparisonView,
    CouncilStatisticsView,
    DelegatesStatisticsView,
    StatisticsCatalogueView,
    TrendView,
)

__all__ = [
    "PETITION_EXPORTS",
    "AgencyViewSet",
    "CitizenReceptionViewSet",
    "ComparisonView",
    "CouncilStatisticsView",
    "CriterionViewSet",
    "DelegatesStatisticsView",
    "EvidenceViewSet",
    "GoodPracticeViewSet",
    "PetitionViewSet",
    "RankingXlsxView",
    "ScoreSheetViewSet",
    "SessionPetitionsView",
    "StatisticsCatalogueView",
    "SupervisionViewSet",
    "SurveyViewSet",
    "TrendView",
    "VoterMeetingViewSet",
]
