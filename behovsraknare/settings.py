"""Settings for Behovsräknare, read from the environment with safe defaults.

DEBUG is off unless DJANGO_DEBUG=1; SECRET_KEY is required unless DEBUG; SQLite unless
DATABASE_URL names another database.
"""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from .environment import env_bool, env_int, env_list, gunicorn_threads, gunicorn_workers

BASE_DIR = Path(__file__).resolve().parent.parent
# The site's templates, static files and catalogues: beside the code in a checkout; inside this
# package when installed from the wheel (setup.py puts them there).
PACKAGE_DIR = Path(__file__).resolve().parent
INSTALLED_FROM_WHEEL = (PACKAGE_DIR / "templates").is_dir()
SITE_DIR = PACKAGE_DIR if INSTALLED_FROM_WHEEL else BASE_DIR

DEBUG = env_bool("DJANGO_DEBUG")

# Where the app writes: the SQLite database (unless DATABASE_URL names one) and the collected
# static files (unless DJANGO_STATIC_ROOT names a directory). The checkout; installed from the
# wheel, the working directory (systemd's WorkingDirectory), never the installed package.
DATA_DIR = Path(
    os.environ.get("DJANGO_DATA_DIR") or (Path.cwd() if INSTALLED_FROM_WHEEL else BASE_DIR)
)

# Required unless DEBUG. Without it the app refuses to start (wsgi.py, asgi.py) and the system
# checks run by runserver, migrate and check fail (assessments.checks); only commands that
# sign nothing and skip the checks, such as `calculate`, run without one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-used-with-debug"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The admin lists drafts (titles and rows: health data): not served unless asked for. The app
# stays installed either way, so the database has the same tables on or off.
ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "assessments",
]

MIDDLEWARE = [
    "assessments.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "assessments.middleware.SecureCookiesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common (Django's order): the language cookie, else the browser's.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "assessments.middleware.NoReferrerCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: it runs the view itself, in a transaction when the request may write.
    "assessments.transactions.RequestTransactionMiddleware",
]

ROOT_URLCONF = "behovsraknare.urls"
WSGI_APPLICATION = "behovsraknare.wsgi.application"
ASGI_APPLICATION = "behovsraknare.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "assessments.context_processors.site",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
# Seconds a request waits for a PostgreSQL connection (a new one, or one from the pool) before it
# fails with "Vi kan inte spara just nu" (assessments.transactions): while PostgreSQL is down a
# save is refused within this, where it waited 10 s for a generic 500 before.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
# A connection kept from an earlier request is checked before it is used (psycopg's pool checks it
# as it lends it: behovsraknare.pool): after a restart of PostgreSQL the dead ones are replaced
# instead of failing one request each (scripts/bench_postgres_restart.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT
    if env_bool("DATABASE_POOL", True):
        # psycopg's pool, one per web worker: a connection is lent for a request and given
        # back, instead of a new one (and a server process) per request: GET /healthz took
        # 15 ms with new connections, 2.4 ms pooled (scripts/bench_db_connections.py). Its
        # size is the worker's thread count; CONN_MAX_AGE must stay 0 with a pool.
        from .pool import check_connection

        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", gunicorn_threads()),
            "timeout": DATABASE_CONNECT_TIMEOUT,
            "check": check_connection,
            # While PostgreSQL is down the pool tries again after 1 s, 2 s, 4 s, ... (for 5
            # minutes by default): it came back and the next try was still seconds away (12 to
            # 16 of 80 requests failed after an outage). Given up after this, the next request
            # starts a new try at once.
            "reconnect_timeout": DATABASE_CONNECT_TIMEOUT,
        }
        connections_per_worker = DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0)
        connections_per_worker = gunicorn_threads()  # at most one per thread
    # The connection budget (README, "Several servers"): every server's workers together must
    # stay within PostgreSQL's max_connections, less the superuser's reserve (3 by default) and
    # the daily purge, the backup and a deploy's migrate (1 each). Over it, PostgreSQL would
    # refuse connections under load ("too many clients"): refuse to start instead.
    RESERVED_CONNECTIONS = 6
    DATABASE_MAX_CONNECTIONS = env_int("DATABASE_MAX_CONNECTIONS", 100)
    APP_SERVERS = env_int("APP_SERVERS", 1)
    server_budget = (DATABASE_MAX_CONNECTIONS - RESERVED_CONNECTIONS) // max(APP_SERVERS, 1)
    server_connections = gunicorn_workers() * connections_per_worker
    if server_connections > server_budget:
        raise ImproperlyConfigured(
            f"This server would open up to {server_connections} PostgreSQL connections "
            f"(GUNICORN_WORKERS {gunicorn_workers()} x {connections_per_worker} per worker: "
            "DATABASE_POOL_MAX, or GUNICORN_THREADS without a pool), more than its share of "
            f"{server_budget}: (DATABASE_MAX_CONNECTIONS {DATABASE_MAX_CONNECTIONS} - "
            f"{RESERVED_CONNECTIONS} reserved) / APP_SERVERS {APP_SERVERS}. Lower the workers, "
            "threads or pool size, or raise max_connections on the PostgreSQL server and "
            "DATABASE_MAX_CONNECTIONS here."
        )
# A transaction for each request that may write, none for one that only reads
# (assessments.transactions.RequestTransactionMiddleware): a row and its draft's version change
# together or not at all, and a page that only reads never waits for a writer.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # A request's transaction reads before it writes. Deferred (SQLite's default), the
            # upgrade to a write lock fails at once with "database is locked" when another
            # connection writes, whatever the busy timeout; IMMEDIATE takes the write lock at BEGIN
            # and waits its turn (scripts/concurrent_writers.py: 20 writers, 55-61 of 126-143
            # saves failing before, none of about 700 after).
            "transaction_mode": "IMMEDIATE",
            # Seconds a transaction waits for the write lock before it fails.
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 10),
            # WAL: readers never wait for the writer, nor the writer for readers. secure_delete:
            # a deleted draft's bytes are overwritten, not left in free pages of the file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON",
        }
    )
# GET /readyz (assessments.readiness) answers 503 when the database cannot take a write within
# this many seconds (SQLite: its write lock; PostgreSQL: a committed transaction), or, on SQLite,
# when its disk has less than this many megabytes free.
READY_WRITE_TIMEOUT = env_int("READY_WRITE_TIMEOUT", 2)
READY_MIN_FREE_MB = env_int("READY_MIN_FREE_MB", 100)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish is the default and the reference: the message ids are Swedish, so Swedish needs no
# catalogue; English is locale/en/LC_MESSAGES/django.po, compiled by scripts/setup.sh. Without a
# language cookie the browser's Accept-Language chooses (LocaleMiddleware), else Swedish. URLs
# are the same in every language (no i18n_patterns).
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [SITE_DIR / "static"]
# Where `collectstatic` (scripts/deploy.sh) writes the files whitenoise serves.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or DATA_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# In development whitenoise serves straight from the finders, so runserver needs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# An imported assessment file is small: 150 rows with long notes stay under 400 kB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
ASSESSMENT_FILE_MAX_BYTES = 1_000_000
ASSESSMENT_MAX_ROWS = 500

# The PDF's budget (assessments.render_pool), well under gunicorn's worker timeout (60 s): a
# draft over the size limits is refused before any work (here 500 rows with short notes render
# in about 4 s, with 156,000 characters of notes in 11-13 s); a render is killed after
# PDF_RENDER_TIMEOUT seconds; PDF_RENDERS render at a time on the host (one per core). When
# every slot is busy, PDF_QUEUE_WAITERS requests per web worker wait up to PDF_QUEUE_TIMEOUT
# seconds for one, holding a gunicorn thread each; the others hear at once that the PDF is
# queued (503), so that the worker's other threads stay free for pages.
PDF_MAX_ROWS = env_int("PDF_MAX_ROWS", ASSESSMENT_MAX_ROWS)
PDF_MAX_TEXT = env_int("PDF_MAX_TEXT", 100_000)
PDF_RENDER_TIMEOUT = env_int("PDF_RENDER_TIMEOUT", 20)
PDF_RENDERS = env_int("PDF_RENDERS", os.cpu_count() or 1)
PDF_QUEUE_TIMEOUT = env_int("PDF_QUEUE_TIMEOUT", 2)
PDF_QUEUE_WAITERS = env_int("PDF_QUEUE_WAITERS", 1)
# A re-download of an unchanged draft's PDF is served from the database for this many seconds
# after it was made (assessments.pdf_cache; README, "Privacy" says where it lives and how long).
PDF_CACHE_SECONDS = env_int("PDF_CACHE_SECONDS", 300)
# The render slots' lock files; one directory per installation (systemd's PrivateTmp gives the
# service a /tmp of its own).
PDF_RENDER_LOCK_DIR = os.environ.get("PDF_RENDER_LOCK_DIR") or str(
    Path(tempfile.gettempdir())
    / f"behovsraknare-render-{hashlib.sha256(bytes(BASE_DIR)).hexdigest()[:12]}"
)

# Requests per client and window (seconds) for the costly actions (assessments.ratelimit),
# counted in the database, so that several servers on one database count together.
RATE_LIMITS = {
    "create": (env_int("RATE_LIMIT_CREATE", 60), 3600),
    "import": (env_int("RATE_LIMIT_IMPORT", 60), 3600),
    "pdf": (env_int("RATE_LIMIT_PDF", 120), 3600),
    "admin_login": (env_int("RATE_LIMIT_ADMIN_LOGIN", 10), 900),
}

# Drafts not touched for this many days are removed by `manage.py purge_drafts`.
DRAFT_RETENTION_DAYS = env_int("DRAFT_RETENTION_DAYS", 90)
if DRAFT_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        f"DRAFT_RETENTION_DAYS must be at least 1, got {DRAFT_RETENTION_DAYS}"
    )

# Security headers. rules and the draft pages also send no-store and no-referrer themselves.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
# The language chosen with the link on every page (assessments.language): strictly necessary,
# so it needs no consent; it holds only "sv" or "en". Secure and SameSite=Lax like the session
# and CSRF cookies, never read by scripts, kept for a year.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

CSRF_FAILURE_VIEW = "assessments.web.start.csrf_failure"

SILENCED_SYSTEM_CHECKS = [
    # assessments.middleware.NoReferrerCsrfViewMiddleware is Django's CSRF middleware, extended
    # for the no-referrer policy; the check looks for the base class by name only
    # (tests/test_site.py asserts that the subclass is installed).
    "security.W003",
    # Preloading HSTS binds the domain and its subdomains to https in browsers for a long time:
    # the deployer opts in with DJANGO_HSTS_PRELOAD=1 when they submit the domain.
    "security.W021",
]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
)

SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# Row contents and draft tokens never go to the logs: only warnings and errors, without
# request bodies, and every record through the console handler has its tokens masked
# (behovsraknare.logfilters; django.request names the path of a 500, django.security.csrf that
# of a refused post). WeasyPrint and fontTools warn about a missing glyph with the character
# itself, one line per character of a note: only their errors are kept.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "behovsraknare.logfilters.MaskTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
