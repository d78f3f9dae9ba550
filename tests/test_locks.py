"""The daily purge and the backup run on one server at a time however many servers start them
(assessments.locks: an advisory lock on PostgreSQL, a file lock on SQLite): started at once,
one does the work and the other does nothing and says so. On the test's own database, in
processes of their own, as two servers' timers would start them."""

import subprocess
import sys
import time

from loadtest import servers

STALE = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from assessments.models import Assessment; from tests.factories import make_draft; "
    "drafts = [make_draft(rows=[{}]) for _ in range(5)]; "
    "Assessment.objects.update(updated_at=timezone.now() - timedelta(days=400)); "
    "print(drafts[0].token)"
)
COUNT = "from assessments.models import Assessment; print(Assessment.objects.count())"
HOLD = (
    "import sys; from assessments import locks\n"
    "with locks.one_at_a_time('backup_db') as mine:\n"
    "    print(mine, flush=True); sys.stdin.readline()"
)


def command(env, *args, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=servers.REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **options,
    )


def first_to_finish(processes: list[subprocess.Popen], within: float = 120):
    """The process that ends first; None if none does within `within` seconds (a hang)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                return process
        time.sleep(0.05)
    return None


def test_two_purges_started_at_once_purge_on_one_server_and_the_other_does_nothing(
    served_database_url,
):
    env = servers.app_env(served_database_url, SQLITE_BUSY_TIMEOUT="600")
    servers.prepare_database(env)
    token = servers.manage("shell", "--no-imports", "-c", STALE, env=env).stdout.strip()

    # A writer holds a stale draft (PostgreSQL: its row; SQLite: the write lock), so that the
    # purge that runs waits for it inside its run: the two runs overlap for sure. (Django's
    # system checks would wait for it too, before the command starts: they probe SQLite's JSON
    # support in a write transaction.)
    with servers.writer_holding(served_database_url, token):
        purges = [command(env, "purge_drafts", "--skip-checks") for _ in range(2)]
        skipped = first_to_finish(purges)
        assert skipped is not None, "both purges wait: both are running"
        running = next(process for process in purges if process is not skipped)
        still_running = running.poll() is None
    ran = running.communicate(timeout=300)[0]

    assert skipped.returncode == 0
    assert skipped.stdout.read() == "Another server is purging drafts now: nothing done here.\n"
    assert still_running
    assert running.returncode == 0
    assert "Deleted 5 draft(s)" in ran
    assert servers.manage("shell", "--no-imports", "-c", COUNT, env=env).stdout == "0\n"


def test_a_backup_started_while_another_server_backs_up_does_nothing(served_database_url, tmp_path):
    env = servers.app_env(served_database_url)
    servers.prepare_database(env)
    backup = tmp_path / "db.backup"
    holder = command(env, "shell", "--no-imports", "-c", HOLD, stdin=subprocess.PIPE)
    assert holder.stdout.readline() == "True\n"  # "another server" is backing up

    try:
        skipped = servers.manage("backup_db", str(backup), env=env)
    finally:
        holder.stdin.close()
        holder.wait(60)
    written = servers.manage("backup_db", str(backup), env=env)

    assert skipped.stdout == "Another server is backing up the database now: nothing done here.\n"
    assert written.stdout.startswith("Wrote a backup")
    assert backup.stat().st_size > 0
