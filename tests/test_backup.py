"""A backup taken while the site runs puts the drafts back as they were (manage.py backup_db and
restore_db: SQLite's online backup here, pg_dump and pg_restore in the PostgreSQL pass)."""

import json
import stat
import subprocess

from loadtest import servers

SHOW_DRAFTS = (
    "import json; from assessments.models import Assessment; "
    "print(json.dumps([[a.title, [r.note for r in a.rows()]] for a in "
    "Assessment.objects.order_by('title')]))"
)


def test_a_backup_restores_every_draft_as_it_was(served_database_url, tmp_path):
    env = servers.app_env(served_database_url)
    servers.prepare_database(env)

    def shell(code: str) -> str:
        return servers.manage("shell", "--no-imports", "-c", code, env=env).stdout

    shell(
        "from tests.factories import make_draft; "
        "make_draft(rows=[{'note': 'Före'}, {'note': 'Två'}], title='Sparad')"
    )
    backup = tmp_path / "db.backup"
    servers.manage("backup_db", str(backup), env=env)
    shell(
        "from assessments.models import Assessment; from tests.factories import make_draft; "
        "Assessment.objects.all().delete(); make_draft(title='Senare')"
    )

    restored = servers.manage("restore_db", "--yes", str(backup), env=env)

    assert "Restored" in restored.stdout
    assert json.loads(shell(SHOW_DRAFTS)) == [["Sparad", ["Före", "Två"]]]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


SECRET = "Hemlig anteckning i en PDF"
KEEP_PDF_AND_COUNT = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from assessments.models import CachedPdf, RateCounter; "
    "from tests.factories import make_draft; "
    "draft = make_draft(rows=[{'note': 'Sparad rad'}], title='Sparad'); "
    "later = timezone.now() + timedelta(hours=1); "
    "CachedPdf.objects.create(assessment=draft, appendix=False, language='sv', version=1, "
    f"printed_on=later.date(), body=b'%PDF-' + {SECRET!r}.encode(), expires=later); "
    "RateCounter.objects.create(key='pdf:' + 'a' * 32, count=3, ends=later)"
)
COUNT_LEFT_OUT = (
    "from assessments.models import CachedPdf, RateCounter; "
    "print(CachedPdf.objects.count(), RateCounter.objects.count())"
)


def backup_text(backup) -> bytes:
    """The backup as its bytes (SQLite) or as the SQL that puts its data back (PostgreSQL)."""
    if backup.read_bytes().startswith(b"SQLite format 3"):
        return backup.read_bytes()
    restored = subprocess.run(
        ["pg_restore", "--data-only", "--file=-", str(backup)], capture_output=True, check=True
    )
    return restored.stdout


def test_a_backup_holds_no_cached_pdf_and_no_rate_count(served_database_url, tmp_path):
    env = servers.app_env(served_database_url)
    servers.prepare_database(env)
    servers.manage("shell", "--no-imports", "-c", KEEP_PDF_AND_COUNT, env=env)
    backup = tmp_path / "db.backup"

    servers.manage("backup_db", str(backup), env=env)
    contents = backup_text(backup)
    servers.manage("restore_db", "--yes", str(backup), env=env)
    left = servers.manage("shell", "--no-imports", "-c", COUNT_LEFT_OUT, env=env).stdout
    drafts = servers.manage("shell", "--no-imports", "-c", SHOW_DRAFTS, env=env).stdout

    assert b"Sparad rad" in contents  # what is backed up can be found this way
    assert SECRET.encode() not in contents
    assert SECRET.encode().hex().encode() not in contents  # bytea in PostgreSQL's SQL
    assert left == "0 0\n"
    assert json.loads(drafts) == [["Sparad", ["Sparad rad"]]]
