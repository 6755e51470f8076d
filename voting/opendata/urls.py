"""Open-data routes, included under ``api/``."""

from django.urls import path

from voting.opendata import api

urlpatterns = [
    path("popolo/organizations/", api.OrganizationList.as_view(), name="popolo-organizations"),
    path("popolo/persons/", api.PersonList.as_view(), name="popolo-persons"),
    path("popolo/memberships/", api.MembershipList.as_view(), name="popolo-memberships"),
    path("popolo/events/", api.EventList.as_view(), name="popolo-events"),
    path("popolo/motions/", api.MotionList.as_view(), name="popolo-motions"),
    path("popolo/vote-events/", api.VoteEventList.as_view(), name="popolo-vote-events"),
    path("popolo/speeches/", api.SpeechList.as_view(), name="popolo-speeches"),
    path("resolutions/<int:pk>/akn.xml", api.ResolutionAknView.as_view(), name="resolution-akn"),
    *[
        path(f"exports/{name}.{fmt}", view.as_view(), name=f"export-{name}-{fmt}")
        for (name, fmt), view in api.EXPORTS.items()
    ],
]
