import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.factories import (
    AgencyFactory,
    AgencyLevelFactory,
    CenterFactory,
    DossierFactory,
    OfficerFactory,
    ProcedureFactory,
    UserFactory,
)
from workflows.services import perform_action

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


@pytest.fixture
def office(db):
    """A department with its province center, a 5-working-day procedure and an officer at the center."""
    agency = AgencyFactory(
        identifier="000.00.12.H22", name="Sở Xây dựng", level=AgencyLevelFactory(code="province")
    )
    center = CenterFactory(code="ttpvhcc", agency=agency, kind="province_center")
    procedure = ProcedureFactory(code="1.009994", name="Cấp giấy phép xây dựng", agency=agency)
    officer = UserFactory(username="canbo", is_superuser=True)
    OfficerFactory(user=officer, agency=agency, center=center)
    return {"agency": agency, "center": center, "procedure": procedure, "officer": officer}


def receive(office, when, *, channel="direct", procedure=None, center=None):
    return DossierFactory(
        procedure=procedure or office["procedure"],
        center=center or office["center"],
        channel=channel,
        received_at=when,
        user=office["officer"],
    )


def resolve(dossier, when, user=None, *, returned=True):
    """Through every step to the result at `when` (and hand it back an hour later)."""
    for action in ("transfer", "appraise", "approve"):
        dossier = perform_action(dossier, action, user, now=when)
    if returned:
        dossier = perform_action(dossier, "return_result", user, now=when + dt.timedelta(hours=1))
    return dossier
