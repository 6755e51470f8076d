from django.urls import path

from frontend import views_print, views_public, views_screens

urlpatterns = [
    path("screens/sessions/<int:session_id>/tablet/", views_screens.tablet, name="tablet"),
    path("screens/sessions/<int:session_id>/console/", views_screens.console, name="console"),
    path("screens/sessions/<int:session_id>/display/", views_screens.display, name="display"),
    path("screens/sittings/<int:sitting_id>/status/", views_screens.sitting_status, name="sitting-status"),
    path("print/sittings/<int:sitting_id>/attendance/", views_print.attendance_sheet, name="print-attendance"),
    path("print/sessions/<int:session_id>/results/", views_print.results_sheet, name="print-results"),
    path("print/sessions/<int:session_id>/minutes/", views_print.minutes_draft, name="print-minutes"),
    path("public/", views_public.portal_home, name="public-home"),
    path("public/sessions/<int:session_id>/", views_public.public_session, name="public-session"),
    path("public/archive/", views_public.archive, name="public-archive"),
    path("public/resolutions/<int:resolution_id>/", views_public.resolution, name="public-resolution"),
]
