"""Count failed saves under concurrent writers (issue 13): not a test, it prints figures.

    .venv/bin/python scripts/concurrent_writers.py                    # 2 and 20 writers
    .venv/bin/python scripts/concurrent_writers.py --writers 20 --seconds 20
    .venv/bin/python scripts/concurrent_writers.py --url http://127.0.0.1:8000/   # any server

Without --url it starts gunicorn with the repository's configuration on a throw-away SQLite
database (or DATABASE_URL's PostgreSQL server, in a database of its own). Each writer saves one
row in a loop as fast as answers come; a quarter of them share one draft; one more client fetches
a 300-row PDF meanwhile. A server pointed at with --url needs high RATE_LIMIT_* settings.
Prints, per run: saves acknowledged, failed saves by cause, values lost, PDFs rendered.
"""

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import servers, writers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--writers", type=int, nargs="+", default=[2, 20])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--pdf-rows", type=int, default=300)
    args = parser.parse_args()

    with ExitStack() as stack:
        url = args.url
        if url is None:
            url = stack.enter_context(started_server())
        for count in args.writers:
            outcome = writers.run(
                url,
                writers=count,
                seconds=args.seconds,
                shared=count // 4,
                pdf_rows=args.pdf_rows,
            )
            causes = ", ".join(f"{n} {cause}" for cause, n in outcome.errors.most_common())
            print(
                f"{count:>3} writers, {args.seconds:g} s: {outcome.saves} saves acknowledged, "
                f"{outcome.error_count} failed{f' ({causes})' if causes else ''}, "
                f"{outcome.lost} lost; {outcome.pdfs} PDFs of {args.pdf_rows} rows, "
                f"{sum(outcome.pdf_errors.values())} failed",
                flush=True,
            )


def started_server():
    stack = ExitStack()
    tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="behov-writers-")))
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        database_url = stack.enter_context(servers.postgres_database(database_url))
    else:
        database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
    env = servers.app_env(database_url, **servers.NO_RATE_LIMITS)
    servers.prepare_database(env)
    server = servers.start_gunicorn(env, tmp / "server.log")
    stack.callback(server.stop)
    print(f"server: gunicorn (gunicorn.conf.py) on {database_url.split(':')[0]}", flush=True)

    class Started:
        def __enter__(self):
            return server.url

        def __exit__(self, *exc):
            return stack.__exit__(*exc)

    return Started()


if __name__ == "__main__":
    main()
