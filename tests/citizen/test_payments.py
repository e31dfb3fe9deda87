"""Issue 13, item 4: the fee paid online. The record's fee (per channel) is asked at submission; the dossier
waits in status 6, not received and its clock not started, until the payment gateway's signed notification
says it is paid; the same notification twice pays once, a bad signature or a wrong amount writes nothing."""

from __future__ import annotations

import pytest
from django.core import mail

from catalog.models import ProcedureChannel
from catalog.services import fees_json, payable_fee
from tests.factories import DossierFactory
from tests.workflows.conftest import at
from workflows.models import Dossier, DossierEvent, DossierStatus, Notice, Payment
from workflows.queues import queue_q
from workflows.services import (
    ActionNotAllowed,
    InvalidNotification,
    PaymentError,
    apply_notification,
    fee_status,
    perform_action,
    record_desk_payment,
    start_payment,
)
from workflows.services.payments.gateway import sign, signature_matches, without_secrets
from workflows.services.payments.simulator import read_order, secret, settle

FEE = "Lệ phí: 50.000 đồng/trường hợp"
RETURN = "http://testserver/ho-so-truc-tuyen/ho-so/X/thanh-toan/ket-qua/"
NOTIFY = "http://testserver/thanh-toan/thong-bao/"


def channel(procedure, kind: str, text: str) -> ProcedureChannel:
    """The procedure's one row for that channel, as a record has it: the factory's desk row is rewritten, not
    doubled (two `direct` rows without a position come back in any order on PostgreSQL)."""
    row, _ = ProcedureChannel.objects.update_or_create(
        procedure=procedure, channel=kind, defaults={"fee_text": text, "fees": fees_json(text)}
    )
    return row


def awaiting(desk, amount: int = 50_000) -> Dossier:
    return DossierFactory(
        procedure=desk["procedure"],
        center=desk["center"],
        channel="online",
        submitted_online=True,
        fee_due=amount,
        received_at=at(2026, 3, 2, 9, 0),
    )


def order_of(url: str):
    return read_order(url.rstrip("/").rsplit("/", 1)[-1])


def notification(dossier, outcome: str = "paid", **changes) -> dict[str, str]:
    """A new attempt at the simulator for the dossier's fee, and the gateway's signed word about it."""
    _payment, url = start_payment(dossier, return_url=RETURN, notify_url=NOTIFY)
    fields = settle(order_of(url), outcome)
    if changes:
        fields.update(changes)
        fields["signature"] = sign(fields, secret())
    return fields


# --- the fee the record asks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (FEE, 50_000),
        ("Phí: 50.000 đồng/hồ sơ", 50_000),
        ("100000", 100_000),
        ("Miễn phí", None),
        ("", None),
        ("Phí: 8.000 đồng/bản sao", None),  # depends on how many copies
        ("Lệ phí: 50.000 đồng/giấy đối với cá nhân; 100.000 đồng/giấy đối với tổ chức", None),  # by case
        ("Lệ phí trước bạ: 0,5% giá trị nhà, đất", None),
        ("Phí thẩm định theo Nghị quyết của HĐND tỉnh", None),
        ("Lệ phí: 1,5 USD", None),
    ],
)
def test_only_a_fixed_fee_per_dossier_in_dong_is_asked_online(desk, text, amount):
    channel(desk["procedure"], "online", text)
    fee = payable_fee(desk["procedure"], "online")
    assert fee.amount == amount
    if amount is None and text not in ("", "Miễn phí"):
        assert fee.reason  # the applicant is told the officer works it out


def test_the_online_channels_fee_wins_over_the_desks_and_the_desks_applies_without_one(desk):
    procedure = desk["procedure"]
    channel(procedure, "direct", "Lệ phí: 100.000 đồng/trường hợp")
    assert payable_fee(procedure, "online").amount == 100_000
    channel(procedure, "online", FEE)  # halved online
    assert payable_fee(procedure, "online").amount == 50_000
    assert payable_fee(procedure, "online").description == "Lệ phí: 50.000 đồng/trường hợp"


# --- the signature ----------------------------------------------------------------------------------------


def test_the_signature_covers_every_field_and_is_left_out_of_what_is_kept():
    fields = {"reference": "TT1", "amount": "50000", "outcome": "paid"}
    fields["signature"] = sign(fields, "s3cret")
    assert signature_matches(fields, "s3cret")
    assert not signature_matches(fields, "other")
    assert not signature_matches({**fields, "amount": "5000"}, "s3cret")
    assert not signature_matches({**fields, "signature": ""}, "s3cret")
    assert not signature_matches(fields, "")  # no secret configured: nothing verifies
    assert without_secrets({**fields, "api_key": "k", "secure_hash": "h"}) == {
        "reference": "TT1",
        "amount": "50000",
        "outcome": "paid",
    }


def test_a_forged_or_tampered_notification_writes_nothing(desk):
    dossier = awaiting(desk)
    fields = notification(dossier)
    for forged in (
        {**fields, "signature": "0" * 64},
        {**fields, "outcome": "paid", "amount": "1"},  # changed after signing
        {k: v for k, v in fields.items() if k != "signature"},
    ):
        with pytest.raises(InvalidNotification):
            apply_notification(forged)
    assert Payment.objects.get().status == Payment.Status.PENDING
    assert not DossierEvent.objects.filter(action__startswith="payment").exists()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FINANCIAL


# --- the dossier's states ---------------------------------------------------------------------------------


def test_an_online_dossier_with_a_fee_waits_in_status_6_unreceived_and_no_officer_can_handle_it(desk):
    dossier = awaiting(desk)
    assert dossier.status == DossierStatus.FINANCIAL
    assert dossier.received_at is None and dossier.due_at is None and dossier.paused_at is None
    submit = DossierEvent.objects.get(dossier=dossier)
    assert (submit.action, submit.to_status, submit.data) == ("submit", 6, {"fee_due": 50_000})
    for action, user in (("receive", desk["desk"]), ("transfer", desk["desk"]), ("refuse", desk["desk"])):
        with pytest.raises(ActionNotAllowed):
            perform_action(dossier, action, user, note="x")
    # Not work in anybody's queue yet; withdrawing stays possible.
    assert not Dossier.objects.filter(queue_q("to_process")).exists()
    assert not Dossier.objects.filter(queue_q("to_receive")).exists()
    perform_action(dossier, "withdraw", desk["desk"])


def test_paid_moves_it_to_reception_and_the_clock_starts_when_an_officer_receives_it(desk):
    dossier = awaiting(desk)
    payment = apply_notification(notification(dossier), now=at(2026, 3, 2, 10, 0))
    assert payment.status == Payment.Status.PAID and payment.provider_transaction_id.startswith("SIM")
    assert payment.settled_at == at(2026, 3, 2, 10, 0)
    assert "signature" not in payment.notification and payment.notification["amount"] == "50000"
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW and dossier.received_at is None
    event = DossierEvent.objects.get(dossier=dossier, action="payment_received")
    assert (event.from_status, event.to_status, event.actor_name) == (6, 1, "Hệ thống")
    assert event.data["reference"] == payment.reference and event.data["amount"] == 50_000
    assert Dossier.objects.filter(queue_q("to_receive")).get() == dossier
    dossier = perform_action(dossier, "receive", desk["desk"], now=at(2026, 3, 3, 9, 0))
    assert dossier.received_at == at(2026, 3, 3, 9, 0) and dossier.due_at == at(2026, 3, 10, 9, 0)
    with pytest.raises(PaymentError):
        start_payment(dossier, return_url=RETURN, notify_url=NOTIFY)


def test_the_same_notification_twice_pays_once_with_one_event_and_one_notice(
    desk, django_capture_on_commit_callbacks
):
    dossier = awaiting(desk)
    fields = notification(dossier)
    with django_capture_on_commit_callbacks(execute=True):
        first = apply_notification(fields)
    with django_capture_on_commit_callbacks(execute=True):
        second = apply_notification(dict(fields))
    assert first.pk == second.pk and Payment.objects.filter(status=Payment.Status.PAID).count() == 1
    assert DossierEvent.objects.filter(action="payment_received").count() == 1
    notices = Notice.objects.filter(dossier=dossier, channel=Notice.Channel.EMAIL)
    assert notices.count() == 1
    assert [m.body for m in mail.outbox if "50.000 đồng" in m.body]


def test_a_cancelled_attempt_is_history_only_and_its_replay_after_paying_changes_nothing(desk):
    dossier = awaiting(desk)
    cancelled = notification(dossier, "cancelled")
    apply_notification(cancelled)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FINANCIAL and fee_status(dossier).payable
    assert DossierEvent.objects.filter(action="payment_not_completed").count() == 1
    apply_notification(notification(dossier, "paid"))
    # The old attempt's notification again (a replay, or a gateway retrying): nothing moves.
    version = Dossier.objects.get(pk=dossier.pk).version
    apply_notification(cancelled)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW and dossier.version == version
    assert sorted(Payment.objects.values_list("status", flat=True)) == ["cancelled", "paid"]
    assert DossierEvent.objects.filter(action__startswith="payment").count() == 2


def test_an_amount_that_does_not_match_is_refused(desk):
    dossier = awaiting(desk)
    with pytest.raises(InvalidNotification, match="Số tiền"):
        apply_notification(notification(dossier, amount="5000"))
    with pytest.raises(InvalidNotification, match="Số tiền"):
        apply_notification(notification(dossier, currency="USD"))
    assert set(Payment.objects.values_list("status", flat=True)) == {"pending"}
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FINANCIAL


def test_an_unknown_reference_or_a_transaction_id_used_twice_is_refused(desk):
    dossier = awaiting(desk)
    with pytest.raises(InvalidNotification):
        apply_notification(notification(dossier, reference="TTNOSUCH"))
    first = notification(dossier)
    apply_notification(first)
    other = awaiting(desk)
    with pytest.raises(InvalidNotification, match="đã được ghi nhận"):
        apply_notification(notification(other, transaction_id=first["transaction_id"]))
    other.refresh_from_db()
    assert other.status == DossierStatus.FINANCIAL


def test_paid_after_the_dossier_was_withdrawn_is_recorded_and_the_dossier_stays_withdrawn(desk):
    dossier = awaiting(desk)
    fields = notification(dossier)
    perform_action(dossier, "withdraw", desk["desk"])
    payment = apply_notification(fields)
    assert payment.status == Payment.Status.PAID  # the money was taken: the desk refunds it
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    assert not DossierEvent.objects.filter(action="payment_received").exists()


def test_a_free_procedure_has_no_payment_step(desk):
    dossier = DossierFactory(
        procedure=desk["procedure"], center=desk["center"], channel="online", submitted_online=True
    )
    assert dossier.status == DossierStatus.NEW and dossier.fee_due is None
    assert not fee_status(dossier).payable
    with pytest.raises(PaymentError):
        start_payment(dossier, return_url=RETURN, notify_url=NOTIFY)


def test_no_fee_is_asked_at_the_desk(desk):
    from workflows.services import ReceptionError

    with pytest.raises(ReceptionError):
        DossierFactory(procedure=desk["procedure"], center=desk["center"], fee_due=50_000)


# --- the fee paid at the desk instead --------------------------------------------------------------------


def test_a_fee_paid_at_the_desk_sends_the_dossier_to_reception_with_its_receipt(
    desk, django_capture_on_commit_callbacks
):
    dossier = awaiting(desk)
    with django_capture_on_commit_callbacks(execute=True):
        payment = record_desk_payment(
            dossier, desk["desk"], receipt=" BL  0001234 ", now=at(2026, 3, 2, 10, 0)
        )
    assert (payment.provider, payment.status, payment.amount) == ("desk", Payment.Status.PAID, 50_000)
    assert payment.provider_transaction_id == "BL 0001234" and payment.notification["officer"] == "tiepnhan"
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW and dossier.received_at is None
    event = DossierEvent.objects.get(dossier=dossier, action="payment_at_desk")
    assert (event.from_status, event.to_status, event.actor_id) == (6, 1, desk["desk"].pk)
    assert event.data["receipt"] == "BL 0001234" and event.data["reference"] == payment.reference
    assert "BL 0001234" in event.note and "50.000 đồng" in event.note
    assert fee_status(dossier).paid == payment and not fee_status(dossier).payable
    assert Dossier.objects.filter(queue_q("to_receive")).get() == dossier
    assert Notice.objects.filter(dossier=dossier, body__contains="đã thu phí, lệ phí").exists()
    # Online payment is closed now; reception goes on as for any paid dossier.
    with pytest.raises(PaymentError):
        start_payment(dossier, return_url=RETURN, notify_url=NOTIFY)
    dossier = perform_action(dossier, "receive", desk["desk"], now=at(2026, 3, 3, 9, 0))
    assert dossier.received_at == at(2026, 3, 3, 9, 0)


@pytest.mark.parametrize("receipt", ["", "   "])
def test_a_desk_payment_needs_the_receipts_number(desk, receipt):
    dossier = awaiting(desk)
    with pytest.raises(ActionNotAllowed, match="biên lai"):
        record_desk_payment(dossier, desk["desk"], receipt=receipt)
    assert (
        not Payment.objects.exists() and Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FINANCIAL
    )


def test_one_receipt_pays_one_fee_and_a_paid_dossier_is_not_paid_again(desk):
    first, second = awaiting(desk), awaiting(desk)
    record_desk_payment(first, desk["desk"], receipt="BL 1")
    with pytest.raises(ActionNotAllowed, match="đã được ghi"):
        record_desk_payment(second, desk["desk"], receipt="BL 1")
    with pytest.raises(ActionNotAllowed, match="không chờ thanh toán"):
        record_desk_payment(Dossier.objects.get(pk=first.pk), desk["desk"], receipt="BL 2")
    assert Payment.objects.count() == 1
    assert not DossierEvent.objects.filter(dossier=second, action="payment_at_desk").exists()


def test_an_officer_of_another_agency_cannot_record_it_and_the_refusal_writes_nothing(desk):
    from tests.factories import AgencyFactory, CenterFactory, OfficerFactory, UserFactory
    from tests.workflows.conftest import PERMS

    stranger = UserFactory(username="sokhac-thuphi", perms=PERMS)
    agency = AgencyFactory(identifier="000.00.32.H22", name="Sở Nội vụ")
    OfficerFactory(user=stranger, agency=agency, center=CenterFactory(code="noi-vu", agency=agency))
    dossier = awaiting(desk)
    with pytest.raises(ActionNotAllowed):
        record_desk_payment(dossier, stranger, receipt="BL 9")
    assert (
        not Payment.objects.exists() and Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FINANCIAL
    )


def test_the_desk_officer_records_it_from_the_dossier_page(desk, client):
    from django.urls import reverse

    from tests.factories import UserFactory

    dossier = awaiting(desk)
    UserFactory(username="tiepnhan", perms=["wagtailadmin.access_admin"])
    client.force_login(desk["desk"])
    url = reverse("dossier:edit", args=(dossier.pk,))
    page = client.get(url).content.decode()
    assert "Thu phí, lệ phí tại quầy" in page and "Số biên lai thu phí, lệ phí" in page
    form = {"action": "payment_at_desk", "payment_at_desk-version": dossier.version}
    client.post(url, {**form, "payment_at_desk-note": ""})
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FINANCIAL  # refused without a number
    client.post(url, {**form, "payment_at_desk-note": "BL 0001234"})
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.NEW
    assert Payment.objects.get().provider_transaction_id == "BL 0001234"


def test_a_desk_payment_is_never_recorded_without_its_payment_row(desk):
    """The bare action cannot move a dossier out of status 6: only with the paid Payment beside it."""
    dossier = awaiting(desk)
    with pytest.raises(ActionNotAllowed, match="biên lai"):
        perform_action(dossier, "payment_at_desk", desk["desk"], note="BL 5")
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FINANCIAL


def test_the_api_records_a_desk_payment_with_its_receipt(desk, client):
    from tests.workflows.test_api_and_lookup import authorise

    api = authorise(client, desk["desk"])
    dossier = awaiting(desk)
    answer = api.post(
        f"/api/v1/dossiers/{dossier.code}/actions/",
        {"action": "payment_at_desk", "note": "BL 0007"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["status"]["code"] == 1
    assert Payment.objects.get().provider_transaction_id == "BL 0007"
