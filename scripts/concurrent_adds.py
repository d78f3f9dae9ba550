"""Many people add a row at the same moment to one nearly full draft (issue 18): prints how many
rows the draft has after, and how many share a position. Not a test; it prints figures, e.g.
    run 1: 500 rows, 0 sharing a position; answers: 20× 200

    .venv/bin/python scripts/concurrent_adds.py [--rows 495] [--adds 20] [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python scripts/concurrent_adds.py

It starts gunicorn with the repository's configuration on a throw-away SQLite database, or, with
DATABASE_URL set to a PostgreSQL server, on a new database there (dropped afterwards), and reads
the positions from that database.
"""

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import row_order, servers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=495)
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="behov-adds-")))
        admin_url = os.environ.get("DATABASE_URL", "")
        if admin_url.startswith("postgres"):
            database_url = stack.enter_context(servers.postgres_database(admin_url))
        else:
            database_url = f"sqlite:///{tmp}/db.sqlite3"
        env = servers.app_env(database_url, **servers.NO_RATE_LIMITS)
        servers.prepare_database(env)
        server = servers.start_gunicorn(env, tmp / "server.log")
        stack.callback(server.stop)
        database = database_url.split(":", 1)[0]
        print(f"{args.adds} adds at once to a {args.rows}-row draft, {database}:")
        for run in range(1, args.runs + 1):
            _owner, outcome = row_order.adds(
                server.url, database_url, rows=args.rows, adds=args.adds
            )
            print(f"  run {run}: {outcome.summary()}")


if __name__ == "__main__":
    main()
