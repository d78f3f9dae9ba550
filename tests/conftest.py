"""Fixtures shared by every test. Environment defaults for the settings are in pyproject.toml
([tool.pytest.ini_options] env), because pytest-django loads the settings before this file."""

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.utils import translation

from loadtest import postgres, servers

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


def pytest_sessionstart(session):
    """Compile the message catalogues when a .po is newer than its .mo (scripts/setup.sh does
    the same), so that plain `pytest` after editing a translation tests the new one."""
    if shutil.which("msgfmt") is None:
        return  # tests/test_translations.py fails and says why
    for po in Path(__file__).resolve().parents[1].glob("locale/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "--output-file", str(mo), str(po)], check=True)


# What makes a test touch a database: pytest-django's fixtures and marker, and this file's
# fixtures that give a server or a command a database of its own.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "client",
        "admin_client",
        "served_database_url",
        "own_postgres",
    }
)


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass (scripts/test.sh) runs the tests that touch a database; the rules'
    and other pure tests gave their answer in the SQLite pass, and running them again on the
    same Python would only take time (issue 22 item 5)."""
    if os.environ.get("BEHOV_POSTGRES_PASS") != "1":
        return
    kept, pure = [], []
    for item in items:
        touches = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (kept if touches else pure).append(item)
    if pure:
        config.hook.pytest_deselected(items=pure)
        items[:] = kept


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite the test database is a file, as in production, not Django's shared memory.

    With a database in memory, pytest-django's live_server hands its one connection to every
    request thread and the test's own thread: two tabs' requests and the test's queries then
    share one transaction state, and a browser test failed now and then on a busy machine. With
    a file each thread has its own connection, with the settings' WAL and IMMEDIATE transactions.
    The file is in /dev/shm (memory) where there is one, so a commit costs no disk write.
    pytest-django's own suffixes (tox, xdist) are still added first, as its fixture does."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    shm = Path("/dev/shm")
    scratch = Path(tempfile.mkdtemp(prefix="behov-test-", dir=shm if shm.is_dir() else None))
    database.setdefault("TEST", {})["NAME"] = str(scratch / "test.sqlite3")
    yield
    shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(autouse=True)
def _swedish():
    """Each test starts in Swedish and leaves it so: a request in English activates English for
    the thread (LocaleMiddleware does not deactivate it), and must not leak into the next test."""
    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture
def served_database_url(tmp_path):
    """A database of its own for a server this test starts: a SQLite file, or in the PostgreSQL
    pass (DATABASE_URL) a new database on that server, dropped afterwards."""
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        with servers.postgres_database(database_url, prefix="behov_test") as url:
            yield url
    elif os.environ.get("BEHOV_POSTGRES_PASS") == "1":
        pytest.fail("the PostgreSQL pass runs without a PostgreSQL DATABASE_URL")
    else:
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"


@pytest.fixture
def serve(tmp_path):
    """Returns `serve(database_url, **env) -> Server`: gunicorn with the repository's
    configuration on that database, prepared as the deploy step does (once per database).
    Every server is stopped afterwards. Its workers start their PDF processes at the first PDF,
    not at start (PDF_WARM_UP=0: 4 s of CPU a server, most of which render no PDF);
    tests/test_serving.py's servers warm up as in production, and check that they do."""
    started = []
    # One environment per database, one secret key: servers of one site share it (the rate
    # limits' keys are hashed with it).
    sites = {}

    def start(database_url, **extra_env):
        if database_url not in sites:
            sites[database_url] = servers.app_env(
                database_url, PDF_WARM_UP="0", **servers.NO_RATE_LIMITS
            )
            servers.prepare_database(sites[database_url])
        env = {**sites[database_url], **extra_env}
        server = servers.start_gunicorn(env, tmp_path / f"server-{len(started)}.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def start_server(serve, served_database_url):
    """Returns `start(**env) -> Server`: `serve` on the test's own database."""
    return functools.partial(serve, served_database_url)


@pytest.fixture
def sqlite_url(tmp_path):
    """A SQLite file of the test's own, in either pass: for what only SQLite does."""
    return f"sqlite:///{tmp_path / 'own.sqlite3'}"


@pytest.fixture
def own_postgres():
    """A PostgreSQL server of the test's own (loadtest.postgres), to stop and start again; in
    the PostgreSQL pass of scripts/test.sh, which fails instead of skipping without one."""
    if os.environ.get("BEHOV_POSTGRES_PASS") != "1":
        pytest.skip("the PostgreSQL pass of scripts/test.sh runs this")
    with postgres.throwaway() as server:
        yield server
