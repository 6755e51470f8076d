from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

handler404 = "sessions_app.api_http.api_not_found"
handler500 = "sessions_app.api_http.api_server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("sessions_app.api_urls")),
    path("api/", include("voting.api_urls")),
    path("api/", include("agenda.api_urls")),
    path("api/", include("voting.opendata.urls")),
    path("api/", include("sessions_app.imports_urls")),
    path("api/", include("agenda.imports_urls")),
    path("api/", include("activity.api_urls")),
    path("", include("sessions_app.urls")),
    path("", include("frontend.urls")),
    path("documents/", include("documents.urls")),
    path("admin/", admin.site.urls),
]
