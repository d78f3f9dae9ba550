"""`python manage.py calculate FILE`: the result of an assessment file (spec/assessment-file.md).

JSON on standard output by default, or a readable Swedish table with `--format text`. An invalid
or unreadable file prints its errors on standard error and exits with status 2.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import files, rules
from assessments.rules import explain
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
        assessment = read_assessment(read_source(options["file"]))
        result = rules.calculate(assessment)
        if options["format"] == "text":
            self.stdout.write(text_table(assessment, result))
        else:
            self.stdout.write(json.dumps(rules.result_data(result), ensure_ascii=False, indent=2))


def read_assessment(source: bytes) -> rules.Assessment:
    """The file's assessment, or a CommandError (status 2) listing every error in it."""
    try:
        return files.read(source)
    except files.AssessmentFileError as error:
        count = len(error.errors)
        heading = "Behovsfilen är ogiltig" + (f" ({count} fel):" if count > 1 else ":")
        raise CommandError(
            "\n".join([heading, *(f"- {message}" for message in error.errors)]),
            returncode=INVALID,
        ) from None


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

    labels = [total.label for total in result.by_need] + [
        w.week_type.name for w in result.week_types
    ]
    width = max([40, *(len(label) + 8 for label in labels)])

    def row(label: str, basic: str, other: str) -> str:
        return f"{label:<{width}}{basic:>15}{other:>15}"

    def figures(title: str, found: rules.Result) -> list[str]:
        deduction_basic = found.deduction_basic.applied_minutes if found.deduction_basic else 0
        deduction_other = found.deduction_other.applied_minutes if found.deduction_other else 0
        return [
            row(title, "Grundläggande", "Andra behov"),
            row(
                "Före avdrag",
                hours(found.before_deduction_basic),
                hours(found.before_deduction_other),
            ),
            row("Föräldraavdrag", hours(deduction_basic), hours(deduction_other)),
            row("Efter avdrag", hours(found.basic_minutes), hours(found.other_minutes)),
            f"{'Totalt':<{width}}{hours(found.total_minutes):>30}",
        ]

    if af.birth_month is not None:
        age = f"född {explain.month_text(af.birth_month)}, {result.age} år"
    elif af.age is not None:
        age = f"{af.age} år"
    else:
        age = "inte angiven (inget föräldraavdrag)"
    span = (
        f"Period {af.period.start.isoformat()} – {af.period.end.isoformat()}"
        if af.period
        else f"Regler per {result.rules_as_of.isoformat()}"
    )
    lines = [
        f"Behovsberäkning: {af.title}" if af.title else "Behovsberäkning",
        f"{span} (regelversion {result.rules_version})",
        f"Ålder: {age}",
        f"Aktiviteter: {len(af.activities)}",
        "",
        *figures("Timmar per vecka" + (" i genomsnitt" if result.several_weeks else ""), result),
    ]
    if result.several_weeks:
        lines += ["", row("Per veckotyp, efter avdrag", "Grundläggande", "Andra behov")]
        lines += [
            row(
                f"{w.week_type.name} ({rules.format_number(w.week_type.weeks)} v.)",
                hours(w.figures.basic),
                hours(w.figures.other),
            )
            for w in result.week_types
        ]
    if result.several_segments:
        lines += ["", row("Per del av perioden", "Grundläggande", "Andra behov")]
        lines += [
            row(
                explain.span_text(s.start, s.end),
                hours(s.figures.basic),
                hours(s.figures.other),
            )
            for s in result.segments
        ]
    if result.night is not None:
        lines += ["", f"Nattvilan: {result.step('night').text}"]
    lines += ["", row("Per behov, före avdrag", "Grundläggande", "Andra behov")]
    lines += [
        row(total.label, hours(total.basic_minutes), hours(total.other_minutes))
        for total in result.by_need
    ]
    if not result.by_need:
        lines.append("(inga aktiviteter)")
    lines += ["", result.verdict, "", f"Uppskattat belopp per år: {amount_text(result)}"]
    if result.hourly_amount is not None:
        lines.append(explain.amount_text(result))
    if result.decision is not None:
        lines += ["", *figures("Enligt beslutet", result.decision), "", result.decision.verdict]
        lines.append(
            "Skillnad mot din beräkning, grundläggande behov: "
            f"{hours(result.basic_minutes - result.decision.basic_minutes)} timmar i veckan."
        )
    if result.warnings:
        lines += ["", "Att känna till:"]
        lines += [f"- {warning.message}" for warning in result.warnings]
    return "\n".join(lines)


def amount_text(result: rules.Result) -> str:
    """rules.md R8: an estimate, or why there is none."""
    sek = result.estimated_sek_per_year
    year = result.rules_as_of.year
    if sek is not None:
        own = "ditt timbelopp" if result.own_hourly_amount else "timbeloppet"
        return (
            f"cirka {rules.format_kronor(sek)} ({rules.format_hours(result.total_minutes)} "
            f"timmar × {p.WEEKS_PER_YEAR.value} veckor × "
            f"{rules.format_kronor(result.hourly_amount, 2)}, {own} {year})"
        )
    if not result.meets_threshold:
        return f"inget, eftersom {p.THRESHOLD_HOURS.value}-timmarsgränsen inte är nådd."
    return f"okänt, eftersom timbeloppet för {year} inte är känt än."
