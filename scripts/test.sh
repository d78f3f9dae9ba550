#!/usr/bin/env bash
# Runs every check of Behovsräknare:
#   1. ruff check . and ruff format --check .
#   2. the whole pytest suite on SQLite, the browser (e2e) tests in headless Chromium included,
#      in two passes: the browser tests, and the others
#   3. the database-touching tests (pytest -m "not e2e"; tests/conftest.py leaves out those that
#      touch no database) again on a real PostgreSQL server that this script starts in a scratch
#      directory and always stops.
#   The three passes run at the same time; each one's output is printed whole when all are done.
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
    # Each pass its own PDF render slots: the passes run at the same time, and a test that fills
    # every slot must not find another pass's render in one.
    export PDF_RENDER_LOCK_DIR="$scratch/render-sqlite$1"
    shift
    run_pytest "$@"
}

postgres_pass() {
    export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
    # Tests that need PostgreSQL (tests/test_postgres.py) fail here instead of skipping.
    export BEHOV_POSTGRES_PASS=1
    export PDF_RENDER_LOCK_DIR="$scratch/render-postgres"
    run_pytest -m "not e2e" "$@"
}

# Starts a pass in the background, its output to a log of its own.
names=()
pids=()
start_pass() {
    local name=$1
    shift
    ("$@") >"$scratch/pass-${#names[@]}.log" 2>&1 &
    names+=("$name")
    pids+=($!)
}

if [ "$#" -gt 0 ] && [ "${WITH_POSTGRES:-0}" != 1 ]; then
    step "pytest on SQLite (e2e included) $*"
    (sqlite_pass "" "$@") || failed+=("pytest on SQLite")
    echo
    echo "test.sh: skipping the PostgreSQL pass (pytest arguments given; WITH_POSTGRES=1 runs it)"
else
    # The passes at the same time (issue 22 item 5): the browser tests mostly wait on Chromium and
    # the live server, the PostgreSQL pass on the servers it starts, so that the two cores stay
    # busy with the other tests meanwhile.
    if [ "$#" -gt 0 ]; then
        start_pass "pytest on SQLite (e2e included) $*" sqlite_pass "" "$@"
    else
        start_pass "pytest on SQLite: the browser tests (-m e2e)" sqlite_pass -e2e -m e2e
        start_pass "pytest on SQLite: the other tests (-m \"not e2e\")" sqlite_pass "" -m "not e2e"
    fi
    if start_postgres fast; then
        start_pass "pytest on PostgreSQL (-m \"not e2e\") $*" postgres_pass "$@"
    else
        failed+=("starting PostgreSQL")
    fi
    echo
    echo "test.sh: ${#names[@]} passes run at the same time; their output follows when all are done"
    for i in "${!pids[@]}"; do
        rc=0
        wait "${pids[$i]}" || rc=$?
        step "${names[$i]}"
        cat "$scratch/pass-$i.log"
        [ "$rc" = 0 ] || failed+=("${names[$i]}")
    done
fi
stop_postgres || true

echo
if [ "${#failed[@]}" -gt 0 ]; then
    printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "test.sh: all checks passed"
