from django.urls import path

from frontend import views_print, views_public, views_screens, views_setup
from frontend.views import (
    activity_records,
    activity_scoring,
    activity_sheets,
    activity_statistics,
    console_petitions,
    council_year,
)

urlpatterns = [
    path("console/", views_setup.setup_home, name="setup-home"),
    path("console/councils/<int:council_id>/", views_setup.council_setup, name="setup-council"),
    path("console/councils/<int:council_id>/petitions/", console_petitions.council_petitions, name="console-petitions"),
    path("console/councils/<int:council_id>/roles/", views_setup.council_roles, name="setup-roles"),
    path("console/sessions/<int:session_id>/", views_setup.session_setup, name="setup-session"),
    path("console/councils/<int:council_id>/import-year/", council_year.import_year, name="setup-import-year"),
    path("landing/", views_screens.landing, name="landing"),
    path("screens/sessions/<int:session_id>/tablet/", views_screens.tablet, name="tablet"),
    path("screens/sessions/<int:session_id>/console/", views_screens.console, name="console"),
    path("screens/sessions/<int:session_id>/chair/", views_screens.chair, name="chair"),
    path("screens/sessions/<int:session_id>/display/", views_screens.display, name="display"),
    path("screens/display/<str:key>/", views_screens.display_by_key, name="display-key"),
    path("screens/sittings/<int:sitting_id>/status/", views_screens.sitting_status, name="sitting-status"),
    path("print/sittings/<int:sitting_id>/attendance/", views_print.attendance_sheet, name="print-attendance"),
    path("print/sessions/<int:session_id>/results/", views_print.results_sheet, name="print-results"),
    path("print/sessions/<int:session_id>/minutes/", views_print.minutes_draft, name="print-minutes"),
    path("public/", views_public.portal_home, name="public-home"),
    path("public/sessions/<int:session_id>/", views_public.public_session, name="public-session"),
    path("public/archive/", views_public.archive, name="public-archive"),
    path("public/petitions/", views_public.petitions, name="public-petitions"),
    path("public/petitions/<int:petition_id>/", views_public.petition, name="public-petition"),
    path("public/resolutions/<int:resolution_id>/", views_public.resolution, name="public-resolution"),
    path("activity/statistics/", activity_statistics.statistics_dashboard, name="activity-statistics"),
    path("activity/score-sheets/", activity_sheets.sheet_list, name="activity-sheets"),
    path("activity/score-sheets/new/", activity_sheets.sheet_create, name="activity-sheet-create"),
    path("activity/score-sheets/<int:sheet_id>/", activity_sheets.sheet_editor, name="activity-sheet"),
    path(
        "activity/score-sheets/<int:sheet_id>/settings/", activity_sheets.sheet_settings, name="activity-sheet-settings"
    ),
    path("activity/score-sheets/<int:sheet_id>/copy/", activity_sheets.sheet_copy, name="activity-sheet-copy"),
    path(
        "activity/score-sheets/<int:sheet_id>/criteria/", activity_sheets.criterion_add, name="activity-criterion-add"
    ),
    path("activity/criteria/<int:criterion_id>/", activity_sheets.criterion_edit, name="activity-criterion"),
    path(
        "activity/criteria/<int:criterion_id>/delete/",
        activity_sheets.criterion_remove,
        name="activity-criterion-delete",
    ),
    path("activity/score-sheets/<int:sheet_id>/scoring/", activity_scoring.sheet_scoring, name="activity-scoring"),
    path(
        "activity/score-sheets/<int:sheet_id>/evidence/",
        activity_scoring.scoring_evidence,
        name="activity-scoring-evidence",
    ),
    path(
        "activity/score-sheets/<int:sheet_id>/score/",
        activity_scoring.sheet_step,
        {"step": "score"},
        name="activity-sheet-score",
    ),
    path(
        "activity/score-sheets/<int:sheet_id>/lock/",
        activity_scoring.sheet_step,
        {"step": "lock"},
        name="activity-sheet-lock",
    ),
    path(
        "activity/score-sheets/<int:sheet_id>/publish/",
        activity_scoring.sheet_step,
        {"step": "publish"},
        name="activity-sheet-publish",
    ),
    path("activity/score-sheets/<int:sheet_id>/ranking/", activity_scoring.sheet_ranking, name="activity-ranking"),
    path("print/score-sheets/<int:sheet_id>/ranking/", activity_scoring.ranking_print, name="print-ranking"),
    path(
        "activity/councils/<int:council_id>/records/<slug:kind>/",
        activity_records.council_records,
        name="activity-records",
    ),
    path(
        "activity/records/<slug:kind>/<int:record_id>/delete/",
        activity_records.record_remove,
        name="activity-record-delete",
    ),
    path(
        "activity/petitions/<int:petition_id>/status/", activity_records.petition_step, name="activity-petition-status"
    ),
    path(
        "activity/good-practices/<int:practice_id>/evidence/",
        activity_records.practice_evidence,
        name="activity-practice-evidence",
    ),
]
