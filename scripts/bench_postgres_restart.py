"""The site through a restart and an outage of PostgreSQL (issue 18, item 8). Not a test: it
starts a PostgreSQL server of its own and gunicorn (gunicorn.conf.py) on it; four people save
rows and open their drafts until every worker's pool holds connections; then it restarts
PostgreSQL and counts the requests that fail after it; then it stops PostgreSQL and prints, for
three each of a save (as the page sends it with htmx), a save without JavaScript, the draft page
and /readyz, the status, the seconds to the answer and whether the answer says "Vi kan inte
spara just nu"; then it starts PostgreSQL again and counts failures once more, e.g.
    after a restart: 0 of 80 requests failed
    htmx save   503 in 3.01 s (says so), ...

    .venv/bin/python scripts/bench_postgres_restart.py [--requests 20]
"""

import argparse
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import postgres, servers  # noqa: E402
from loadtest.editing import Editor, all_at_once  # noqa: E402

PEOPLE = 4
SAYS_SO = "Vi kan inte spara just nu"


def timed(request, times: int = 3) -> str:
    """The answers of `times` requests one after the other: status, seconds, and whether each
    said that nothing could be saved."""
    answers = []
    for _ in range(times):
        begun = time.perf_counter()
        response = request()
        seconds = time.perf_counter() - begun
        says = "says so" if SAYS_SO in response.text else "does not say so"
        answers.append(f"{response.status_code} in {seconds:.2f} s ({says})")
    return ", ".join(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20, help="per person and phase")
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database = stack.enter_context(postgres.throwaway())
        env = servers.app_env(database.url, **servers.NO_RATE_LIMITS)
        servers.prepare_database(env)
        server = servers.start_gunicorn(env, tmp / "server.log")
        stack.callback(server.stop)
        editors = [Editor(server.url) for _ in range(PEOPLE)]
        total = PEOPLE * args.requests
        warm = all_at_once(editors, args.requests)
        print(f"before the restart: {warm.total()} of {total} requests failed {dict(warm)}")

        database.stop()
        database.start()
        after = all_at_once(editors, args.requests)
        print(f"after a restart: {after.total()} of {total} requests failed {dict(after)}")

        database.stop()
        editor = editors[0]
        person = editor.person
        print("while PostgreSQL is down:")
        answers = {
            "htmx save": lambda: person.save_row(editor.row_url, editor.form(), check=False),
            "plain save": lambda: person.save_row(
                editor.row_url, editor.form(), htmx=False, check=False
            ),
            "draft page": lambda: person.session.get(person.url(person.draft_path)),
            "/readyz": lambda: person.session.get(person.url("/readyz")),
        }
        for label, request in answers.items():
            print(f"    {label:<11} {timed(request)}")

        database.start()
        back = all_at_once(editors, args.requests)
        print(f"after it is back: {back.total()} of {total} requests failed {dict(back)}")


if __name__ == "__main__":
    main()
