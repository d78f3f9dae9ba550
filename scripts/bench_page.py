"""Benchmark: the draft page against a bare Django template of the same rows (issue 22, item 1:
within 3 times at 150 rows, and a 500-row page under 1 s of server time).

    .venv/bin/python scripts/bench_page.py [--repeat 15] [--against /work/wt/before]
    .venv/bin/python scripts/bench_page.py --profile 150     # cProfile of 3 pages, top entries

For drafts of 150 and 500 rows (catalogue items in the law's order, as scripts/bench_editor.py
makes them) it times, in turn, round after round, so that load from other work slows them
alike: the draft page (GET through Django's whole request stack on SQLite) and the bare table,
a Django template that reads the same rows from the database and renders each with the same
nine inputs as the page's line (its seven fields, the version, the remove button; the selects
with their options). It prints the medians (wall clock and the process's CPU time), the median
of the rounds' page ÷ bare ratios, and the page's queries at 5, 150 and 500 rows.

With `--against DIR` the same is done, interleaved in the same rounds, with the code of another
checkout (e.g. a worktree of the code before this work): each checkout's code runs in a process
of its own (`--worker`), each on a database of its own, and this process takes them in turn.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__" and "--worker" in sys.argv:
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "scripts"]

# The bare table: the same rows with the same nine inputs, as plain as a Django template gets.
BARE = (ROOT / "scripts" / "bench_bare_table.html").read_text()


# --- the worker: one checkout's code, one database, commands on stdin, figures on stdout ---


def worker(code: Path) -> None:
    sys.path.insert(0, str(code))
    os.chdir(code)
    db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_MANIFEST_STATIC"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.template import engines
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from assessments import rules
    from assessments.models import Activity, Assessment

    call_command("migrate", verbosity=0)
    from assessments import catalogue
    from assessments.forms.rows import ActivityForm

    items = [item for group in catalogue.CATALOGUE for item in group.items]
    order = [info.need for info in rules.NEEDS]

    def make_draft(rows: int) -> Assessment:
        """Rows as scripts/bench_editor.py makes them: catalogue items in the law's order."""
        made = Assessment.objects.create(title=f"Benchmark {rows}", age=9)
        chosen = sorted(
            (items[(i * 7) % len(items)] for i in range(rows)),
            key=lambda item: order.index(item.need),
        )
        Activity.objects.bulk_create(
            Activity.from_row(item.row, assessment=made, position=i)
            for i, item in enumerate(chosen)
        )
        return made

    def posted(activity: Activity, **typed) -> dict:
        """The row's line as the page posts it (under its prefix, with its version)."""
        form = ActivityForm.for_row(activity)
        names = [name for name in ActivityForm.line_fields if name in form.fields]
        data = {name: form[name].value() for name in names}
        data.update(typed, version=activity.version)
        return {form.add_prefix(k): "" if v is None else str(v) for k, v in data.items()}

    client = Client()
    drafts: dict[int, Assessment] = {}

    def draft(rows: int) -> Assessment:
        if rows not in drafts:
            drafts[rows] = make_draft(rows)
        return drafts[rows]

    bare = engines["django"].from_string(BARE)
    kinds = (rules.Kind.BASIC, rules.Kind.OTHER)
    choices = {
        "per_choices": [(p.value, rules.CHOICE_LABELS[rules.Period][p]) for p in rules.Period],
        "assistant_choices": [(1, "1"), (2, "2")],
        "kind_choices": [(k.value, rules.KIND_LABELS[k]) for k in kinds],
    }

    def page(rows: int):
        return client.get(draft(rows).get_absolute_url())

    def bare_table(rows: int) -> str:
        found = list(Activity.objects.filter(assessment=draft(rows)).order_by("position", "pk"))
        return bare.render({"rows": found, **choices})

    saves = {"n": 0}

    def save(rows: int):
        saves["n"] += 1
        d = draft(rows)
        row = d.rows()[rows // 2]
        url = reverse("assessments:activity", args=[d.token, row.pk])
        data = posted(row, minutes=10 + saves["n"] % 7)
        response = client.post(url, data, headers={"HX-Request": "true"})
        assert response.status_code == 200, response.status_code
        return response

    actions = {"page": page, "bare": bare_table, "save": save}
    for line in sys.stdin:
        command, *args = line.split()
        if command == "profile":
            import cProfile
            import io
            import pstats

            action, rows = actions[args[0]], int(args[1])
            for _ in range(2):
                action(rows)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(3):
                action(rows)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(20)
            print(json.dumps({"profile": out.getvalue()}), flush=True)
            continue
        if command == "queries":
            with CaptureQueriesContext(connection) as queries:
                actions[args[0]](int(args[1]))
            print(json.dumps({"queries": len(queries)}), flush=True)
            continue
        action, rows = actions[command], int(args[0])
        start, cpu = time.perf_counter(), time.process_time()
        answer = action(rows)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = len(answer.content if hasattr(answer, "content") else answer)
        print(json.dumps({"wall": wall, "cpu": cpu, "size": size}), flush=True)


class Worker:
    """A `--worker` process running one checkout's code."""

    def __init__(self, code: Path):
        self.code = code
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(code)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(code)},
        )

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the worker of {self.code} stopped at {command!r}")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def workers(against: Path | None) -> dict[str, Worker]:
    found = {"this code": Worker(ROOT)}
    if against is not None:
        found[f"before ({against})"] = Worker(against.resolve())
    return found


def rounds(workers: dict[str, Worker], commands: list[str], repeat: int, warm: int = 2) -> dict:
    """Each command on each worker in turn, round after round: {(worker, command): samples}."""
    samples = {(name, command): [] for name in workers for command in commands}
    for index in range(warm + repeat):
        for name, w in workers.items():
            for command in commands:
                figures = w.ask(command)
                if index >= warm:
                    samples[name, command].append(figures)
    return samples


def median(samples: list[dict], key: str = "wall") -> float:
    return statistics.median(s[key] for s in samples) * 1000


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rows", type=int, nargs="+", default=[150, 500])
    parser.add_argument("--against", type=Path, help="another checkout, timed in the same rounds")
    parser.add_argument("--profile", type=int, metavar="ROWS", help="cProfile the page instead")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        return worker(args.worker)
    found = workers(args.against)
    try:
        if args.profile:
            for name, w in found.items():
                print(f"== {name}: cProfile of 3 pages of {args.profile} rows")
                print(w.ask(f"profile page {args.profile}")["profile"])
            return
        print(f"load average before: {load_average()}")
        for name, w in found.items():
            counts = [w.ask(f"queries page {n}")["queries"] for n in (5, *args.rows)]
            sizes = "/".join(map(str, (5, *args.rows)))
            print(f"{name}: queries of the page at {sizes} rows: {counts}")
        commands = [f"{what} {n}" for n in args.rows for what in ("page", "bare")]
        samples = rounds(found, commands, args.repeat)
        for name in found:
            for n in args.rows:
                page, bare = samples[name, f"page {n}"], samples[name, f"bare {n}"]
                ratios = [p["wall"] / b["wall"] for p, b in zip(page, bare, strict=True)]
                pairs = zip(page, bare, strict=True)
                cpu_ratios = [p["cpu"] / b["cpu"] for p, b in pairs if b["cpu"]]
                print(
                    f"{name}, {n} rows: page median {median(page):7.1f} ms"
                    f" (CPU {median(page, 'cpu'):7.1f} ms, {page[-1]['size'] / 1000:.0f} kB),"
                    f" bare {median(bare):6.1f} ms (CPU {median(bare, 'cpu'):6.1f} ms),"
                    f" page/bare median {statistics.median(ratios):5.2f}"
                    f" (CPU {statistics.median(cpu_ratios) if cpu_ratios else float('nan'):5.2f})"
                )
        print(f"load average after: {load_average()}")
    finally:
        for w in found.values():
            w.close()


if __name__ == "__main__":
    main()
