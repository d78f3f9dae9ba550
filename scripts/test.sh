#!/usr/bin/env bash
# Runs every check of Behovsräknare:
#   1. ruff check . and ruff format --check .
#   2. the whole pytest suite on SQLite, the browser (e2e) tests in headless Chromium included
#   3. the database-touching tests (pytest -m "not e2e"; tests/conftest.py leaves out those that
#      touch no database) again on a real PostgreSQL server that this script starts in a scratch
#      directory and always stops.
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

step "pytest on SQLite (e2e included) $*"
(
    unset DATABASE_URL
    run_pytest "$@"
) || failed+=("pytest on SQLite")

# --- PostgreSQL pass -----------------------------------------------------------------------------

# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$#" -gt 0 ] && [ "${WITH_POSTGRES:-0}" != 1 ]; then
    echo
    echo "test.sh: skipping the PostgreSQL pass (pytest arguments given; WITH_POSTGRES=1 runs it)"
else
    step "pytest on PostgreSQL (-m \"not e2e\") $*"
    if start_postgres fast; then
        (
            export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
            # Tests that need PostgreSQL (tests/test_postgres.py) fail here instead of skipping.
            export BEHOV_POSTGRES_PASS=1
            run_pytest -m "not e2e" "$@"
        ) || failed+=("pytest on PostgreSQL")
    else
        failed+=("starting PostgreSQL")
    fi
    stop_postgres || true
fi

echo
if [ "${#failed[@]}" -gt 0 ]; then
    printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "test.sh: all checks passed"
