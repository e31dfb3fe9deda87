"""Issue 11 item 6: who viewed, printed or downloaded a dossier's personal data is recorded, append-only, and
the agency's leader reads it in the admin, for their agency only."""

import pytest
from django.urls import reverse

from cms.api.tokens import issue_token
from tests.factories import UserFactory
from workflows.models import DossierAccess

from .test_admin import ADMIN, page_url, receive, stranger  # noqa: F401 (fixture)

LOG = "/admin/nhat-ky-truy-cap/"


@pytest.fixture
def admin_desk(desk):
    for key in ("desk", "specialist", "leader"):
        UserFactory(username=desk[key].username, perms=[ADMIN])
    return desk


def test_views_prints_and_api_reads_are_recorded(admin_desk, client):
    dossier = receive(admin_desk)
    client.force_login(admin_desk["specialist"])
    assert client.get(page_url(dossier)).status_code == 200
    assert client.get(reverse("dossier-print", args=(dossier.code, "receipt_appointment"))).status_code == 200
    _, key = issue_token(admin_desk["specialist"])
    assert (
        client.get(f"/api/v1/dossiers/{dossier.code}/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    )
    rows = list(DossierAccess.objects.filter(dossier=dossier).order_by("pk"))
    assert [r.kind for r in rows] == ["view", "print", "api"]
    assert {r.user for r in rows} == {admin_desk["specialist"]} and rows[1].detail == "receipt_appointment"
    with pytest.raises(ValueError):
        rows[0].delete()
    rows[0].detail = "sửa"
    with pytest.raises(ValueError):
        rows[0].save()


def test_the_leader_reads_the_log_of_their_agency_only(admin_desk, stranger, client):  # noqa: F811
    dossier = receive(admin_desk)
    client.force_login(admin_desk["specialist"])
    client.get(page_url(dossier))
    client.force_login(admin_desk["specialist"])
    assert client.get(LOG).status_code in (302, 403)  # a specialist does not read the log
    client.force_login(admin_desk["leader"])
    html = client.get(LOG).content.decode()
    assert dossier.code in html
    other_leader = UserFactory(username="lanhdaokhac", perms=[ADMIN, "workflows.approve_dossier"])
    from tests.factories import OfficerFactory

    OfficerFactory(user=other_leader, agency=stranger.officer.agency)
    client.force_login(other_leader)
    response = client.get(LOG)
    assert response.status_code == 200 and dossier.code not in response.content.decode()
