#!/usr/bin/env bash
# Pins every Python package that the app and its tests install, with their hashes, from PyPI only:
#
#   requirements.txt        the app: pyproject.toml's dependencies and theirs
#   requirements-test.txt   the app and the tests (the "test" extra), at the app's versions
#
# scripts/setup.sh installs them with `pip install --require-hashes` (then the checkout itself with
# --no-deps), so that two servers set up a week apart run the same code. After changing a
# dependency in pyproject.toml:
#
#   bash scripts/lock.sh              # keeps every pinned version that still fits
#   bash scripts/lock.sh --upgrade    # the newest versions that fit
#
# uv resolves them, from PyPI's index only (pip's configuration here adds local find-links that a
# lock must not point at), in a venv of its own that is removed afterwards.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

UV_VERSION=0.13.9
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"

compile() {
    "$tools/bin/uv" pip compile pyproject.toml --quiet --no-config --generate-hashes --universal \
        --python-version 3.12 --index-url https://pypi.org/simple \
        --custom-compile-command "bash scripts/lock.sh" "$@"
}
compile --output-file requirements.txt "$@"
compile --extra test --constraint requirements.txt --output-file requirements-test.txt "$@"
echo "lock: wrote requirements.txt and requirements-test.txt" >&2
