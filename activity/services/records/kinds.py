"""The kinds of activity record a secretariat keeps: per kind the model, the service that records one and the
columns its list shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from activity.models import (
    CitizenReception,
    GoodPractice,
    PetitionStatus,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from activity.services.records.activities import (
    citizen_reception_save,
    good_practice_save,
    supervision_save,
    survey_save,
    voter_meeting_save,
)
from activity.services.records.petitions import petition_register


class RecordKind(models.TextChoices):
    SUPERVISION = "supervision", gettext_lazy("Giám sát chuyên đề")
    SURVEYS = "surveys", gettext_lazy("Khảo sát")
    RECEPTIONS = "receptions", gettext_lazy("Tiếp công dân")
    MEETINGS = "meetings", gettext_lazy("Tiếp xúc cử tri")
    PETITIONS = "petitions", gettext_lazy("Kiến nghị cử tri")
    PRACTICES = "practices", gettext_lazy("Mô hình, cách làm hay")


@dataclass(frozen=True)
class RecordKindSpec:
    model: type[models.Model]
    save: Callable[..., Any]
    columns: list[str]


PETITION_ORDER = [PetitionStatus.IN_PROGRESS, PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED]
RECORD_KINDS: dict[str, RecordKindSpec] = {
    RecordKind.SUPERVISION: RecordKindSpec(
        SupervisionMission,
        supervision_save,
        ["title", "committee", "start_date", "end_date", "report_due", "report_submitted_on", "delegates"],
    ),
    RecordKind.SURVEYS: RecordKindSpec(Survey, survey_save, ["title", "committee", "date", "place", "delegates"]),
    RecordKind.RECEPTIONS: RecordKindSpec(
        CitizenReception,
        citizen_reception_save,
        ["kind", "date", "place", "citizens_received", "opinions_received", "petitions_received", "delegates"],
    ),
    RecordKind.MEETINGS: RecordKindSpec(
        VoterMeeting,
        voter_meeting_save,
        ["date", "group", "place", "voters_attending", "petitions_raised", "delegates"],
    ),
    RecordKind.PETITIONS: RecordKindSpec(
        VoterPetition,
        petition_register,
        ["content", "field", "authority_level", "received_on", "status", "status_changed_on"],
    ),
    RecordKind.PRACTICES: RecordKindSpec(GoodPractice, good_practice_save, ["title", "description", "recognized_on"]),
}
