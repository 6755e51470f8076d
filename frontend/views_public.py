"""The public portal: home, the live page of a public sitting, the archive with diacritic-free search,
the permanent page of a published resolution (with a QR code of its own URL), and the lookup of voter
petitions and their answers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language

from activity.models import AnsweringAgency, PetitionStatus, VoterPetition
from activity.selectors.petitions import petition_summary, petitions_filter
from documents.models import SignedKind
from documents.services import signed_state
from frontend import selectors
from frontend.strings import screen_strings
from sessions_app.models import Council, Session
from sessions_app.qr import qr_svg
from voting.selectors import poll_result_public, session_published_results


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def portal_home(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/public_home.html", selectors.portal_home())


def public_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(selectors.public_sessions(), pk=session_id)
    boot = {"session": session.pk, "audience": "public", "strings": screen_strings()}
    return render(
        request,
        "frontend/public_live.html",
        {"session": session, "boot": boot, **session_published_results(session=session)},
    )


def archive(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    council_id, year = _int(request.GET.get("council")), _int(request.GET.get("year"))
    results = selectors.archive_search(query=query, council_id=council_id, year=year)
    return render(
        request,
        "frontend/archive.html",
        {
            **results,
            "query": query,
            "council_id": council_id,
            "year": year,
            "councils": selectors.portal_home()["councils"],
            "years": selectors.archive_years(),
        },
    )


def resolution(request: HttpRequest, resolution_id: int) -> HttpResponse:
    item = selectors.published_resolutions().filter(pk=resolution_id).first()
    if item is None:
        raise Http404
    url = request.build_absolute_uri(reverse("public-resolution", args=[item.pk]))
    # The resolution is public; the vote that adopted it only if its result is (never a closed-door sitting's).
    result = item.poll.result if poll_result_public(item.poll) else None
    return render(
        request,
        "frontend/resolution.html",
        {
            "resolution": item,
            "result": result,
            "permalink": url,
            "qr": qr_svg(url),
            "documents": selectors.resolution_documents(resolution=item),
            "document_url": reverse("resolution-document", args=[item.pk]) if item.document else None,
            "signature": signed_state(kind=SignedKind.RESOLUTION, object_id=item.pk),
            "pdf_url": reverse("document-resolution", args=[item.pk, "pdf"]),
            "docx_url": reverse("document-resolution", args=[item.pk, "docx"]),
        },
    )


PETITIONS_PER_PAGE = 20


def petitions(request: HttpRequest) -> HttpResponse:
    """Public lookup of voter petitions and their answers: by code or number, council, session, answering
    agency, status and words (diacritics ignored); paginated, every parameter bounded."""
    council_id = _int(request.GET.get("council", "")[:12])
    query = {
        "council": council_id,
        "session": _int(request.GET.get("session", "")[:12]) if council_id else None,
        "agency": _int(request.GET.get("agency", "")[:12]) if council_id else None,
        "status": request.GET.get("status", "")[:12] if request.GET.get("status") in PetitionStatus.values else "",
        "code": request.GET.get("code", "").strip()[:40],
        "search": request.GET.get("q", "").strip()[:200],
    }
    rows = petitions_filter(VoterPetition.objects.select_related("council", "session", "agency"), query).order_by(
        "-received_on", "-number", "pk"
    )
    page = Paginator(rows, PETITIONS_PER_PAGE).get_page(request.GET.get("page", "1")[:9])
    keep = urlencode({k: v for k, v in {**query, "q": query["search"]}.items() if v and k != "search"})
    return render(
        request,
        "frontend/public_petitions.html",
        {
            "page": page,
            "query": query,
            "keep": keep,
            "councils": Council.objects.order_by("level", "name"),
            "sessions": Session.objects.filter(council_id=council_id).order_by("-start_date") if council_id else [],
            "agencies": AnsweringAgency.objects.filter(council_id=council_id).order_by("name") if council_id else [],
            "statuses": PetitionStatus.choices,
            "summary": (
                petition_summary(rows)["wording"]["en" if (get_language() or "vi").startswith("en") else "vi"]
                if query["session"]
                else ""
            ),
            "export_query": urlencode({k: v for k, v in query.items() if v}),
        },
    )


def petition(request: HttpRequest, petition_id: int) -> HttpResponse:
    item = get_object_or_404(
        VoterPetition.objects.select_related("council", "session", "agency", "meeting__group"), pk=petition_id
    )
    return render(request, "frontend/public_petition.html", {"petition": item})
