"""Time the printable summary against one bare tagged table of the same rows, side by side.

Not a test: for each size it renders the summary and the baseline alternately (so that a busy
machine slows both alike), then prints the medians and the fastest times of each, the ratios of
the medians and of the fastest times, and the page counts, e.g.
    20 rows: summary 300 ms (min 280), bare table 230 ms (min 220): ratio 1.30 (min 1.27);
    2 pages (bare table 2)
      CPU time: summary 280 ms, bare table 215 ms: ratio 1.30
The baseline is the same rows as one bare tagged WeasyPrint table: A4, DejaVu Sans, PDF/UA-1,
one <tr> per row with the row's cells (description, minutes, frequency, assistants, kind, hours
a week, note), a header row, no other styling. The target (issue 12) is a ratio of at most 1.5
for 20 and 150 rows, a 20-row draft on 2 pages and a 150-row draft on at most 6.

It also times a cached re-download through the view (`--cache`): the second GET of an
unchanged draft's PDF.

Usage (from the project root):
    .venv/bin/python scripts/bench_pdf.py [--repeat 9] [--rows 20 150] [--appendix] [--cache]
It uses its own throw-away SQLite database, never the project's.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINTED_ON = date(2026, 11, 22)

# A mix like a real draft: basic and other needs, two assistants, waiting time, notes.
ROW_TEMPLATES = [
    ("personal_hygiene", "basic", "Dusch med hårtvätt", 25, 1, "day", 7, 2, "active", ""),
    ("personal_hygiene", "basic", "Toalettbesök", 10, 6, "day", 7, 1, "active", ""),
    (
        "meals",
        "basic",
        "Äta, hjälp med varje tugga",
        30,
        3,
        "day",
        7,
        1,
        "active",
        "Sväljer långsamt.",
    ),
    ("meals", "other", "Matlagning", 45, 1, "day", 5, 1, "active", ""),
    ("dressing", "basic", "På- och avklädning", 15, 2, "day", 7, 1, "active", "Morgon och kväll."),
    ("communication", "basic", "Tolka vid samtal", 20, 3, "week", 7, 1, "active", ""),
    ("household", "other", "Tvätt och städning", 60, 2, "week", 7, 1, "active", ""),
    ("leisure_and_community", "other", "Simning", 90, 1, "week", 7, 1, "active", "Lördagar."),
    ("supervision", "other", "Väntetid natt", 480, 1, "day", 7, 1, "waiting", ""),
    ("health_and_care", "other", "Läkarbesök", 120, 1, "month", 7, 1, "active", ""),
]


def setup_django(database: Path) -> None:
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def sample_rows(count: int) -> tuple:
    """`count` rows of the mix above as the rules' rows, numbered so that each is its own."""
    from assessments import rules

    rows = []
    for index in range(count):
        need, kind, text, minutes, times, per, days, assistants, time_type, note = ROW_TEMPLATES[
            index % len(ROW_TEMPLATES)
        ]
        rows.append(
            rules.Activity(
                need=need,
                kind=kind,
                description=f"{text} {index + 1}",
                minutes=minutes,
                times=times,
                per=per,
                days_per_week=days,
                assistants=assistants,
                time_type=time_type,
                note=note,
            )
        )
    return tuple(rows)


def make_draft(rows: int):
    from assessments import rules
    from assessments.models import Assessment

    return Assessment.objects.create_from(
        rules.Assessment(
            date(2024, 11, 22), sample_rows(rows), age=9, title=f"Mätning med {rows} rader"
        )
    )


def bare_table_html(draft) -> str:
    """The baseline: the rows as one table and nothing else."""
    from assessments import rules
    from assessments.rules import words

    result = rules.calculate(draft)
    cells = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(str(cell))}</td>"
            for cell in (
                f"{r.index + 1}. {r.activity.description}",
                rules.format_number(r.activity.minutes),
                words.frequency_text(r.activity),
                r.activity.assistants,
                "Grundläggande" if rules.counts_as_basic(r.activity) else "Annat",
                f"{rules.format_hours(r.weekly_minutes)} h",
                r.activity.note,
            )
        )
        + "</tr>"
        for r in result.rows
    )
    headers = "".join(
        f"<th>{h}</th>"
        for h in ("Beskrivning", "Min", "Hur ofta", "Assistenter", "Slag", "Tid", "Anteckning")
    )
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Rader</title>'
        '<style>@page { size: A4 } html { font-family: "DejaVu Sans" }</style></head><body>'
        f"<table><thead><tr>{headers}</tr></thead><tbody>{cells}</tbody></table></body></html>"
    )


def render_bare(draft) -> bytes:
    import weasyprint

    from assessments.pdf import NO_NETWORK_FETCHER, PDF_VARIANT

    html = bare_table_html(draft)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=NO_NETWORK_FETCHER)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader  # a test dependency, installed with .[test]

    return len(PdfReader(io.BytesIO(pdf)).pages)


def timed(function, cpu: list | None = None) -> tuple[float, bytes]:
    """Wall-clock milliseconds (and, into `cpu`, this process's CPU milliseconds, which other
    work on a shared machine disturbs less)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    out = function()
    if cpu is not None:
        cpu.append((time.process_time() - start_cpu) * 1000)
    return (time.perf_counter() - start) * 1000, out


def bench_cache(stored, repeat: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from assessments.models import RateCounter

    RateCounter.objects.all().delete()  # a window of its own for each run (RATE_LIMIT_PDF)
    client = Client(HTTP_HOST="localhost")  # an ALLOWED_HOSTS name
    url = reverse("assessments:pdf", args=[stored.token])
    first, response = timed(lambda: client.get(url))
    assert response.status_code == 200, response.status_code
    hits = [timed(lambda: client.get(url))[0] for _ in range(repeat)]
    print(
        f"view, {stored.activities.count()} rows: first GET {first:.0f} ms, "
        f"cached re-download median {statistics.median(hits):.1f} ms (min {min(hits):.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="renders of each (default 9)")
    parser.add_argument("--rows", type=int, nargs="+", default=[20, 150])
    parser.add_argument("--appendix", action="store_true", help="the summary with its appendix")
    parser.add_argument("--cache", action="store_true", help="also time a cached re-download")
    args = parser.parse_args()
    # whitenoise warns that STATIC_ROOT does not exist (only collectstatic makes it).
    warnings.filterwarnings("ignore", message="No directory at")

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from assessments.pdf import render_summary

        warm = make_draft(1).to_rules()
        render_summary(warm, printed_on=PRINTED_ON)  # warm up fonts and caches
        render_bare(warm)
        for rows in args.rows:
            stored = make_draft(rows)
            draft = stored.to_rules()
            product, bare, product_cpu, bare_cpu = [], [], [], []
            for _ in range(args.repeat):
                ms, pdf = timed(
                    lambda d=draft: render_summary(
                        d, printed_on=PRINTED_ON, appendix=args.appendix
                    ),
                    product_cpu,
                )
                product.append(ms)
                ms, bare_pdf = timed(lambda d=draft: render_bare(d), bare_cpu)
                bare.append(ms)
            ratio = statistics.median(product) / statistics.median(bare)
            label = "summary with appendix" if args.appendix else "summary"
            print(
                f"{rows} rows: {label} {statistics.median(product):.0f} ms "
                f"(min {min(product):.0f}), bare table {statistics.median(bare):.0f} ms "
                f"(min {min(bare):.0f}): ratio {ratio:.2f} (min {min(product) / min(bare):.2f}); "
                f"{page_count(pdf)} pages (bare table {page_count(bare_pdf)})\n"
                f"  CPU time: summary {statistics.median(product_cpu):.0f} ms, bare table "
                f"{statistics.median(bare_cpu):.0f} ms: ratio "
                f"{statistics.median(product_cpu) / statistics.median(bare_cpu):.2f}"
            )
            if args.cache:
                bench_cache(stored, args.repeat)


if __name__ == "__main__":
    main()
