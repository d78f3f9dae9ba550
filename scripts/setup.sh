#!/usr/bin/env bash
# Installs what Behovsräknare needs on this machine, and nothing twice.
#
#   bash scripts/setup.sh        # the app: system libraries for WeasyPrint, gettext, pg_dump, the
#                                # compiled English catalogue (locale/*/*.mo), .venv, the pinned
#                                # packages of requirements.txt, then pip install --no-deps -e .
#   bash scripts/setup.sh test   # also what the tests need: Chromium, poppler-utils, nginx, a
#                                # PostgreSQL server, and requirements-test.txt
#
# System packages come from apt-get, only when missing (and `apt-get update` runs once, only then).
# When everything is present it touches neither apt nor pip: a stamp file in .venv newer than
# pyproject.toml and the lock file means the venv is up to date, so a warm run takes well under a
# second. Python packages come from the lock files requirements.txt and requirements-test.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode="${1:-app}"
case "$mode" in
    app | test) ;;
    *)
        echo "usage: bash scripts/setup.sh [test]" >&2
        exit 2
        ;;
esac

log() { echo "setup: $*" >&2; }
die() {
    echo "setup: ERROR: $*" >&2
    exit 1
}

# Serialise concurrent runs (run.sh and test.sh at the same time) on this script's own file.
if command -v flock >/dev/null 2>&1; then
    exec 9<"${BASH_SOURCE[0]}"
    flock 9
fi

# --- System packages ---------------------------------------------------------------------------

# WeasyPrint (PDF export) needs Pango, HarfBuzz's subsetter (else it warns and is slower) and fonts
# for every script a note may be written in (assessments/fonts.py): DejaVu for Latin, Greek,
# Cyrillic and Arabic; Noto for Ethiopic, Thai and the rest (fonts-noto-core, 43 MB installed)
# and for Chinese, Japanese and Korean (fonts-noto-cjk, 91 MB; README says why these).
# fontconfig's fc-match tells assessments.fonts which files those are. GNU gettext compiles the
# English catalogue (msgfmt) and, for the tests and scripts/messages.sh, extracts the messages
# (xgettext, msgmerge).
apt_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core
    fonts-noto-core fonts-noto-cjk gettext)
if [ "$mode" = test ]; then
    # Playwright drives Debian's Chromium (`playwright install` cannot download browsers here);
    # pdftoppm/pdftotext check the PDFs; tests/test_nginx.py runs deploy/'s nginx site with
    # Debian's nginx (nginx-light: the modules the site uses, no service is started by the tests).
    apt_packages+=(chromium poppler-utils nginx-light)
fi

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Any PostgreSQL server binaries will do (the image may have them in /usr/local/bin already).
have_postgres_server() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        return 0
    fi
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            return 0
        fi
    done
    return 1
}

# pg_dump and pg_restore, for backup_db and restore_db on PostgreSQL (deploy/behovsraknare-backup.*),
# in both modes whatever the database: setup runs as root without the app's environment
# (DATABASE_URL is in /etc/behovsraknare/env), a host moved to PostgreSQL later must not find
# out at its first nightly backup, and Debian's client is 9 MB. A pg_dump on PATH will do here
# (README says when it must be newer); the server package of the test mode brings one.
have_postgres_client() {
    command -v pg_dump >/dev/null 2>&1 && pg_dump --version >/dev/null 2>&1
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${apt_packages[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    if [ "$mode" = test ] && ! have_postgres_server; then
        missing+=(postgresql) # with its client
    elif ! have_postgres_client; then
        missing+=(postgresql-client)
    fi
else
    log "no dpkg-query (not Debian?): not checking system packages: ${apt_packages[*]}"
fi

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing system packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        die "missing system packages (${missing[*]}) and not root: run as root or install them:
    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    log "system packages installed"
fi

# --- Translations ------------------------------------------------------------------------------

# The .mo files are built here from the committed .po, never committed themselves: they cannot
# drift from the .po, and a run with nothing changed compiles nothing.
bash scripts/messages.sh compile

# --- Python virtual environment ------------------------------------------------------------------

# `python3` here resolves through pyenv's .python-version (3.12) when pyenv is set up.
python_ok() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null
}

if [ -e .venv ] && ! python_ok .venv/bin/python; then
    log ".venv is broken or older than Python 3.12: creating it again"
    rm -rf .venv
fi

if [ ! -e .venv/bin/python ]; then
    command -v python3 >/dev/null 2>&1 || die "python3 not found (Python 3.12 or newer is needed)"
    if ! python_ok python3; then
        die "python3 is $(python3 --version 2>&1), but Behovsräknare needs Python 3.12 or newer
    (with pyenv: the .python-version file asks for 3.12; install it with 'pyenv install 3.12')"
    fi
    log "creating .venv with $(python3 --version 2>&1)"
    python3 -m venv .venv
fi

# The packages come from the lock files (scripts/lock.sh: every version pinned, with its hashes),
# never from a fresh resolution: two servers set up a week apart run the same code. Then the
# checkout itself, editable, without dependencies.
if [ "$mode" = test ]; then
    stamp=.venv/.installed-test
    lock=requirements-test.txt
else
    stamp=.venv/.installed-app
    lock=requirements.txt
fi

# Up to date when the stamp is newer than pyproject.toml and the lock file (the test stamp covers
# the app too: requirements-test.txt holds everything requirements.txt does, at its versions).
newer_than_inputs() {
    [ "$1" -nt pyproject.toml ] && [ "$1" -nt "$lock" ]
}
if newer_than_inputs "$stamp" || { [ "$mode" = app ] && newer_than_inputs .venv/.installed-test; }; then
    exit 0
fi

pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --progress-bar off)
log "pip install --require-hashes -r $lock"
"${pip[@]}" --require-hashes --requirement "$lock"
log "pip install --no-deps -e ."
"${pip[@]}" --no-deps --editable .
touch "$stamp"
log "Python packages installed"
