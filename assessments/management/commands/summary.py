"""`python manage.py summary FILE --output PDF`: the printable summary of an assessment file.

Renders exactly what the draft page's PDF button renders for the same draft (spec
"assessment-file.md"): both call `pdf.render_summary` with a `rules.Assessment`, here read from
the file. `-` reads the file from standard input and writes the PDF to standard output. An
invalid or unreadable file prints its errors on standard error and exits with status 2.
"""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments import pdf

from .calculate import read_assessment, read_source


class Command(BaseCommand):
    help = (
        "Skriver sammanställningen av en behovsfil som PDF, samma som PDF-knappen på "
        "beräkningens sida."
    )
    # Like `calculate`: a file in, a file out, no database and no system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="behovsfilen (JSON), eller - för standard in")
        parser.add_argument(
            "--output", "-o", required=True, help="PDF-filen att skriva, eller - för standard ut"
        )
        parser.add_argument(
            "--appendix",
            action="store_true",
            help="ta med bilagan: så räknade vi, diagrammet och källorna",
        )
        parser.add_argument(
            "--printed-on",
            type=date.fromisoformat,
            default=None,
            help="utskriftsdatum ÅÅÅÅ-MM-DD (standard: i dag)",
        )

    def handle(self, *args, **options):
        assessment = read_assessment(read_source(options["file"]))
        printed_on = options["printed_on"] or timezone.localdate()
        body = pdf.render_summary(assessment, printed_on=printed_on, appendix=options["appendix"])
        write_output(options["output"], body)


def write_output(name: str, body: bytes) -> None:
    if name == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    try:
        Path(name).write_bytes(body)
    except OSError as error:
        raise CommandError(f"PDF-filen kan inte skrivas: {name} ({error.strerror})") from None
