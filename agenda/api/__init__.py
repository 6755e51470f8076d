"""REST endpoints of the agenda app, one module per concern. Views parse input, call one service, and answer
with the archive serializers; every rule and permission check lives in the services and selectors; the live
writes are declared once in ``agenda.writes``."""

from agenda.api.items import AgendaItemViewSet, DocumentFileView, DocumentViewSet
from agenda.api.promises import ExplanationViewSet, PromiseViewSet
from agenda.api.questioning import OfficialViewSet, QuestionTopicViewSet, QuestionViewSet, SessionRespondentViewSet
from agenda.api.speakers import SpeakerRequestViewSet, SpeakingTimeView

__all__ = [
    "AgendaItemViewSet",
    "DocumentFileView",
    "DocumentViewSet",
    "ExplanationViewSet",
    "OfficialViewSet",
    "PromiseViewSet",
    "QuestionTopicViewSet",
    "QuestionViewSet",
    "SessionRespondentViewSet",
    "SpeakerRequestViewSet",
    "SpeakingTimeView",
]
