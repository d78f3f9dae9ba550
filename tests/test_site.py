"""The site as a whole: migrations, deploy checks, every page's frame, no other origins,
settings that refuse to start unsafely, the purge of old drafts, and the admin."""

import io
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Activity, Assessment
from tests.factories import form_data, make_draft

REPO_ROOT = Path(__file__).resolve().parents[1]
STATIC = REPO_ROOT / "static"
# Attributes through which a page makes the browser fetch or go somewhere.
URL_ATTRIBUTE = re.compile(r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']([^"']*)["']""")


def production_env(**extra) -> dict:
    """The environment of a production start: nothing from the test run's DJANGO_* settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- Migrations and deploy checks ---------------------------------------------------------------


@pytest.mark.django_db
def test_there_are_no_pending_migrations():
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_deploy_check_is_clean_with_production_settings():
    env = production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="example.se"
    )

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output


def test_the_app_refuses_to_start_without_a_secret_key():
    env = {**production_env(), "DJANGO_SETTINGS_MODULE": "behovsraknare.settings"}

    served = subprocess.run(
        [sys.executable, "-c", "import behovsraknare.wsgi"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    checked = manage("check", env=env)

    assert served.returncode != 0
    assert "ImproperlyConfigured" in served.stderr
    assert "DJANGO_SECRET_KEY" in served.stderr
    assert checked.returncode != 0
    assert "DJANGO_SECRET_KEY" in checked.stderr


def test_calculate_needs_no_secret_key():
    result = manage("calculate", "tests/examples/child-3-years-2025.json", env=production_env())

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["parental_deduction"] == {"basic": 8.75, "other": 1.75}


def test_settings_refuse_a_boolean_they_cannot_read():
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_DEBUG="maybe")

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


# --- Every page ---------------------------------------------------------------------------------


def h1_count(page: str) -> int:
    return len(re.findall(r"<h1[\s>]", page))


def pages() -> dict[str, tuple[str, str, dict]]:
    """name -> (method, url, data) for every page a person can reach, with the drafts made."""
    empty = make_draft()
    with_rows = make_draft(
        rows=[
            {"description": "Dusch", "minutes": 30, "times": 2},
            {"description": "Äta", "need": "meals", "tube_feeding": True},
            {"description": "Städning", "need": "household", "kind": "other", "per": "week"},
            {
                "description": "Väntetid natt",
                "need": "supervision",
                "kind": "other",
                "time_type": "waiting",
            },
        ],
        title="Hösten",
        age=6,
    )
    return {
        "start": ("get", reverse("assessments:start"), {}),
        "draft empty": ("get", empty.get_absolute_url(), {}),
        "draft with rows": ("get", with_rows.get_absolute_url(), {}),
        "delete confirmation": (
            "get",
            reverse("assessments:delete", args=[with_rows.token]),
            {},
        ),
        "privacy": ("get", reverse("assessments:privacy"), {}),
        "accessibility": ("get", reverse("assessments:accessibility"), {}),
    }


PAGE_NAMES = [
    "start",
    "draft empty",
    "draft with rows",
    "delete confirmation",
    "privacy",
    "accessibility",
]


def get_page(client, name: str):
    method, url, data = pages()[name]
    return getattr(client, method)(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_answers_in_swedish_with_one_main_heading(client, name):
    response = get_page(client, name)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert h1_count(page) == 1
    assert re.search(r"<title>\s*\S", page)


@pytest.mark.django_db
def test_pages_with_errors_keep_one_heading_and_the_language(client, settings):
    draft = make_draft(rows=[{}])
    activity = draft.activities.get()
    bad_row = client.post(
        reverse("assessments:activity", args=[draft.token, activity.pk]),
        form_data(activity, description="", minutes="abc"),
    )
    bad_file = client.post(reverse("assessments:import"), {})
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "create": (0, 3600)}
    limited = client.post(reverse("assessments:create"))
    # What nginx shows for a body over its limit (tests/test_nginx.py serves it through nginx).
    too_large = client.get(reverse("assessments:request_too_large"))

    for response, status in [(bad_row, 400), (bad_file, 400), (limited, 429), (too_large, 413)]:
        assert response.status_code == status
        page = response.content.decode()
        assert '<html lang="sv">' in page
        assert h1_count(page) == 1


@pytest.mark.django_db
def test_a_deleted_or_unknown_draft_gets_a_swedish_not_found_page(client):
    response = client.get("/b/" + "A" * 43 + "/")

    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert h1_count(page) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages_reference_no_other_origin(client, name):
    page = get_page(client, name).content.decode()

    urls = URL_ATTRIBUTE.findall(page)
    assert urls, "the pattern should find the stylesheet and script at least"
    foreign = [url for url in urls if re.match(r"^\s*(https?:)?//", url, re.IGNORECASE)]
    assert foreign == []
    # The draft's own link is shown for copying, in a read-only input, not fetched.
    assert not re.search(r"<(script|link|img|iframe)[^>]*https?://", page, re.IGNORECASE)


def test_static_files_reference_no_other_origin():
    for path in [*STATIC.glob("css/*.css"), *STATIC.glob("js/*.js")]:
        content = path.read_text()
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", content), path
        assert not re.search(r"@import\s+['\"]?(url\()?\s*['\"]?(https?:)?//", content), path


# --- Purging old drafts -------------------------------------------------------------------------


def age_draft(draft: Assessment, days: float) -> None:
    Assessment.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=days))


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_drafts", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_purge_deletes_drafts_unchanged_for_longer_than_the_retention(settings):
    settings.DRAFT_RETENTION_DAYS = 90
    old = make_draft(rows=[{}, {"description": "Påklädning", "need": "dressing"}])
    recent = make_draft(rows=[{}])
    age_draft(old, 91)
    age_draft(recent, 89)

    output = purge()

    assert list(Assessment.objects.all()) == [recent]
    assert Activity.objects.filter(assessment_id=old.pk).count() == 0
    assert recent.activities.count() == 1
    assert "1" in output


@pytest.mark.django_db
def test_purge_dry_run_deletes_nothing(settings):
    settings.DRAFT_RETENTION_DAYS = 90
    old = make_draft(rows=[{}])
    age_draft(old, 365)

    output = purge("--dry-run")

    assert Assessment.objects.filter(pk=old.pk).exists()
    assert old.activities.count() == 1
    assert "1" in output


@pytest.mark.django_db
def test_purge_follows_the_retention_setting(settings):
    settings.DRAFT_RETENTION_DAYS = 30
    draft = make_draft()
    age_draft(draft, 31)

    purge()

    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_editing_a_draft_keeps_it_from_being_purged(client, settings):
    settings.DRAFT_RETENTION_DAYS = 90
    draft = make_draft(rows=[{}])
    age_draft(draft, 89)
    activity = draft.activities.get()

    client.post(
        reverse("assessments:activity", args=[draft.token, activity.pk]),
        form_data(activity, minutes="25"),
    )
    age = timezone.now() - Assessment.objects.get(pk=draft.pk).updated_at

    assert age < timedelta(minutes=1)


# --- Admin --------------------------------------------------------------------------------------


def test_admin_has_both_models():
    assert admin.site.is_registered(Assessment)
    assert admin.site.is_registered(Activity)


@pytest.mark.django_db
@pytest.mark.parametrize("days", ["0", "-1"])
def test_purge_refuses_fewer_days_than_one(days):
    draft = make_draft(rows=[{}])

    with pytest.raises(CommandError, match="at least 1"):
        purge("--days", days)

    assert Assessment.objects.filter(pk=draft.pk).exists()


def test_settings_refuse_a_retention_below_one_day():
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DRAFT_RETENTION_DAYS="0")

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DRAFT_RETENTION_DAYS" in result.stderr


# --- Cookies ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_cookie_set_or_deleted_on_https_is_secure(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True

    responses = [client.get("/", secure=True)]
    responses.append(client.post("/ny/", secure=True))  # sets the messages cookie
    responses.append(client.get(responses[-1]["Location"], secure=True))  # reads and deletes it

    cookies = [morsel for response in responses for morsel in response.cookies.values()]
    assert {morsel.key for morsel in cookies} >= {"csrftoken", "messages"}
    deleted = [m for m in cookies if m.key == "messages" and m["max-age"] == 0]
    assert deleted, "the messages cookie is deleted once read"
    assert [m.key for m in cookies if not m["secure"]] == []


def test_settings_refuse_more_postgres_connections_than_the_servers_share():
    def check(**env):
        return manage("check", env=production_env(
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DATABASE_URL="postgres://behovsraknare@db.internal/behovsraknare",
            APP_SERVERS="2",
            **env,
        ))  # fmt: skip

    over = check(GUNICORN_WORKERS="8", GUNICORN_THREADS="8")
    without_pool = check(GUNICORN_WORKERS="8", GUNICORN_THREADS="8", DATABASE_POOL="0")
    smaller_pool = check(GUNICORN_WORKERS="8", GUNICORN_THREADS="8", DATABASE_POOL_MAX="4")
    larger_server = check(
        GUNICORN_WORKERS="8", GUNICORN_THREADS="8", DATABASE_MAX_CONNECTIONS="200"
    )

    # (100 - 6 reserved) / 2 servers = 47 each; 8 workers x 8 connections = 64.
    assert over.returncode != 0
    assert "ImproperlyConfigured: This server would open up to 64 PostgreSQL connections" in (
        over.stderr
    )
    assert "more than its share of 47" in over.stderr
    assert without_pool.returncode != 0
    assert smaller_pool.returncode == 0, smaller_pool.stderr  # 8 x 4 = 32
    assert larger_server.returncode == 0, larger_server.stderr  # (200 - 6) / 2 = 97
