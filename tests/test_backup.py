"""A backup taken while the site runs puts the drafts back as they were (manage.py backup_db and
restore_db: SQLite's online backup here, pg_dump and pg_restore in the PostgreSQL pass)."""

import json
import stat

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
    # The restored database serves: the cache table came back too.
    assert shell("from django.core.cache import cache; print(cache.add('k', 1))").strip() == "True"
