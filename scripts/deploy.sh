#!/usr/bin/env bash
# The deploy step, once per release (not on every start): what the database and the static
# files need before the new code serves. Run it with the app's environment (DATABASE_URL,
# DJANGO_SECRET_KEY, ...), as the app's user, before (re)starting the service.
#
#   bash scripts/deploy.sh
#
# migrate applies new migrations (a no-op when there are none); collectstatic writes the hashed
# static files whitenoise serves. scripts/run.sh runs this only when migrations or static files
# changed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
echo "deploy: database migrated, static files collected" >&2
