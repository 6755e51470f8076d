"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML of a published resolution.

The document is a ``<statement name="resolution">``: FRBR identification with country ``vn`` and language
``vie``; the vote that decided it, when there was one and its result is public (never a closed-door sitting's), as ``<analysis><parliamentary><voting>`` with the
total number of delegates as ``<quorum>`` and one ``<count>`` per option (the XSD's own vote structure),
and the official wording of the result under ``<proprietary>``; the text as paragraphs of ``<mainBody>``."""

from __future__ import annotations

import re

from django.utils import timezone
from lxml import etree

from sessions_app.text import text_fold
from voting.models import Poll, Resolution
from voting.selectors import poll_result_public

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NT_NS = "urn:nghi-truong:akn:1.0"
SOURCE = "#nghitruong"


def _el(
    parent: etree._Element | None, tag: str, text: str | None = None, ns: str = AKN_NS, **attrs: str
) -> etree._Element:
    qname = f"{{{ns}}}{tag}"
    element = etree.Element(qname, nsmap={None: AKN_NS}) if parent is None else etree.SubElement(parent, qname)
    for key, value in attrs.items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text_fold(text)).strip("-") or "x"


def resolution_work_uri(resolution: Resolution) -> str:
    """/akn/vn/statement/resolution/<council code>/<date>/<number slug>, the work's FRBR URI."""
    adopted = resolution.adopted_on or timezone.localtime(resolution.decided_at or resolution.published_at).date()
    day = adopted.isoformat()  # the legal date: the adopting sitting's
    return f"/akn/vn/statement/resolution/{resolution.council.code}/{day}/{_slug(resolution.number)}"


def _frbr(
    parent: etree._Element, level: str, this: str, uri: str, date: str, date_name: str, author: str
) -> etree._Element:
    frbr = _el(parent, level)
    _el(frbr, "FRBRthis", value=this)
    _el(frbr, "FRBRuri", value=uri)
    _el(frbr, "FRBRdate", date=date, name=date_name)
    _el(frbr, "FRBRauthor", href=author)
    return frbr


def _identification(meta: etree._Element, resolution: Resolution) -> None:
    work = resolution_work_uri(resolution)
    expression = f"{work}/vie@"
    day = work.split("/")[6]
    ident = _el(meta, "identification", source=SOURCE)
    frbr_work = _frbr(ident, "FRBRWork", f"{work}/!main", work, day, "adoption", "#council")
    _el(frbr_work, "FRBRcountry", value="vn")
    _el(frbr_work, "FRBRnumber", value=resolution.number)
    _el(frbr_work, "FRBRname", value="resolution")
    frbr_expression = _frbr(ident, "FRBRExpression", f"{expression}/!main", expression, day, "adoption", "#council")
    _el(frbr_expression, "FRBRlanguage", language="vie")
    generated = timezone.localtime(resolution.published_at).date().isoformat()
    manifestation = _frbr(
        ident, "FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", generated, "publication", SOURCE
    )
    _el(manifestation, "FRBRformat", value="application/akn+xml")


def _mark_id(mark: str) -> str:
    return "opt_" + re.sub(r"[^A-Za-z0-9_]", "_", mark)


def _voting(meta: etree._Element, poll: Poll) -> list[tuple[str, str]]:
    """The vote in the analysis block; returns the concepts (id, label) it refers to."""
    result = poll.result
    labels = {o.key: o.label for o in poll.options.all()}
    labels.update({f"c{c.pk}": c.name for c in poll.candidates.all()})
    outcome = "passed" if result.get("passed") else "rejected"
    analysis = _el(meta, "analysis", source=SOURCE)
    voting = _el(
        _el(analysis, "parliamentary"),
        "voting",
        eId=f"vote_{poll.pk}",
        outcome=f"#{outcome}",
        href=f"/api/polls/{poll.pk}/",
        refersTo=f"#{poll.method}",
    )
    _el(voting, "quorum", eId=f"vote_{poll.pk}__total", value=str(result["total"]), refersTo="#totalDelegates")
    _el(voting, "count", eId=f"vote_{poll.pk}__cast", value=str(result["cast"]), refersTo="#cast")
    concepts = [
        (outcome, {"passed": "được thông qua", "rejected": "không được thông qua"}[outcome]),
        (poll.method, poll.get_method_display()),
        ("totalDelegates", "tổng số đại biểu"),
        ("cast", "số đại biểu tham gia biểu quyết"),
    ]
    for mark, value in sorted(result["counts"].items()):
        concept = _mark_id(mark)
        _el(voting, "count", eId=f"vote_{poll.pk}__{concept}", value=str(value), refersTo=f"#{concept}")
        owner, _, level = mark.partition(":")
        concepts.append((concept, f"{labels.get(owner, owner)} {labels.get(level, level)}".strip()))
    return concepts


def _references(meta: etree._Element, resolution: Resolution, concepts: list[tuple[str, str]]) -> None:
    refs = _el(meta, "references", source=SOURCE)
    _el(
        refs,
        "TLCOrganization",
        eId="council",
        href=f"/ontology/organization/vn/{resolution.council.code}",
        showAs=resolution.council.name,
    )
    _el(refs, "TLCOrganization", eId="nghitruong", href="/ontology/organization/nghi-truong", showAs="Nghị Trường")
    for concept, label in concepts:
        _el(refs, "TLCConcept", eId=concept, href=f"/ontology/concept/nghi-truong/{concept}", showAs=label)


def _proprietary(meta: etree._Element, poll: Poll) -> None:
    proprietary = _el(meta, "proprietary", source=SOURCE)
    wording = poll.result.get("wording") or {}
    result = etree.SubElement(proprietary, f"{{{NT_NS}}}voteResult", nsmap={"nt": NT_NS})
    result.set("poll", str(poll.pk))
    result.set("method", poll.method)
    result.set("rule", poll.majority_rule)
    for part in ("statement", "verdict", "method"):
        for language, text in sorted((wording.get(part) or {}).items()):
            if text:
                line = etree.SubElement(result, f"{{{NT_NS}}}{part}")
                line.set("lang", language)
                line.text = text


def resolution_akn(resolution: Resolution) -> bytes:
    """The XML document (UTF-8, with declaration) of a published resolution."""
    root = _el(None, "akomaNtoso")
    statement = _el(root, "statement", name="resolution")
    meta = _el(statement, "meta")
    _identification(meta, resolution)
    poll = resolution.poll
    # No <voting> nor vote wording for a poll whose result is not public (e.g. a closed-door sitting).
    decided = poll_result_public(poll)
    concepts = _voting(meta, poll) if decided else []
    _references(meta, resolution, concepts)
    if decided:
        _proprietary(meta, poll)
    preface = _el(statement, "preface")
    heading = _el(preface, "p")
    _el(heading, "docNumber", resolution.number).tail = " "
    _el(heading, "docTitle", resolution.title)
    _el(preface, "p", f"{resolution.council.name}, {resolution.session.title}")
    body = _el(statement, "mainBody")
    paragraphs = [p.strip() for p in resolution.text.splitlines() if p.strip()] or [resolution.title]
    for paragraph in paragraphs:
        _el(body, "p", paragraph)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
