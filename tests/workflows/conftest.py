import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.factories import (
    AgencyFactory,
    AgencyLevelFactory,
    CenterFactory,
    OfficerFactory,
    ProcedureFactory,
    UserFactory,
)
from workflows.services.setup import LEADER_GROUP, RECEPTION_GROUP, SPECIALIST_GROUP

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PERMS = ["workflows.act_on_dossier", "workflows.view_dossier"]


@pytest.fixture
def desk(db):
    """A department, its center, a 5-working-day procedure, and an officer of each group."""
    agency = AgencyFactory(
        identifier="000.00.12.H22", name="Sở Xây dựng", level=AgencyLevelFactory(code="province")
    )
    center = CenterFactory(code="ttpvhcc", agency=agency)
    procedure = ProcedureFactory(code="1.009994", name="Cấp giấy phép xây dựng", agency=agency)

    def officer(username, group, extra=()):
        user = UserFactory(username=username, groups=[group], perms=[*PERMS, *extra])
        OfficerFactory(user=user, agency=agency, center=center)
        return user

    return {
        "agency": agency,
        "center": center,
        "procedure": procedure,
        "desk": officer("tiepnhan", RECEPTION_GROUP),
        "specialist": officer("chuyenvien", SPECIALIST_GROUP),
        "leader": officer("lanhdao", LEADER_GROUP, ["workflows.approve_dossier"]),
    }


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)
