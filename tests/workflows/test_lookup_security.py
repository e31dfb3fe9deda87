"""Issue 11 item 2: the lookup cannot be brute-forced by rotating X-Forwarded-For, nor a code by many clients."""

import re

import pytest
from django.test import Client, override_settings

from workflows.models import Dossier
from workflows.services import access
from workflows.services.codes import SECRET_ALPHABET, new_lookup_secret

from .conftest import at, new_dossier

LOOKUP = "/api/v1/lookup/"


def api_lookup(client, code, secret, forwarded=None, remote="203.0.113.7"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOOKUP, {"code": code, "secret": secret}, content_type="application/json", **extra)


@pytest.fixture
def dossier(desk, fresh_cache):
    return new_dossier(
        desk, at(2026, 3, 2, 9, 0), name="Vũ Văn Em", id_number="022085004567", phone="0900000001"
    )


def test_rotating_x_forwarded_for_does_not_reset_the_client_budget(dossier, client):
    """The attack of the issue: one client, a new forged address on every try."""
    statuses = [
        api_lookup(client, f"000.00.12.H22-260302-{n:04d}", "ABCDEF", forwarded=f"10.0.{n}.1").status_code
        for n in range(access.CLIENT_MAX_FAILURES + 2)
    ]
    assert statuses[: access.CLIENT_MAX_FAILURES] == [404] * access.CLIENT_MAX_FAILURES
    assert statuses[-1] == 429
    assert api_lookup(client, "x", "y", forwarded="10.9.9.9").json()["error"]["code"] == "too_many_requests"


def test_a_code_is_locked_after_a_few_failures_whatever_the_client(dossier, client):
    for n in range(access.CODE_MAX_FAILURES):
        assert api_lookup(client, dossier.code, f"WRONG{n}", remote=f"198.51.100.{n}").status_code == 404
    # Even the right secret from a fresh address waits for the lock to end: the code is what is guessed.
    locked = api_lookup(client, dossier.code.lower(), dossier.lookup_secret, remote="192.0.2.200")
    assert locked.status_code == 429
    # The HTML lookup shares the code's lock.
    page = Client(REMOTE_ADDR="192.0.2.201").post("/tra-cuu/", {"code": dossier.code, "secret": "x"})
    assert page.status_code == 429


def test_successful_lookups_do_not_consume_the_budget(dossier, client):
    for _ in range(access.CLIENT_MAX_FAILURES * 3):
        assert api_lookup(client, dossier.code, dossier.lookup_secret).status_code == 200


@override_settings(TRUSTED_PROXIES=1)
def test_behind_one_trusted_proxy_each_citizen_counts_alone(dossier):
    """The HTML lookup used to count REMOTE_ADDR, the proxy: one budget for the whole province."""
    proxy = "10.0.0.1"
    guesser = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50")
    for n in range(access.CLIENT_MAX_FAILURES):
        guesser.post("/tra-cuu/", {"code": f"000.00.12.H22-260302-{n + 100:04d}", "secret": "AAAAAA"})
    assert guesser.post("/tra-cuu/", {"code": "nope", "secret": "AAAAAA"}).status_code == 429
    # A forged left-most address does not help the guesser: the proxy's right-most entry is the client.
    forged = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50")
    assert forged.post("/tra-cuu/", {"code": "nope", "secret": "AAAAAA"}).status_code == 429
    citizen = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.51")
    ok = citizen.post("/tra-cuu/", {"code": dossier.code, "secret": dossier.lookup_secret})
    assert ok.status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.9"),
        (1, "1.1.1.1, 2.2.2.2", "2.2.2.2"),
        (2, "1.1.1.1, 2.2.2.2, 3.3.3.3", "2.2.2.2"),
        (2, "3.3.3.3", "10.0.0.9"),
    ],
)
def test_client_ip_believes_only_the_trusted_hops(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert access.client_ip(request) == expected


def test_new_dossiers_get_an_unambiguous_secret_and_old_ones_keep_theirs(dossier, client):
    assert re.fullmatch(f"[{SECRET_ALPHABET}]{{8}}", dossier.lookup_secret)
    assert not set("0O1I") & set("".join(new_lookup_secret() for _ in range(200)))
    # Their last four digits no longer open a new dossier…
    assert api_lookup(client, dossier.code, "4567").status_code == 404
    # …but a dossier received before secrets existed still answers to them.
    Dossier.objects.filter(pk=dossier.pk).update(lookup_secret="")
    assert api_lookup(client, dossier.code, "4567").status_code == 200
    assert api_lookup(client, dossier.code, "0900000001").status_code == 200


def test_a_forged_forwarded_address_or_none_at_all_is_counted_as_a_valid_address(settings, rf):
    """PostgreSQL stores axes' login records in an `inet` column: `client_ip` never returns anything else."""
    from workflows.services.access import NO_ADDRESS, client_ip

    settings.TRUSTED_PROXIES = 1
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="hello", REMOTE_ADDR="10.0.0.9")) == "10.0.0.9"
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.9")) == "203.0.113.7"
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_ip(request) == NO_ADDRESS
