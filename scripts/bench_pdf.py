"""Time the printable summary: render a 20-row and a 150-row draft N times each.

Not a test: prints the median and the fastest wall-clock time and the page count, e.g.
    pdf 20 rows: median 310 ms (min 290 ms), 2 pages
Usage (from the project root):
    .venv/bin/python scripts/bench_pdf.py [--repeat 7] [--rows 20 150]
It uses its own throw-away SQLite database, never the project's. Targets: under 1 s for 20 rows
and under 3 s for 150 rows.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_draft(rows: int):
    from assessments.models import Activity, Assessment

    draft = Assessment.objects.create(
        title=f"Mätning med {rows} rader", assessment_date=date(2024, 11, 22), age=9
    )
    Activity.objects.bulk_create(
        Activity(
            assessment=draft,
            position=index,
            need=need,
            kind=kind,
            description=f"{description} {index + 1}",
            minutes=minutes,
            times=times,
            per=per,
            days_per_week=days,
            assistants=assistants,
            time_type=time_type,
            note=note,
        )
        for index in range(rows)
        for need, kind, description, minutes, times, per, days, assistants, time_type, note in (
            ROW_TEMPLATES[index % len(ROW_TEMPLATES)],
        )
    )
    return draft


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader  # a test dependency, installed with .[test]

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="renders per draft (default 7)")
    parser.add_argument("--rows", type=int, nargs="+", default=[20, 150])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from assessments.pdf import render_summary_pdf

        printed_on = date(2026, 11, 22)
        render_summary_pdf(make_draft(1), printed_on=printed_on)  # warm up fonts and caches
        for rows in args.rows:
            draft = make_draft(rows)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                pdf = render_summary_pdf(draft, printed_on=printed_on)
                times.append((time.perf_counter() - start) * 1000)
            print(
                f"pdf {rows} rows: median {statistics.median(times):.0f} ms "
                f"(min {min(times):.0f} ms), {page_count(pdf)} pages"
            )


if __name__ == "__main__":
    main()
