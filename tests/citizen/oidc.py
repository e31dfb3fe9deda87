"""Signing a citizen in through the simulator with Django's test client. The site's backend calls the
provider's token, userinfo and JWKS endpoints over HTTP (requests), as in production; `provider_over_http`
routes those calls for http://testserver/ to the same site through a second test client, so the whole
protocol, mozilla-django-oidc's checks included, runs for real."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse
from requests.structures import CaseInsensitiveDict

AN = {
    "citizen_id": "022090001234",
    "name": "Nguyễn Văn An",
    "phone_number": "0912345678",
    "email": "an@example.vn",
}
BINH = {
    "citizen_id": "022195004321",
    "name": "Trần Thị Bình",
    "phone_number": "0987654321",
    "email": "b@example.vn",
}


class SiteTransport(requests.adapters.BaseAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.client = Client()
        self.calls: list[str] = []

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        self.calls.append(url.path)
        extra = {}
        if request.headers.get("Authorization"):
            extra["HTTP_AUTHORIZATION"] = request.headers["Authorization"]
        if request.method == "POST":
            body = request.body.encode() if isinstance(request.body, str) else (request.body or b"")
            answer = self.client.post(
                url.path, data=body, content_type=request.headers.get("Content-Type", ""), **extra
            )
        else:
            answer = self.client.get(url.path, dict(parse_qsl(url.query)), **extra)
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(answer.headers)
        response.url, response.request, response.encoding = request.url, request, "utf-8"
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def provider_over_http(monkeypatch):
    transport = SiteTransport()
    original = requests.Session.get_adapter

    def get_adapter(session, url):
        return transport if url.startswith("http://testserver/") else original(session, url)

    monkeypatch.setattr(requests.Session, "get_adapter", get_adapter)
    return transport


def authorize(client, next_url: str = "/ho-so-cua-toi/"):
    """The site's redirect to the provider: the authorization page's path and the parameters it was sent."""
    response = client.get(reverse("forms:sign-in"), {"next": next_url})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    return location.path, dict(parse_qsl(location.query))


def approve(client, identity: dict, next_url: str = "/ho-so-cua-toi/") -> str:
    """The tester enters an identity at the simulator: the callback URL the provider sends the browser to."""
    path, params = authorize(client, next_url)
    response = client.post(path, {**params, **identity, "allow": ""})
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def sign_in(client, identity: dict, next_url: str = "/ho-so-cua-toi/"):
    return client.get(approve(client, identity, next_url))
