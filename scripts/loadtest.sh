#!/usr/bin/env bash
# The load test (loadtest/__main__.py) with Locust, from the optional "load" dependencies.
#
#   bash scripts/loadtest.sh                    # 20 people on 60-row drafts, 60 s, SQLite
#   bash scripts/loadtest.sh --db postgres      # on a throw-away PostgreSQL server started here
#   bash scripts/loadtest.sh --search           # the most people within p95 <= 100 ms
#   bash scripts/loadtest.sh --faults           # SIGKILL a worker and restart the server meanwhile
#   bash scripts/loadtest.sh --help             # every option
#
# GUNICORN_WORKERS, GUNICORN_THREADS and DATABASE_* settings in the environment reach the server.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh test
if [ ! .venv/.installed-load -nt pyproject.toml ]; then
    echo "loadtest: pip install -e \".[test,load]\"" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --progress-bar off \
        -e ".[test,load]"
    touch .venv/.installed-load
fi
export PATH="$PWD/.venv/bin:$PATH"

wants_postgres=0
previous=""
for arg in "$@"; do
    if [ "$arg" = "--db=postgres" ] || { [ "$previous" = "--db" ] && [ "$arg" = postgres ]; }; then
        wants_postgres=1
    fi
    previous="$arg"
done

if [ "$wants_postgres" = 1 ] && [ -z "${DATABASE_URL:-}" ]; then
    # shellcheck source=scripts/lib/postgres.sh
    source scripts/lib/postgres.sh
    trap stop_postgres EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_postgres
    export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
    python -m loadtest "$@"
else
    exec python -m loadtest "$@"
fi
