"""Issue 11 item 5: the admin login is throttled per account and client (django-axes), behind TRUSTED_PROXIES."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

LOGIN = "/admin/login/"


@pytest.fixture
def officer(db):
    return User.objects.create_user("canbo", password="dung-mat-khau-1", is_staff=True)


def attempt(client, password, **extra):
    return client.post(LOGIN, {"username": "canbo", "password": password}, **extra)


def test_guessing_a_password_locks_that_account_from_that_client(officer, settings):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(guesser, f"sai-{n}").status_code == 200  # the form again, with its error
    locked = attempt(guesser, "sai-cuoi")
    assert locked.status_code == 429 and "tạm bị khóa" in locked.content.decode()
    # Even the right password waits out the lock from that client…
    assert attempt(guesser, "dung-mat-khau-1").status_code == 429
    # …while the officer at their own desk still logs in.
    assert attempt(Client(REMOTE_ADDR="198.51.100.4"), "dung-mat-khau-1").status_code == 302


@override_settings(TRUSTED_PROXIES=1)
def test_a_forged_forwarded_address_does_not_escape_the_lock(officer, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.9"), f"sai-{n}")
    again = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.99, 203.0.113.9")
    assert attempt(again, "dung-mat-khau-1").status_code == 429
