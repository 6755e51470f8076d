from django.urls import path

from sessions_app.api_imports import DelegatesImportView

urlpatterns = [path("imports/delegates/", DelegatesImportView.as_view(), name="import-delegates")]
