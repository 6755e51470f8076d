"""Akoma Ntoso 3.0 XML of published resolutions, validated against the official XSD."""

from __future__ import annotations

import pytest
from lxml import etree
from rest_framework.test import APIClient

from tests.opendata.standards import akn_errors
from tests.voting.conftest import numbered
from voting import services
from voting.opendata.akn import AKN_NS, NT_NS

NS = {"a": AKN_NS, "nt": NT_NS}


def akn(resolution_id: int):
    return APIClient().get(f"/api/resolutions/{resolution_id}/akn.xml")


@pytest.mark.parametrize("key", ["named", "secret", "hands"])
def test_published_resolutions_validate_against_the_xsd(record, key):
    response = akn(record.resolutions[key].pk)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/akn+xml")
    assert akn_errors(response.content) == []
    doc = etree.fromstring(response.content)
    statement = doc.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    assert doc.find(".//a:FRBRWork/a:FRBRcountry", NS).get("value") == "vn"
    assert doc.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "vie"
    assert doc.find(".//a:FRBRWork/a:FRBRnumber", NS).get("value") == record.resolutions[key].number


def test_the_vote_result_is_in_the_metadata(record):
    poll = record.polls["named"]
    doc = etree.fromstring(akn(record.resolutions["named"].pk).content)
    voting = doc.find(".//a:analysis/a:parliamentary/a:voting", NS)
    assert voting.get("outcome") == "#passed"
    counts = {c.get("refersTo"): int(c.get("value")) for c in voting.findall("a:count", NS)}
    assert counts == {"#cast": 4, "#opt_yes": 3, "#opt_no": 1}
    assert int(voting.find("a:quorum", NS).get("value")) == poll.result["total"] == 5
    statement = doc.find(".//a:proprietary/nt:voteResult/nt:statement[@lang='vi']", NS).text
    assert statement == poll.result["wording"]["statement"]["vi"] and "tán thành 3 đại biểu" in statement
    concepts = {c.get("eId") for c in doc.findall(".//a:references/a:TLCConcept", NS)}
    assert {"opt_yes", "opt_no", "passed"} <= concepts


def test_body_paragraphs_follow_the_text(record):
    doc = etree.fromstring(akn(record.resolutions["hands"].pk).content)
    paragraphs = [p.text for p in doc.findall(".//a:mainBody/a:p", NS)]
    assert paragraphs == ["Điều 1. Mức thu phí tham quan.", "Điều 2. Giao Ủy ban nhân dân tổ chức thực hiện."]


def test_unpublished_or_unknown_resolutions_are_not_found(record):
    hall = record.hall
    draft = services.resolution_create(actor=hall.sec, session=hall.c.session, title="Dự thảo")
    for pk in (draft.pk, 999999):
        response = akn(pk)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert APIClient().get("/api/resolutions/abc/akn.xml").status_code == 404


def test_a_resolution_without_a_poll_still_validates(record):
    hall = record.hall
    plain = services.resolution_create(
        actor=hall.sec, session=hall.c.session, title="Quy định chế độ chi tiếp khách", text="Điều 1. Phạm vi."
    )
    plain.status, plain.adopted_on = "adopted", hall.c.session.start_date
    plain.save()
    services.resolution_publish(actor=hall.sec, resolution=numbered(hall.sec, plain, "20/2026/NQ-HĐND"))
    response = akn(plain.pk)
    assert response.status_code == 200 and akn_errors(response.content) == []
    assert etree.fromstring(response.content).find(".//a:voting", NS) is None
