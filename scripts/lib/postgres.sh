# A throw-away PostgreSQL server in a scratch directory, for scripts/test.sh and
# scripts/loadtest.sh (sourced, not run). As root the server runs as the postgres user.
#
#   source scripts/lib/postgres.sh
#   start_postgres [fast]    # sets pg_port; "fast" turns durability off (fsync and friends)
#   ...                      # postgres://postgres@127.0.0.1:$pg_port/postgres
#   stop_postgres            # also removes the directory; safe to call twice
#
# Needs `python` (the venv's) on PATH for a free port.

pg_tmp=""
pg_bin=""
pg_port=""
pg_started=0

stop_postgres() {
    local rc=$?
    if [ "$pg_started" = 1 ]; then
        echo "postgres: stopping PostgreSQL" >&2
        as_postgres "$pg_bin/pg_ctl" -D "$pg_tmp/data" -m fast -w -t 30 stop >/dev/null ||
            echo "postgres: WARNING: pg_ctl stop failed" >&2
        pg_started=0
    fi
    if [ -n "$pg_tmp" ]; then
        rm -rf "$pg_tmp"
        pg_tmp=""
    fi
    return "$rc"
}

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
    python - <<'PY'
import socket

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

start_postgres() {
    local mode="${1:-durable}"
    pg_bin="$(find_pg_bin)" || {
        echo "postgres: no PostgreSQL server binaries (initdb, pg_ctl): run scripts/setup.sh test" >&2
        return 1
    }
    # pg_dump and pg_restore of the server's own version (tests/test_backup.py).
    export PATH="$pg_bin:$PATH"
    pg_tmp="$(mktemp -d /tmp/behovsraknare-pg.XXXXXX)"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || {
            echo "postgres: running as root but there is no 'postgres' user to run the server" >&2
            return 1
        }
        chown postgres: "$pg_tmp"
    fi
    echo "postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') in $pg_tmp" >&2
    as_postgres "$pg_bin/initdb" -D "$pg_tmp/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$pg_tmp/initdb.log" 2>&1 || {
        cat "$pg_tmp/initdb.log" >&2
        echo "postgres: initdb failed" >&2
        return 1
    }
    local attempt server_opts
    for attempt in 1 2 3; do
        pg_port="$(free_port)"
        server_opts="-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_tmp -c max_connections=200"
        if [ "$mode" = fast ]; then
            # Durability is of no use for a throw-away test server.
            server_opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        fi
        if as_postgres "$pg_bin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 60 \
            -o "$server_opts" start >/dev/null; then
            pg_started=1
            echo "postgres: PostgreSQL listening on 127.0.0.1:$pg_port ($mode)" >&2
            return 0
        fi
        echo "postgres: PostgreSQL did not start on port $pg_port (attempt $attempt)" >&2
    done
    cat "$pg_tmp/server.log" >&2 || true
    return 1
}
