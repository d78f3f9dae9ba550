#!/usr/bin/env bash
# Runs Behovsräknare production-like on http://127.0.0.1:8000 (gunicorn with gunicorn.conf.py,
# whitenoise, DEBUG off, SQLite in db.sqlite3). Plain http on localhost, so no SSL redirect, no
# Secure cookies, no HSTS.
#
#   bash scripts/run.sh
#
# The first run writes a random secret key to .secret_key (mode 600, gitignored) and reuses it after.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

if [ ! -s .secret_key ]; then
    (
        umask 077
        tmp="$(mktemp .secret_key.XXXXXX)"
        .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$tmp"
        mv "$tmp" .secret_key
    )
    echo "run: wrote a new secret key to .secret_key" >&2
fi
chmod 600 .secret_key
DJANGO_SECRET_KEY="$(cat .secret_key)"
export DJANGO_SECRET_KEY

export DJANGO_DEBUG=0
export DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_HSTS_SECONDS=0
# SQLite (db.sqlite3 beside manage.py), even if the shell has a DATABASE_URL for something else.
unset DATABASE_URL

# The deploy step (migrate, cache table, collectstatic: about 15 s) only when its inputs changed
# since the last run: the migrations, the static files or the installed packages. A plain restart
# opens the port in about a second.
deploy_inputs() {
    {
        find assessments/migrations static -type f -print0 | sort -z | xargs -0 sha256sum
        ls -l --time-style=+%s .venv/.installed-* 2>/dev/null || true
    } | sha256sum | cut -d' ' -f1
}
wanted="$(deploy_inputs)"
if [ ! -s db.sqlite3 ] || [ ! -d staticfiles ] || [ "$(cat .deploy-stamp 2>/dev/null)" != "$wanted" ]; then
    bash scripts/deploy.sh
    echo "$wanted" >.deploy-stamp
fi

echo "run: Behovsräknare on http://127.0.0.1:8000/ (Ctrl+C stops it)" >&2
# Workers, threads, timeouts and masked logs come from gunicorn.conf.py.
exec .venv/bin/gunicorn behovsraknare.wsgi --bind 127.0.0.1:8000
