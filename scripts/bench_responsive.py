"""Time GET / while people ask for PDFs (issues 13 and 18): not a test, it prints figures, e.g.
    GET / ×38: p50 6 ms, p95 12 ms, max 30 ms; 6 PDFs asked for: 4 rendered, median 7.9 s,
    2 queued (503), 0 failed

    .venv/bin/python scripts/bench_responsive.py [--pdfs 2] [--rows 500] [--seconds 20]
    .venv/bin/python scripts/bench_responsive.py --pdfs 12 --rows 150    # a queue for the slots
    .venv/bin/python scripts/bench_responsive.py --url http://127.0.0.1:8000/   # any server

Each PDF is a real render (the person changes a row first; loadtest/responsiveness.py).

Without --url it starts gunicorn with the repository's configuration on a throw-away SQLite
database. A server pointed at with --url needs high RATE_LIMIT_* settings.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import responsiveness, servers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--pdfs", type=int, default=2)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="behov-responsive-") as tmp:
        server = None
        url = args.url
        if url is None:
            env = servers.app_env(f"sqlite:///{tmp}/db.sqlite3", **servers.NO_RATE_LIMITS)
            servers.prepare_database(env)
            server = servers.start_gunicorn(env, Path(tmp) / "server.log")
            url = server.url
        try:
            timings = responsiveness.measure(
                url, pdfs=args.pdfs, rows=args.rows, seconds=args.seconds
            )
        finally:
            if server is not None:
                server.stop()
    print(f"{args.pdfs} people asking for PDFs of {args.rows} rows: {timings.summary()}")


if __name__ == "__main__":
    main()
