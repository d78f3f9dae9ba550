from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from assessments import backups


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup written by backup_db. Stop the site "
        "first: every change since the backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask (for scripts).")

    def handle(self, *args, file: Path, yes: bool, **options):
        if not yes and input(f"Replace the whole database with {file}? [yes/no] ") != "yes":
            raise CommandError("Nothing was restored.")
        try:
            backups.restore(file)
        except backups.BackupError as error:
            raise CommandError(f"The restore failed: {error}") from error
        self.stdout.write(f"Restored the {connection.vendor} database from {file}.")
