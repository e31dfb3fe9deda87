"""The small worlds the test packages start from, built with the factories (the one place test data is made).

The demo province itself is `cms.demo.loader`'s, loaded once per module by the `demo` fixture (tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

from .catalog import AgencyFactory, AgencyLevelFactory, CenterFactory, FieldFactory, ProcedureFactory
from .people import OfficerFactory, UserFactory

#: What a desk officer needs to act on and see dossiers.
DOSSIER_PERMS = ["workflows.act_on_dossier", "workflows.view_dossier"]


def department_desk(
    *,
    identifier: str,
    name: str,
    procedure: tuple[str, str],
    center: dict[str, Any] | None = None,
    received_at_center: bool = False,
) -> dict[str, Any]:
    """A provincial department, its center (`center`: the center's factory values) and one procedure of the
    department (code, name), which the center lists among those it receives when `received_at_center`."""
    agency = AgencyFactory(identifier=identifier, name=name, level=AgencyLevelFactory(code="province"))
    desk_center = CenterFactory(agency=agency, **(center or {}))
    code, title = procedure
    made = ProcedureFactory(code=code, name=title, agency=agency)
    if received_at_center:
        made.centers.add(desk_center)
        made.centers.commit()  # a parental many-to-many field: written on commit
    return {"agency": agency, "center": desk_center, "procedure": made}


def officer(username: str, desk: dict[str, Any], *, groups=(), perms=()) -> Any:
    """A user working at the desk's agency and center, with `DOSSIER_PERMS` and `perms`, in `groups`."""
    user = UserFactory(username=username, groups=list(groups), perms=[*DOSSIER_PERMS, *perms])
    OfficerFactory(user=user, agency=desk["agency"], center=desk["center"])
    return user


def small_province() -> dict[str, Any]:
    """Three levels, a province (the decision issuer) with two departments, and one sector."""
    levels = {code: AgencyLevelFactory(code=code) for code in ("province", "district", "commune")}
    top = AgencyFactory(identifier="000.00.00.H22", name="UBND tỉnh Quảng Ninh", level=levels["province"])
    construction = AgencyFactory(
        identifier="000.00.12.H22", name="Sở Xây dựng", short_name="SXD", level=levels["province"], parent=top
    )
    justice = AgencyFactory(
        identifier="000.00.14.H22", name="Sở Tư pháp", short_name="STP", level=levels["province"], parent=top
    )
    FieldFactory(code="xay-dung", name="Xây dựng")
    return {"top": top, "construction": construction, "justice": justice, "levels": levels}
