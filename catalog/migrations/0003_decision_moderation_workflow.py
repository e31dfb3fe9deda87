"""Seed the decision moderation workflow: review by the procedure-control team, approval by the leaders."""

from django.db import migrations

CONTROL_TEAM = "Tổ kiểm soát TTHC"
LEADERS = "Lãnh đạo"
WORKFLOW = "Duyệt quyết định công bố TTHC"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(content_type=ct, codename=codename, defaults={"name": name})
    return perm, ct


def seed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    DecisionApprovalTask = apps.get_model("catalog", "DecisionApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    control, _ = Group.objects.get_or_create(name=CONTROL_TEAM)
    leaders, _ = Group.objects.get_or_create(name=LEADERS)
    access_admin, _ = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    editing = [
        _permission(apps, "catalog", model, f"{verb}_{model}", f"Can {verb} {model}")[0]
        for model in ("decision", "procedure", "agency", "center", "field")
        for verb in ("add", "change", "view")
    ]
    publish, decision_ct = _permission(apps, "catalog", "decision", "publish_decision", "Can publish decision")
    control.permissions.add(access_admin, *editing)
    leaders.permissions.add(access_admin, *editing, publish)

    task_ct, _ = ContentType.objects.get_or_create(app_label="catalog", model="decisionapprovaltask")
    review = DecisionApprovalTask.objects.create(name="Rà soát của Tổ kiểm soát TTHC", content_type=task_ct, active=True)
    review.groups.set([control])
    approval = DecisionApprovalTask.objects.create(name="Phê duyệt của Lãnh đạo", content_type=task_ct, active=True)
    approval.groups.set([leaders])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
    WorkflowContentType.objects.create(workflow=workflow, content_type=decision_ct)


def unseed(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    DecisionApprovalTask = apps.get_model("catalog", "DecisionApprovalTask")
    Workflow.objects.filter(name=WORKFLOW).delete()
    DecisionApprovalTask.objects.filter(name__in=["Rà soát của Tổ kiểm soát TTHC", "Phê duyệt của Lãnh đạo"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_decision_task"),
        ("wagtailcore", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
