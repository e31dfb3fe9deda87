"""Issue 13: the applicant hears of every outcome by email and SMS, each message once."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.factories import DossierFactory
from tests.workflows.conftest import new_dossier
from workflows.services import perform_action
from workflows.sms import LocmemSMSBackend
from workflows.tasks import notify_applicant

PHONE = "0988777666"


@pytest.fixture(autouse=True)
def sms(settings):
    settings.SMS_BACKEND = "workflows.sms.LocmemSMSBackend"
    settings.WAGTAILADMIN_BASE_URL = "https://motcua.example.vn"
    LocmemSMSBackend.outbox.clear()
    return LocmemSMSBackend.outbox


def handled(desk):
    dossier = new_dossier(
        desk, None, user=desk["desk"], name="Tô Văn Bình", phone=PHONE, email="b@example.vn"
    )
    return perform_action(dossier, "transfer", desk["desk"])


def outcome(desk, action):
    """The dossier after `action`, and the words its notice must carry."""
    if action == "refuse_at_reception":
        dossier = DossierFactory(
            procedure=desk["procedure"],
            center=desk["center"],
            channel="online",
            submitted_online=True,
            applicant={"name": "Tô Văn Bình", "phone": PHONE, "email": "b@example.vn"},
        )
        return (
            perform_action(dossier, "refuse", desk["desk"], note="Sai thẩm quyền"),
            "refuse",
            [
                "bị từ chối",
                "Lý do: Sai thẩm quyền",
            ],
        )
    dossier = handled(desk)
    if action == "refuse":
        dossier = perform_action(dossier, "refuse", desk["specialist"], note="Không đủ điều kiện")
        return dossier, action, ["bị từ chối", "Lý do: Không đủ điều kiện", "/ho-so-truc-tuyen/ho-so/"]
    if action == "withdraw":
        dossier = perform_action(dossier, "withdraw", desk["desk"], note="Người nộp xin rút")
        return dossier, action, ["đã được rút", "Lý do: Người nộp xin rút"]
    if action == "stop":
        dossier = perform_action(dossier, "stop", desk["desk"], note="Người nộp đã mất")
        return dossier, action, ["dừng xử lý", "Lý do: Người nộp đã mất"]
    if action == "request_supplement":
        dossier = perform_action(
            dossier, action, desk["specialist"], note="Thiếu giấy tờ", missing=["Bản vẽ", "Sổ đỏ"]
        )
        return (
            dossier,
            action,
            [
                "Thiếu giấy tờ",
                "Giấy tờ cần bổ sung: Bản vẽ; Sổ đỏ.",
                "https://motcua.example.vn/ho-so-truc-tuyen/ho-so/",
            ],
        )
    dossier = perform_action(dossier, "appraise", desk["specialist"])
    dossier = perform_action(dossier, "approve", desk["leader"])
    return dossier, "approve", ["đã có kết quả", "/ho-so-truc-tuyen/ho-so/"]


@pytest.mark.parametrize(
    "action", ["refuse_at_reception", "refuse", "withdraw", "stop", "request_supplement", "result_ready"]
)
def test_every_outcome_is_told_by_email_and_sms_once(desk, sms, action):
    dossier, name, words = outcome(desk, action)
    event = dossier.events.get(action=name)
    assert notify_applicant.call_local(event.pk) == 2
    email, text = mail.outbox[-1].body, sms[-1][1]
    assert sms[-1][0] == PHONE and dossier.code in email
    for word in words:
        assert word in email and word in text, word
    assert "None" not in email
    # Each once: a second run (a retry, a duplicate job) sends nothing more.
    assert notify_applicant.call_local(event.pk) == 0
    assert len([m for m in mail.outbox if dossier.code in m.body and words[0] in m.body]) == 1
