"""Dossier files go only to staff who may see the dossier and to the applicant (same session or a lookup)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import AgencyFactory, OfficerFactory, UserFactory
from workflows.models import Dossier, DossierFile
from workflows.services import access

from .conftest import PERMS, valid_data


@pytest.fixture
def submitted(client, desk):
    client.post(desk["page"].url, valid_data())
    return {**desk, "file": DossierFile.objects.get(), "dossier": Dossier.objects.get(), "applicant": client}


def file_url(stored, preview=False):
    return f"/ho-so-truc-tuyen/tep/{stored.pk}/" + ("?xem=1" if preview else "")


def test_the_applicant_who_submitted_can_download_in_the_same_session(submitted):
    response = submitted["applicant"].get(file_url(submitted["file"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    assert "don-de-nghi.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_nobody_else_gets_the_file(submitted):
    assert Client().get(file_url(submitted["file"])).status_code == 404
    stranger = UserFactory(username="khac", perms=PERMS)
    OfficerFactory(user=stranger, agency=AgencyFactory(identifier="000.00.17.H22"))
    other = Client()
    other.force_login(stranger)
    assert other.get(file_url(submitted["file"])).status_code == 404


def test_an_officer_of_the_center_previews_pdfs_inline(submitted):
    officer = Client()
    officer.force_login(submitted["officer"])
    response = officer.get(file_url(submitted["file"], preview=True))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def link_from(message: str) -> str:
    match = re.search(r"https?://[^/]+(/ho-so-truc-tuyen/mo/\S+/)", message)
    assert match, message
    return match.group(1)


def test_the_lookup_secret_alone_opens_no_file_but_sends_a_one_time_link(submitted, mailoutbox):
    """Issue 11 item 2: code + secret (guessed, or read off a lost receipt) used to grant the files."""
    cache.clear()
    attacker = Client()
    dossier = submitted["dossier"]
    sent = attacker.post("/ho-so-truc-tuyen/", {"code": dossier.code, "secret": dossier.lookup_secret})
    assert sent.status_code == 200 and "Đã gửi liên kết" in sent.content.decode()
    assert file_url(submitted["file"]) not in sent.content.decode()
    assert attacker.get(file_url(submitted["file"])).status_code == 404
    # The link goes to the address the applicant declared, not to whoever asked.
    mail = next(m for m in mailoutbox if "Liên kết mở tệp" in m.subject)
    assert mail.to == ["an@example.vn"]
    assert dossier.lookup_secret not in mail.body
    applicant = Client()
    opened = applicant.get(link_from(mail.body), follow=True)
    assert opened.status_code == 200 and file_url(submitted["file"]) in opened.content.decode()
    assert applicant.get(file_url(submitted["file"])).status_code == 200
    # Single use: the same link opens nothing for a second browser.
    again = Client().get(link_from(mail.body))
    assert again.status_code == 410


def test_an_expired_or_forged_file_link_opens_nothing(submitted, mailoutbox, monkeypatch):
    cache.clear()
    dossier = submitted["dossier"]
    Client().post("/ho-so-truc-tuyen/", {"code": dossier.code, "secret": dossier.lookup_secret})
    link = link_from(next(m for m in mailoutbox if "Liên kết mở tệp" in m.subject).body)
    later = Client()
    assert later.get(link[:-3] + "xx/").status_code == 410
    monkeypatch.setattr(access, "FILE_LINK_MAX_AGE", -1)  # every link is now older than its lifetime
    assert later.get(link).status_code == 410
    assert later.get(file_url(submitted["file"])).status_code == 404


def test_the_lookup_is_rate_limited(submitted):
    cache.clear()
    guesser = Client()
    statuses = [
        guesser.post(
            "/ho-so-truc-tuyen/", {"code": submitted["dossier"].code, "secret": f"{n:04d}"}
        ).status_code
        for n in range(12)
    ]
    assert statuses[-1] == 429
    cache.clear()
