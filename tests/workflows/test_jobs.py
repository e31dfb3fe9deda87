"""The jobs: overdue marking, reminders before a step's due time, applicant notices by email and SMS.

Each job runs twice in each test: the second run must change nothing and send nothing.
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.workflows.conftest import new_dossier
from workflows.models import Dossier, Notice
from workflows.services import perform_action
from workflows.sms import LocmemSMSBackend
from workflows.tasks import advance_automatic_steps, mark_overdue, notify_applicant, remind_assignees


@pytest.fixture(autouse=True)
def sms(settings):
    settings.SMS_BACKEND = "workflows.sms.LocmemSMSBackend"
    LocmemSMSBackend.outbox.clear()
    return LocmemSMSBackend.outbox


def receive(desk, when, email="binh@example.vn"):
    return new_dossier(desk, when, user=desk["desk"], name="Tô Văn Bình", phone="0988777666", email=email)


def test_overdue_marking_flags_once_and_unflags_when_the_date_moves(desk):
    late = receive(desk, timezone.now() - dt.timedelta(days=30))
    fresh = receive(desk, timezone.now())
    assert mark_overdue.call_local() == 1
    assert mark_overdue.call_local() == 0
    assert Dossier.objects.get(pk=late.pk).overdue and not Dossier.objects.get(pk=fresh.pk).overdue
    Dossier.objects.filter(pk=late.pk).update(due_at=timezone.now() + dt.timedelta(days=3))
    mark_overdue.call_local()
    assert not Dossier.objects.get(pk=late.pk).overdue


def test_the_applicant_is_told_by_email_and_sms_once(desk, sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = receive(desk, timezone.now())
    assert len(mail.outbox) == 1 and dossier.code in mail.outbox[0].body and "Hẹn trả" in mail.outbox[0].body
    assert sms == [("0988777666", mail.outbox[0].body)]
    event = dossier.events.get()
    assert notify_applicant.call_local(event.pk) == 0
    assert len(mail.outbox) == 1 and len(sms) == 1
    assert set(Notice.objects.values_list("key", flat=True)) == {
        f"event:{event.pk}:email",
        f"event:{event.pk}:sms",
    }


@pytest.mark.parametrize("action", ["request_supplement", "reschedule", "approve"])
def test_supplement_apology_and_result_notices(desk, sms, action):
    dossier = receive(desk, timezone.now())
    dossier = perform_action(dossier, "transfer", desk["desk"])
    if action == "request_supplement":
        dossier = perform_action(
            dossier, action, desk["specialist"], note="Thiếu sổ đỏ bản sao", missing=["Sổ đỏ"]
        )
        expected = "Thiếu sổ đỏ bản sao"
    elif action == "reschedule":
        new_due = dossier.due_at + dt.timedelta(days=7)
        dossier = perform_action(dossier, action, desk["leader"], note="Chờ cơ quan thuế", new_due=new_due)
        expected = "Xin lỗi"
    else:
        dossier = perform_action(dossier, "appraise", desk["specialist"])
        dossier = perform_action(dossier, "approve", desk["leader"])
        expected = "đã có kết quả"
    event = dossier.events.get(action=action)
    assert notify_applicant.call_local(event.pk) == 2
    assert expected in mail.outbox[-1].body and expected in sms[-1][1]
    assert notify_applicant.call_local(event.pk) == 0


def test_a_failed_send_is_not_recorded_so_a_retry_sends_it(desk, settings):
    dossier = receive(desk, timezone.now(), email="")
    settings.SMS_BACKEND = "tests.workflows.test_jobs.BrokenSMS"
    event = dossier.events.get()
    with pytest.raises(ConnectionError):
        notify_applicant.call_local(event.pk)
    assert not Notice.objects.exists()
    settings.SMS_BACKEND = "workflows.sms.LocmemSMSBackend"
    assert notify_applicant.call_local(event.pk) == 1


class BrokenSMS:
    def send(self, phone, text):
        raise ConnectionError("gateway down")


def test_assignees_are_reminded_before_the_step_due_time_once(desk):
    desk["specialist"].email = "hung@example.vn"
    desk["specialist"].save()
    # Appraisal has 4 of the 5 days: start it so that it falls due two working hours from now.
    from workflows.services.deadlines import current_calendar

    calendar = current_calendar()
    due = calendar.add_working_minutes(timezone.now(), 120)
    started = calendar.instant(calendar.minute_at_wm(calendar.wm(calendar.minute_of(due)) - 4 * 480))
    dossier = receive(desk, started - dt.timedelta(hours=1))
    dossier = perform_action(dossier, "transfer", desk["desk"], now=started)
    assert dossier.step_code == "tham-dinh"
    assert remind_assignees.call_local() == 1
    assert mail.outbox[-1].to == ["hung@example.vn"] and dossier.code in mail.outbox[-1].subject
    assert remind_assignees.call_local() == 0
    perform_action(Dossier.objects.get(pk=dossier.pk), "assign", desk["leader"], assignee=desk["specialist"])
    assert remind_assignees.call_local() == 0  # same step, same start: already reminded


def test_the_jobs_command_runs_both_jobs(desk, capsys):
    receive(desk, timezone.now() - dt.timedelta(days=30))
    call_command("dossier_jobs")
    assert "Đánh dấu quá hạn: 1 hồ sơ" in capsys.readouterr().out
    call_command("dossier_jobs")
    assert "Đánh dấu quá hạn: 0 hồ sơ" in capsys.readouterr().out


def test_automatic_steps_are_moved_on_by_the_job_once(desk):
    from workflows.models import WorkflowStep
    from workflows.services import default_workflow_for

    workflow = default_workflow_for(desk["procedure"])
    WorkflowStep.objects.filter(workflow=workflow, code="tiep-nhan").update(automatic=True)
    workflow.save()  # a new version: dossiers received from now on carry the automatic step
    dossier = receive(desk, timezone.now())
    assert dossier.step()["automatic"]
    assert advance_automatic_steps.call_local() == 1
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.step_code == "tham-dinh"
    assert dossier.events.last().actor_name == "Hệ thống" and dossier.events.last().action == "transfer"
    assert advance_automatic_steps.call_local() == 0
