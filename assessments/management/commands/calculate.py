"""`python manage.py calculate FILE`: the result of an assessment file (spec/assessment-file.md).

JSON on standard output by default, or a readable Swedish table with `--format text`. An invalid
or unreadable file prints its errors on standard error and exits with status 2.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import files, rules
from assessments.rules import parameters as p

INVALID = 2  # exit status for a file that cannot be used (spec)


class Command(BaseCommand):
    help = (
        "Beräknar behovet av personlig assistans för en behovsfil och skriver resultatet som "
        "JSON (eller som en tabell med --format text)."
    )
    # The command reads a file and touches no database: no system checks needed.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="behovsfilen (JSON), eller - för standard in")
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="json",
            help="json (standard) eller text: en läsbar tabell på svenska",
        )

    def handle(self, *args, **options):
        source = read_source(options["file"])
        try:
            assessment = files.read(source)
        except files.AssessmentFileError as error:
            count = len(error.errors)
            heading = "Behovsfilen är ogiltig" + (f" ({count} fel):" if count > 1 else ":")
            raise CommandError(
                "\n".join([heading, *(f"- {message}" for message in error.errors)]),
                returncode=INVALID,
            ) from None
        result = rules.calculate(assessment)
        if options["format"] == "text":
            self.stdout.write(text_table(assessment, result))
        else:
            self.stdout.write(json.dumps(rules.result_data(result), ensure_ascii=False, indent=2))


def read_source(name: str) -> bytes:
    # One byte over the limit is enough for files.read to refuse a file that is too large.
    limit = files.max_bytes() + 1
    if name == "-":
        return sys.stdin.buffer.read(limit)
    try:
        with Path(name).open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise CommandError(f"Filen finns inte: {name}", returncode=INVALID) from None
    except IsADirectoryError:
        raise CommandError(f"Det är en mapp, inte en fil: {name}", returncode=INVALID) from None
    except OSError as error:
        raise CommandError(
            f"Filen kan inte läsas: {name} ({error.strerror})", returncode=INVALID
        ) from None


def text_table(af: rules.Assessment, result: rules.Result) -> str:
    """The result as a table in Swedish, figures with decimal comma (rules.format_hours)."""

    def hours(minutes) -> str:
        return rules.format_hours(minutes)

    def row(label: str, basic: str, other: str, width: int = 40) -> str:
        return f"{label:<{width}}{basic:>15}{other:>15}"

    deduction_basic = result.deduction_basic.applied_minutes if result.deduction_basic else 0
    deduction_other = result.deduction_other.applied_minutes if result.deduction_other else 0
    age = f"{af.age} år" if af.age is not None else "inte angiven (inget föräldraavdrag)"
    lines = [
        f"Behovsberäkning: {af.title}" if af.title else "Behovsberäkning",
        f"Regler per {result.rules_as_of.isoformat()} (regelversion {result.rules_version})",
        f"Ålder: {age}",
        f"Aktiviteter: {len(af.activities)}",
        "",
        row("Timmar per vecka", "Grundläggande", "Andra behov"),
        row(
            "Före avdrag",
            hours(result.before_deduction_basic),
            hours(result.before_deduction_other),
        ),
        row("Föräldraavdrag", hours(deduction_basic), hours(deduction_other)),
        row("Efter avdrag", hours(result.basic_minutes), hours(result.other_minutes)),
        f"{'Totalt':<40}{hours(result.total_minutes):>30}",
        "",
        row("Per behov, före avdrag", "Grundläggande", "Andra behov"),
    ]
    lines += [
        row(total.label, hours(total.basic_minutes), hours(total.other_minutes))
        for total in result.by_need
    ]
    if not result.by_need:
        lines.append("(inga aktiviteter)")
    lines += ["", result.verdict, "", f"Uppskattat belopp per år: {amount_text(result)}"]
    if result.warnings:
        lines += ["", "Att känna till:"]
        lines += [f"- {warning.message}" for warning in result.warnings]
    return "\n".join(lines)


def amount_text(result: rules.Result) -> str:
    """rules.md R8: an estimate, or why there is none."""
    sek = result.estimated_sek_per_year
    year = result.rules_as_of.year
    if sek is not None:
        return (
            f"cirka {rules.format_kronor(sek)} ({rules.format_hours(result.total_minutes)} "
            f"timmar × {p.WEEKS_PER_YEAR.value} veckor × "
            f"{rules.format_kronor(result.hourly_amount, 2)}, timbeloppet {year})"
        )
    if not result.meets_threshold:
        return f"inget, eftersom {p.THRESHOLD_HOURS.value}-timmarsgränsen inte är nådd."
    return f"okänt, eftersom timbeloppet för {year} inte finns i verktygets regeldata."
