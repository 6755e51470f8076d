"""Vietnamese by default whatever the browser sends; English only when the user chooses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_accept_language_en_still_gets_vietnamese(client):
    page = client.get(reverse("public-home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.status_code == 200
    assert page["Content-Language"] == "vi" and '<html lang="vi"' in page.content.decode()
    error = client.get("/api/polls/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert error.status_code == 404
    body = error.json()["error"]
    assert body["message"] == body["messages"]["vi"]


def test_english_when_the_user_chooses_it(client):
    chosen = client.post("/i18n/setlang/", {"language": "en", "next": "/public/"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert chosen.status_code == 302
    page = client.get(reverse("public-home"))
    assert page["Content-Language"] == "en" and '<html lang="en"' in page.content.decode()
    assert client.get(reverse("public-home") + "?lang=vi")["Content-Language"] == "vi"
