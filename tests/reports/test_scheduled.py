"""Scheduled reports: the monthly job makes each closed period's file once, mails it once per recipient, and
the admin lists the files with downloads; the leaders' dashboard renders its charts."""

import io

from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook

from reports.models import ReportFile, ReportRecipient
from reports.periods import parse_period
from reports.services.scheduled import due_periods, produce_due_reports
from reports.tasks import produce_periodic_reports

from .conftest import at, receive, resolve


def test_due_periods_are_last_month_and_after_a_quarter_last_quarter():
    assert [p.label for p in due_periods(at(2026, 11, 1, 6))] == ["2026-10"]
    assert [p.label for p in due_periods(at(2027, 1, 1, 6))] == ["2026-12", "2026-Q4"]
    assert [p.label for p in due_periods(at(2026, 4, 15, 6))] == ["2026-03", "2026-Q1"]


def test_the_job_produces_and_mails_each_file_once(office):
    resolve(receive(office, at(2026, 12, 2, 9)), at(2026, 12, 3, 9))
    ReportRecipient.objects.create(email="vanphong@example.vn", name="Văn phòng UBND tỉnh")
    ReportRecipient.objects.create(
        email="so@example.vn", scope=f"agency:{office['agency'].pk}", monthly=False
    )
    files = produce_due_reports(now=at(2027, 1, 1, 6, 15))
    assert sorted((f.period, f.scope) for f in files) == sorted(
        [(p, s) for p in ("2026-12", "2026-Q4") for s in ("province", f"agency:{office['agency'].pk}")]
    )
    # The monthly province file to the office, the quarterly ones to both; the agency's monthly one to nobody.
    assert sorted((m.to[0], m.subject.split("TTHC ")[1].split(" —")[0]) for m in mail.outbox) == [
        ("so@example.vn", "Quý IV/2026"),
        ("vanphong@example.vn", "Quý IV/2026"),
        ("vanphong@example.vn", "Tháng 12/2026"),
    ]
    attachment = mail.outbox[0].attachments[0]
    assert load_workbook(io.BytesIO(attachment[1])).active["C8"].value == 1
    produce_due_reports(now=at(2027, 1, 1, 6, 15))
    assert ReportFile.objects.count() == 4 and len(mail.outbox) == 3
    assert ReportFile.objects.get(period="2026-12", scope="province").totals["received"] == 1


def test_the_periodic_task_and_the_command_run_the_same_service(office, settings):
    produce_periodic_reports.call_local()
    assert ReportFile.objects.count() >= 1
    call_command("produce_reports", "--period", "2026-Q1", "--no-send", stdout=io.StringIO())
    assert ReportFile.objects.filter(period="2026-Q1", kind="quarter").exists()
    assert parse_period("2026-Q1").kind == "quarter"


def test_the_admin_lists_files_with_downloads_and_the_dashboard_renders(admin_client, office):
    resolve(receive(office, at(2026, 12, 2, 9)), at(2026, 12, 3, 9))
    call_command("produce_reports", "--period", "2026-12", "--no-send", stdout=io.StringIO())
    report_file = ReportFile.objects.get()
    listing = admin_client.get("/admin/tep-bao-cao/")
    assert listing.status_code == 200 and report_file.title in listing.content.decode()
    download = admin_client.get(f"/admin/bao-cao/tep/{report_file.pk}/")
    assert download.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.title == "2026-12"
    assert (
        admin_client.get("/admin/tep-bao-cao/new/").status_code == 302
    )  # no permission: back to the dashboard
    assert "/admin/tep-bao-cao/new/" not in listing.content.decode()
    dashboard = admin_client.get("/admin/bao-cao/", {"ky": "2026-12"})
    assert dashboard.status_code == 200 and dashboard.content.decode().count("<svg") >= 4
    assert admin_client.get("/admin/nguoi-nhan-bao-cao/").status_code == 200


def test_a_staff_member_without_the_permission_cannot_download(client, office, django_user_model):
    from django.contrib.auth.models import Permission

    resolve(receive(office, at(2026, 12, 2, 9)), at(2026, 12, 3, 9))
    call_command("produce_reports", "--period", "2026-12", "--no-send", stdout=io.StringIO())
    user = django_user_model.objects.create_user("bientap", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(f"/admin/bao-cao/tep/{ReportFile.objects.get().pk}/")
    # Wagtail's admin answers a PermissionDenied by sending the user back to the dashboard.
    assert response.status_code == 302 and not response.has_header("Content-Disposition")
