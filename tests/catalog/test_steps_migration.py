"""Migration 0011 turns each procedure's JSON list of steps into ordered rows and back, losing no step.

The test writes steps as rows, takes the schema back to 0010 (the reverse copies them into the JSON list, read
here in raw SQL), adds a procedure the old way, then migrates forward as a deployment would.
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalog.models import Procedure, ProcedureStep
from catalog.services import upsert_procedure

BEFORE = [("catalog", "0010_two_level_centers_and_levels")]


@pytest.fixture
def forward_afterwards():
    """Whatever the test's outcome, the database ends at the current schema for the tests after it."""
    yield
    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()


def steps_json(code: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT steps FROM catalog_procedure WHERE code = %s", [code])
        value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else value


@pytest.mark.django_db(transaction=True)
def test_steps_go_from_json_to_rows_and_back_in_order(forward_afterwards):
    upsert_procedure(
        {"code": "1.000001", "name": "Đăng ký khai sinh", "steps": ["Nộp hồ sơ", "Nhận kết quả"]}
    )
    upsert_procedure({"code": "1.000002", "name": "Thủ tục chưa có trình tự"})

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    assert steps_json("1.000001") == ["Nộp hồ sơ", "Nhận kết quả"]
    assert steps_json("1.000002") == []
    old = executor.loader.project_state(BEFORE[0]).apps.get_model("catalog", "Procedure")
    old.objects.create(
        code="1.000003",
        name="Thủ tục nhập trước khi có hàng",
        search_name="",
        search_body="",
        # A string step, blanks, and a dict a past import may have written: none is lost, blanks aside.
        steps=["Bước 1: nộp tờ khai", "", "  ", {"text": "Bước 2: thẩm định"}, {"so": 3}],
    )

    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()

    def texts(code):
        return list(
            ProcedureStep.objects.filter(procedure__code=code)
            .order_by("sort_order")
            .values_list("text", flat=True)
        )

    assert texts("1.000001") == ["Nộp hồ sơ", "Nhận kết quả"]
    assert texts("1.000002") == []
    assert texts("1.000003") == ["Bước 1: nộp tờ khai", "Bước 2: thẩm định", '{"so": 3}']
    # Procedures that existed before drafts are published ones.
    assert Procedure.objects.filter(live=True).count() == 3
