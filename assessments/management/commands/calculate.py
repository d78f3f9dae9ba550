"""`python manage.py calculate FILE`: the result of an assessment file (spec/assessment-file.md).

JSON on standard output by default, or a readable table with `--format text`. An invalid or
unreadable file prints its errors on standard error and exits with status 2. `--language en`
writes the table, the warnings and the errors in English (Swedish by default); the figures and
the JSON's keys and codes are the same in every language.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import files, rules
from assessments.rules import parameters as p
from assessments.rules import words

INVALID = 2  # exit status for a file that cannot be used (spec)


class Command(BaseCommand):
    # argparse formats its texts with re and needs str, not a lazy translation: the description
    # and every option's help are translated when the parser is made.
    @property
    def help(self):
        return _(
            "Beräknar behovet av personlig assistans för en behovsfil och skriver resultatet som "
            "JSON (eller som en tabell med --format text)."
        )

    # The command reads a file and touches no database: no system checks needed.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("behovsfilen (JSON), eller - för standard in"))
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="json",
            help=_("json (standard) eller text: en läsbar tabell"),
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="sv",
            help=_("språket för tabellen, varningarna och felen: sv (standard) eller en"),
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self.stdout.write(self.calculate(options["file"], options["format"]))

    def calculate(self, name: str, output: str) -> str:
        assessment = read_assessment(read_source(name))
        result = rules.calculate(assessment)
        if output == "text":
            return text_table(assessment, result)
        return json.dumps(rules.result_data(result), ensure_ascii=False, indent=2)


def read_assessment(source: bytes) -> rules.Assessment:
    """The file's assessment, or a CommandError (status 2) listing every error in it."""
    try:
        return files.read(source)
    except files.AssessmentFileError as error:
        count = len(error.errors)
        heading = ngettext(
            "Behovsfilen är ogiltig:", "Behovsfilen är ogiltig ({count} fel):", count
        ).format(count=count)
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
        raise CommandError(
            _("Filen finns inte: {name}").format(name=name), returncode=INVALID
        ) from None
    except IsADirectoryError:
        raise CommandError(
            _("Det är en mapp, inte en fil: {name}").format(name=name), returncode=INVALID
        ) from None
    except OSError as error:
        raise CommandError(
            _("Filen kan inte läsas: {name} ({reason})").format(name=name, reason=error.strerror),
            returncode=INVALID,
        ) from None


def text_table(af: rules.Assessment, result: rules.Result) -> str:
    """The result as a table in the language shown, figures in its format
    (rules.format_hours: "28,58" in Swedish, "28.58" in English)."""

    def hours(minutes) -> str:
        return rules.format_hours(minutes)

    labels = [total.label for total in result.by_need] + [
        w.week_type.label for w in result.week_types
    ]
    width = max([40, *(len(label) + 8 for label in labels)])
    basic_heading, other_heading = _("Grundläggande"), _("Andra behov")

    def row(label: str, basic: str, other: str) -> str:
        return f"{label:<{width}}{basic:>15}{other:>15}"

    def figures(title: str, found: rules.Result) -> list[str]:
        deduction_basic = found.deduction_basic.applied_minutes if found.deduction_basic else 0
        deduction_other = found.deduction_other.applied_minutes if found.deduction_other else 0
        total = _("Totalt")
        return [
            row(title, basic_heading, other_heading),
            row(
                _("Före avdrag"),
                hours(found.before_deduction_basic),
                hours(found.before_deduction_other),
            ),
            row(_("Föräldraavdrag"), hours(deduction_basic), hours(deduction_other)),
            row(_("Efter avdrag"), hours(found.basic_minutes), hours(found.other_minutes)),
            f"{total:<{width}}{hours(found.total_minutes):>30}",
        ]

    if af.birth_month is not None:
        age = _("född {month}, {age} år").format(
            month=words.month_text(af.birth_month), age=result.age
        )
    elif af.age is not None:
        age = ngettext("{age} år", "{age} år", af.age).format(age=af.age)
    else:
        age = _("inte angiven (inget föräldraavdrag)")
    if af.period:
        span = _("Period {start} – {end} (regelversion {version})").format(
            start=af.period.start.isoformat(),
            end=af.period.end.isoformat(),
            version=result.rules_version,
        )
    else:
        span = _("Regler per {date} (regelversion {version})").format(
            date=result.rules_as_of.isoformat(), version=result.rules_version
        )
    lines = [
        _("Behovsberäkning: {title}").format(title=af.title) if af.title else _("Behovsberäkning"),
        span,
        _("Ålder: {age}").format(age=age),
        _("Aktiviteter: {count}").format(count=len(af.activities)),
        "",
        *figures(
            _("Timmar per vecka i genomsnitt") if result.several_weeks else _("Timmar per vecka"),
            result,
        ),
    ]
    if result.several_weeks:
        lines += ["", row(_("Per veckotyp, efter avdrag"), basic_heading, other_heading)]
        lines += [
            row(
                _("{name} ({weeks} v.)").format(
                    name=w.week_type.label, weeks=rules.format_number(w.week_type.weeks)
                ),
                hours(w.figures.basic),
                hours(w.figures.other),
            )
            for w in result.week_types
        ]
    if result.several_segments:
        lines += ["", row(_("Per del av perioden"), basic_heading, other_heading)]
        lines += [
            row(
                words.span_text(s.start, s.end),
                hours(s.figures.basic),
                hours(s.figures.other),
            )
            for s in result.segments
        ]
    if result.night is not None:
        lines += ["", _("Nattvilan: {text}").format(text=result.step("night").text)]
    lines += ["", row(_("Per behov, före avdrag"), basic_heading, other_heading)]
    lines += [
        row(total.label, hours(total.basic_minutes), hours(total.other_minutes))
        for total in result.by_need
    ]
    if not result.by_need:
        lines.append(_("(inga aktiviteter)"))
    lines += [
        "",
        result.verdict,
        "",
        _("Uppskattat belopp per år: {amount}").format(amount=amount_text(result)),
    ]
    if result.hourly_amount is not None:
        lines.append(words.amount_text(result))
    if result.decision is not None:
        lines += [
            "",
            *figures(_("Enligt beslutet"), result.decision),
            "",
            result.decision.verdict,
        ]
        lines.append(
            _("Skillnad mot din beräkning, grundläggande behov: {hours} timmar i veckan.").format(
                hours=hours(result.basic_minutes - result.decision.basic_minutes)
            )
        )
    if result.warnings:
        lines += ["", _("Att känna till:")]
        lines += [f"- {warning.message}" for warning in result.warnings]
    return "\n".join(lines)


def amount_text(result: rules.Result) -> str:
    """rules.md R8: an estimate, or why there is none."""
    sek = result.estimated_sek_per_year
    year = result.rules_as_of.year
    if sek is not None:
        values = {
            "sum": rules.format_kronor(sek),
            "hours": rules.format_hours(result.total_minutes),
            "weeks": p.WEEKS_PER_YEAR.value,
            "amount": rules.format_kronor(result.hourly_amount, 2),
            "year": year,
        }
        if result.several_amounts:  # rules.md R8: each year's part at its own amount
            text = _("cirka {sum}, vägt efter dagar med varje års timbelopp")
        elif result.own_hourly_amount:
            text = _(
                "cirka {sum} ({hours} timmar × {weeks} veckor × {amount}, ditt timbelopp {year})"
            )
        else:
            text = _("cirka {sum} ({hours} timmar × {weeks} veckor × {amount}, timbeloppet {year})")
        return text.format(**values)
    if not result.meets_threshold:
        return _(
            "inget, eftersom de grundläggande behoven inte är mer än {hours} timmar i veckan."
        ).format(hours=p.THRESHOLD_HOURS.value)
    if result.over_capacity:  # rules.md R13.8
        return _(
            "ingen uppskattning, eftersom raderna ger mer än 24 timmar per dygn (se Att känna "
            "till)."
        )
    return _("okänt, eftersom timbeloppet för {year} inte är känt än.").format(
        year=result.unknown_amount_year or year
    )
