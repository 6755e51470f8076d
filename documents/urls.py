from django.urls import path

from documents import signing_views, views

urlpatterns = [
    path("sessions/<int:session_id>/minutes.<str:fmt>", views.minutes, name="document-minutes"),
    path("sessions/<int:session_id>/results.<str:fmt>", views.results, name="document-results"),
    path("polls/<int:poll_id>/count-record.<str:fmt>", views.count_record, name="document-count-record"),
    path("resolutions/<int:resolution_id>.<str:fmt>", views.resolution, name="document-resolution"),
    path("resolutions/<int:resolution_id>/sign/", signing_views.resolution_sign, name="document-resolution-sign"),
    path("sessions/<int:session_id>/minutes/sign/", signing_views.minutes_sign, name="document-minutes-sign"),
    path("signed/<int:signed_id>.pdf", signing_views.signed_pdf, name="document-signed"),
]
