"""Whether this server's database can take a write now: GET /readyz (assessments.middleware).

/healthz only reads, so it answered 200 with the disk full and the database locked for 15 s
(issue 18). Readiness writes: on SQLite it takes the write lock (BEGIN IMMEDIATE, rolled back)
within READY_WRITE_TIMEOUT seconds and wants READY_MIN_FREE_MB free on the database's disk
(SQLite may still fit a small write into its WAL on a full disk, where a real save would not);
on PostgreSQL it commits a transaction that has a transaction id (a commit record in the WAL),
which fails on a standby, and it must not be read-only; its statements may take
READY_WRITE_TIMEOUT seconds.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction


def problem() -> str | None:
    """Why the database cannot be written now, in a few words without personal data; None when
    it can."""
    try:
        if connection.vendor == "sqlite":
            return _sqlite_problem()
        return _postgres_problem()
    except DatabaseError as error:
        first_line = str(error).strip().splitlines()[:1]
        return f"the database cannot be written: {type(error).__name__} {''.join(first_line)}"


def _sqlite_problem() -> str | None:
    directory = Path(connection.settings_dict["NAME"]).resolve().parent
    free_mb = shutil.disk_usage(directory).free // 2**20
    if free_mb < settings.READY_MIN_FREE_MB:
        return f"{free_mb} MB free on the database's disk"
    configured = connection.settings_dict["OPTIONS"]["timeout"]
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {settings.READY_WRITE_TIMEOUT * 1000}")
        try:
            with transaction.atomic():  # BEGIN IMMEDIATE: the write lock
                transaction.set_rollback(True)
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {configured * 1000}")
    return None


def _postgres_problem() -> str | None:
    with transaction.atomic(), connection.cursor() as cursor:
        milliseconds = str(settings.READY_WRITE_TIMEOUT * 1000)
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [milliseconds])
        cursor.execute("SELECT current_setting('transaction_read_only'), pg_current_xact_id()")
        read_only = cursor.fetchone()[0] == "on"
    return "the database is read-only" if read_only else None
