from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments import locks, pdf_cache, ratelimit
from assessments.models import Assessment


class Command(BaseCommand):
    help = (
        "Delete drafts that have not been changed for DRAFT_RETENTION_DAYS days (the retention "
        "policy in README), with their cached PDFs, and every expired PDF and ended rate-limit "
        "count. Run it daily, e.g. from cron or a systemd timer, on any number of servers: one "
        "runs it at a time, and a start while another runs does nothing."
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
        with locks.one_at_a_time("purge_drafts") as mine:
            if not mine:
                self.stdout.write("Another server is purging drafts now: nothing done here.")
                return
            stale = Assessment.objects.inactive_since(days)
            count = stale.count()
            if dry_run:
                self.stdout.write(
                    f"Would delete {count} draft(s) unchanged for more than {days} days."
                )
                return
            stale.delete()  # rows and cached PDFs go with their draft (on_delete=CASCADE)
            pdfs, counters = pdf_cache.remove_expired(), ratelimit.forget_ended()
        self.stdout.write(
            f"Deleted {count} draft(s) unchanged for more than {days} days, {pdfs} expired "
            f"PDF(s) and {counters} ended rate-limit count(s)."
        )
