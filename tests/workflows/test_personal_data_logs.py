"""Issue 11 item 6: phone numbers, emails and lookup secrets never reach the logs."""

import io
import logging

from workflows import masking, sms
from workflows.services import access, codes

from .conftest import at, new_dossier

PHONE, EMAIL = "0912345678", "an@example.vn"


def leaks(text: str, *values: str) -> list[str]:
    return [v for v in values if v and v in text]


def test_the_masking_alphabet_is_the_secrets_one():
    assert (masking.SECRET_ALPHABET, masking.SECRET_LENGTH) == (codes.SECRET_ALPHABET, codes.SECRET_LENGTH)


def test_the_console_sms_backend_logs_no_phone_or_secret(caplog):
    secret = codes.new_lookup_secret()
    terminal = io.StringIO()
    with caplog.at_level(logging.INFO):
        sms.ConsoleSMSBackend(stream=terminal).send(PHONE, f"Mã bí mật tra cứu {secret}, thư tới {EMAIL}")
    assert caplog.records and "***678" in caplog.text
    assert leaks(caplog.text, PHONE, secret, EMAIL) == []
    assert PHONE in terminal.getvalue()  # the developer still reads it on the terminal


class RefusingEmail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError(f"550 mailbox unavailable: {messages[0].to[0]}")


class RefusingSMS:
    def send(self, phone, text):
        raise OSError(f"gateway refused {phone}")


def test_failed_sends_log_no_address_phone_or_link(desk, caplog, settings, fresh_cache):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingEmail"
    settings.SMS_BACKEND = f"{__name__}.RefusingSMS"
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), name="Vũ Văn Em", phone=PHONE, email=EMAIL)
    link = f"https://motcua.example/ho-so-truc-tuyen/mo/{access.file_link(dossier.pk)}/"
    with caplog.at_level(logging.INFO):
        assert access.send_file_link(dossier, link) == []
    assert "Không gửi được" in caplog.text
    assert leaks(caplog.text, PHONE, EMAIL, link, dossier.lookup_secret) == []


def test_the_log_handlers_mask_what_other_code_logs(caplog):
    caplog.handler.addFilter(masking.MaskPersonalData())
    secret = codes.new_lookup_secret()
    try:
        raise ValueError(f"recipient {EMAIL} refused")
    except ValueError:
        logging.getLogger("huey").exception("task failed for +84 912 345 678 with %s", secret)
    assert "task failed" in caplog.text and "recipient" in caplog.text
    assert leaks(caplog.text, EMAIL, "912 345 678", secret) == []


def test_the_site_log_handler_carries_the_filter():
    from cms.settings import base

    assert base.LOGGING["handlers"]["console"]["filters"] == ["personal_data"]
    assert base.LOGGING["filters"]["personal_data"]["()"] == "workflows.masking.MaskPersonalData"
