"""The demo province (Quảng Ninh, as of December 2026): agencies, centers, ~60 procedures, a decision,
workflows, staff, dossiers.

The province is built as it was before 2025 (three levels, the departments before their merger) with a few
dossiers received then, and brought to today's two-level set-up by the reorganisation tool itself: the plans
`data/reorganisation-*.json` go through `catalog.services.apply_reorganisation` on every load, exactly as a
province would apply them (docs/REORGANISATION.md). Open old dossiers follow the successor units with a history
line; closed ones keep their old agency and center.

Idempotent: every row is keyed by its natural key (identifier, code, number, username); the old structure's
rows are only created, never reverted; the plans change nothing once applied; dossiers are created only when
there are none, so `make run` twice loads nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from catalog.models import Agency, AgencyLevel, Center, Decision, DecisionItem, Field, Procedure
from catalog.services import CatalogLookups, apply_reorganisation, link_related, read_plan, upsert_procedure
from cms.models import HomePage
from workflows.models import Dossier, Officer, StepKind, WorkflowStep
from workflows.permissions import reception_denial
from workflows.services import (
    ActionNotAllowed,
    checklist,
    default_workflow_for,
    perform_action,
    receive_dossier,
)
from workflows.services.setup import LEADER_GROUP, RECEPTION_GROUP, SPECIALIST_GROUP

DATA = Path(__file__).resolve().parent / "data"
# Applied in this order after the old structure is built: the departments' merger, then two-level government.
PLANS = ("reorganisation-2025-03-departments.json", "reorganisation-2025-07-two-level.json")


def _load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def ensure_home_page(user=None) -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = HomePage(title="Cổng dịch vụ công tỉnh Quảng Ninh", slug="trang-chu")
    root.add_child(instance=home)
    # Published as the administrator who installed the demo, so the pages' history names someone.
    home.save_revision(user=user).publish(user=user)
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Một Cửa — Quảng Ninh"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Một Cửa — Quảng Ninh",
        )
    if old_root and old_root.pk != home.pk and old_root.depth == 2 and not old_root.get_children().exists():
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return home


def load_agencies() -> None:
    data = _load("agencies.json")
    for level in data["levels"]:
        AgencyLevel.objects.update_or_create(
            code=level["code"], defaults={"name": level["name"], "order": level["order"]}
        )
    levels = {lv.code: lv for lv in AgencyLevel.objects.all()}
    pending = list(data["agencies"])
    # Parents first: loop until every agency whose parent exists has been written.
    for _ in range(5):
        rest = []
        for a in pending:
            parent = Agency.objects.filter(identifier=a["parent"]).first() if a.get("parent") else None
            if a.get("parent") and parent is None:
                rest.append(a)
                continue
            # Created only: once a plan has merged or renamed an agency, reloading must not revert it.
            Agency.objects.get_or_create(
                identifier=a["identifier"],
                defaults={
                    "name": a["name"],
                    "short_name": a.get("short_name", ""),
                    "kind": a.get("kind", "department"),
                    "level": levels[a["level"]],
                    "parent": parent,
                    "active": a.get("active", True),
                },
            )
        pending = rest
    for c in _load("centers.json"):
        center, created = Center.objects.get_or_create(
            code=c["code"],
            defaults={
                "name": c["name"],
                "kind": c["kind"],
                "agency": Agency.objects.get(identifier=c["agency"]),
                "address": c.get("address", ""),
                "phone": c.get("phone", ""),
                "email": c.get("email", ""),
                "opening_hours": c.get("opening_hours", ""),
            },
        )
        if created:
            center.agencies.set(Agency.objects.filter(identifier__in=c.get("agencies", [])))
    for f in _load("fields.json"):
        Field.objects.update_or_create(
            code=f["code"],
            defaults={"name": f["name"], "same_day_cutoff": f.get("same_day_cutoff", False)},
        )


def load_procedures() -> int:
    records = _load("procedures.json")
    lookups = CatalogLookups()
    for record in records:
        upsert_procedure(record, lookups=lookups)
    link_related({r["code"]: r.get("related", []) for r in records})
    return len(records)


def load_decision(user) -> Decision:
    data = _load("decision.json")
    decision = Decision.objects.filter(number=data["number"]).first()
    if decision:
        return decision
    decision = Decision(
        number=data["number"],
        title=data["title"],
        issued=dt.date.fromisoformat(data["issued"]),
        effective=dt.date.fromisoformat(data["effective"]),
        issuer=Agency.objects.get(identifier=data["issuer"]),
        signer=data.get("signer", ""),
        live=False,
    )
    decision.items = [
        DecisionItem(
            sort_order=order,
            kind=i["kind"],
            code=i["code"],
            replaces_code=i.get("replaces") or "",
            name=Procedure.objects.filter(code=i["code"]).values_list("name", flat=True).first() or "",
        )
        for order, i in enumerate(data["items"])
    ]
    decision.save()
    # The demo procedures already hold the decision's content, so publishing records history only.
    decision.save_revision(user=user).publish(user=user)
    return decision


def apply_plans(user=None) -> list[str]:
    """Bring the old structure to today's through the reorganisation tool (nothing changes once applied)."""
    lines = []
    for name in PLANS:
        lines += apply_reorganisation(read_plan(_load(name)), user=user).lines
    return lines


def ensure_groups() -> dict[str, Group]:
    perms = {
        RECEPTION_GROUP: ["act_on_dossier", "view_dossier"],
        SPECIALIST_GROUP: ["act_on_dossier", "view_dossier"],
        LEADER_GROUP: ["act_on_dossier", "view_dossier", "approve_dossier"],
    }
    groups = {}
    for name, codenames in perms.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="workflows", codename__in=codenames)
        )
        access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        group.permissions.add(*access)
        groups[name] = group
    return groups


def ensure_admin(password: str):
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "is_superuser": True,
            "is_staff": True,
            "first_name": "Quản trị",
            "email": "admin@motcua.local",
        },
    )
    if created or os.environ.get("DEMO_ADMIN_PASSWORD"):
        admin.set_password(password)
        admin.save()
    return admin


def ensure_users(password: str) -> dict[str, object]:
    User = get_user_model()
    admin = ensure_admin(password)
    groups = ensure_groups()
    province_center = Center.objects.filter(kind=Center.Kind.PROVINCE_CENTER).first()
    staff = {
        "tiepnhan": ("Nguyễn Thị", "Lan", RECEPTION_GROUP, "Cán bộ tiếp nhận"),
        "chuyenvien": ("Trần Văn", "Hùng", SPECIALIST_GROUP, "Chuyên viên"),
        "lanhdao": ("Phạm Minh", "Tuấn", LEADER_GROUP, "Phó Giám đốc"),
    }
    users = {"admin": admin}
    for username, (first, last, group, title) in staff.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@motcua.local"},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(groups[group])
        if province_center:
            Officer.objects.get_or_create(
                user=user,
                defaults={"agency": province_center.agency, "center": province_center, "title": title},
            )
        users[username] = user
    return users


def ensure_workflows() -> int:
    count = 0
    for procedure in Procedure.objects.published().select_related("agency"):
        workflow = default_workflow_for(procedure)
        if procedure.inter_agency and not workflow.steps.filter(kind=StepKind.FINANCIAL).exists():
            # Inter-agency procedures wait for the tax office: a hop whose clock pauses (Decree 61, art. 21).
            steps = list(workflow.steps.all())
            tax = WorkflowStep(
                workflow=workflow,
                code="nghia-vu-tai-chinh",
                name="Chuyển cơ quan thuế xác định nghĩa vụ tài chính",
                kind=StepKind.FINANCIAL,
                role="Chi cục Thuế",
                budget_value=0,
                pauses_clock=True,
            )
            steps.insert(2, tax)
            for order, step in enumerate(steps):
                step.sort_order = order
                step.save()
            workflow.save()
        count += 1
    return count


# Actions that bring a freshly received dossier to each demo state.
STATE_PATHS = {
    "received": [],
    "in_appraisal": ["transfer"],
    "waiting_supplement": ["transfer", "request_supplement"],
    "approved": ["transfer", "appraise", "approve"],
    "returned": ["transfer", "appraise", "approve", "return_result"],
    "refused": ["refuse"],
    "withdrawn": ["withdraw"],
    "overdue": ["transfer"],
}


def load_dossiers(users, *, historical: bool) -> int:
    """The demo's dossiers: `historical` ones (a fixed `received_on` before the reorganisation, at the old
    centers) or today's (received some days ago, at today's centers, some for another commune's agency)."""
    centers = {c.code: c for c in Center.objects.all()}
    officer = users.get("admin")
    made = 0
    entries = [e for e in _load("dossiers.json") if bool(e.get("received_on")) == historical]
    for entry in entries:
        procedure = Procedure.objects.filter(code=entry["procedure"], status="active").first()
        center = centers.get(entry["center"])
        if procedure is None or center is None:
            continue
        if historical:
            received = timezone.make_aware(dt.datetime.fromisoformat(entry["received_on"]))
        else:
            days = int(entry.get("received_days_ago", 1))
            if entry["state"] == "overdue":
                days = max(days, 40)
            received = timezone.localtime(timezone.now() - dt.timedelta(days=days))
        while received.weekday() >= 5:  # desks receive on working days
            received -= dt.timedelta(days=1)
        received = received.replace(hour=8, minute=30 + made % 25)
        # The sample desk officer works at the provincial center; dossiers of other centers are entered as
        # the system, which the reception scope (workflows.permissions.reception_denial) lets through.
        desk = users.get("tiepnhan")
        agency = Agency.objects.filter(identifier=entry["agency"]).first() if entry.get("agency") else None
        dossier = receive_dossier(
            procedure=procedure,
            center=center,
            agency=agency,
            channel=entry["channel"],
            applicant=entry["applicant"],
            user=desk if reception_denial(desk, procedure, center, agency) is None else None,
            received_at=received,
        )
        moment = received
        for action in STATE_PATHS.get(entry["state"], []):
            moment = moment + dt.timedelta(hours=5)
            dossier.refresh_from_db()
            try:
                perform_action(
                    dossier,
                    action,
                    officer,
                    note=entry.get("note") or "Hồ sơ mẫu",
                    now=min(moment, timezone.now()),
                    # A supplement request names the documents to add (Mẫu 02's table).
                    **(
                        {"missing": [c["name"] for c in checklist(dossier)[:1]]}
                        if action == "request_supplement"
                        else {}
                    ),
                )
            except ActionNotAllowed:
                break
        made += 1
    return made


@transaction.atomic
def load_demo(stdout=None) -> dict:
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(9)
    ensure_home_page(ensure_admin(password))
    load_agencies()
    n = load_procedures()
    users = ensure_users(password)
    load_decision(users["admin"])
    w = ensure_workflows()
    fresh = not Dossier.objects.exists()
    d = load_dossiers(users, historical=True) if fresh else 0
    apply_plans(users["admin"])
    from eforms.demo import ensure_demo_forms

    from ..models import HomePage

    ensure_demo_forms(HomePage.objects.first(), users["admin"])
    if fresh:
        d += load_dossiers(users, historical=False)
        from workflows.tasks import mark_overdue

        mark_overdue.call_local()
    return {"procedures": n, "workflows": w, "dossiers": d, "password": password}
