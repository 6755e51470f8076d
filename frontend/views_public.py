"""The public portal: home, the live page of a public sitting, the archive with diacritic-free search,
and the permanent page of a published resolution (with a QR code of its own URL)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from documents.models import SignedKind
from documents.services import signed_state
from frontend import selectors
from frontend.strings import screen_strings
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
