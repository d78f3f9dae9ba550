#!/usr/bin/env bash
# The English message catalogue (locale/en/LC_MESSAGES/django.po): Swedish message ids from the
# code and the templates, English translations.
#
#   bash scripts/messages.sh           # after changing texts: update the .po from the code and
#                                      # templates (new ids come in empty, changed ones fuzzy),
#                                      # then translate them and run it again to compile
#   bash scripts/messages.sh compile   # compile each .po to its .mo when the .po is newer
#                                      # (scripts/setup.sh does this; the .mo is not committed)
#
# Needs GNU gettext (xgettext, msgmerge, msgfmt: Debian's `gettext`, which setup.sh installs).
# tests/test_translations.py runs the update in a copy of the tree and fails when the .po is
# not what it gives, or when a message is empty or fuzzy.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

python="${PYTHON:-.venv/bin/python}"

compile() {
    local po mo
    if ! command -v msgfmt >/dev/null 2>&1; then
        echo "messages: msgfmt not found: install GNU gettext (Debian: apt-get install gettext)," \
            "or run bash scripts/setup.sh" >&2
        exit 1
    fi
    for po in locale/*/LC_MESSAGES/*.po; do
        [ -e "$po" ] || continue
        mo="${po%.po}.mo"
        if [ ! -e "$mo" ] || [ "$po" -nt "$mo" ]; then
            msgfmt --check --output-file="$mo" "$po"
        fi
    done
}

case "${1:-update}" in
    compile)
        compile
        ;;
    update)
        # File names without line numbers: an edit elsewhere in a file does not touch the .po.
        "$python" manage.py makemessages --locale=en --add-location=file --no-obsolete \
            --ignore=tests --ignore=scripts --ignore=staticfiles --ignore=static --ignore=build
        compile
        ;;
    *)
        echo "usage: bash scripts/messages.sh [compile]" >&2
        exit 2
        ;;
esac
