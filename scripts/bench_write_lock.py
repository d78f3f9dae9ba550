"""Pages while another connection writes (issue 18, item 3). Not a test: it starts gunicorn
(gunicorn.conf.py) on a database of its own, opens a draft, and while another connection holds
a write transaction on that draft open (SQLite: the database's write lock; PostgreSQL: the
draft's row) it times --repeat requests each of the start page, the draft page, the draft's
file, /healthz and /readyz, and prints their statuses and the median and longest seconds, e.g.
    GET /                  200 ×5  median 0.007 s, at most 0.009 s

    .venv/bin/python scripts/bench_write_lock.py                 # SQLite
    .venv/bin/python scripts/bench_write_lock.py --db postgres   # a PostgreSQL server it starts
"""

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import files, postgres, servers  # noqa: E402
from loadtest.client import Person  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url = stack.enter_context(postgres.own_database(args.db, tmp))
        env = servers.app_env(database_url, **servers.NO_RATE_LIMITS)
        servers.prepare_database(env)
        server = servers.start_gunicorn(env, tmp / "server.log")
        stack.callback(server.stop)
        person = Person(server.url)
        token = person.open_file(files.assessment_file(20))
        paths = ["/", person.draft_path, f"{person.draft_path}fil/", "/healthz", "/readyz"]
        for path in paths * 4:  # warm: every page in every worker before the lock
            requests.get(person.url(path), timeout=60)
        print(f"{args.db}: while another connection holds a write transaction")
        with servers.writer_holding(database_url, token):
            for path in paths:
                statuses, seconds = set(), []
                for _ in range(args.repeat):
                    begun = time.perf_counter()
                    statuses.add(requests.get(person.url(path), timeout=60).status_code)
                    seconds.append(time.perf_counter() - begun)
                shown = path.replace(token, "<token>")
                print(
                    f"    GET {shown:<18} {'/'.join(map(str, sorted(statuses)))} ×{args.repeat}  "
                    f"median {statistics.median(seconds):.3f} s, at most {max(seconds):.3f} s"
                )


if __name__ == "__main__":
    main()
