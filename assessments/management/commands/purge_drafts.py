from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment


class Command(BaseCommand):
    help = (
        "Delete drafts that have not been changed for DRAFT_RETENTION_DAYS days (the retention "
        "policy in README). Run it daily, e.g. from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.DRAFT_RETENTION_DAYS,
            help="Age in days since the last change (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted, delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        # 0 or fewer days would delete every draft, including those being edited right now.
        if days < 1:
            raise CommandError(f"--days must be at least 1 (got {days}); nothing was deleted.")
        stale = Assessment.objects.inactive_since(days)
        count = stale.count()
        if not dry_run:
            stale.delete()  # rows go with their draft (on_delete=CASCADE)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} draft(s) unchanged for more than {days} days.")
