"""The online forms' jobs: found by huey in `eforms.tasks`, taking ids and calling the services."""

import datetime as dt

from django.core import mail
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from eforms import tasks
from eforms.submissions import OnlineSubmission, PendingUpload

from .conftest import valid_data


def test_huey_finds_the_jobs_in_eforms_tasks():
    names = set(HUEY._registry._registry)
    assert {"eforms.tasks.send_submission_confirmation", "eforms.tasks.purge_pending_uploads"} <= names
    # The cms keeps only its own job (the worker heartbeat); the forms' jobs left it.
    assert not any(name.startswith("cms.") and ("submission" in name or "upload" in name) for name in names)


def test_the_hourly_purge_drops_only_uploads_older_than_two_days(client, desk):
    client.post(desk["page"].url, valid_data(so_cccd="1"))  # invalid: its valid upload is held
    client.post(desk["page"].url, valid_data(so_cccd="2"))
    old, recent = PendingUpload.objects.order_by("pk")
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    assert tasks.purge_pending_uploads.call_local() == 1
    assert list(PendingUpload.objects.all()) == [recent]
    assert not old.file.storage.exists(old.file.name)


def test_the_confirmation_job_takes_the_submission_id(client, desk):
    client.post(desk["page"].url, valid_data())  # queued after commit: no commit inside this test
    mail.outbox.clear()
    assert tasks.send_submission_confirmation.call_local(OnlineSubmission.objects.get().pk) is True
    assert len(mail.outbox) == 1 and OnlineSubmission.objects.get().dossier.code in mail.outbox[0].subject
