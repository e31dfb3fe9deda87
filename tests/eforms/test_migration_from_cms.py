"""A database made before issue 17 (the forms inside `cms`, files as paths in `Dossier.components` and as
`cms.DossierFile` rows) migrates to `eforms` and one `workflows.DossierFile` store and still finds everything.

The test makes a form page, an online submission with a file and a desk dossier with a digitised copy, takes
the schema back to main's (`cms` 0002, `workflows` 0002: the reverse migrations rebuild main's layout, which the
test checks in raw SQL), then runs `migrate` forward as a deployment would.
"""

import hashlib

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from wagtail.models import Page

from eforms.pages import DeclarationFormPage
from eforms.submissions import OnlineSubmission
from workflows.models import Dossier
from workflows.services import receive_dossier

from .conftest import valid_data

MAIN = [
    ("cms", "0002_online_forms"),
    ("eforms", None),  # an app main does not have
    ("workflows", "0004_dossierevent_action_choices_from_registry"),
]


def rows(sql: str, *params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def back_to_main() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(MAIN)
    ContentType.objects.clear_cache()


@pytest.fixture
def forward_afterwards():
    """Whatever the test's outcome, the database ends at the current schema for the tests after it."""
    yield
    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_a_database_at_mains_schema_migrates_with_its_forms_submissions_and_files(
    desk, client, forward_afterwards
):
    page = desk["page"]
    client.post(page.url, valid_data())
    online = Dossier.objects.get()
    desk_dossier = receive_dossier(
        procedure=desk["procedure"],
        center=desk["center"],
        channel="direct",
        applicant={"name": "Trần Văn Bình", "phone": "0912000111"},
        components=[{"name": "Đơn đề nghị", "originals": 1, "copies": 0}],
        files=[SimpleUploadedFile("ban-sao.pdf", b"%PDF-1.4 desk", content_type="application/pdf")],
    )
    pdf = OnlineSubmission.objects.get().files.get().file.read()

    back_to_main()
    # Main's layout: cms tables and content types, the online file as a cms row, paths in the checklist.
    assert rows("SELECT app_label FROM django_content_type WHERE model = 'declarationformpage'") == [("cms",)]
    assert rows("SELECT page_ptr_id FROM cms_declarationformpage") == [(page.pk,)]
    old_file = rows("SELECT id, label, original_name FROM cms_dossierfile")
    assert [r[1:] for r in old_file] == [("Đơn đề nghị", "don-de-nghi.pdf")]
    components = {
        pk: Dossier._meta.get_field("components").from_db_value(value, None, connection)
        for pk, value in rows("SELECT id, components FROM workflows_dossier")
    }
    assert components[online.pk][0]["online_file"] == old_file[0][0]
    assert components[desk_dossier.pk][1]["name"] == "ban-sao.pdf" and components[desk_dossier.pk][1]["file"]
    assert "workflows_dossierfile" not in connection.introspection.table_names()

    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()

    # The page is still the same page, of the moved class, and serves its form.
    found = Page.objects.get(pk=page.pk).specific
    assert type(found) is DeclarationFormPage and found.procedure_id == desk["procedure"].pk
    assert Client().get(found.url).status_code == 200
    assert ContentType.objects.filter(model="declarationformpage").count() == 1
    assert (
        Permission.objects.filter(codename="add_declarationformpage").get().content_type.app_label == "eforms"
    )
    # The submission, its answers pointing at the moved file, and the file itself.
    submission = OnlineSubmission.objects.get()
    stored = submission.files.get()
    assert submission.dossier_id == online.pk and submission.form_data["don_de_nghi"]["file"] == stored.pk
    assert (stored.source, stored.component, stored.original_name) == (
        "online",
        "Đơn đề nghị",
        "don-de-nghi.pdf",
    )
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    # The desk's copy is a row too, and no checklist keeps a path.
    copy = Dossier.objects.get(pk=desk_dossier.pk).files.get()
    assert (copy.source, copy.original_name, copy.file.read()) == ("desk", "ban-sao.pdf", b"%PDF-1.4 desk")
    assert all("file" not in c for d in Dossier.objects.all() for c in d.components)
    # Both views serve the moved files to whoever could fetch them before.
    officer = Client()
    officer.force_login(desk["officer"])
    assert officer.get(f"/ho-so-truc-tuyen/tep/{stored.pk}/").status_code == 200
