"""A consistent copy of the database while the site runs, and putting one back.

SQLite: the online backup API (sqlite3.Connection.backup) copies a snapshot, the WAL included,
without stopping writers for long. PostgreSQL: pg_dump's custom format, and pg_restore into
the same database. Backups hold health data: they are written with mode 600, and without the
rows of LEFT_OUT.
"""

import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection

from .models import CachedPdf, RateCounter

# Tables a backup holds empty: cached PDFs (health data that lives minutes, not a backup's week)
# and rate-limit counts (hashed addresses, of no use after a restore).
LEFT_OUT = [model._meta.db_table for model in (CachedPdf, RateCounter)]


class BackupError(Exception):
    pass


def backup(file: Path) -> None:
    file = file.resolve()
    # Written beside the target and renamed: a failed backup never replaces a good one.
    descriptor, partial = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.")
    os.close(descriptor)
    os.chmod(partial, 0o600)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial, isolation_level=None)
            try:
                connection.connection.backup(target)
                _empty_left_out(target)
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            left_out = [f"--exclude-table-data={table}" for table in LEFT_OUT]
            _postgres_tool("pg_dump", "--format=custom", "--no-owner", *left_out, "--file", partial)
        else:
            raise BackupError(f"no backup for the {connection.vendor} database")
        os.replace(partial, file)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(str(error)) from error
    finally:
        Path(partial).unlink(missing_ok=True)


def _empty_left_out(copy: sqlite3.Connection) -> None:
    """Delete LEFT_OUT's rows from a fresh copy, so that no byte of them stays in its file:
    zeroed as they are deleted (secure_delete), with the old pages in memory rather than in a
    journal file, then the free pages dropped (VACUUM)."""
    copy.execute("PRAGMA secure_delete = ON")
    copy.execute("PRAGMA journal_mode = MEMORY")
    for table in LEFT_OUT:
        copy.execute(f'DELETE FROM "{table}"')
    copy.execute("VACUUM")


def restore(file: Path) -> None:
    """Replace everything in the database with the backup's contents."""
    if not file.is_file():
        raise BackupError(f"no backup at {file}")
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        elif connection.vendor == "postgresql":
            connection.close()
            _postgres_tool(
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                str(file),
            )  # fmt: skip
        else:
            raise BackupError(f"no restore for the {connection.vendor} database")
    except (OSError, sqlite3.Error) as error:
        raise BackupError(str(error)) from error


def _postgres_tool(tool: str, *args: str) -> None:
    settings = connection.settings_dict
    env = {**os.environ}
    # The password goes by the environment, never on a command line that `ps` shows.
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    target = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            target += [option, str(settings[key])]
    try:
        subprocess.run(
            [tool, *target, "--dbname", settings["NAME"], *args],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=3600,
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{tool} failed: {error.stderr.strip()}") from error
