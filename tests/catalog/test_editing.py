"""Editors without JSON (issue 13, item 7): a procedure's steps, channels (time and fee) and components are rows
in the admin; typed times and fees are parsed as imports parse them, or refused in Vietnamese; an edit of a
published procedure is a draft until the workflow approves it, and the public page and API show the live
version meanwhile."""

from decimal import Decimal

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from catalog.models import DecisionItem, Procedure, ProcedureChannel
from catalog.parsing import fees_json
from catalog.services import CatalogLookups, apply_decision, channel_values, search_catalog, upsert_procedure
from tests.factories import AgencyFactory, DecisionFactory, UserFactory

PROCEDURES = "/admin/snippets/catalog/procedure/"
CONTROL_TEAM = "Tổ kiểm soát TTHC"  # seeded by catalog 0003/0012
LEADERS = "Lãnh đạo"


@pytest.fixture
def procedure(db):
    agency = AgencyFactory(identifier="000.00.31.H22", name="Sở Tư pháp")
    procedure, _ = upsert_procedure(
        {
            "code": "1.004400",
            "name": "Cấp phiếu lý lịch tư pháp",
            "agency": agency.identifier,
            "channels": [
                {"channel": "direct", "processing_time": "10 ngày làm việc", "fees": "200.000 đồng"}
            ],
            "components": [{"name": "Tờ khai yêu cầu cấp phiếu", "originals": 1}],
            "steps": ["Nộp hồ sơ", "Trả kết quả"],
        }
    )
    return procedure


def rows(existing, values):
    """An inline formset as the edit page posts it: the existing rows (by id) edited in place with `values`,
    extra existing rows deleted, extra values added."""
    existing = list(existing)
    items = []
    for index in range(max(len(existing), len(values))):
        item = dict(values[index]) if index < len(values) else {}
        if index < len(existing):
            item["id"] = existing[index].pk
            if index >= len(values):
                item["DELETE"] = "1"
        items.append(item)
    return inline_formset(items, initial=len(existing))


def form_data(procedure, *, time="15 ngày làm việc", fee="50.000 đồng/hồ sơ", steps=("Nộp hồ sơ",), **over):
    """What the edit form posts: every tab, the rows as Wagtail's inline formsets."""

    def saved(relation):
        return getattr(procedure, relation).all() if procedure.pk else []

    data = {
        "code": procedure.code,
        "status": procedure.status,
        "name": procedure.name,
        "procedure_type": "",
        "agency": procedure.agency_id or "",
        "competent_agency": "",
        "cooperating_agencies": "",
        "delegated_agency": "",
        "applicant_types": "Công dân Việt Nam\nNgười nước ngoài",
        "effective_from": "",
        "effective_to": "",
        "receipt_cutoff": "",
        "online_level": "none",
        "requirements": "",
        "result": "Phiếu lý lịch tư pháp",
        "channels": rows(
            saved("channels"),
            [{"channel": "direct", "processing_time_text": time, "fee_text": fee, "description": ""}],
        ),
        "components": rows(
            saved("components"),
            [{"name": "Tờ khai", "originals": 1, "copies": 0, "required": "on", "template_name": ""}],
        ),
        "steps": rows(saved("steps"), [{"text": s} for s in steps]),
        "legal_basis": rows(saved("legal_basis"), []),
        "onsite_receive": "on",
        "onsite_return": "on",
    }
    data.update(over)
    return nested_form_data(data)


def edit(client, procedure, **kwargs):
    return client.post(f"{PROCEDURES}edit/{procedure.pk}/", form_data(procedure, **kwargs))


def public_channel(client, code):
    return client.get(f"/api/v1/procedures/{code}/").json()["channels"][0]


def test_an_editors_change_is_a_draft_until_the_workflow_approves_it(procedure, client):
    editor = UserFactory(groups=[CONTROL_TEAM])
    leader = UserFactory(groups=[LEADERS])
    client.force_login(editor)

    response = edit(
        client, procedure, steps=["Nộp hồ sơ tại Trung tâm", "Nhận kết quả"], **{"action-submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    live = Procedure.objects.get(pk=procedure.pk)
    assert live.has_unpublished_changes and live.live
    # The row, the public page and the API still show the published version.
    assert (live.processing_time_text, live.fee_text) == ("10 ngày làm việc", "200.000 đồng")
    assert [s.text for s in live.steps.all()] == ["Nộp hồ sơ", "Trả kết quả"]
    assert public_channel(client, procedure.code)["processing_time"]["value"] == 10
    assert client.get(f"/api/v1/procedures/{procedure.code}/").json()["steps"] == ["Nộp hồ sơ", "Trả kết quả"]
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert "Nộp hồ sơ tại Trung tâm" not in page and "200.000 đồng" in page
    # The draft holds the edit, parsed.
    draft = live.get_latest_revision_as_object()
    channel = draft.channels.all()[0]
    assert (channel.processing_time_value, channel.processing_time_unit) == (Decimal(15), "working_day")
    assert draft.applicant_types == ["Công dân Việt Nam", "Người nước ngoài"]

    # Review by the control team, then the leaders' approval publishes it.
    state = WorkflowState.objects.get(object_id=str(procedure.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve")
    state.refresh_from_db()
    waiting = Procedure.objects.get(pk=procedure.pk)  # reviewed, not yet approved: still the old version
    assert waiting.has_unpublished_changes and waiting.fee_text == "200.000 đồng"
    state.current_task_state.task.specific.on_action(state.current_task_state, leader, "approve")

    published = Procedure.objects.get(pk=procedure.pk)
    assert not published.has_unpublished_changes
    assert (published.processing_time_text, published.processing_time_value) == (
        "15 ngày làm việc",
        Decimal(15),
    )
    assert published.fee_text == "50.000 đồng/hồ sơ"
    assert [s.text for s in published.steps.all()] == ["Nộp hồ sơ tại Trung tâm", "Nhận kết quả"]
    api = client.get(f"/api/v1/procedures/{procedure.code}/").json()
    assert api["steps"] == ["Nộp hồ sơ tại Trung tâm", "Nhận kết quả"]
    assert api["channels"][0]["processing_time"] == {
        "value": 15,
        "unit": "working_day",
        "text": "15 ngày làm việc",
    }
    assert api["fees"][0]["amount"] == "50000" and api["fees"][0]["per"] == "hồ sơ"
    assert "Nộp hồ sơ tại Trung tâm" in client.get(procedure.get_absolute_url()).content.decode()
    # Publishing saves the row, which keeps the search index in step (the result is part of the folded body).
    assert procedure.pk in search_catalog("phieu ly lich tu phap").procedures.values_list("pk", flat=True)


def test_the_edit_page_shows_rows_and_lines_not_json(procedure, client):
    client.force_login(UserFactory(superuser=True))
    upsert_procedure(
        {"code": procedure.code, "name": procedure.name, "applicant_types": ["Công dân", "Tổ chức"]}
    )
    page = client.get(f"{PROCEDURES}edit/{procedure.pk}/").content.decode()
    assert 'name="steps-0-text"' in page and "Trả kết quả" in page
    assert 'name="channels-0-fee_text"' in page and 'name="channels-0-fees"' not in page
    assert 'id="id_applicant_types">\nCông dân\nTổ chức</textarea>' in page  # one per line, not a JSON list


def test_an_editor_without_publishing_rights_cannot_publish_directly(procedure, client):
    client.force_login(UserFactory(groups=[CONTROL_TEAM]))
    edit(client, procedure, fee="Miễn phí", **{"action-publish": "1"})
    assert Procedure.objects.get(pk=procedure.pk).fee_text == "200.000 đồng"


def test_the_admin_and_the_importer_store_the_same_parsed_values(procedure, client):
    client.force_login(UserFactory(superuser=True))
    response = edit(client, procedure, **{"action-publish": "1"})
    assert response.status_code == 302
    admin = ProcedureChannel.objects.get(procedure=procedure)

    imported, _ = upsert_procedure(
        {
            "code": "1.004401",
            "name": "Thủ tục nhập từ phụ lục",
            "channels": [
                {"channel": "direct", "processing_time": "15 ngày làm việc", "fees": "50.000 đồng/hồ sơ"}
            ],
        },
        lookups=CatalogLookups(),
    )
    other = ProcedureChannel.objects.get(procedure=imported)
    columns = ("processing_time_text", "processing_time_value", "processing_time_unit", "fee_text", "fees")
    assert {c: getattr(admin, c) for c in columns} == {c: getattr(other, c) for c in columns}
    assert admin.fees == fees_json("50.000 đồng/hồ sơ")
    assert admin.fees[0]["amount"] == "50000"
    # The procedure's own copy of its principal channel follows the row.
    saved = Procedure.objects.get(pk=procedure.pk)
    assert (saved.processing_time_value, saved.processing_time_unit, saved.fee_text) == (
        Decimal(15),
        "working_day",
        "50.000 đồng/hồ sơ",
    )
    assert channel_values("15 ngày làm việc", "50.000 đồng/hồ sơ")["processing_time_value"] == Decimal(15)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"time": "khi nào xong thì báo"}, "Không đọc được thời hạn"),
        ({"fee": "tùy trường hợp"}, "Không đọc được mức phí, lệ phí"),
    ],
)
def test_an_unreadable_time_or_fee_is_refused_in_vietnamese(procedure, client, typed, message):
    client.force_login(UserFactory(superuser=True))
    response = edit(client, procedure, **typed, **{"action-publish": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Procedure.objects.get(pk=procedure.pk).has_unpublished_changes is False
    assert ProcedureChannel.objects.get(procedure=procedure).fee_text == "200.000 đồng"


def test_an_imported_text_left_alone_does_not_block_other_edits(db, client):
    procedure, _ = upsert_procedure(
        {
            "code": "1.004402",
            "name": "Thủ tục có phí theo quy định",
            "channels": [{"channel": "direct", "processing_time": "Theo quy định", "fees": "Theo quy định"}],
        }
    )
    client.force_login(UserFactory(superuser=True))
    data = form_data(procedure, time="Theo quy định", fee="Theo quy định", result="Kết quả mới")
    response = client.post(f"{PROCEDURES}edit/{procedure.pk}/", {**data, "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Procedure.objects.get(pk=procedure.pk).result == "Kết quả mới"


def test_a_procedure_created_in_the_admin_is_not_public_until_published(db, client):
    client.force_login(UserFactory(groups=[CONTROL_TEAM]))
    new = Procedure(code="1.004499", name="Thủ tục mới soạn", status="active")
    response = client.post(f"{PROCEDURES}add/", form_data(new, agency=""))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Procedure.objects.get(code="1.004499")
    assert not created.live
    assert client.get(created.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/procedures/{created.code}/").status_code == 404
    assert created.code not in [p["code"] for p in client.get("/api/v1/procedures/").json()["results"]]
    assert not Procedure.objects.published().filter(pk=created.pk).exists()


def test_a_decision_written_over_a_pending_draft_supersedes_it(procedure, client):
    """Approving a draft begun before a decision amended the procedure would put the old text back: the
    decision's version becomes the latest published revision and the draft's workflow is cancelled."""
    editor = UserFactory(groups=[CONTROL_TEAM])
    client.force_login(editor)
    edit(client, procedure, fee="Miễn phí", **{"action-submit": "1"})
    draft = Procedure.objects.get(pk=procedure.pk).latest_revision
    assert Procedure.objects.get(pk=procedure.pk).workflow_in_progress

    decision = DecisionFactory()
    decision.items = [
        DecisionItem(
            kind="amended",
            code=procedure.code,
            data={
                "channels": [
                    {"channel": "direct", "processing_time": "07 ngày làm việc", "fees": "300.000 đồng"}
                ]
            },
        )
    ]
    decision.save()
    assert apply_decision(decision) == 1

    after = Procedure.objects.get(pk=procedure.pk)
    assert not after.has_unpublished_changes and not after.workflow_in_progress
    assert after.fee_text == "300.000 đồng"
    latest = after.get_latest_revision_as_object()
    assert (
        latest.fee_text == "300.000 đồng"
        and latest.channels.all()[0].processing_time_text == "07 ngày làm việc"
    )
    assert after.revisions.filter(pk=draft.pk).exists(), "the editor's draft stays in the history"
