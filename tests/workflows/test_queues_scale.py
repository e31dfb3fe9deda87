"""The queues at scale: counts read from the open dossiers only, and a listing that counts at most COUNT_CAP.

`queue_counts` filters on the open statuses before counting (so PostgreSQL reads the partial index
`dossier_open`); these tests prove that filter changes no count, for every status, paused or not, due or
late, assigned or not, for the province's administrator and for an officer's scope.
"""

import datetime as dt
import itertools

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.workflows.conftest import at, new_dossier
from workflows import counts, queues
from workflows.models import Dossier, DossierStatus, DueTally, OpenTally, ReturnedTally
from workflows.models.dossiers import OPEN_STATUSES
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


def direct(monkeypatch, fn, *args, **kwargs):
    """`fn` as SQLite runs it: counting the rows, without the tallies."""
    with monkeypatch.context() as patched:
        patched.setattr(counts, "tallies_kept", lambda: False)
        return fn(*args, **kwargs)


@pytest.mark.parametrize("shift", [dt.timedelta(0), dt.timedelta(days=-2), dt.timedelta(hours=30)])
def test_the_tallied_counts_are_the_recount_for_every_state_and_user(
    desk, every_state, stranger_desk, admin_user, monkeypatch, shift
):
    now = every_state + shift
    midnight = dt.datetime.combine(now.astimezone(dt.UTC).date(), dt.time(), tzinfo=dt.UTC)
    for moment in (now, midnight, midnight - dt.timedelta(microseconds=1)):
        for user in (None, admin_user, desk["specialist"], desk["desk"], desk["leader"], stranger_desk):
            scope = visible_dossiers(user)
            expected = recount(scope, now=moment, user=user)
            assert counts.queue_counts_for(user, now=moment) == expected, (user, moment)
            figures = counts.home_figures(user, now=moment, year=2026)
            assert figures == direct(monkeypatch, counts.home_figures, user, now=moment, year=2026)


def test_the_tallies_follow_every_write_on_postgresql(desk, every_state, admin_user):
    """Inserts, updates of every counted column and deletes keep the tallies equal to the rows."""
    if connection.vendor != "postgresql":
        pytest.skip("the tallies are kept by PostgreSQL triggers; SQLite counts the rows")
    open_rows = Dossier.objects.filter(status__in=OPEN_STATUSES)
    assert OpenTally.objects.aggregate(n=Sum("n"))["n"] == open_rows.count()
    assert DueTally.objects.aggregate(n=Sum("n"))["n"] == open_rows.filter(due_at__isnull=False).count()
    made = list(Dossier.objects.order_by("pk"))
    Dossier.objects.filter(pk__in=[d.pk for d in made[::3]]).update(status=DossierStatus.RETURNED)
    Dossier.objects.filter(pk__in=[d.pk for d in made[1::5]]).update(
        assignee=desk["leader"], step_agency="000.00.99.H22", paused_at=None, received_quarter=20262
    )
    Dossier.objects.filter(pk__in=[d.pk for d in made[2::7]]).update(
        due_at=every_state - dt.timedelta(days=9)
    )
    Dossier.objects.filter(pk__in=[d.pk for d in made[4::6]]).delete()
    for d in Dossier.objects.filter(status=DossierStatus.RETURNED)[:5]:
        d.timeliness = "late"
        d.save(update_fields=["timeliness"])
    assert OpenTally.objects.aggregate(n=Sum("n"))["n"] == open_rows.count()
    returned = Dossier.objects.filter(status=DossierStatus.RETURNED).count()
    assert ReturnedTally.objects.aggregate(n=Sum("n"))["n"] == returned > 0
    for user in (admin_user, desk["specialist"], desk["desk"]):
        assert counts.queue_counts_for(user, now=every_state) == recount(
            visible_dossiers(user), now=every_state, user=user
        )


def test_a_tab_pages_by_its_tallied_count_and_an_officers_listing_stops_at_the_cap(desk, client, monkeypatch):
    """A queue's tab takes its count from the queue counts (no recount of its rows); an officer's whole listing
    stops counting once their own agency's dossiers pass the cap. Both say so, and page, like a recount."""
    UserFactory(username=desk["specialist"].username, perms=["wagtailadmin.access_admin"])
    client.force_login(desk["specialist"])
    for _ in range(4):
        new_dossier(desk, at(2026, 3, 2, 9, 0))
    index = reverse("dossier:index")
    to_process = counts.queue_counts_for(desk["specialist"])["to_process"]
    assert to_process == 4
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    for url in (f"{index}?queue=to_process", index):
        assert "Có hơn 3 hồ sơ khớp" in client.get(url).content.decode(), url
    monkeypatch.setattr(queues, "COUNT_CAP", 100)
    html = client.get(f"{index}?queue=to_process").content.decode()
    assert "Có hơn" not in html
    assert sum(html.count(d.code) for d in Dossier.objects.all()) >= 4
    # Another filter beside the queue: the rows are counted again (no tallied count fits them).
    assert "Có hơn" not in client.get(f"{index}?queue=to_process&channel=direct").content.decode()


@pytest.mark.parametrize("page", ["2", "999", "0", "-1", "abc", "last"])
def test_a_page_beyond_the_listing_or_not_a_number_is_not_a_server_error(desk, admin_client, page):
    """A bookmarked ?p=2 after dossiers were closed, or a tampered one, must not 500."""
    new_dossier(desk, at(2026, 3, 2, 9, 0))
    response = admin_client.get(reverse("dossier:index"), {"p": page})
    assert response.status_code in (200, 404), response.status_code
