from sessions_app.models.accounts import CouncilRole, CouncilRoleKind, LoginToken, User
from sessions_app.models.audit import AuditEntry, AuditHead
from sessions_app.models.council import (
    Committee,
    Council,
    CouncilLevel,
    DelegateGroup,
    Membership,
    MembershipRole,
    Person,
    Term,
)
from sessions_app.models.session import (
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    Session,
    SessionStatus,
    SessionType,
    Sitting,
    SittingStatus,
)
from sessions_app.models.stream import SessionStream, StreamEvent

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "AuditEntry",
    "AuditHead",
    "CheckInMethod",
    "Committee",
    "Council",
    "CouncilLevel",
    "CouncilRole",
    "CouncilRoleKind",
    "DelegateGroup",
    "LoginToken",
    "Membership",
    "MembershipRole",
    "Person",
    "Session",
    "SessionStatus",
    "SessionStream",
    "SessionType",
    "Sitting",
    "SittingStatus",
    "StreamEvent",
    "Term",
    "User",
]
