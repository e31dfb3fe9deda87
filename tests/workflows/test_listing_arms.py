"""An officer's whole listing merged from the arms of their scope: the same rows, page by page, as the OFFSET.

The scope is an OR (their agency, the current step's agency, their center, their open branches); on
PostgreSQL a page in the default order is merged from each arm's first rows (`CappedCountPaginator`). These
tests build dossiers in every arm alone, in several arms at once, outside the scope, with equal receipt times,
and compare every page with what the plain OFFSET over the OR gives.
"""

import datetime as dt
import functools
import operator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgencyFactory, CenterFactory, OfficerFactory, UserFactory
from tests.workflows.conftest import at, new_dossier
from workflows.admin_views import DossierIndexView
from workflows.models import Dossier, DossierBranch
from workflows.permissions import officer_of, scope_arms, visible_dossiers
from workflows.queues import CappedCountPaginator

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the merge runs on PostgreSQL")


@pytest.fixture
def spread(desk):
    """Dossiers of the specialist's scope in each arm (and in two), and some outside it; every other pair
    received at the same minute, so the order's tie-break (the id) matters."""
    own = desk["agency"].identifier
    other_agency = AgencyFactory(identifier="000.00.40.H22", name="Sở Tài chính")
    other_center = CenterFactory(code="tai-chinh", agency=other_agency)
    start = at(2026, 3, 2, 8, 0)
    arms = ["agency", "step", "center", "branch", "outside", "agency+step", "outside-step"]
    made = []
    for i in range(28):
        dossier = new_dossier(desk, start + dt.timedelta(minutes=(i // 2) * 7))
        arm = arms[i % len(arms)]
        fields = {"agency": other_agency, "center": other_center, "step_agency": "000.00.40.H22"}
        if arm.startswith("agency"):
            fields["agency"] = desk["agency"]
        if arm in ("step", "agency+step"):
            fields["step_agency"] = own
        if arm == "center":
            fields["center"] = desk["center"]
        Dossier.objects.filter(pk=dossier.pk).update(**fields)
        if arm == "branch":
            DossierBranch.objects.create(
                dossier=dossier,
                fork="fork",
                first_step="police",
                step_code="police",
                step_agency=own,
                started_at=start,
                step_started_at=start,
            )
        made.append(dossier)
    return made


def pages(paginator) -> list[list[int]]:
    return [[row.pk for row in paginator.page(n).object_list] for n in paginator.page_range]


def test_the_arms_of_a_scope_are_the_scope(desk, spread):
    user = desk["specialist"]
    arms = scope_arms(officer_of(user))
    either = Dossier.objects.filter(functools.reduce(operator.or_, arms))
    assert set(either.values_list("pk", flat=True)) == set(
        visible_dossiers(user).values_list("pk", flat=True)
    )
    # Every arm has rows of its own, and the rows outside the scope are not in it.
    assert all(Dossier.objects.filter(arm).exists() for arm in arms)
    assert 0 < either.count() < len(spread)


@postgres_only
@pytest.mark.parametrize("per_page", [1, 2, 3, 5, 50])
def test_every_merged_page_is_the_offset_page(desk, spread, per_page):
    user = desk["specialist"]
    rows = visible_dossiers(user, Dossier.objects.order_by("-received_at", "-pk"))
    plain = CappedCountPaginator(rows, per_page)
    merged = CappedCountPaginator(rows, per_page, arms=scope_arms(officer_of(user)))
    assert merged._merges_arms() and not plain._merges_arms()
    assert pages(merged) == pages(plain)
    assert sum(len(page) for page in pages(merged)) == rows.count()


@postgres_only
def test_the_merge_reads_each_arm_and_leaves_other_orders_to_the_offset(desk, spread):
    user = desk["specialist"]
    arms = scope_arms(officer_of(user))
    rows = visible_dossiers(user, Dossier.objects.order_by("-received_at", "-pk"))
    with CaptureQueriesContext(connection) as queries:
        CappedCountPaginator(rows, 2, arms=arms).page(3)
    assert any(q["sql"].count("UNION") == len(arms) - 1 for q in queries.captured_queries)
    # Sorted on another column (a header click), the listing pages by OFFSET as before.
    by_status = visible_dossiers(user, Dossier.objects.order_by("status", "-pk"))
    assert not CappedCountPaginator(by_status, 2, arms=arms)._merges_arms()


@postgres_only
def test_an_officer_whose_scope_is_empty_gets_an_empty_page_not_an_error(desk):
    """CI caught it: an officer of another agency, none of whose dossiers exist yet, opened the listing and
    got a 500 (each arm sliced `[:0]` is an EmptyQuerySet; their UNION collapsed into one, sliced, and the
    merge could not order it). And one without the dossier permissions sees `none()`."""
    new_dossier(desk, at(2026, 3, 2, 8, 0))
    agency = AgencyFactory(identifier="000.00.31.H22", name="Sở Tư pháp")
    user = UserFactory(username="sokhac", perms=["workflows.view_dossier", "wagtailadmin.access_admin"])
    OfficerFactory(user=user, agency=agency, center=CenterFactory(code="tu-phap", agency=agency))
    arms = scope_arms(officer_of(user))
    rows = visible_dossiers(user, Dossier.objects.order_by("-received_at", "-pk"))
    assert Dossier.objects.exists() and not rows.exists()
    paginator = CappedCountPaginator(rows, 5, arms=arms)
    assert paginator._merges_arms()
    assert list(paginator.page(1).object_list) == []
    nothing = CappedCountPaginator(Dossier.objects.none().order_by("-received_at", "-pk"), 5, arms=arms)
    assert not nothing._merges_arms() and list(nothing.page(1).object_list) == []


def test_the_officers_listing_shows_each_page_of_their_scope_once(desk, spread, client, monkeypatch):
    """Through the admin, on either engine: every dossier of the scope on exactly one page, in order."""
    per_page = 4
    monkeypatch.setattr(DossierIndexView, "get_paginate_by", lambda view, queryset: per_page)
    user = desk["specialist"]
    UserFactory(username=user.username, perms=["wagtailadmin.access_admin"])
    client.force_login(user)
    expected = [d.code for d in visible_dossiers(user).order_by("-received_at", "-pk")]
    seen = []
    assert len(expected) > 2 * per_page
    index = reverse("dossier:index")
    outside = set(Dossier.objects.values_list("code", flat=True)) - set(expected)
    assert outside
    for number in range(1, -(-len(expected) // per_page) + 1):
        html = client.get(index, {"p": number}).content.decode()
        seen += sorted((html.index(code), code) for code in expected if code in html)
        assert not any(code in html for code in outside)
    assert [code for _at, code in seen] == expected
