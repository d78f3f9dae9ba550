"""`python manage.py summary FILE --output PDF`: the printable summary of an assessment file.

Renders exactly what the draft page's PDF button renders for the same draft (spec
"assessment-file.md"): both call `pdf.render_summary` with a `rules.Assessment`, here read from
the file. `-` reads the file from standard input and writes the PDF to standard output. An
invalid or unreadable file prints its errors on standard error and exits with status 2.
`--language en` prints the PDF (and the errors) in English, as the page's button does on an
English page; Swedish by default. The figures are the same in every language.
`--baseline FILE` compares the draft with a previous file (any version) and prints "Vad har
ändrats sedan" in the appendix, which it turns on; `--baseline-decision` compares with that
file's decision instead of its rows, as the page's choice does.
"""

import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments import pdf

from .calculate import INVALID, read_assessment, read_source


class Command(BaseCommand):
    # argparse formats its texts with re and needs str, not a lazy translation: the description
    # and every option's help are translated when the parser is made.
    @property
    def help(self):
        return _(
            "Skriver sammanställningen av en behovsfil som PDF, samma som PDF-knappen på "
            "beräkningens sida."
        )

    # Like `calculate`: a file in, a file out, no database and no system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("behovsfilen (JSON), eller - för standard in"))
        parser.add_argument(
            "--output",
            "-o",
            required=True,
            help=_("PDF-filen att skriva, eller - för standard ut"),
        )
        parser.add_argument(
            "--appendix",
            action="store_true",
            help=_("ta med bilagan: så räknade vi, diagrammet och källorna"),
        )
        parser.add_argument(
            "--baseline",
            default=None,
            help=_("en tidigare behovsfil att jämföra med; bilagan får vad som har ändrats sedan"),
        )
        parser.add_argument(
            "--baseline-decision",
            action="store_true",
            help=_("jämför med beslutet i den tidigare filen, inte med dess rader"),
        )
        parser.add_argument(
            "--printed-on",
            type=date.fromisoformat,
            default=None,
            help=_("utskriftsdatum ÅÅÅÅ-MM-DD (standard: i dag)"),
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="sv",
            help=_("språket för PDF:en och felen: sv (standard) eller en"),
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            assessment = read_assessment(read_source(options["file"]))
            baseline = None
            if options["baseline"] is not None:
                previous = read_assessment(read_source(options["baseline"]))
                if options["baseline_decision"] and previous.decision is None:
                    raise CommandError(
                        _("Den tidigare filen har inget beslut att jämföra med."),
                        returncode=INVALID,
                    )
                baseline = (previous, options["baseline_decision"])
            printed_on = options["printed_on"] or timezone.localdate()
            body = pdf.render_summary(
                assessment,
                printed_on=printed_on,
                appendix=options["appendix"] or baseline is not None,
                baseline=baseline,
            )
            write_output(options["output"], body)


def write_output(name: str, body: bytes) -> None:
    if name == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    try:
        Path(name).write_bytes(body)
    except OSError as error:
        raise CommandError(
            _("PDF-filen kan inte skrivas: {name} ({reason})").format(
                name=name, reason=error.strerror
            )
        ) from None
