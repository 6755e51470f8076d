"""Reads of the agenda app: snapshot states (shared with the events that patch them) and archive queries."""

from agenda.selectors.documents import (
    document_is_public,
    document_state,
    document_version_for_reader,
    documents_state,
)
from agenda.selectors.items import agenda_item_state, agenda_items, agenda_node, agenda_state, agenda_tree, node_state
from agenda.selectors.questioning import (
    explanation_state,
    promise_day,
    promise_report,
    promise_state,
    promise_status,
    promises_with_status,
    question_date,
    question_day,
    question_state,
    questioning_state,
    questions_written_overdue,
    respondents_state,
    topic_state,
)
from agenda.selectors.speakers import speakers_item_state, speakers_state, speaking_time_by_delegate

__all__ = [
    "agenda_item_state",
    "agenda_items",
    "agenda_node",
    "agenda_state",
    "agenda_tree",
    "document_is_public",
    "document_state",
    "document_version_for_reader",
    "documents_state",
    "explanation_state",
    "node_state",
    "promise_day",
    "promise_report",
    "promise_state",
    "promise_status",
    "promises_with_status",
    "question_date",
    "question_day",
    "question_state",
    "questioning_state",
    "questions_written_overdue",
    "respondents_state",
    "speakers_item_state",
    "speakers_state",
    "speaking_time_by_delegate",
    "topic_state",
]
