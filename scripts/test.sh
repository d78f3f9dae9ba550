#!/usr/bin/env bash
# Runs every check of Behovsräknare:
#   1. ruff check . and ruff format --check .
#   2. the whole pytest suite on SQLite, the browser (e2e) tests in headless Chromium included
#   3. the database-touching tests (pytest -m "not e2e"; tests/conftest.py leaves out those that
#      touch no database) again on a real PostgreSQL server that this script starts in a scratch
#      directory and always stops; 2 and 3 run at the same time, each printed when both are done.
#
#   bash scripts/test.sh                      # everything
#   bash scripts/test.sh -k rules             # extra arguments go to pytest; then the PostgreSQL
#   WITH_POSTGRES=1 bash scripts/test.sh -k rules   # pass runs only with WITH_POSTGRES=1
#
# Every step runs even when an earlier one failed; the script exits non-zero if any failed.
# pytest's exit code 5 (no tests collected) counts as a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh test

export PATH="$PWD/.venv/bin:$PATH"

# The settings' test environment (secret key, no https redirect) is set by pytest-env from
# pyproject.toml, so plain `pytest` works too.

failed=()

step() {
    echo
    echo "==> $*"
}

# Runs pytest with the given arguments; prints why it failed. Returns pytest's exit code.
run_pytest() {
    local rc=0
    python -m pytest "$@" || rc=$?
    case "$rc" in
        0) ;;
        5) echo "test.sh: pytest collected no tests (exit code 5): counted as a failure" >&2 ;;
        *) echo "test.sh: pytest failed (exit code $rc)" >&2 ;;
    esac
    return "$rc"
}

step "ruff check ."
ruff check . || failed+=("ruff check")

step "ruff format --check ."
ruff format --check . || failed+=("ruff format --check")

# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
scratch=$(mktemp -d)
cleanup() {
    stop_postgres || true
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sqlite_pass() {
    unset DATABASE_URL
    # Each pass its own PDF render slots: the two passes may run at the same time.
    export PDF_RENDER_LOCK_DIR="$scratch/render-sqlite"
    run_pytest "$@"
}

postgres_pass() {
    export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
    # Tests that need PostgreSQL (tests/test_postgres.py) fail here instead of skipping.
    export BEHOV_POSTGRES_PASS=1
    export PDF_RENDER_LOCK_DIR="$scratch/render-postgres"
    run_pytest -m "not e2e" "$@"
}

if [ "$#" -gt 0 ] && [ "${WITH_POSTGRES:-0}" != 1 ]; then
    step "pytest on SQLite (e2e included) $*"
    (sqlite_pass "$@") || failed+=("pytest on SQLite")
    echo
    echo "test.sh: skipping the PostgreSQL pass (pytest arguments given; WITH_POSTGRES=1 runs it)"
elif ! start_postgres fast; then
    failed+=("starting PostgreSQL")
    step "pytest on SQLite (e2e included) $*"
    (sqlite_pass "$@") || failed+=("pytest on SQLite")
else
    # The two passes at the same time (issue 22 item 5): the browser tests keep a core busy while
    # the PostgreSQL pass mostly waits on the servers it starts. Each pass writes its own log,
    # printed whole when both are done.
    echo
    echo "test.sh: the SQLite and PostgreSQL passes run at the same time; their output follows"
    (sqlite_pass "$@") >"$scratch/sqlite.log" 2>&1 &
    sqlite_pid=$!
    (postgres_pass "$@") >"$scratch/postgres.log" 2>&1 &
    postgres_pid=$!
    sqlite_rc=0
    postgres_rc=0
    wait "$sqlite_pid" || sqlite_rc=$?
    wait "$postgres_pid" || postgres_rc=$?
    step "pytest on SQLite (e2e included) $*"
    cat "$scratch/sqlite.log"
    [ "$sqlite_rc" = 0 ] || failed+=("pytest on SQLite")
    step "pytest on PostgreSQL (-m \"not e2e\") $*"
    cat "$scratch/postgres.log"
    [ "$postgres_rc" = 0 ] || failed+=("pytest on PostgreSQL")
fi
stop_postgres || true

echo
if [ "${#failed[@]}" -gt 0 ]; then
    printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "test.sh: all checks passed"
