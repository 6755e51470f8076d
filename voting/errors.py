"""Error codes of voting and resolutions (registered from ``VotingConfig.ready``)."""

from __future__ import annotations

from core.errors import ErrorGroup

ERRORS = ErrorGroup("voting")
error_define = ERRORS.define

POLL_STATUS_INVALID = error_define(
    "poll.status_invalid",
    vi="Không thể chuyển biểu quyết từ trạng thái “{current}” sang “{target}”.",
    en="The poll cannot move from “{current}” to “{target}”.",
    status=409,
)
POLL_CONFIG_INVALID = error_define(
    "poll.config_invalid",
    vi="Thiết lập biểu quyết không hợp lệ (xem trường “{field}”).",
    en="The poll's settings are not valid (see field '{field}').",
)
POLL_RULE_UNLAWFUL = error_define(
    "poll.majority_rule_unlawful",
    vi="Biểu quyết “{kind}” phải áp dụng điều kiện “{required}”; không áp dụng điều kiện “{rule}”.",
    en="A poll of kind “{kind}” must carry the rule “{required}”; the rule “{rule}” is not allowed.",
)
POLL_QUORUM_NOT_MET = error_define(
    "poll.quorum_not_met",
    vi="Mới có {present}/{total} đại biểu có mặt, chưa đủ 2/3 tổng số đại biểu. Chủ tọa cần xác nhận để mở biểu quyết.",
    en="Only {present}/{total} delegates are present, fewer than two-thirds of all delegates. The chair must "
    "confirm to open the vote.",
    status=409,
)
POLL_DURATION_INVALID = error_define(
    "poll.duration_invalid",
    vi="Thời gian biểu quyết phải là số giây từ {min} đến {max}.",
    en="The voting time must be a whole number of seconds from {min} to {max}.",
)
POLL_CONFIDENCE_LEVEL = error_define(
    "poll.confidence_level",
    vi="Lấy phiếu tín nhiệm do Hội đồng nhân dân cấp tỉnh thực hiện; Hội đồng nhân dân cấp xã chỉ thực hiện "
    "khi được thiết lập cho phép.",
    en="Confidence votes are held by province councils; commune councils only when the setting allows it.",
    status=409,
)
POLL_CONFIDENCE_SESSION = error_define(
    "poll.confidence_session",
    vi="Lấy phiếu tín nhiệm được thực hiện tại kỳ họp thường lệ.",
    en="A confidence vote is held at a regular session.",
    status=409,
)
POLL_CONFIDENCE_REPEATED = error_define(
    "poll.confidence_repeated",
    vi="Đã lấy phiếu tín nhiệm đối với {name} trong nhiệm kỳ này; mỗi nhiệm kỳ chỉ lấy phiếu một lần.",
    en="{name} has already had a confidence vote this term; it is held once per term.",
    status=409,
)
POLL_FOLLOWUP_INVALID = error_define(
    "poll.followup_invalid",
    vi="Không tạo được biểu quyết tiếp theo: {reason}.",
    en="The follow-up vote cannot be created: {reason}.",
    status=409,
)
POLL_SITTING_MISMATCH = error_define(
    "poll.sitting_mismatch",
    vi="Phiên họp hoặc mục chương trình không thuộc kỳ họp này.",
    en="The sitting or agenda item does not belong to this session.",
)
POLL_SITTING_NOT_OPEN = error_define(
    "poll.sitting_not_open",
    vi="Chỉ mở biểu quyết được khi phiên họp đang diễn ra.",
    en="A poll can only be opened while its sitting is in progress.",
    status=409,
)
POLL_ANOTHER_OPEN = error_define(
    "poll.another_open",
    vi="Đang có một biểu quyết khác mở tại phiên họp này.",
    en="Another poll is already open in this sitting.",
    status=409,
)
POLL_NOBODY_ELIGIBLE = error_define(
    "poll.nobody_eligible",
    vi="Chưa có đại biểu nào điểm danh tại phiên họp nên không thể mở biểu quyết.",
    en="No delegate has checked in at the sitting, so the poll cannot open.",
    status=409,
)
POLL_HANDS_MISSING = error_define(
    "poll.hands_missing",
    vi="Chưa nhập kết quả biểu quyết giơ tay.",
    en="The show-of-hands counts have not been entered.",
    status=409,
)
POLL_HANDS_INVALID = error_define(
    "poll.hands_invalid",
    vi="Số đại biểu giơ tay phải là số nguyên không âm, tổng không vượt quá {eligible} đại biểu được biểu quyết.",
    en="Show-of-hands counts must be whole numbers of zero or more, adding up to at most the {eligible} delegates entitled to vote.",
)
POLL_METHOD_MISMATCH = error_define(
    "poll.method_mismatch",
    vi="Thao tác này không áp dụng cho hình thức biểu quyết “{method}”.",
    en="This is not possible for a poll held by '{method}'.",
    status=409,
)
POLL_NOT_PUBLISHED = error_define(
    "poll.not_published",
    vi="Kết quả biểu quyết chưa được công bố.",
    en="The poll's result has not been published.",
    status=409,
)
POLL_RESULT_NOT_READY = error_define(
    "poll.result_not_ready",
    vi="Biểu quyết chưa kết thúc nên chưa có kết quả.",
    en="The poll has not ended, so it has no result yet.",
    status=409,
)
VOTE_NOT_OPEN = error_define(
    "vote.not_open",
    vi="Biểu quyết không mở (trạng thái hiện tại: “{status}”).",
    en="The poll is not open (current status: '{status}').",
    status=409,
)
VOTE_NOT_ELIGIBLE = error_define(
    "vote.not_eligible",
    vi="Đại biểu không thuộc danh sách đại biểu được biểu quyết (chưa điểm danh khi mở biểu quyết).",
    en="You are not among the delegates entitled to vote (not checked in when the poll opened).",
    status=403,
)
VOTE_ALREADY = error_define(
    "vote.already_voted",
    vi="Đại biểu đã biểu quyết; biểu quyết này không cho phép thay đổi.",
    en="You have already voted; this poll does not allow changes.",
    status=409,
)
VOTE_UNKNOWN_OPTION = error_define(
    "vote.unknown_option",
    vi="Lựa chọn “{option}” không có trong phiếu biểu quyết.",
    en="The choice '{option}' is not on the ballot.",
)
VOTE_CHOICE_INVALID = error_define(
    "vote.choice_invalid",
    vi="Phiếu không đúng quy định của biểu quyết này ({reason}).",
    en="The ballot does not follow this poll's rules ({reason}).",
)
VOTE_NOT_YOUR_SEAT = error_define(
    "vote.not_your_seat",
    vi="Đại biểu chỉ biểu quyết cho chính mình, không biểu quyết thay đại biểu khác.",
    en="You may only vote for yourself, never on behalf of another delegate.",
    status=403,
)
VOTE_OTHER_COUNCIL = error_define(
    "vote.poll_other_council",
    vi="Biểu quyết này thuộc Hội đồng nhân dân khác.",
    en="This poll belongs to another council.",
    status=403,
)
VOTE_OTHER_SESSION = error_define(
    "vote.poll_other_session",
    vi="Biểu quyết này thuộc kỳ họp khác.",
    en="This poll belongs to another session.",
    status=409,
)
VOTE_CLIENT_ID_INVALID = error_define(
    "vote.client_id_invalid",
    vi="Mã yêu cầu (client_id) phải là một UUID phiên bản 4 ngẫu nhiên.",
    en="The request id (client_id) must be a random version-4 UUID.",
)
VOTE_CLIENT_ID_TAKEN = error_define(
    "vote.client_id_taken",
    vi="Mã yêu cầu (client_id) này đã được dùng cho phiếu của người khác.",
    en="This request id (client_id) was already used for someone else's ballot.",
    status=409,
)
RESOLUTION_NUMBER_TAKEN = error_define(
    "resolution.number_taken",
    vi="Số hiệu nghị quyết “{number}” đã được dùng tại Hội đồng này.",
    en="Resolution number '{number}' is already used in this council.",
    status=409,
)
RESOLUTION_STATUS_INVALID = error_define(
    "resolution.status_invalid",
    vi="Không thể chuyển nghị quyết từ trạng thái “{current}” sang “{target}”.",
    en="The resolution cannot move from “{current}” to “{target}”.",
    status=409,
)
RESOLUTION_POLL_INVALID = error_define(
    "resolution.poll_invalid",
    vi="Biểu quyết được gắn phải thuộc cùng kỳ họp, chưa công bố và chưa gắn với nghị quyết khác.",
    en="The linked poll must be of the same session, not yet published and not linked to another resolution.",
    status=409,
)
RESOLUTION_ITEM_KIND_INVALID = error_define(
    "resolution.item_kind_invalid",
    vi="Chỉ mục chương trình loại “Dự thảo nghị quyết” mới tạo được biểu quyết kèm dự thảo nghị quyết (mục này thuộc loại “{kind}”).",
    en="Only a draft-resolution agenda item can create its poll and resolution in one step (this item is '{kind}').",
    status=409,
)
RESOLUTION_ITEM_NO_SITTING = error_define(
    "resolution.item_no_sitting",
    vi="Mục chương trình chưa được xếp vào phiên họp nào nên chưa tạo được biểu quyết.",
    en="The agenda item is not scheduled in a sitting yet, so its poll cannot be created.",
    status=409,
)
RESOLUTION_ITEM_TAKEN = error_define(
    "resolution.item_taken",
    vi="Mục chương trình này đã có biểu quyết thông qua nghị quyết hoặc dự thảo nghị quyết.",
    en="This agenda item already has a resolution poll or a draft resolution.",
    status=409,
)
BALLOT_MALFORMED = error_define(
    "ballot.malformed",
    vi="Phiếu kín phải được mã hóa trên máy tính bảng theo đúng mẫu phiếu ({reason}).",
    en="A secret ballot must be encrypted on the tablet in the poll's layout ({reason}).",
)
BALLOT_POINT_INVALID = error_define(
    "ballot.point_invalid",
    vi="Phiếu kín chứa giá trị mã hóa không hợp lệ.",
    en="The secret ballot holds a value that is not a valid group element.",
)
BALLOT_PROOF_INVALID = error_define(
    "ballot.proof_invalid",
    vi="Chứng minh của phiếu kín không hợp lệ (phiếu không thuộc biểu quyết này hoặc lần gửi này).",
    en="The secret ballot's proofs do not verify (it was not made for this poll or this submission).",
)
BALLOT_RULE_INVALID = error_define(
    "ballot.rule_invalid",
    vi="Phiếu kín không đúng quy định của phiếu (số lựa chọn không hợp lệ).",
    en="The secret ballot does not respect the ballot's rule (wrong number of choices).",
)
COMMITTEE_INVALID = error_define(
    "committee.invalid",
    vi="Ban kiểm phiếu không hợp lệ: {reason}.",
    en="The counting committee is not valid: {reason}.",
)
COMMITTEE_KEYS_EXIST = error_define(
    "committee.keys_exist",
    vi="Đã có {count} thành viên Ban kiểm phiếu tạo khóa. Đổi Ban kiểm phiếu sẽ hủy các khóa đó và mọi thành viên "
    "phải tạo lại khóa; hãy xác nhận để tiếp tục.",
    en="{count} counting-committee members have made their keys. Changing the committee discards those keys and "
    "every member must make a new one; confirm to go on.",
    status=409,
)
COMMITTEE_NOT_MEMBER = error_define(
    "committee.not_member",
    vi="Chỉ thành viên Ban kiểm phiếu của biểu quyết này mới làm được việc này.",
    en="Only a member of this poll's counting committee can do this.",
    status=403,
)
COMMITTEE_NOT_NOW = error_define(
    "committee.not_now",
    vi="Bước này của Ban kiểm phiếu không làm được lúc này ({step}).",
    en="This counting-committee step cannot be done now ({step}).",
    status=409,
)
COMMITTEE_INCOMPLETE = error_define(
    "committee.incomplete",
    vi="Chưa đủ khóa của Ban kiểm phiếu, chưa mở được bỏ phiếu kín; còn thiếu: {missing}.",
    en="The counting committee's keys are not all in, so the secret poll cannot open; missing: {missing}.",
    status=409,
)
COMMITTEE_SHARE_INVALID = error_define(
    "committee.share_invalid",
    vi="Khóa thành phần của thành viên Ban kiểm phiếu không hợp lệ.",
    en="The committee member's key share does not verify.",
)
COMMITTEE_PARTIAL_INVALID = error_define(
    "committee.partial_invalid",
    vi="Phần giải mã của thành viên Ban kiểm phiếu không hợp lệ.",
    en="The committee member's partial decryption does not verify.",
)
POLL_TALLY_PENDING = error_define(
    "poll.tally_pending",
    vi="Đang chờ Ban kiểm phiếu giải mã kết quả; còn thiếu: {missing}.",
    en="Waiting for the counting committee to decrypt the result; missing: {missing}.",
    status=409,
)
RESOLUTION_NUMBER_MISSING = error_define(
    "resolution.number_missing",
    vi="Nghị quyết chưa có số hiệu nên chưa công bố được.",
    en="The resolution has no number yet, so it cannot be published.",
    status=409,
)
RESOLUTION_NOT_ADOPTED = error_define(
    "resolution.not_adopted",
    vi="Chỉ nghị quyết đã được thông qua mới có số hiệu, ngày ký và văn bản đã ký (nghị quyết này: “{status}”).",
    en="Only an adopted resolution gets a number, a signature and a signed text (this one: '{status}').",
    status=409,
)
RESOLUTION_KIND_LOCKED = error_define(
    "resolution.kind_locked",
    vi="Nghị quyết đã có số hiệu: muốn đổi loại, hãy đổi số hiệu cùng lúc.",
    en="The resolution is numbered: change its kind together with its number.",
    status=409,
)
RESOLUTION_FIELDS_INVALID = error_define(
    "resolution.fields_invalid",
    vi="Thông tin nghị quyết không hợp lệ: {reason}.",
    en="The resolution's data is not valid: {reason}.",
)
