"""Benchmark: one htmx row save on a 150-row draft against the same save on a 5-row draft (issue
22, item 2: within 1.3 times).

    .venv/bin/python scripts/bench_save.py [--repeat 30] [--against /work/wt/before]

The save is the page's own request while a person types: the row's line posted under its prefix
with the version it was based on, to the row's address with `HX-Request`, through Django's whole
request stack on SQLite (validate, judge against what is stored, store, recalculate, answer with
the row, its need's subtotal and the results). The 5-row and 150-row saves, and with `--against`
the same in another checkout's code (a process of its own, `bench_page.py --worker`), are timed
in turn, round after round, so that load from other work slows them alike. It prints the medians
(wall clock and the process's CPU time), the 95th percentiles, the median of the rounds' ratios,
the answers' sizes and the saves' queries.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_page import load_average, median, rounds, workers  # noqa: E402

from loadtest.stats import percentile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rows", type=int, nargs=2, default=[5, 150])
    parser.add_argument("--against", type=Path, help="another checkout, timed in the same rounds")
    parser.add_argument("--profile", type=int, metavar="ROWS", help="cProfile the save instead")
    args = parser.parse_args()
    found = workers(args.against)
    small, large = args.rows
    try:
        if args.profile:
            for name, w in found.items():
                print(f"== {name}: cProfile of 3 saves on {args.profile} rows")
                print(w.ask(f"profile save {args.profile}")["profile"])
            return
        print(f"load average before: {load_average()}")
        for name, w in found.items():
            counts = [w.ask(f"queries save {n}")["queries"] for n in (small, large)]
            print(f"{name}: queries of a save at {small}/{large} rows: {counts}")
        samples = rounds(found, [f"save {small}", f"save {large}"], args.repeat)
        for name in found:
            few, many = samples[name, f"save {small}"], samples[name, f"save {large}"]
            ratios = [b["wall"] / a["wall"] for a, b in zip(few, many, strict=True)]
            cpu = [b["cpu"] / a["cpu"] for a, b in zip(few, many, strict=True) if a["cpu"]]
            for n, got in ((small, few), (large, many)):
                p95 = percentile([s["wall"] for s in got], 0.95) * 1000
                print(
                    f"{name}, save on {n} rows: median {median(got):6.1f} ms, p95 {p95:6.1f} ms"
                    f" (CPU median {median(got, 'cpu'):6.1f} ms), answer {got[-1]['size']} B"
                )
            print(
                f"{name}: {large} ÷ {small} rows, median of the rounds' ratios"
                f" {statistics.median(ratios):4.2f} (CPU {statistics.median(cpu):4.2f})"
            )
        print(f"load average after: {load_average()}")
    finally:
        for w in found.values():
            w.close()


if __name__ == "__main__":
    main()
