"""Issue 13, item 4, through the pages: the fee shown on the form, the “Thanh toán” button on the confirmation
and the status page, the simulator's checkout, the return, the gateway's notification endpoint, and the
officer's view of the payment."""

from __future__ import annotations

import urllib.parse

import pytest
from django.urls import reverse

from catalog.models import ProcedureChannel
from catalog.services import fees_json
from tests.eforms.conftest import nationality_form, valid_data
from tests.factories import UserFactory
from tests.factories.scenarios import officer
from workflows.models import Dossier, DossierEvent, DossierStatus, Payment
from workflows.services.payments.gateway import sign
from workflows.services.payments.simulator import secret
from workflows.services.setup import RECEPTION_GROUP

FEE = "Lệ phí: 50.000 đồng/trường hợp"
NOTIFY = "/thanh-toan/thong-bao/"


@pytest.fixture
def fee_form(db):
    made = nationality_form()
    ProcedureChannel.objects.create(
        procedure=made["procedure"], channel="online", fee_text=FEE, fees=fees_json(FEE)
    )
    return made


def submit(client, made) -> Dossier:
    answer = client.post(made["page"].url, valid_data())
    assert answer.status_code == 200, answer.content.decode()[:400]
    return Dossier.objects.get(channel="online")


def checkout(client, dossier) -> tuple[str, dict]:
    """Press “Thanh toán” and land on the simulator: its URL and its page's context."""
    answer = client.post(reverse("forms:pay", args=(dossier.code,)))
    assert answer.status_code == 302 and answer["Location"].startswith("/thanh-toan/mo-phong/")
    page = client.get(answer["Location"])
    assert page.status_code == 200
    return answer["Location"], page


def pay(client, url: str, outcome: str = "paid") -> dict[str, str]:
    """The simulator's button: back to the return URL with the signed fields, which are returned."""
    answer = client.post(url, {"outcome": outcome})
    assert answer.status_code == 302
    location = urllib.parse.urlsplit(answer["Location"])
    assert location.path.endswith("/thanh-toan/ket-qua/")
    return {**dict(urllib.parse.parse_qsl(location.query)), "_path": location.path}


def test_the_form_shows_the_online_fee_and_the_confirmation_offers_to_pay(fee_form, client):
    form = client.get(fee_form["page"].url).content.decode()
    assert FEE in form and "50.000 đồng" in form and "data-online-fee" in form
    page = client.post(fee_form["page"].url, valid_data()).content.decode()
    dossier = Dossier.objects.get(channel="online")
    assert dossier.status == DossierStatus.FINANCIAL and dossier.fee_due == 50_000
    assert "data-awaiting-payment" in page and reverse("forms:pay", args=(dossier.code,)) in page
    assert "Thanh toán" in page


def test_a_free_procedure_has_no_payment_step_on_the_form_or_after(db, client):
    made = nationality_form()
    ProcedureChannel.objects.create(
        procedure=made["procedure"], channel="online", fee_text="Miễn phí", fees=fees_json("Miễn phí")
    )
    assert "data-online-fee" not in client.get(made["page"].url).content.decode()
    page = client.post(made["page"].url, valid_data()).content.decode()
    dossier = Dossier.objects.get(channel="online")
    assert dossier.status == DossierStatus.NEW and dossier.fee_due is None
    assert "data-pay" not in page
    status = client.get(reverse("forms:status", args=(dossier.code,))).content.decode()
    assert "data-pay" not in status and "data-fee" not in status


def test_the_citizen_pays_through_the_simulator_and_the_dossier_goes_to_reception(fee_form, client):
    dossier = submit(client, fee_form)
    status = client.get(reverse("forms:status", args=(dossier.code,))).content.decode()
    assert "Chưa thanh toán" in status and "data-pay" in status
    url, page = checkout(client, dossier)
    assert "50.000 đồng" in page.content.decode()
    fields = pay(client, url)
    path = fields.pop("_path")
    back = client.get(path, fields, follow=True)
    html = back.content.decode()
    assert back.redirect_chain[-1][0] == reverse("forms:status", args=(dossier.code,))
    assert "Đã thanh toán 50.000 đồng" in html and "data-pay" not in html
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW
    # The gateway's server says the same afterwards: answered, nothing more written.
    again = client.post(NOTIFY, fields)
    assert again.status_code == 200 and again.json()["status"] == "paid"
    assert DossierEvent.objects.filter(dossier=dossier, action="payment_received").count() == 1
    assert Payment.objects.get().notification["transaction_id"] == fields["transaction_id"]


def test_cancelling_keeps_the_dossier_waiting_and_the_button_there(fee_form, client):
    dossier = submit(client, fee_form)
    url, _page = checkout(client, dossier)
    fields = pay(client, url, "cancelled")
    path = fields.pop("_path")
    html = client.get(path, fields, follow=True).content.decode()
    assert "Đã hủy thanh toán" in html and "data-pay" in html
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FINANCIAL
    # A second attempt has its own reference.
    checkout(client, dossier)
    assert Payment.objects.count() == 2 and len(set(Payment.objects.values_list("reference", flat=True))) == 2


def test_the_notification_endpoint_refuses_a_bad_signature_with_400_and_writes_nothing(fee_form, client):
    dossier = submit(client, fee_form)
    url, _page = checkout(client, dossier)
    fields = pay(client, url)
    fields.pop("_path")
    forged = {**fields, "signature": "f" * 64}
    answer = client.post(NOTIFY, forged)
    assert answer.status_code == 400 and "Chữ ký" in answer.json()["error"]
    cheaper = {**fields, "amount": "1000"}
    cheaper["signature"] = sign(cheaper, secret())
    answer = client.post(NOTIFY, cheaper)
    assert answer.status_code == 400 and "Số tiền" in answer.json()["error"]
    assert Payment.objects.get().status == Payment.Status.PENDING
    assert client.get(NOTIFY).status_code == 405
    ok = client.post(NOTIFY, fields)
    assert ok.status_code == 200 and ok.json() == {
        "ok": True,
        "reference": fields["reference"],
        "status": "paid",
    }


def test_a_tampered_return_shows_an_error_and_changes_nothing(fee_form, client):
    dossier = submit(client, fee_form)
    url, _page = checkout(client, dossier)
    fields = pay(client, url)
    path = fields.pop("_path")
    answer = client.get(path, {**fields, "outcome": "paid", "amount": "1"})
    assert answer.status_code == 400 and "Kết quả thanh toán không hợp lệ" in answer.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FINANCIAL


def test_paying_needs_the_submitting_session_or_the_code_and_secret(fee_form, client, django_user_model):
    dossier = submit(client, fee_form)
    client.logout()
    client.cookies.clear()
    answer = client.post(reverse("forms:pay", args=(dossier.code,)))
    assert answer.status_code == 200 and not Payment.objects.exists()
    assert "secret" in answer.content.decode()


def test_the_simulator_refuses_a_forged_order_and_is_off_with_another_gateway(fee_form, client, settings):
    dossier = submit(client, fee_form)
    url, _page = checkout(client, dossier)
    assert client.get(url[:-5] + "xxxx/").status_code == 400
    settings.PAYMENT_GATEWAY = ""
    assert client.get(url).status_code == 404


def test_without_a_gateway_no_fee_is_asked_online(fee_form, client, settings):
    settings.PAYMENT_GATEWAY = ""
    form = client.get(fee_form["page"].url).content.decode()
    assert "Nộp phí, lệ phí tại nơi tiếp nhận." in form
    dossier = submit(client, fee_form)
    assert dossier.status == DossierStatus.NEW and dossier.fee_due is None


def test_officers_see_the_payment_on_the_dossier_page_and_its_history(fee_form, client):
    dossier = submit(client, fee_form)
    url, _page = checkout(client, dossier)
    fields = pay(client, url)
    path = fields.pop("_path")
    client.get(path, fields)
    user = officer("tiepnhan", fee_form, groups=[RECEPTION_GROUP])
    UserFactory(username=user.username, perms=["wagtailadmin.access_admin"])
    client.force_login(user)
    page = client.get(reverse("dossier:edit", args=(dossier.pk,))).content.decode()
    assert "Phí, lệ phí nộp trực tuyến" in page and "Đã thanh toán" in page
    assert fields["reference"] in page and fields["transaction_id"] in page
    assert "Đã thanh toán phí, lệ phí trực tuyến" in page  # the history line


def test_production_refuses_the_simulator_and_keeps_online_payment_off_by_default():
    from tests.deploy.test_production_settings import run

    done = run(
        ["manage.py", "check"], PAYMENT_GATEWAY="workflows.services.payments.simulator.SimulatorGateway"
    )
    assert done.returncode != 0 and "PAYMENT_GATEWAY" in done.stderr
    shown = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; print(repr(settings.PAYMENT_GATEWAY))",
        ]
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "''"


@pytest.mark.django_db(transaction=True)
def test_the_simulators_server_notification_alone_pays_the_dossier(live_server, client, settings):
    """The browser never comes back (closed tab): the provider's server-to-server notification, sent by a job
    to our endpoint on the live server, settles the attempt by itself."""
    from workflows.services import start_payment

    settings.PAYMENT_SIMULATOR_NOTIFY = True
    made = nationality_form()
    ProcedureChannel.objects.create(
        procedure=made["procedure"], channel="online", fee_text=FEE, fees=fees_json(FEE)
    )
    dossier = submit(client, made)
    _payment, url = start_payment(
        dossier, return_url=live_server.url + "/nowhere/", notify_url=live_server.url + NOTIFY
    )
    answer = client.post(url, {"outcome": "paid"})
    assert answer.status_code == 302  # the return is not followed
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW
    assert Payment.objects.get().status == Payment.Status.PAID
