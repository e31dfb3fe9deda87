"""The public plan page (tasks by section, status, overdue marked) and the status form of the lead agency."""

from __future__ import annotations

import pytest
from django.urls import reverse

from importers.models import PlanTask
from tests.factories import AgencyFactory, OfficerFactory, UserFactory
from tests.factories.importers import PlanFactory, PlanTaskFactory


@pytest.fixture
def plan(db):
    plan = PlanFactory(key="Kế hoạch 1655/KH-UBND", title="Triển khai Nghị định 61/2018/NĐ-CP")
    ict = AgencyFactory(identifier="000.00.20.H22", name="Sở Thông tin và Truyền thông")
    PlanTaskFactory(plan=plan, number="I.1", content="Ban hành kế hoạch", overdue=True, lead=[ict])
    PlanTaskFactory(plan=plan, number="I.2", content="Ban hành quy chế", lead=[ict])
    PlanTaskFactory(
        plan=plan, number="II.1", section="KIỆN TOÀN BỘ PHẬN MỘT CỬA", content="Kiện toàn", undated=True
    )
    return plan, ict


def _officer(agency, client):
    officer = OfficerFactory(agency=agency, user=UserFactory(username=f"cb-{agency.pk}"))
    client.force_login(officer.user)
    return officer


def test_tasks_are_listed_by_section_with_status_and_overdue_marked(client, plan):
    page = client.get(reverse("plan_detail", args=[plan[0].pk])).content.decode()
    assert (
        page.index("XÂY DỰNG, BAN HÀNH") < page.index("Ban hành kế hoạch") < page.index("KIỆN TOÀN BỘ PHẬN")
    )
    assert "1 nhiệm vụ đã quá hạn mà chưa hoàn thành." in page
    assert page.count('<span class="badge late">Quá hạn</span>') == 1
    assert "Hạn 30/09/2018" in page and "Theo lộ trình của Văn phòng Chính phủ" in page
    assert "Chưa thực hiện" in page and 'name="status"' not in page  # anonymous visitors only read
    listing = client.get(reverse("importers:plans")).content.decode()
    assert "3 nhiệm vụ" in listing and "1 quá hạn" in listing


def test_the_lead_agency_sees_a_form_for_its_tasks_only_and_can_change_the_status(client, plan):
    plan, ict = plan
    _officer(ict, client)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert page.count('name="status"') == 2  # I.1 and I.2; II.1 is led by no one matched
    task = PlanTask.objects.get(number="I.1")
    response = client.post(reverse("plan_task_status", args=[plan.pk]), {"task": task.pk, "status": "done"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.status_changed_by.username == f"cb-{ict.pk}"
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Đã cập nhật tình trạng nhiệm vụ I.1: Đã hoàn thành." in page
    assert "quá hạn mà chưa hoàn thành" not in page  # done is no longer overdue


def test_another_agency_cannot_change_the_status(client, plan):
    plan, _ict = plan
    _officer(AgencyFactory(identifier="000.00.12.H22", name="Sở Xây dựng"), client)
    assert 'name="status"' not in client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    task = PlanTask.objects.get(number="I.2")
    response = client.post(reverse("plan_task_status", args=[plan.pk]), {"task": task.pk, "status": "done"})
    assert response.status_code == 403
    assert "Chỉ cơ quan chủ trì nhiệm vụ này" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "not_started" and task.status_changed_at is None


def test_anonymous_users_cannot_change_the_status(client, plan):
    task = PlanTask.objects.get(number="I.2")
    response = client.post(
        reverse("plan_task_status", args=[plan[0].pk]), {"task": task.pk, "status": "done"}
    )
    assert response.status_code == 403 and PlanTask.objects.get(pk=task.pk).status == "not_started"


def test_the_office_that_follows_the_plan_may_change_any_task(client, plan):
    client.force_login(UserFactory(username="vanphong", perms=["importers.change_plantask"]))
    task = PlanTask.objects.get(number="II.1")
    client.post(reverse("plan_task_status", args=[plan[0].pk]), {"task": task.pk, "status": "in_progress"})
    assert PlanTask.objects.get(pk=task.pk).status == "in_progress"


def test_a_task_of_another_plan_or_an_unknown_status_changes_nothing(client, plan):
    plan, ict = plan
    _officer(ict, client)
    other = PlanTaskFactory(plan=PlanFactory(), lead=[ict])
    assert (
        client.post(
            reverse("plan_task_status", args=[plan.pk]), {"task": other.pk, "status": "done"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("plan_task_status", args=[plan.pk]), {"task": "x", "status": "done"}).status_code
        == 404
    )
    task = PlanTask.objects.get(number="I.2")
    client.post(reverse("plan_task_status", args=[plan.pk]), {"task": task.pk, "status": "xong"})
    assert PlanTask.objects.get(pk=task.pk).status == "not_started"
    assert PlanTask.objects.get(pk=other.pk).status == "not_started"
    assert "Tình trạng không hợp lệ." in client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
