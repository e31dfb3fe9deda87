"""Vietnam's public holidays, read from the ``holidays`` package (country "VN"), with Vietnamese names.

What the package provides (checked against holidays 0.109, the version in the project venv):

* ``holidays.VN(years=..., language="vi")`` gives Vietnamese names ("Tết Dương lịch", "Giao thừa Tết Nguyên
  Đán", "Mùng hai Tết Nguyên Đán", "Ngày Giỗ Tổ Hùng Vương", "Quốc khánh", ...). Vietnamese is also the
  package's default language for VN.
* Tết: the Lunar New Year is computed from the Vietnamese lunisolar calendar, so it moves every year. Five
  days (eve + days 1-4) from 2013; when a Tết day falls on a weekend the package adds a substitute working
  day ("29 Tết" before, "Mùng năm/sáu Tết Nguyên Đán" after). 2026: Mon 16/02-Fri 20/02, which matches the
  official 2026 break (Sat 14/02-Sun 22/02 including weekends).
* Observed days: fixed holidays falling on a weekend get a substitute day named "... (nghỉ bù)" (e.g.
  Giỗ Tổ Hùng Vương on Sun 26/04/2026 -> Mon 27/04/2026). National Day has two days since 2021 (02/09
  plus the day before or after). "Ngày Văn hóa Việt Nam" (24/11) appears from 2026.
* Government swaps: known swaps are built in as "Ngày nghỉ (thay cho ngày dd/mm/yyyy)" with the matching
  working Saturday in ``weekend_workdays`` (04/05/2024, 26/04/2025, 22/08/2026, ...). Swaps announced after
  the package release are missing: they are supplied as overrides (``extra_days_off`` /
  ``extra_working_days``), which the engine lets win over the package.
* Years without an official announcement yet are the package's rule-based estimate.
* Unconfirmed days: the package lists "Ngày Văn hóa Việt Nam" (24/11) as a day off from 2026, but no enacted
  amendment of Article 112 of the Labour Code (Bộ luật Lao động 2019) making it a paid public holiday was
  found. Such days are NOT days off by default (``UNCONFIRMED_NAMES``): they are shown to the province as a
  proposal when it confirms a year's calendar, and become days off only as an override it adds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import holidays as holidays_pkg

TET_FAMILY = "Tết Nguyên đán"

#: Days the package lists but no enacted text makes a day off (see the module docstring).
UNCONFIRMED_NAMES = frozenset({"Ngày Văn hóa Việt Nam"})


def _package_table(years: Iterable[int]) -> dict[date, str]:
    table = holidays_pkg.country_holidays("VN", years=list(years), language="vi")
    return {day: str(name) for day, name in table.items()}


def package_days_off(years: Iterable[int]) -> dict[date, str]:
    """Public holidays and observed/substituted days off in ``years``, with the package's Vietnamese names.

    Days whose legal basis is unconfirmed (``UNCONFIRMED_NAMES``) are left out: see ``package_proposal``.
    """
    return {d: n for d, n in _package_table(years).items() if n not in UNCONFIRMED_NAMES}


def package_proposal(year: int) -> list[tuple[date, str, bool]]:
    """The package's days off for ``year`` as (date, name, confirmed-by-law) for the province to review."""
    return [(d, n, n not in UNCONFIRMED_NAMES) for d, n in sorted(_package_table([year]).items())]


def package_working_weekend_days(years: Iterable[int]) -> set[date]:
    """Saturdays/Sundays the package knows were turned into working days by a government swap."""
    wanted = set(years)
    table = holidays_pkg.country_holidays("VN", years=sorted(wanted), language="vi")
    # ``weekend_workdays`` exists in recent releases only; an older package simply contributes nothing.
    return {day for day in getattr(table, "weekend_workdays", ()) if day.year in wanted}


def family_name(name: str) -> str:
    """Group the package's per-day names into the holiday a citizen recognises.

    The five or six Tết days all become "Tết Nguyên đán" so an explanation says "nghỉ Tết Nguyên đán
    16–20/02/2026" rather than listing "Giao thừa", "Mùng hai", ... one by one.
    """
    if "Tết" in name and "Dương lịch" not in name:
        return TET_FAMILY
    return name
