"""The load test (issue 14): N people each open a 60-row draft from a file and save a row edit
once a second; at the end every acknowledged value is read back from the draft's file.

    bash scripts/loadtest.sh                         # 20 people, 60 s, SQLite
    bash scripts/loadtest.sh --db postgres           # the same on a PostgreSQL server
    bash scripts/loadtest.sh --search                # the most people within p95 <= 100 ms
    bash scripts/loadtest.sh --faults                # SIGKILL a worker, restart the server
    bash scripts/loadtest.sh --url http://127.0.0.1:8000/   # a server already running
    bash scripts/loadtest.sh --against DIR --pairs 4  # this checkout and DIR's in turn

With `--against DIR` (another checkout, e.g. `git worktree add --detach DIR 6394edb`) each pair
runs this checkout's server and then DIR's, each on a new database, driven by this checkout's
load generator, so that load from other work and the generator itself weigh on both alike.

It starts gunicorn with the repository's configuration (gunicorn.conf.py) on a new database of
its own, drives it with Locust from this process (127.0.0.1 only, bounded in people and time)
and prints, per run: saves, p50 and p95 of a save, failed requests, and values lost.
"""

import argparse
import os
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import gevent
from locust import events
from locust.env import Environment

from . import servers
from .client import Person, ServerError
from .locustfile import Applicant, stored_value
from .stats import percentile


@dataclass
class Run:
    people: int
    saves: int
    p50_ms: float
    p95_ms: float
    errors: int
    lost: int
    checked: int
    notes: str = ""

    def line(self) -> str:
        return (
            f"{self.people:>4} people: {self.saves:>6} saves, p50 {self.p50_ms:5.0f} ms, "
            f"p95 {self.p95_ms:5.0f} ms, {self.errors} errors, {self.lost} lost "
            f"(of {self.checked} rows read back){self.notes}"
        )


def read_back(url: str) -> tuple[int, int]:
    """(lost, rows checked): a row is lost when the server holds neither its last acknowledged
    value nor one sent after it."""
    lost = checked = 0
    for draft in Applicant.drafts:
        person = Person(url)
        person.token = draft.token
        for attempt in range(30):
            try:
                stored = person.read_back()["activities"]
                break
            except (ServerError, OSError):
                if attempt == 29:
                    raise
                time.sleep(1)
        for index, value in draft.acknowledged.items():
            checked += 1
            now = stored_value(stored[index])
            if now != value and now not in draft.pending.get(index, []):
                lost += 1
    return lost, checked


def run(url: str, people: int, seconds: float, rows: int, server=None, faults=False) -> Run:
    Applicant.rows = rows
    Applicant.drafts = []
    environment = Environment(user_classes=[Applicant], host=url.rstrip("/"), events=events)
    runner = environment.create_local_runner()
    save_times: list[float] = []
    errors = [0]
    measuring = [False]

    def on_request(request_type, name, response_time, response_length, exception, **kwargs):
        if exception is not None:
            errors[0] += 1
        elif name == "save" and measuring[0]:
            save_times.append(response_time)

    environment.events.request.add_listener(on_request)
    notes = []
    # People arrive over a few seconds (opening a 60-row file is the heaviest request); the
    # saves are timed once everyone is in.
    runner.start(people, spawn_rate=max(5, people / 5))
    deadline = time.monotonic() + 120
    while len(Applicant.drafts) < people:
        if time.monotonic() > deadline:
            notes.append(f"only {len(Applicant.drafts)} people opened a draft within 120 s")
            break
        gevent.sleep(0.2)
    gevent.sleep(2)
    measuring[0] = True
    if faults and server is not None:
        gevent.sleep(seconds / 3)
        killed = server.kill_worker()
        notes.append(f"worker {killed} killed (SIGKILL)")
        gevent.sleep(seconds / 3)
        closed = server.restart()
        notes.append(f"server restarted, port closed {closed:.1f} s")
        gevent.sleep(seconds / 3)
    else:
        gevent.sleep(seconds)
    measuring[0] = False
    runner.quit()
    environment.events.request.remove_listener(on_request)
    lost, checked = read_back(url)
    return Run(
        people,
        len(save_times),
        percentile(save_times, 0.50),
        percentile(save_times, 0.95),
        errors[0],
        lost,
        checked,
        f"; {', '.join(notes)}" if notes else "",
    )


def started_server(stack: ExitStack, db: str, tmp: Path, checkout: Path = servers.REPO):
    database_url = os.environ.get("DATABASE_URL", "")
    if db == "postgres":
        if not database_url.startswith("postgres"):
            raise SystemExit("--db postgres needs DATABASE_URL (scripts/loadtest.sh starts one)")
        database_url = stack.enter_context(servers.postgres_database(database_url, "behov_load"))
    else:
        database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
    env = servers.app_env(database_url, **servers.NO_RATE_LIMITS)
    env.update({k: v for k, v in os.environ.items() if k.startswith(("GUNICORN_", "DATABASE_"))})
    env["DATABASE_URL"] = database_url
    if checkout != servers.REPO:
        env["PYTHONPATH"] = str(checkout)  # its code, not this checkout's editable install
    servers.prepare_database(env, cwd=checkout)
    server = servers.start_gunicorn(
        env, tmp / "server.log", config=checkout / "gunicorn.conf.py", cwd=checkout
    )
    stack.callback(server.stop)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--url", help="a running server instead of one started here")
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--search", action="store_true", help="raise --people by --step")
    parser.add_argument("--step", type=int, default=20)
    parser.add_argument("--max-people", type=int, default=400)
    parser.add_argument("--target-ms", type=float, default=100)
    parser.add_argument("--faults", action="store_true", help="kill a worker, restart")
    parser.add_argument("--against", type=Path, help="another checkout, run in turn with this one")
    parser.add_argument("--pairs", type=int, default=1, help="with --against: runs of each")
    args = parser.parse_args()
    if args.people < 1 or args.people > args.max_people:
        parser.error(f"--people must be between 1 and {args.max_people}")
    if args.against is not None:
        if args.url or args.search or args.faults:
            parser.error("--against runs servers of its own, without --url, --search or --faults")
        if not (args.against / "manage.py").is_file():
            parser.error(f"--against {args.against}: not a checkout of Behovsräknare")
        return compare(args)

    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="behov-load-") as tmp:
        server = None
        url = args.url
        if url is None:
            server = started_server(stack, args.db, Path(tmp))
            url = server.url
        workers = os.environ.get("GUNICORN_WORKERS", os.cpu_count())
        threads = os.environ.get("GUNICORN_THREADS", 4)
        where = args.url or f"gunicorn ({workers} workers x {threads} threads), {args.db}"
        print(f"load test: {where}, {args.rows}-row drafts, {args.seconds:g} s a run", flush=True)
        people = args.people
        best = None
        while True:
            result = run(url, people, args.seconds, args.rows, server, args.faults)
            print(result.line(), flush=True)
            within = result.p95_ms <= args.target_ms and result.errors == 0 and result.lost == 0
            if within:
                best = result
            if not args.search or not within or people + args.step > args.max_people:
                break
            people += args.step
        if args.search:
            held = f"{best.people} people" if best else "fewer people than the first step"
            print(f"largest load within p95 <= {args.target_ms:g} ms, 0 errors, 0 lost: {held}")


def compare(args) -> None:
    """This checkout and `args.against` in turn, pair after pair, each run on a new server."""
    checkouts = {"this checkout": servers.REPO, str(args.against): args.against.resolve()}
    print(
        f"load test: {args.people} people on {args.rows}-row drafts, {args.seconds:g} s a run, "
        f"{args.db}; this checkout and {args.against} in turn",
        flush=True,
    )
    for pair in range(1, args.pairs + 1):
        for name, checkout in checkouts.items():
            with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="behov-load-") as tmp:
                server = started_server(stack, args.db, Path(tmp), checkout)
                before = os.getloadavg()[0]
                result = run(server.url, args.people, args.seconds, args.rows, server)
            load = f"load average {before:.1f} -> {os.getloadavg()[0]:.1f}"
            print(f"pair {pair}, {name}: {result.line().strip()}; {load}", flush=True)


if __name__ == "__main__":
    main()
