"""Error codes of the activity app: activity records, statistics periods and emulation score sheets."""

from core.errors import ErrorGroup

ERRORS = ErrorGroup("activity")
error_define = ERRORS.define

PERIOD_INVALID = error_define(
    "statistics.period_invalid",
    vi="Kỳ thống kê không hợp lệ: ngày kết thúc ({end}) trước ngày bắt đầu ({start}).",
    en="Invalid statistics period: the end ({end}) is before the start ({start}).",
)
PERIOD_MALFORMED = error_define(
    "statistics.period_malformed",
    vi="Kỳ thống kê không đọc được: dùng year=2026 (có thể kèm half=1 hoặc 2), hoặc start và end dạng YYYY-MM-DD.",
    en="Unreadable statistics period: use year=2026 (optionally half=1 or 2), or start and end as YYYY-MM-DD.",
)
RECORD_DATES_INVALID = error_define(
    "activity.dates_invalid",
    vi="Ngày kết thúc trước ngày bắt đầu.",
    en="The end date is before the start date.",
)
RECORD_COMMITTEE_MISMATCH = error_define(
    "activity.committee_mismatch",
    vi="Ban này không thuộc Hội đồng nhân dân đã chọn.",
    en="This committee does not belong to the chosen council.",
)
RECORD_GROUP_MISMATCH = error_define(
    "activity.group_mismatch",
    vi="Tổ đại biểu này không thuộc Hội đồng nhân dân đã chọn.",
    en="This delegate group does not belong to the chosen council.",
)
RECORD_MEETING_MISMATCH = error_define(
    "activity.meeting_mismatch",
    vi="Buổi tiếp xúc cử tri này không thuộc Hội đồng nhân dân đã chọn.",
    en="This voter meeting does not belong to the chosen council.",
)
RECORD_NOT_DELEGATE = error_define(
    "activity.not_delegate",
    vi="{name} không phải là đại biểu của Hội đồng nhân dân này vào ngày {date}.",
    en="{name} is not a delegate of this council on {date}.",
)
RECORD_GOOD_PRACTICE_MISMATCH = error_define(
    "activity.good_practice_mismatch",
    vi="Mô hình, cách làm hay này không thuộc Hội đồng nhân dân đã chọn.",
    en="This good practice does not belong to the chosen council.",
)
RECORD_IN_USE = error_define(
    "activity.record_in_use",
    vi="Không thể xóa: còn kiến nghị cử tri gắn với buổi tiếp xúc này, hoặc minh chứng đang dùng cho điểm của thang điểm đã khóa.",
    en="Cannot delete: voter petitions still refer to this meeting, or the evidence backs points on a locked score sheet.",
    status=409,
)
PETITION_STEP_INVALID = error_define(
    "activity.petition_step_invalid",
    vi="Không thể chuyển kiến nghị từ “{current}” sang “{target}”: phải lần lượt tiếp nhận → đang giải quyết → đã giải quyết hoặc đã giải trình.",
    en="A petition cannot go from “{current}” to “{target}”: it goes received → in progress → resolved or explained, one step at a time.",
    status=409,
)
PETITION_DATE_INVALID = error_define(
    "activity.petition_date_invalid",
    vi="Ngày cập nhật tình trạng không được trước ngày tiếp nhận hoặc lần cập nhật trước.",
    en="The status date may not precede the date received or the previous update.",
)
PETITION_SESSION_MISMATCH = error_define(
    "activity.petition_session_invalid",
    vi="Kỳ họp phải thuộc Hội đồng nhân dân của kiến nghị, và phải ghi rõ kiến nghị thu thập trước hay sau kỳ họp.",
    en="The session must belong to the petition's council, with the petition collected before or after it.",
)
PETITION_AGENCY_MISMATCH = error_define(
    "activity.petition_agency_invalid",
    vi="Cơ quan trả lời phải thuộc danh mục đang dùng của Hội đồng nhân dân này.",
    en="The answering agency must be one of this council's agencies in use.",
)
PETITION_AGENCY_REQUIRED = error_define(
    "activity.petition_agency_required",
    vi="Kiến nghị chưa được chuyển đến cơ quan trả lời; hãy chuyển trước khi ghi kết quả trả lời.",
    en="The petition has not been assigned to an answering agency; assign it before recording the answer.",
    status=409,
)
PETITION_ANSWERED = error_define(
    "activity.petition_answered",
    vi="Kiến nghị đã được trả lời; không chuyển lại cơ quan trả lời.",
    en="The petition has been answered; it can no longer be reassigned.",
    status=409,
)
PETITION_ANSWER_REQUIRED = error_define(
    "activity.petition_answer_required",
    vi="Cần ghi nội dung trả lời của cơ quan.",
    en="The agency's answer is required.",
)
AGENCY_NAME_TAKEN = error_define(
    "activity.agency_name_taken",
    vi="Cơ quan “{name}” đã có trong danh mục của Hội đồng nhân dân này.",
    en="The agency '{name}' is already in this council's list.",
    status=409,
)
SHEET_EXISTS = error_define(
    "emulation.sheet_exists",
    vi="Đã có thang điểm năm {year} cho đối tượng này.",
    en="There is already a {year} score sheet for these targets.",
    status=409,
)
SHEET_LOCKED = error_define(
    "emulation.sheet_locked",
    vi="Thang điểm đã khóa; không thể thay đổi tiêu chí, điểm hay xếp hạng.",
    en="The score sheet is locked; its criteria, points and ranking can no longer change.",
    status=409,
)
SHEET_STATUS_INVALID = error_define(
    "emulation.status_invalid",
    vi="Không thể chuyển thang điểm từ “{current}” sang “{target}”.",
    en="The score sheet cannot go from “{current}” to “{target}”.",
    status=409,
)
SHEET_NOT_RANKED = error_define(
    "emulation.not_ranked",
    vi="Cần chấm đủ điểm và xếp hạng lại trước khi khóa (còn {missing} ô điểm chấm tay chưa chấm).",
    en="Score every manual criterion and rank again before locking ({missing} manual scores are missing).",
    status=409,
)
SHEET_RANKING_STALE = error_define(
    "emulation.ranking_stale",
    vi="Điểm đã thay đổi sau lần xếp hạng gần nhất; hãy xếp hạng lại trước khi khóa.",
    en="Points changed after the last ranking; rank again before locking.",
    status=409,
)
TARGET_KIND_UNAVAILABLE = error_define(
    "emulation.target_kind_unavailable",
    vi="Hội đồng nhân dân này không có đối tượng để chấm theo loại “{kind}”.",
    en="This council has nothing to score of the kind “{kind}”.",
)
CRITERION_PARENT_INVALID = error_define(
    "emulation.criterion_parent_invalid",
    vi="Tiêu chí cha phải là một nhóm tiêu chí cùng phần, trên cùng thang điểm.",
    en="The parent must be a criteria group of the same section, on the same sheet.",
)
BONUS_CAP_MISSING = error_define(
    "emulation.bonus_cap_missing",
    vi="Thang điểm có điểm thưởng tối đa bằng 0: hãy đặt mức điểm thưởng tối đa trước khi có tiêu chí điểm thưởng.",
    en="The sheet's bonus cap is 0: set the most bonus points counted before it has bonus criteria.",
)
CHOICE_INVALID = error_define(
    "emulation.choice_invalid",
    vi="Giá trị “{value}” không hợp lệ cho “{field}”.",
    en="“{value}” is not a valid value for “{field}”.",
)
CRITERION_HAS_CHILDREN = error_define(
    "emulation.criterion_has_children",
    vi="Nhóm tiêu chí còn tiêu chí con; không thể đổi cách chấm.",
    en="The group still has criteria under it; its method cannot change.",
    status=409,
)
RULE_INVALID = error_define(
    "emulation.rule_invalid",
    vi="Quy tắc tính điểm không hợp lệ: {reason_vi}.",
    en="Invalid scoring rule: {reason_en}.",
)
RULE_UNKNOWN_STATISTIC = error_define(
    "emulation.rule_unknown_statistic",
    vi="Quy tắc tham chiếu số liệu không có: “{statistic}”.",
    en="The rule refers to an unknown statistic: “{statistic}”.",
)
RULE_STATISTIC_NOT_FOR_TARGET = error_define(
    "emulation.rule_statistic_not_for_target",
    vi="Số liệu “{statistic}” không tính được cho loại đối tượng của thang điểm này.",
    en="The statistic “{statistic}” is not available for this sheet's kind of target.",
)
POINTS_NEGATIVE = error_define(
    "emulation.points_negative",
    vi="Điểm không được âm (điểm trừ ghi số dương ở tiêu chí điểm trừ).",
    en="Points may not be negative (enter deductions as positive points on a deduction criterion).",
)
POINTS_OVER_MAX = error_define(
    "emulation.points_over_max",
    vi="Điểm {points} vượt quá điểm tối đa {max} của tiêu chí.",
    en="{points} points exceed the criterion's maximum of {max}.",
)
POINTS_NOT_MANUAL = error_define(
    "emulation.points_not_manual",
    vi="Tiêu chí này không chấm tay (nhóm tiêu chí hoặc tính tự động từ số liệu).",
    en="This criterion is not assessed by hand (a group, or computed from statistics).",
)
TARGET_NOT_ON_SHEET = error_define(
    "emulation.target_not_on_sheet",
    vi="Đối tượng hoặc tiêu chí không thuộc thang điểm này.",
    en="The target or criterion is not on this score sheet.",
)
BACKFILL_SHEET_UNKNOWN = error_define(
    "backfill.sheet_unknown",
    vi="Không nhận ra trang tính “{sheet}”. Các trang dùng được: {expected}.",
    en="Sheet '{sheet}' is not recognised. Sheets: {expected}.",
)
BACKFILL_NOTHING = error_define(
    "backfill.nothing",
    vi="Không có trang tính nào để nhập: gửi một tệp Excel nhiều trang hoặc ít nhất một tệp CSV.",
    en="Nothing to import: send one workbook with several sheets, or at least one CSV file.",
)
BACKFILL_BOTH = error_define(
    "backfill.workbook_and_files",
    vi="Gửi hoặc một tệp Excel nhiều trang, hoặc các tệp CSV từng trang; không gửi cả hai.",
    en="Send either one workbook or one file per sheet, not both.",
)
BACKFILL_YEAR_INVALID = error_define(
    "backfill.year_invalid",
    vi="Chỉ nhập được dữ liệu của một năm đã qua hoặc năm nay (từ 2000 đến {current}).",
    en="Only a past year or the current one can be imported (2000 to {current}).",
)
BACKFILL_DATE_OUTSIDE_YEAR = error_define(
    "backfill.date_outside_year",
    vi="Ngày {date} (cột “{column}”) không thuộc năm {year}.",
    en="The date {date} (column '{column}') is not in {year}.",
)
BACKFILL_DATE_FUTURE = error_define(
    "backfill.date_future",
    vi="Ngày {date} (cột “{column}”) chưa tới: chỉ nhập những việc đã diễn ra.",
    en="The date {date} (column '{column}') is in the future: only what has happened is imported.",
)
BACKFILL_NO_TERM = error_define(
    "backfill.no_term",
    vi="Hội đồng nhân dân chưa có nhiệm kỳ nào gồm ngày {date}: tạo nhiệm kỳ và nhập danh sách đại biểu trước.",
    en="The council has no term covering {date}: create the term and import its delegates first.",
)
BACKFILL_SESSION_UNKNOWN = error_define(
    "backfill.session_unknown",
    vi="Kỳ họp thứ {number} không có (hoặc không hợp lệ) ở trang “Kỳ họp” của tệp này.",
    en="Session {number} is missing from (or not valid in) this file's sessions sheet.",
)
BACKFILL_SITTING_UNKNOWN = error_define(
    "backfill.sitting_unknown",
    vi="Phiên họp số {number} của kỳ họp thứ {session} không có (hoặc không hợp lệ) ở trang “Phiên họp”.",
    en="Sitting {number} of session {session} is missing from (or not valid in) the sittings sheet.",
)
BACKFILL_SESSION_NO_SITTING = error_define(
    "backfill.session_without_sitting",
    vi="Kỳ họp thứ {number} chưa có phiên họp nào ở trang “Phiên họp”.",
    en="Session {number} has no sitting in the sittings sheet.",
)
BACKFILL_NUMBER_INVALID = error_define(
    "backfill.number_invalid",
    vi="Số nghị quyết “{value}” không đúng mẫu (12/NQ-HĐND, hoặc 05/{year}/NQ-HĐND cho nghị quyết quy phạm pháp luật).",
    en="Resolution number '{value}' is not valid (12/NQ-HĐND, or 05/{year}/NQ-HĐND for a normative resolution).",
)
BACKFILL_NUMBER_REJECTED = error_define(
    "backfill.number_for_rejected",
    vi="Kết quả biểu quyết (tán thành {yes}/{total} đại biểu) không thông qua nghị quyết, nên nghị quyết không có số.",
    en="The vote ({yes} of {total} delegates in favour) did not adopt the resolution, so it has no number.",
)
BACKFILL_SESSION_NOT_FOUND = error_define(
    "backfill.session_not_found",
    vi="Không có kỳ họp thứ {number} ở trang “Kỳ họp” của tệp này, cũng không có trong nhiệm kỳ gồm ngày {date}.",
    en="Session {number} is neither in this file's sessions sheet nor in the term covering {date}.",
)
BACKFILL_PETITION_STATUS_AGENCY = error_define(
    "backfill.petition_status_agency",
    vi="Kiến nghị đã chuyển cơ quan trả lời thì ở tình trạng Đang giải quyết, Đã giải quyết hoặc Đã giải trình; kiến nghị “Đã tiếp nhận” chưa có cơ quan trả lời.",
    en="A petition sent to an answering agency is in progress, resolved or explained; a petition just received has no agency yet.",
)
BACKFILL_PETITION_NOT_ANSWERED = error_define(
    "backfill.petition_not_answered",
    vi="Chỉ ghi văn bản trả lời cho kiến nghị Đã giải quyết hoặc Đã giải trình.",
    en="An answering document is given only for a petition resolved or explained.",
)
BACKFILL_QUESTION_ANSWER_MISMATCH = error_define(
    "backfill.question_answer_mismatch",
    vi="Nội dung và ngày trả lời bằng văn bản chỉ ghi cho câu chất vấn “Trả lời bằng văn bản”, và ghi cả hai.",
    en="A written answer and its date are given only for a question answered in writing, and both together.",
)
BACKFILL_ANSWER_BEFORE_SITTING = error_define(
    "backfill.answer_before_sitting",
    vi="Ngày trả lời bằng văn bản {date} trước ngày phiên họp chất vấn {sitting}.",
    en="The written answer's date {date} is before the questioning sitting of {sitting}.",
)
BACKFILL_QUESTION_NUMBER_TAKEN = error_define(
    "backfill.question_number_taken",
    vi="Kỳ họp thứ {session} đã có câu chất vấn số {number}.",
    en="Session {session} already has a question number {number}.",
)
BACKFILL_QUESTION_NOT_FOUND = error_define(
    "backfill.question_not_found",
    vi="Kỳ họp thứ {session} không có câu chất vấn số {number} ở trang “Chất vấn” của tệp này.",
    en="Session {session} has no question number {number} in this file's questioning sheet.",
)
BACKFILL_PROMISE_DONE_MISMATCH = error_define(
    "backfill.promise_done_mismatch",
    vi="Lời hứa “Đã hoàn thành” ghi ngày hoàn thành; lời hứa đang thực hiện thì không ghi ngày hoàn thành.",
    en="A promise kept has its completion date; a promise still open has none.",
)
BACKFILL_PROMISE_REPORT_MISMATCH = error_define(
    "backfill.promise_report_mismatch",
    vi="Báo cáo kết quả thực hiện lời hứa và ngày báo cáo ghi cùng nhau.",
    en="A report on the promise and its date are given together.",
)
BACKFILL_PROMISE_BEFORE_MADE = error_define(
    "backfill.promise_before_made",
    vi="Ngày {date} (cột “{column}”) trước ngày hứa {made}.",
    en="The date {date} (column '{column}') is before the promise was made, {made}.",
)
