"""Benchmark: the server side of one live recompute, and the rules alone.

    .venv/bin/python scripts/bench_recompute.py [--repeat 30]

Prints the median and the 95th percentile of
  - `rules.calculate` on 20 and 150 rows (pure Python),
  - one htmx row save (POST, validate, save, recalculate, render the answer: the results and the
    row's hours and state) through Django's full request stack on SQLite, for drafts of 20 and
    150 rows. scripts/bench_editor.py measures every row action and the size of its answer.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
os.environ["DJANGO_MANIFEST_STATIC"] = "0"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from assessments import catalogue  # noqa: E402
from assessments.models import Activity, Assessment  # noqa: E402
from loadtest.stats import percentile  # noqa: E402

ITEMS = [item for group in catalogue.CATALOGUE for item in group.items]


def make_draft(rows: int) -> Assessment:
    draft = Assessment.objects.create(title=f"Benchmark {rows}", age=9)
    Activity.objects.bulk_create(
        Activity.from_row(ITEMS[i % len(ITEMS)].row, assessment=draft, position=i)
        for i in range(rows)
    )
    return draft


def figures(label: str, samples: list[float]) -> None:
    p95 = percentile(samples, 0.95)
    print(
        f"{label}: median {statistics.median(samples) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms ({len(samples)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    client = Client()
    for rows in (20, 150):
        draft = make_draft(rows)
        rules_input = draft.to_rules()
        from assessments import rules

        samples = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            rules.calculate(rules_input)
            samples.append(time.perf_counter() - start)
        figures(f"rules.calculate, {rows} rows", samples)

        row = draft.rows()[rows // 2]
        url = f"/b/{draft.token}/rader/{row.pk}/"
        # The row's line as the page posts it, under the row's prefix.
        data = {
            f"r{row.pk}-{name}": value
            for name, value in {
                "description": row.description,
                "times": "1",
                "per": "day",
                "days_per_week": "7",
                "assistants": "1",
                "kind": row.kind,
            }.items()
        }
        samples = []
        for i in range(args.repeat + 1):
            data[f"r{row.pk}-minutes"] = str(10 + i % 7)
            # The version the page showed: a save on an older one is refused (409).
            row.refresh_from_db(fields=["version"])
            data[f"r{row.pk}-version"] = str(row.version)
            start = time.perf_counter()
            response = client.post(url, data, headers={"HX-Request": "true"})
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, response.status_code
            if i:  # the first request warms template and URL caches
                samples.append(elapsed)
        figures(f"htmx row save + recompute, {rows} rows", samples)


if __name__ == "__main__":
    main()
