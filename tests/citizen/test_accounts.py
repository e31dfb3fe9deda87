"""Issue 13, citizen accounts: sign-in through the OpenID Connect simulator (the real protocol through
mozilla-django-oidc), “Hồ sơ của tôi”, and what a signed-in citizen may and may not reach."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from eforms.accounts import Citizen
from tests.factories.forms import pdf_bytes
from tests.workflows.conftest import new_dossier
from workflows.models import ApplicantDocument, Notice
from workflows.services import store_file

from .oidc import AN, BINH, approve, authorize, sign_in

pytestmark = pytest.mark.usefixtures("provider_over_http")

MINE = "/ho-so-cua-toi/"


def dossier_of(desk, identity, **extra):
    dossier = new_dossier(
        desk, None, user=desk["desk"], name=identity["name"], id_number=identity["citizen_id"], **extra
    )
    store_file(dossier, ContentFile(pdf_bytes(), name="don.pdf"), component="Đơn đề nghị", source_kind="desk")
    return dossier


def test_signing_in_through_the_simulator_makes_a_citizen_who_sees_their_dossiers(
    client, desk, provider_over_http
):
    mine, theirs = dossier_of(desk, AN), dossier_of(desk, BINH)
    Notice.objects.create(
        key="t:1", dossier=mine, channel="sms", recipient="0912345678", body="Hồ sơ đã được tiếp nhận.",
        sent_at=mine.received_at,
    )  # fmt: skip
    response = sign_in(client, AN)
    assert (response.status_code, response["Location"]) == (302, MINE)
    # The backend really spoke to the provider: code exchange, key set, userinfo.
    assert provider_over_http.calls == [
        "/oidc-mo-phong/token/",
        "/oidc-mo-phong/jwks/",
        "/oidc-mo-phong/userinfo/",
    ]
    citizen = Citizen.objects.get()
    assert (citizen.id_number, citizen.name, citizen.phone, citizen.email) == (
        "022090001234", "Nguyễn Văn An", "0912345678", "an@example.vn",
    )  # fmt: skip
    assert citizen.subject.startswith("sim-") and citizen.issuer == "http://testserver/oidc-mo-phong/"
    page = client.get(MINE).content.decode()
    assert mine.code in page and theirs.code not in page
    assert "Hồ sơ đã được tiếp nhận." in page and reverse("forms:status", args=[mine.code]) in page
    # The status page and the files open to the owner without the lookup secret.
    status = client.get(reverse("forms:status", args=[mine.code]))
    assert status.status_code == 200 and "Mã bí mật tra cứu" not in status.content.decode()
    own_file = mine.files.get()
    assert client.get(reverse("forms:file", args=[own_file.pk])).status_code == 200


def test_another_citizen_sees_none_of_my_dossiers_files_or_documents(client, desk):
    mine = dossier_of(desk, AN)
    ApplicantDocument.objects.create(
        id_number=AN["citizen_id"], name="Giấy phép", source_file=mine.files.get()
    )
    sign_in(client, BINH)
    page = client.get(MINE).content.decode()
    assert mine.code not in page and "Giấy phép" not in page
    status = client.get(reverse("forms:status", args=[mine.code])).content.decode()
    assert "Mã bí mật tra cứu" in status  # asked for the secret, like anyone
    assert client.get(reverse("forms:file", args=[mine.files.get().pk])).status_code == 404


def test_the_reusable_signed_documents_are_listed_and_open_to_their_owner(client, desk):
    mine = dossier_of(desk, AN)
    stored = mine.files.get()
    ApplicantDocument.objects.create(
        id_number=AN["citizen_id"], name="Giấy phép xây dựng", source_file=stored
    )
    sign_in(client, AN)
    page = client.get(MINE).content.decode()
    assert "Giấy phép xây dựng" in page and reverse("forms:file", args=[stored.pk]) in page


def test_a_citizen_never_reaches_the_admin_or_the_staff_api(client, desk):
    mine = dossier_of(desk, AN)
    sign_in(client, AN)
    user = Citizen.objects.get().user
    assert not (user.is_staff or user.is_superuser or user.has_usable_password())
    assert not user.groups.exists() and not user.get_all_permissions()
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(f"/api/v1/dossiers/{mine.code}/").status_code == 404


def test_declaring_a_staff_members_email_at_the_provider_never_signs_in_as_staff(client, desk):
    staff = desk["leader"]
    staff.email = AN["email"]
    staff.save()
    sign_in(client, AN)
    signed_in = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    assert signed_in != staff and signed_in.citizen.id_number == AN["citizen_id"]
    assert client.get("/admin/").status_code == 302


def test_an_account_given_staff_rights_no_longer_signs_in_as_a_citizen(client, desk):
    sign_in(client, AN)
    user = Citizen.objects.get().user
    user.is_staff = True
    user.save()
    client.logout()
    response = sign_in(client, AN)
    assert response["Location"] == "/ho-so-cua-toi/?loi=dang-nhap"
    assert "_auth_user_id" not in client.session


def test_an_unknown_or_replayed_state_is_refused(client, desk):
    callback = approve(client, AN)
    url = urlsplit(callback)
    params = dict(parse_qsl(url.query))
    forged = client.get(url.path, {**params, "state": "not-the-one-we-sent"})
    assert forged.status_code == 400 and "_auth_user_id" not in client.session
    assert client.get(callback).status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    # The same answer again (state used, code used): nobody signs in.
    replay = client.get(callback)
    assert replay.status_code in (302, 400) and "_auth_user_id" not in client.session


def test_a_code_exchanges_once(client, desk):
    callback = approve(client, AN)
    code = dict(parse_qsl(urlsplit(callback).query))["code"]
    client.get(callback)
    again = client.post(
        reverse("forms:simulator-token"),
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": "motcua-mo-phong",
            "client_secret": "mo-phong-khong-bi-mat",
            "redirect_uri": "http://testserver/dang-nhap/xac-thuc/",
        },
    )
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_an_id_token_with_another_nonce_is_refused(client, desk):
    from django.core.cache import cache

    from eforms.simulator import PREFIX

    callback = approve(client, AN)
    code = dict(parse_qsl(urlsplit(callback).query))["code"]
    key = f"{PREFIX}:code:{code}"
    granted = cache.get(key)
    cache.set(key, {**granted, "nonce": "someone-elses-nonce"}, 60)
    response = client.get(callback)
    assert response["Location"] == "/ho-so-cua-toi/?loi=dang-nhap"
    assert "_auth_user_id" not in client.session
    assert not Citizen.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/ho-so", "javascript:alert(1)"])
def test_sign_in_never_redirects_off_the_site(client, desk, target):
    response = sign_in(client, AN, next_url=target)
    assert response["Location"] == MINE


def test_sign_in_returns_to_a_page_of_the_site(client, desk):
    response = sign_in(client, AN, next_url="/nop-ho-so/")
    assert response["Location"] == "/nop-ho-so/"


def test_the_simulator_refuses_an_unregistered_client_or_return_address(client, db):
    path, params = authorize(client)
    for bad in ({"redirect_uri": "https://evil.example/cb"}, {"client_id": "another-app"}):
        response = client.get(path, {**params, **bad})
        assert response.status_code == 400 and "Location" not in response
        response = client.post(path, {**params, **bad, **AN})
        assert response.status_code == 400 and "Location" not in response


def test_the_simulator_checks_the_identity_typed(client, db):
    path, params = authorize(client)
    response = client.post(path, {**params, **AN, "citizen_id": "12345"})
    assert response.status_code == 400
    assert "Số CCCD phải có đúng 12 chữ số" in response.content.decode()


def test_cancelling_at_the_provider_signs_nobody_in(client, db):
    path, params = authorize(client)
    response = client.post(path, {**params, "deny": ""})
    callback = client.get(response["Location"])
    assert callback["Location"] == "/ho-so-cua-toi/?loi=dang-nhap"
    assert "Đăng nhập không thành công" in client.get(callback["Location"]).content.decode()


def test_the_simulator_is_absent_when_switched_off(client, db, settings):
    settings.OIDC_SIMULATOR = False
    assert client.get(reverse("forms:simulator-jwks")).status_code == 404
    assert client.post(reverse("forms:simulator-token"), {}).status_code == 404


def test_sign_in_is_absent_without_a_provider(client, db, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(reverse("forms:sign-in")).status_code == 404
    assert "chưa kết nối nhà cung cấp định danh" in client.get(MINE).content.decode()


def test_sign_out_is_a_post(client, desk):
    sign_in(client, AN)
    assert client.get(reverse("forms:sign-out")).status_code == 405
    response = client.post(reverse("forms:sign-out"), follow=True)
    assert response.redirect_chain[-1][0] == "http://testserver/" and "_auth_user_id" not in client.session
    assert "Đăng nhập bằng định danh điện tử" in client.get(MINE).content.decode()


SIGNED_IN_AT_PROVIDER = "Bạn đang đăng nhập tại nhà cung cấp định danh với tên Nguyễn Văn An"


def provider_page(client) -> str:
    path, params = authorize(client)
    return client.get(path, params).content.decode()


def test_signing_out_also_signs_out_at_the_provider(client, desk):
    """A shared computer at the desk: after the citizen signs out, the next person must not find them still
    signed in at the provider, one click from their dossiers (OpenID Connect RP-Initiated Logout 1.0)."""
    sign_in(client, AN)
    assert SIGNED_IN_AT_PROVIDER in provider_page(client)
    response = client.post(reverse("forms:sign-out"))
    assert "_auth_user_id" not in client.session
    to_provider = urlsplit(response["Location"])
    assert to_provider.path == "/oidc-mo-phong/logout/"
    params = dict(parse_qsl(to_provider.query))
    assert (
        params["post_logout_redirect_uri"] == "http://testserver/" and params["id_token_hint"].count(".") == 2
    )
    back = client.get(to_provider.path, params)
    assert (back.status_code, back["Location"]) == (302, "http://testserver/")
    assert SIGNED_IN_AT_PROVIDER not in provider_page(client)


def test_without_the_providers_sign_out_the_provider_keeps_the_citizen(client, desk, settings):
    """Why the sign-out goes through the provider: the site's own sign-out alone leaves the provider's session."""
    settings.OIDC_OP_LOGOUT_ENDPOINT = ""
    sign_in(client, AN)
    response = client.post(reverse("forms:sign-out"))
    assert response["Location"] == "/" and "_auth_user_id" not in client.session
    page = provider_page(client)
    assert SIGNED_IN_AT_PROVIDER in page
    # The next person at that computer is one click from the citizen's account.
    path, params = authorize(client)
    response = client.post(path, {**params, "continue": ""})
    client.get(response["Location"])
    assert Citizen.objects.get(user_id=client.session["_auth_user_id"]).id_number == AN["citizen_id"]


def test_the_provider_returns_only_to_the_registered_page_with_its_own_id_token(client, desk):
    sign_in(client, AN)
    to_provider = urlsplit(client.post(reverse("forms:sign-out"))["Location"])
    params = dict(parse_qsl(to_provider.query))
    elsewhere = client.get(to_provider.path, {**params, "post_logout_redirect_uri": "https://evil.example/"})
    assert elsewhere.status_code == 400 and "Location" not in elsewhere
    for hint in (forged({}, key="other"), forged({"aud": "another-app"}), "not-a-token"):
        refused = client.get(to_provider.path, {**params, "id_token_hint": hint})
        assert refused.status_code == 400 and "Location" not in refused
    # The control: the same request with the site's own ID token returns home.
    assert client.get(to_provider.path, params)["Location"] == "http://testserver/"


def forged(claims: dict, *, key=None, kid=None) -> str:
    import time

    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    from eforms import simulator

    now = int(time.time())
    payload = {"iss": "http://testserver/oidc-mo-phong/", "sub": "sim-x", "aud": "motcua-mo-phong",
               "iat": now, "exp": now + 60, "nonce": "n", **claims}  # fmt: skip
    key = key or simulator.signing_key()
    if key == "other":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid or simulator.public_jwk()["kid"]})


@pytest.mark.parametrize(
    ("claims", "key"),
    [
        ({}, None),  # the control: the provider's own token passes
        ({"aud": "another-app"}, None),
        ({"iss": "https://evil.example/"}, None),
        ({"nonce": "replayed"}, None),
        ({"exp": 1}, None),
        ({}, "other"),  # signed with a key the provider does not publish
    ],
)
def test_the_backend_checks_the_id_tokens_audience_issuer_nonce_expiry_and_signature(db, rf, claims, key):
    import jwt
    from django.core.exceptions import SuspiciousOperation

    from eforms.oidc import CitizenBackend

    backend = CitizenBackend()
    backend.OIDC_OP_JWKS_ENDPOINT = "http://testserver/oidc-mo-phong/jwks/"
    backend.issuer, backend.id_claims = "http://testserver/oidc-mo-phong/", {}
    token = forged(claims, key=key)
    if not claims and key is None:
        assert backend.verify_token(token, nonce="n")["sub"] == "sim-x"
        return
    with pytest.raises((SuspiciousOperation, jwt.PyJWTError)):
        backend.verify_token(token, nonce="n")


def test_the_form_is_filled_from_the_account_and_the_dossier_is_linked(client, db):
    from tests.eforms.conftest import nationality_form, valid_data
    from workflows.models import Dossier

    page = nationality_form()["page"]
    assert f'/dang-nhap/?next={page.url}"' in client.get(page.url).content.decode()
    sign_in(client, BINH)
    form = client.get(page.url).content.decode()
    for value in ("Trần Thị Bình", "022195004321", "0987654321", "b@example.vn"):
        assert f'value="{value}"' in form
    # Whatever ID number is typed (a relative's), a dossier submitted while signed in is the citizen's.
    response = client.post(page.url, valid_data())
    assert response.status_code == 200
    dossier = Dossier.objects.get()
    assert dossier.applicant_id_number == "022090001234"
    assert dossier.online_submission.citizen == Citizen.objects.get()
    assert dossier.code in client.get(MINE).content.decode()
    # Anonymous visitors get an empty form.
    client.post(reverse("forms:sign-out"))
    assert "Trần Thị Bình" not in client.get(page.url).content.decode()


def test_an_expired_answer_fails_the_sign_in_cleanly(client, desk, monkeypatch):
    from eforms import simulator

    monkeypatch.setattr(simulator, "TOKEN_SECONDS", -120)
    response = sign_in(client, AN)
    assert response["Location"] == "/ho-so-cua-toi/?loi=dang-nhap" and "_auth_user_id" not in client.session
