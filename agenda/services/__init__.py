"""Writes of the agenda app. Each validates, runs in one transaction, records audit entries and puts the
changed entities on the session stream (``realtime.emit``)."""

from agenda.services.documents import document_update, document_upload, document_version_add
from agenda.services.items import agenda_item_create, agenda_item_delete, agenda_item_move, agenda_item_update
from agenda.services.items_live import (
    agenda_item_activate,
    agenda_item_defer,
    agenda_item_finish,
    agenda_item_skip,
    agenda_next,
    agenda_previous,
)
from agenda.services.promises import (
    explanation_conclude,
    explanation_create,
    explanation_update,
    promise_record,
    promise_report_submit,
)
from agenda.services.questioning import (
    official_create,
    question_answer_written,
    question_register,
    question_withdraw,
    questions_link_resolution,
    questions_to_writing,
    session_respondent_add,
    topic_arrange,
    topic_create,
)
from agenda.services.questioning_floor import (
    question_finish,
    question_floor,
    question_pause,
    question_resume,
    question_step,
)
from agenda.services.speakers import (
    speaker_end,
    speaker_grant,
    speaker_order,
    speaker_pause,
    speaker_remove,
    speaker_request,
    speaker_resume,
    speaker_withdraw,
)

__all__ = [
    "agenda_item_activate",
    "agenda_item_create",
    "agenda_item_defer",
    "agenda_item_delete",
    "agenda_item_finish",
    "agenda_item_move",
    "agenda_item_skip",
    "agenda_item_update",
    "agenda_next",
    "agenda_previous",
    "document_update",
    "document_upload",
    "document_version_add",
    "explanation_conclude",
    "explanation_create",
    "explanation_update",
    "official_create",
    "promise_record",
    "promise_report_submit",
    "question_answer_written",
    "question_finish",
    "question_floor",
    "question_pause",
    "question_register",
    "question_resume",
    "question_step",
    "question_withdraw",
    "questions_link_resolution",
    "questions_to_writing",
    "session_respondent_add",
    "speaker_end",
    "speaker_grant",
    "speaker_order",
    "speaker_pause",
    "speaker_remove",
    "speaker_request",
    "speaker_resume",
    "speaker_withdraw",
    "topic_arrange",
    "topic_create",
]
