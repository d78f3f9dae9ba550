"""Fixtures shared by every test. Environment defaults for the settings are in pyproject.toml
([tool.pytest.ini_options] env), because pytest-django loads the settings before this file."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

PLAIN_STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Serve static files by their plain names in tests.

    whitenoise's manifest storage (production) needs `collectstatic` and a manifest; without it
    hashed names 404 under live_server, htmx never loads and clicks silently do nothing.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PLAIN_STATIC_STORAGE},
    }


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with empty rate-limit counters."""
    cache.clear()
    yield
    cache.clear()


def pytest_sessionstart(session):
    """Compile the message catalogues when a .po is newer than its .mo (scripts/setup.sh does
    the same), so that plain `pytest` after editing a translation tests the new one."""
    if shutil.which("msgfmt") is None:
        return  # tests/test_translations.py fails and says why
    for po in Path(__file__).resolve().parents[1].glob("locale/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "--output-file", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _swedish():
    """Each test starts in Swedish and leaves it so: a request in English activates English for
    the thread (LocaleMiddleware does not deactivate it), and must not leak into the next test."""
    translation.activate("sv")
    yield
    translation.activate("sv")
