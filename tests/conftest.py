"""Fixtures shared by every test. Environment defaults for the settings are in pyproject.toml
([tool.pytest.ini_options] env), because pytest-django loads the settings before this file."""

import pytest
from django.core.cache import cache

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
