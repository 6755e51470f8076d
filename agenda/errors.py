"""Error codes of the agenda, documents, speakers and questioning."""

from core.errors import ErrorGroup

ERRORS = ErrorGroup("agenda")
error_define = ERRORS.define

ITEM_OTHER_SESSION = error_define(
    "agenda.item_other_session",
    vi="Mục chương trình không thuộc kỳ họp này.",
    en="The agenda item does not belong to this session.",
)
ITEM_CYCLE = error_define(
    "agenda.cycle",
    vi="Không thể đặt một mục vào chính nó hoặc vào mục con của nó.",
    en="An item cannot be placed inside itself or one of its own sub-items.",
)
ITEM_STATE_INVALID = error_define(
    "agenda.state_invalid",
    vi="Không thể chuyển mục “{title}” từ trạng thái “{current}” sang “{target}”.",
    en="Item '{title}' cannot move from '{current}' to '{target}'.",
    status=409,
)
ITEM_IS_SECTION = error_define(
    "agenda.item_is_section",
    vi="Phần “{title}” chỉ là tiêu đề nhóm, không thể thực hiện trực tiếp.",
    en="Section '{title}' is a heading and cannot be taken up itself.",
    status=409,
)
ITEM_NO_SITTING = error_define(
    "agenda.no_sitting",
    vi="Cần chỉ rõ phiên họp để thực hiện mục này.",
    en="A sitting must be given to take up this item.",
)
ITEM_SITTING_NOT_OPEN = error_define(
    "agenda.sitting_not_open",
    vi="Phiên họp chưa khai mạc hoặc đã kết thúc.",
    en="The sitting is not open.",
    status=409,
)
ITEM_ALREADY_ACTIVE = error_define(
    "agenda.already_active",
    vi="Phiên họp đã có một mục đang thực hiện.",
    en="The sitting already has an active item.",
    status=409,
)
ITEM_NO_NEXT = error_define("agenda.no_next", vi="Không còn mục tiếp theo.", en="There is no next item.", status=409)
ITEM_NO_PREVIOUS = error_define(
    "agenda.no_previous", vi="Không có mục trước đó.", en="There is no previous item.", status=409
)
ITEM_DEFER_TARGET = error_define(
    "agenda.defer_target_invalid",
    vi="Chỉ hoãn được sang một phiên sau, chưa kết thúc, của cùng kỳ họp.",
    en="An item can only be deferred to a later, unfinished sitting of the same session.",
)
ITEM_NOT_REMOVABLE = error_define(
    "agenda.not_removable",
    vi="Chỉ xóa được mục chưa thực hiện và chưa có phát biểu, tài liệu hay phiếu chất vấn.",
    en="Only a pending item with no speeches, documents or questions can be deleted.",
    status=409,
)
PRESENTER_INVALID = error_define(
    "agenda.presenter_invalid",
    vi="Người trình bày phải là đại biểu hoặc cán bộ của Hội đồng này.",
    en="The presenter must be a delegate or official of this council.",
)

SPEAKER_NOT_DELEGATE = error_define(
    "speaker.not_delegate",
    vi="Chỉ đại biểu HĐND đang giữ ghế mới được đăng ký phát biểu.",
    en="Only sitting delegates of the council may ask for the floor.",
    status=403,
)
SPEAKER_ALREADY_QUEUED = error_define(
    "speaker.already_queued",
    vi="Đại biểu đã đăng ký phát biểu ở mục này.",
    en="The delegate has already asked for the floor on this item.",
    status=409,
)
SPEAKER_NOT_IN_QUEUE = error_define(
    "speaker.not_in_queue",
    vi="Đại biểu không có trong danh sách chờ phát biểu của mục này.",
    en="The delegate is not in this item's speaker queue.",
    status=409,
)
SPEAKER_FLOOR_TAKEN = error_define(
    "speaker.floor_taken",
    vi="Đang có đại biểu phát biểu; hãy kết thúc lượt đó trước.",
    en="Someone already has the floor; end that speech first.",
    status=409,
)
SPEAKER_STATE_INVALID = error_define(
    "speaker.state_invalid",
    vi="Không thể thực hiện thao tác này khi lượt phát biểu đang ở trạng thái “{current}”.",
    en="This cannot be done while the speech is '{current}'.",
    status=409,
)
ITEM_NOT_ACTIVE = error_define(
    "agenda.item_not_active",
    vi="Mục chương trình chưa được thực hiện (chưa là mục hiện tại).",
    en="The agenda item is not the current one.",
    status=409,
)
ORDER_MISMATCH = error_define(
    "agenda.order_mismatch",
    vi="Danh sách sắp xếp phải gồm đúng các mục đang chờ, mỗi mục một lần.",
    en="The new order must list exactly the waiting entries, each once.",
)

RESPONDENT_NOT_LISTED = error_define(
    "question.respondent_not_listed",
    vi="Người bị chất vấn không có trong danh sách của kỳ họp.",
    en="The respondent is not on this session's list.",
)
OFFICIAL_OTHER_COUNCIL = error_define(
    "question.official_other_council",
    vi="Cán bộ này không thuộc Hội đồng nhân dân của kỳ họp.",
    en="This official does not belong to the session's council.",
)
RESPONDENT_ALREADY_LISTED = error_define(
    "question.respondent_already_listed",
    vi="Người bị chất vấn đã có trong danh sách của kỳ họp.",
    en="The respondent is already on the session's list.",
    status=409,
)
QUESTION_NOT_MEMBER = error_define(
    "question.not_member",
    vi="Chỉ đại biểu HĐND đang giữ ghế mới được chất vấn.",
    en="Only sitting delegates of the council may put questions.",
    status=403,
)
QUESTION_TEXT_EMPTY = error_define(
    "question.text_empty", vi="Nội dung chất vấn không được để trống.", en="The question text must not be empty."
)
QUESTION_STATUS_INVALID = error_define(
    "question.status_invalid",
    vi="Không thể thực hiện thao tác này với phiếu chất vấn đang ở trạng thái “{current}”.",
    en="This cannot be done to a question that is '{current}'.",
    status=409,
)
QUESTION_STEP_INVALID = error_define(
    "question.step_invalid",
    vi="Không thể chuyển sang lượt “{target}” sau lượt “{current}”.",
    en="A '{target}' turn cannot follow a '{current}' turn.",
    status=409,
)
QUESTION_FLOOR_TAKEN = error_define(
    "question.floor_taken",
    vi="Đang có một phiếu chất vấn khác được thực hiện; hãy kết thúc trước.",
    en="Another question is being taken; finish it first.",
    status=409,
)
QUESTION_NOT_ON_FLOOR = error_define(
    "question.not_on_floor",
    vi="Phiếu chất vấn này không đang được thực hiện.",
    en="This question is not being taken now.",
    status=409,
)
TOPIC_OTHER_SESSION = error_define(
    "question.topic_other_session",
    vi="Nhóm vấn đề hoặc phiếu chất vấn không thuộc kỳ họp này.",
    en="The topic or question does not belong to this session.",
)
PROMISE_DUE_INVALID = error_define(
    "promise.due_invalid",
    vi="Hạn thực hiện lời hứa không được trước ngày ghi nhận.",
    en="A promise cannot fall due before it is made.",
)
PROMISE_ALREADY_DONE = error_define(
    "promise.already_done",
    vi="Lời hứa đã được ghi nhận hoàn thành.",
    en="The promise is already marked done.",
    status=409,
)
EXPLANATION_DATES_INVALID = error_define(
    "explanation.dates_invalid",
    vi="Ngày thông báo không được sau ngày tổ chức phiên giải trình.",
    en="The notice cannot be given after the explanation session is held.",
)
EXPLANATION_ALREADY_CONCLUDED = error_define(
    "explanation.already_concluded",
    vi="Phiên giải trình đã có kết luận.",
    en="The explanation session already has its conclusion.",
    status=409,
)
