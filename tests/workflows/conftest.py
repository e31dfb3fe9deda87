import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from tests.factories import (
    AgencyFactory,
    AgencyLevelFactory,
    CenterFactory,
    DossierFactory,
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


def new_dossier(desk, when: dt.datetime | None = None, *, user=None, **applicant):
    """A dossier received in person at the desk's center for its procedure (through `DossierFactory`), at
    `when` (default now), by `user` (default the system), from `applicant` (name, phone, id_number, email;
    default the factory's). `desk` is any fixture dict with a "procedure" and a "center"."""
    extra = {"applicant": applicant} if applicant else {}
    return DossierFactory(
        procedure=desk["procedure"], center=desk["center"], user=user, received_at=when, **extra
    )


@pytest.fixture
def fresh_cache():
    """An empty cache before and after: the lookup and rating rate limits count in it across tests."""
    cache.clear()
    yield
    cache.clear()
