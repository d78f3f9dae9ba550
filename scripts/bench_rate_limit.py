"""The rate limit under concurrent requests to two servers (issue 18, item 5). Not a test: it
starts two gunicorn servers (gunicorn.conf.py) on one database of their own with
RATE_LIMIT_CREATE=--limit, sends --requests "Ny beräkning" posts from one client address at
once, half to each server, and prints how many drafts were created against the limit and the
Retry-After of a refused post, then again --pause seconds later, e.g.
    limit 20: 60 posts at once through 2 servers: 20 created, 40 refused (429)
    Retry-After 3600 s; 5 s later 3595 s

    .venv/bin/python scripts/bench_rate_limit.py [--db postgres] [--limit 20] [--requests 60]
"""

import argparse
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import burst, postgres, servers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--pause", type=float, default=5)
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url = stack.enter_context(postgres.own_database(args.db, tmp))
        env = servers.app_env(database_url, RATE_LIMIT_CREATE=str(args.limit))
        servers.prepare_database(env)
        urls = []
        for number in range(2):
            server = servers.start_gunicorn(env, tmp / f"server-{number}.log")
            stack.callback(server.stop)
            urls.append(server.url)
        answers = burst.create_at_once(urls, args.requests)
        statuses = Counter(answer.status_code for answer in answers)
        refused = [answer for answer in answers if answer.status_code == 429]
        print(
            f"{args.db}, limit {args.limit}: {args.requests} posts at once through 2 servers: "
            f"{statuses[302]} created, {statuses[429]} refused (429), "
            f"{args.requests - statuses[302] - statuses[429]} other"
        )
        first = refused[0].headers.get("Retry-After") if refused else "-"
        time.sleep(args.pause)
        with requests.Session() as browser:
            browser.get(urls[0], timeout=60)
            later = burst.create(browser, urls[0])
        print(
            f"    Retry-After {first} s; {args.pause:g} s later HTTP {later.status_code}, "
            f"Retry-After {later.headers.get('Retry-After', '-')} s"
        )


if __name__ == "__main__":
    main()
