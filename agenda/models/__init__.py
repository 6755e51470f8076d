from agenda.models.documents import Document, DocumentKind, DocumentVersion
from agenda.models.items import AgendaItem, ItemKind, ItemState
from agenda.models.questioning import (
    ExplanationSession,
    Official,
    Promise,
    PromiseStatus,
    Question,
    QuestionSource,
    QuestionStatus,
    QuestionStep,
    QuestionTopic,
    SessionRespondent,
    StepKind,
)
from agenda.models.speakers import ON_FLOOR, OPEN_STATES, SpeakerRequest, SpeakerState, SpeechKind

__all__ = [
    "ON_FLOOR",
    "OPEN_STATES",
    "AgendaItem",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "ExplanationSession",
    "ItemKind",
    "ItemState",
    "Official",
    "Promise",
    "PromiseStatus",
    "Question",
    "QuestionSource",
    "QuestionStatus",
    "QuestionStep",
    "QuestionTopic",
    "SessionRespondent",
    "SpeakerRequest",
    "SpeakerState",
    "SpeechKind",
    "StepKind",
]
