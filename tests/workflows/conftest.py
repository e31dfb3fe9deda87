import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from tests.factories import DossierFactory
from tests.factories.scenarios import DOSSIER_PERMS, department_desk, officer
from workflows.services.setup import LEADER_GROUP, RECEPTION_GROUP, SPECIALIST_GROUP

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PERMS = DOSSIER_PERMS


@pytest.fixture
def desk(db):
    """A department, its center, a 5-working-day procedure, and an officer of each group."""
    made = department_desk(
        identifier="000.00.12.H22",
        name="Sở Xây dựng",
        center={"code": "ttpvhcc"},
        procedure=("1.009994", "Cấp giấy phép xây dựng"),
    )
    return {
        **made,
        "desk": officer("tiepnhan", made, groups=[RECEPTION_GROUP]),
        "specialist": officer("chuyenvien", made, groups=[SPECIALIST_GROUP]),
        "leader": officer("lanhdao", made, groups=[LEADER_GROUP], perms=["workflows.approve_dossier"]),
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
