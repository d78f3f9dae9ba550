from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from assessments import backups, locks


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to FILE while the site runs (SQLite's online "
        "backup, or pg_dump for PostgreSQL), with mode 600: it holds health data. Cached PDFs "
        "and rate-limit counts are left out. One server backs up at a time: a start while "
        "another backs up does nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        with locks.one_at_a_time("backup_db") as mine:
            if not mine:
                self.stdout.write(
                    "Another server is backing up the database now: nothing done here."
                )
                return
            try:
                backups.backup(file)
            except backups.BackupError as error:
                raise CommandError(f"The backup failed: {error}") from error
        self.stdout.write(f"Wrote a backup of the {connection.vendor} database to {file}.")
