#!/usr/bin/env bash
# Runs Behovsräknare production-like on http://127.0.0.1:8000 (gunicorn + whitenoise, DEBUG off,
# SQLite in db.sqlite3). Plain http on localhost, so no SSL redirect, no Secure cookies, no HSTS.
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

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput

echo "run: Behovsräknare on http://127.0.0.1:8000/ (Ctrl+C stops it)" >&2
exec .venv/bin/gunicorn behovsraknare.wsgi --bind 127.0.0.1:8000 --workers 2
