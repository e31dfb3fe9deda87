"""deploy/backup.sh then deploy/restore.sh, as an operator runs them: a PostgreSQL database holding a dossier
and its private file is backed up, restored into another database and folder, and both are found there.
PostgreSQL only (pg_dump/pg_restore): CI runs the suite on PostgreSQL (.ci/run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.factories import DossierFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("backup and restore need PostgreSQL and its client tools (the CI run on PostgreSQL)")


def _run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "deploy" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_dossier_and_its_file_survive_backup_and_restore(postgres, tmp_path):
    dossier = DossierFactory()
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    (private / "dossiers").mkdir(parents=True, exist_ok=True)
    (private / "dossiers" / f"{dossier.code}.pdf").write_bytes(b"%PDF-1.7 don de nghi")

    source = {"DATABASE_URL": _url(connection.settings_dict["NAME"]), "PRIVATE_MEDIA_ROOT": str(private)}
    done = _run("backup.sh", BACKUP_DIR=str(tmp_path / "backups"), **source)
    assert done.returncode == 0, done.stderr
    (backup,) = (tmp_path / "backups").iterdir()
    assert {p.name for p in backup.iterdir()} >= {"database.dump", "private.tar.gz", "SHA256SUMS"}

    target = f"motcua_restore_{uuid.uuid4().hex[:8]}"
    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_media = tmp_path / "restored-private"
        done = _run(
            "restore.sh", str(backup), DATABASE_URL=_url(target), PRIVATE_MEDIA_ROOT=str(restored_media)
        )
        assert done.returncode == 0, done.stderr
        with psycopg.connect(_url(target)) as conn:
            row = conn.execute(
                "SELECT code, applicant_name FROM workflows_dossier WHERE code = %s", [dossier.code]
            ).fetchone()
        assert row == (dossier.code, dossier.applicant_name)
        assert (restored_media / "dossiers" / f"{dossier.code}.pdf").read_bytes() == b"%PDF-1.7 don de nghi"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_a_tampered_backup_is_refused(postgres, tmp_path):
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    private.mkdir(parents=True, exist_ok=True)
    source = {"DATABASE_URL": _url(connection.settings_dict["NAME"]), "PRIVATE_MEDIA_ROOT": str(private)}
    assert _run("backup.sh", BACKUP_DIR=str(tmp_path), **source).returncode == 0
    (backup,) = tmp_path.iterdir()
    with (backup / "private.tar.gz").open("ab") as f:
        f.write(b"x")
    done = _run("restore.sh", str(backup), **source)
    assert done.returncode == 2 and "checksums" in done.stderr
