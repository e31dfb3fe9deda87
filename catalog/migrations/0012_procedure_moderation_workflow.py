"""Seed the workflow an admin edit of a procedure goes through: review by the procedure-control team, approval
(publishing) by the leaders, the same groups as decisions (0003)."""

from django.db import migrations

CONTROL_TEAM = "Tổ kiểm soát TTHC"
LEADERS = "Lãnh đạo"
WORKFLOW = "Duyệt sửa đổi thủ tục hành chính"
TASKS = ("Rà soát sửa đổi thủ tục (Tổ kiểm soát TTHC)", "Phê duyệt sửa đổi thủ tục (Lãnh đạo)")


def seed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    control, _ = Group.objects.get_or_create(name=CONTROL_TEAM)
    leaders, _ = Group.objects.get_or_create(name=LEADERS)
    procedure_ct, _ = ContentType.objects.get_or_create(app_label="catalog", model="procedure")
    publish, _ = Permission.objects.get_or_create(
        content_type=procedure_ct, codename="publish_procedure", defaults={"name": "Can publish procedure"}
    )
    leaders.permissions.add(publish)

    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    review = GroupApprovalTask.objects.create(name=TASKS[0], content_type=task_ct, active=True)
    review.groups.set([control])
    approval = GroupApprovalTask.objects.create(name=TASKS[1], content_type=task_ct, active=True)
    approval.groups.set([leaders])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
    WorkflowContentType.objects.update_or_create(content_type=procedure_ct, defaults={"workflow": workflow})


def unseed(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name__in=TASKS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0011_procedure_steps_as_rows_and_drafts"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
