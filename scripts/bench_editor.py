"""Benchmark: what the editor's htmx answers cost at 5 rows and at 150 (issue 10, "Performance";
issue 13, point 6).

    .venv/bin/python scripts/bench_editor.py [--repeat 20]

For a draft of 5 and one of 150 rows (catalogue items in the law's order, as a person builds
them), it prints for each row action answered by htmx (save a row, add a row, remove a row, move
a row, undo a removal) the size of the answer in bytes and its server time (median and 95th
percentile, through Django's whole request stack on SQLite), the ratio of the sizes at 150 and
5 rows, and the size of the draft page itself. A row action must not grow with the draft: the
sizes at 150 rows are to be within 30 % of those at 5.
"""

import argparse
import os
import re
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

import warnings  # noqa: E402

import django  # noqa: E402

# whitenoise looks for STATIC_ROOT, which only `collectstatic` (scripts/run.sh) creates.
warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments import catalogue, rules  # noqa: E402
from assessments.forms import ActivityForm  # noqa: E402
from assessments.models import Activity, Assessment  # noqa: E402
from loadtest.stats import percentile  # noqa: E402

HTMX = {"HX-Request": "true"}
ITEMS = [item for group in catalogue.CATALOGUE for item in group.items]


def make_draft(rows: int) -> Assessment:
    """Rows spread over the catalogue, then in the law's order of needs (how the page adds them)."""
    draft = Assessment.objects.create(title=f"Benchmark {rows}", age=9)
    order = [info.need for info in rules.NEEDS]
    chosen = sorted(
        (ITEMS[(i * 7) % len(ITEMS)] for i in range(rows)), key=lambda item: order.index(item.need)
    )
    Activity.objects.bulk_create(
        Activity.from_row(item.row, assessment=draft, position=i) for i, item in enumerate(chosen)
    )
    return draft


def posted(activity: Activity, **typed) -> dict:
    """The row's line as the page posts it (under its prefix, with its version)."""
    form = ActivityForm.for_row(activity)
    data = {name: form[name].value() for name in ActivityForm.line_fields if name in form.fields}
    data.update(typed, version=activity.version)
    return {
        form.add_prefix(name): "" if value is None else str(value) for name, value in data.items()
    }


def figures(samples: list[float]) -> str:
    p95 = percentile(samples, 0.95)
    return f"median {statistics.median(samples) * 1000:5.1f} ms, p95 {p95 * 1000:5.1f} ms"


def measure(rows: int, repeat: int) -> dict[str, tuple[list[float], int]]:
    """action -> (server times, size of the last answer in bytes); the draft keeps its size."""
    client = Client()
    draft = make_draft(rows)
    add_url = reverse("assessments:add_activity", args=[draft.token])
    results: dict[str, tuple[list[float], int]] = {}

    def record(action: str, method, url: str, data: dict, warm: bool):
        start = time.perf_counter()
        response = method(url, data, headers=HTMX)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (action, response.status_code)
        times, _size = results.get(action, ([], 0))
        results[action] = (times if warm else [*times, elapsed], len(response.content))
        return response

    for i in range(repeat + 1):
        warm = i == 0  # the first round warms template and URL caches
        row = draft.rows()[rows // 2]
        url = reverse("assessments:activity", args=[draft.token, row.pk])
        record("save a row", client.post, url, posted(row, minutes=10 + i % 7), warm)
        record("add a row", client.post, add_url, {"item": "hygiene-shower"}, warm)
        draft.activities.order_by("-pk").first().delete()  # back to its size
        record("move a row", client.post, url, {"move_up": row.pk}, warm)
        removed = record("remove a row", client.post, url, {"remove": row.pk}, warm)
        undo = dict(re.findall(rf'name="(x{row.pk}-[a-z_]+)"(?: value="([^"]*)")?', removed.text))
        restore = reverse("assessments:restore", args=[draft.token, row.pk])
        record("undo a removal", client.post, restore, undo, warm)
    assert draft.activities.count() == rows
    page = client.get(draft.get_absolute_url())
    results["the draft page (GET)"] = ([], len(page.content))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    small, large = measure(5, args.repeat), measure(150, args.repeat)
    header = f"{'htmx answer':22} {'5 rows':>10} {'150 rows':>10} {'ratio':>7}"
    print(f"{header}   server time, 5 rows / 150 rows")
    for action in small:
        (times_5, size_5), (times_150, size_150) = small[action], large[action]
        timing = f"{figures(times_5)} / {figures(times_150)}" if times_5 else ""
        print(f"{action:22} {size_5:>8} B {size_150:>8} B {size_150 / size_5:>6.2f}x   {timing}")


if __name__ == "__main__":
    main()
