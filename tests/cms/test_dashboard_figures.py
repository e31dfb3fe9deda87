"""The dashboard's date figures read index-friendly ranges; they must count what the calendar dates say."""

import datetime as dt

from django.test import RequestFactory
from django.utils import timezone

from cms.wagtail_hooks import OneStopDashboard
from tests.factories import UserFactory
from tests.factories.scenarios import department_desk
from tests.workflows.conftest import new_dossier
from workflows.models import Dossier, DossierStatus


def test_received_today_and_returned_this_year_match_the_local_dates(db):
    desk = department_desk(
        identifier="000.00.12.H22",
        name="Sở Xây dựng",
        center={"code": "ttpvhcc"},
        procedure=("1.009994", "Cấp giấy phép xây dựng"),
    )
    now = timezone.localtime()
    today = now.date()
    jan_first = timezone.make_aware(dt.datetime(today.year, 1, 1))
    moments = [
        now,  # today
        jan_first,  # the first minute of the year
        jan_first - dt.timedelta(minutes=1),  # last year's last minute, local time
        now - dt.timedelta(days=1),
    ]
    made = [new_dossier(desk, moment) for moment in moments]
    for dossier, timeliness in zip(made, ("early", "on_time", "late", "late"), strict=True):
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.RETURNED, timeliness=timeliness)
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(username="tinh", is_superuser=True)
    context = OneStopDashboard(request).get_context_data()

    everything = Dossier.objects.all()
    assert context["received_today"] == everything.filter(received_at__date=today).count()
    year = everything.filter(
        received_at__date__gte=today.replace(month=1, day=1), status=DossierStatus.RETURNED
    )
    expected_year = {
        "total": year.count(),
        **{kind: year.filter(timeliness=kind).count() for kind in ("early", "on_time", "late")},
    }
    assert context["done"] == expected_year
    assert expected_year["total"] >= 2  # today's and the first minute of the year's at least
