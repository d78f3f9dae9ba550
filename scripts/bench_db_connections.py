"""PostgreSQL connections per request: new, persistent or pooled (issue 14). Not a test: it
prints, per setting, the median and p95 of GET /healthz (two queries) and of a row save, one
request at a time, against gunicorn with gunicorn.conf.py, e.g.
    pool (DATABASE_POOL=1): healthz median 2.1 ms p95 3.0 ms; save median 24 ms p95 30 ms

    DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres \\
        .venv/bin/python scripts/bench_db_connections.py [--requests 300]
It makes (and drops) a database of its own on that server.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import files, servers  # noqa: E402
from loadtest.client import Person, row_form  # noqa: E402

OPTIONS = {
    "new connection per request (DATABASE_POOL=0, DATABASE_CONN_MAX_AGE=0)": {
        "DATABASE_POOL": "0",
        "DATABASE_CONN_MAX_AGE": "0",
    },
    "persistent (DATABASE_POOL=0, DATABASE_CONN_MAX_AGE=60)": {
        "DATABASE_POOL": "0",
        "DATABASE_CONN_MAX_AGE": "60",
    },
    "pool (DATABASE_POOL=1)": {"DATABASE_POOL": "1"},
}


def timed(action, count: int) -> tuple[float, float]:
    seconds = []
    for _ in range(count):
        begun = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - begun)
    seconds.sort()
    return statistics.median(seconds) * 1000, seconds[int(len(seconds) * 0.95)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    admin_url = os.environ.get("DATABASE_URL", "")
    if not admin_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server")
    with tempfile.TemporaryDirectory() as tmp, servers.postgres_database(admin_url) as url:
        servers.prepare_database(servers.app_env(url))
        for label, extra in OPTIONS.items():
            server = servers.start_gunicorn(
                servers.app_env(url, **servers.NO_RATE_LIMITS, **extra), Path(tmp) / "server.log"
            )
            try:
                person = Person(server.url)
                data = files.assessment_file(60)
                person.open_file(data)
                row_url = person.row_urls()[0]

                def health_check(session=person.session, base=server.url):
                    session.get(base + "healthz")

                timed(health_check, 50)  # warm: threads, pool and caches in every worker
                health = timed(health_check, args.requests)
                values = iter(range(1, 10**6))

                def save_row(person=person, url=row_url, row=data["activities"][0], values=values):
                    person.save_row(url, row_form(row, minutes=next(values) % 1440 + 1))

                save = timed(save_row, args.requests)
            finally:
                server.stop()
            print(
                f"{label}: healthz median {health[0]:.1f} ms p95 {health[1]:.1f} ms; "
                f"save (60 rows) median {save[0]:.0f} ms p95 {save[1]:.0f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
