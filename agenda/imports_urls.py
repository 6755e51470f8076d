from django.urls import path

from agenda.api_imports import QuestionSlipsImportView

urlpatterns = [path("imports/question-slips/", QuestionSlipsImportView.as_view(), name="import-question-slips")]
