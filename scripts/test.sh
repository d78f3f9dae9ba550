#!/usr/bin/env bash
# Runs every check of Behovsräknare:
#   1. ruff check . and ruff format --check .
#   2. the whole pytest suite on SQLite, the browser (e2e) tests in headless Chromium included
#   3. the database-touching tests (pytest -m "not e2e") again on a real PostgreSQL server that
#      this script starts in a scratch directory and always stops.
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

pg_tmp=""
pg_bin=""
pg_started=0

stop_postgres() {
    local rc=$?
    if [ "$pg_started" = 1 ]; then
        echo "test.sh: stopping PostgreSQL" >&2
        as_postgres "$pg_bin/pg_ctl" -D "$pg_tmp/data" -m fast -w -t 30 stop >/dev/null ||
            echo "test.sh: WARNING: pg_ctl stop failed" >&2
        pg_started=0
    fi
    if [ -n "$pg_tmp" ]; then
        rm -rf "$pg_tmp"
        pg_tmp=""
    fi
    return "$rc"
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# As root, the server runs as the postgres user (it refuses to run as root).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

find_pg_bin() {
    local candidate dir
    if candidate="$(command -v pg_ctl 2>/dev/null)"; then
        dir="$(dirname "$(readlink -f "$candidate")")"
        if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    fi
    # Debian keeps them out of PATH, one directory per major version: take the newest.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

free_port() {
    python - <<'EOF'
import socket

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
EOF
}

start_postgres() {
    pg_bin="$(find_pg_bin)" || {
        echo "test.sh: no PostgreSQL server binaries (initdb, pg_ctl): run scripts/setup.sh test" >&2
        return 1
    }
    pg_tmp="$(mktemp -d /tmp/behovsraknare-pg.XXXXXX)"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || {
            echo "test.sh: running as root but there is no 'postgres' user to run the server" >&2
            return 1
        }
        chown postgres: "$pg_tmp"
    fi
    echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') in $pg_tmp" >&2
    as_postgres "$pg_bin/initdb" -D "$pg_tmp/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$pg_tmp/initdb.log" 2>&1 || {
        cat "$pg_tmp/initdb.log" >&2
        echo "test.sh: initdb failed" >&2
        return 1
    }
    local attempt server_opts
    for attempt in 1 2 3; do
        pg_port="$(free_port)"
        # Durability is of no use for a throw-away test server: fsync and friends off.
        server_opts="-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_tmp"
        server_opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        if as_postgres "$pg_bin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 60 \
            -o "$server_opts" start >/dev/null; then
            pg_started=1
            echo "test.sh: PostgreSQL listening on 127.0.0.1:$pg_port" >&2
            return 0
        fi
        echo "test.sh: PostgreSQL did not start on port $pg_port (attempt $attempt)" >&2
    done
    cat "$pg_tmp/server.log" >&2 || true
    return 1
}

if [ "$#" -gt 0 ] && [ "${WITH_POSTGRES:-0}" != 1 ]; then
    echo
    echo "test.sh: skipping the PostgreSQL pass (pytest arguments given; WITH_POSTGRES=1 runs it)"
else
    step "pytest on PostgreSQL (-m \"not e2e\") $*"
    if start_postgres; then
        (
            export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
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
