"""The queues at scale: counts read from the open dossiers only, and a listing that counts at most COUNT_CAP.

`queue_counts` filters on the open statuses before counting (so PostgreSQL reads the partial index
`dossier_open`); these tests prove that filter changes no count, for every status, paused or not, due or
late, assigned or not, for the province's administrator and for an officer's scope.
"""

import datetime as dt
import itertools

import pytest
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.workflows.conftest import at, new_dossier
from workflows import queues
from workflows.models import Dossier, DossierStatus
from workflows.permissions import visible_dossiers
from workflows.queues import QUEUE_LABELS, CappedCountPaginator, queue_counts, queue_q


def recount(queryset, *, now, user) -> dict[str, int]:
    """Each queue counted on its own over every row, open or not: the definition, without the shortcut."""
    return {key: queryset.filter(queue_q(key, now=now, user=user)).count() for key in QUEUE_LABELS}


@pytest.fixture
def every_state(desk):
    """One dossier per (status, paused, due in the past/soon/later/none, assigned or not)."""
    now = timezone.now()
    dues = (now - dt.timedelta(days=3), now + dt.timedelta(hours=2), now + dt.timedelta(days=30), None)
    combos = list(itertools.product(DossierStatus.values, (False, True), dues, (None, desk["specialist"])))
    made = [new_dossier(desk, at(2026, 3, 2, 9, 0)) for _ in combos]
    for dossier, (status, paused, due, assignee) in zip(made, combos, strict=True):
        Dossier.objects.filter(pk=dossier.pk).update(
            status=status,
            paused_at=now - dt.timedelta(days=1) if paused else None,
            due_at=due,
            assignee=assignee,
        )
    return now


def test_every_queue_lies_within_the_open_dossiers(desk, every_state):
    now = every_state
    for user in (None, desk["specialist"], desk["desk"]):
        expected = recount(Dossier.objects.all(), now=now, user=user)
        assert queue_counts(Dossier.objects.all(), now=now, user=user) == expected
        assert any(expected.values())


def test_an_officers_counts_agree_with_a_recount_of_their_scope(desk, every_state, stranger_desk):
    now = every_state
    for officer in (desk["specialist"], stranger_desk):
        scope = visible_dossiers(officer)
        assert queue_counts(scope, now=now, user=officer) == recount(scope, now=now, user=officer)
    # The other agency's officer sees none of the desk's dossiers, in any queue.
    assert set(queue_counts(visible_dossiers(stranger_desk), now=now, user=stranger_desk).values()) == {0}


@pytest.fixture
def stranger_desk(db):
    from tests.factories import AgencyFactory, CenterFactory, OfficerFactory
    from tests.workflows.conftest import PERMS

    user = UserFactory(username="sokhac-queues", perms=PERMS)
    agency = AgencyFactory(identifier="000.00.32.H22", name="Sở Nội vụ")
    OfficerFactory(user=user, agency=agency, center=CenterFactory(code="noi-vu", agency=agency))
    return user


def test_the_capped_paginator_counts_exactly_below_the_cap_and_stops_above(desk, monkeypatch):
    for _ in range(5):
        new_dossier(desk, at(2026, 3, 2, 9, 0))
    rows = Dossier.objects.order_by("-pk")
    monkeypatch.setattr(queues, "COUNT_CAP", 10)
    below = CappedCountPaginator(rows, 2)
    assert (below.count, below.count_capped, below.num_pages) == (5, False, Paginator(rows, 2).num_pages)
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    above = CappedCountPaginator(rows, 2)
    assert (above.count, above.count_capped) == (4, True)
    assert [d.pk for d in above.page(1)] == list(rows.values_list("pk", flat=True)[:2])


def test_the_listing_says_when_it_stops_counting(desk, admin_client, monkeypatch):
    for _ in range(4):
        new_dossier(desk, at(2026, 3, 2, 9, 0))
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    html = admin_client.get(reverse("dossier:index")).content.decode()
    assert "Có hơn 3 hồ sơ khớp" in html
    monkeypatch.setattr(queues, "COUNT_CAP", 100)
    html = admin_client.get(reverse("dossier:index")).content.decode()
    assert "Có hơn" not in html


@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc", "last"])
def test_a_page_beyond_the_listing_or_not_a_number_is_not_a_server_error(desk, admin_client, page):
    """A bookmarked ?p=2 after dossiers were closed, or a tampered one, must not 500."""
    new_dossier(desk, at(2026, 3, 2, 9, 0))
    response = admin_client.get(reverse("dossier:index"), {"p": page})
    assert response.status_code in (200, 404), response.status_code
