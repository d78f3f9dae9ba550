# A throw-away PostgreSQL server in a scratch directory, for scripts/test.sh and
# scripts/loadtest.sh (sourced, not run): loadtest/postgres.py does the work. As root the server
# runs as the postgres user.
#
#   source scripts/lib/postgres.sh
#   start_postgres [fast]    # sets pg_port; "fast" turns durability off (fsync and friends)
#   ...                      # postgres://postgres@127.0.0.1:$pg_port/postgres
#   stop_postgres            # also removes the directory; safe to call twice
#
# Needs `python` (the venv's) on PATH.

pg_tmp=""
pg_bin=""
pg_port=""

stop_postgres() {
    local rc=$?
    if [ -n "$pg_tmp" ]; then
        echo "postgres: stopping PostgreSQL" >&2
        python -m loadtest.postgres stop "$pg_tmp" ||
            echo "postgres: WARNING: stopping PostgreSQL failed" >&2
        pg_tmp=""
    fi
    return "$rc"
}

start_postgres() {
    local started
    started="$(python -m loadtest.postgres start ${1:+--$1})" || return 1
    eval "$started"
    # pg_dump and pg_restore of the server's own version (tests/test_backup.py).
    export PATH="$pg_bin:$PATH"
    echo "postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$pg_port (${1:-durable})" >&2
}
