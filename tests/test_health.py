"""GET /healthz (liveness: the database answers a read) and GET /readyz (readiness: it takes a
write now), with no personal data (assessments.middleware, assessments.readiness)."""

import re

import psycopg
import pytest
import requests
from django.db import connection, transaction
from django.test import Client

from loadtest import servers
from loadtest.client import Person

pytestmark = pytest.mark.django_db


def test_health_is_ok_without_https_host_or_login(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["behovsraknare.example.se"]
    probe = Client(HTTP_HOST="10.0.0.5:8000")

    response = probe.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert not response.cookies


def test_health_is_not_rate_limited(client, settings):
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, (0, 3600))

    assert [client.get("/healthz").status_code for _ in range(5)] == [200] * 5


def test_health_fails_when_the_database_does_not_answer(client):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE assessments_assessment RENAME TO moved_away")
        response = client.get("/healthz")
        transaction.set_rollback(True)

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert response["Cache-Control"] == "no-store"


def test_health_answers_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


# --- readiness: GET /readyz ---------------------------------------------------------------------


def test_readiness_is_ok_when_the_database_can_be_written(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert response["Cache-Control"] == "no-store"
    assert client.post("/readyz").status_code == 405


def test_readiness_fails_while_another_connection_holds_the_sqlite_write_lock(serve, sqlite_url):
    server = serve(sqlite_url, READY_WRITE_TIMEOUT="1")
    token = Person(server.url).create()

    with servers.writer_holding(sqlite_url, token):
        ready = requests.get(f"{server.url}readyz", timeout=60)
        alive = requests.get(f"{server.url}healthz", timeout=60)
    ready_again = requests.get(f"{server.url}readyz", timeout=60)

    assert (ready.status_code, ready.text) == (
        503,
        "not ready: the database cannot be written: OperationalError database is locked\n",
    )
    assert alive.status_code == 200  # alive: a load balancer takes it out, nothing restarts it
    assert ready_again.status_code == 200


def test_readiness_fails_when_the_sqlite_disk_is_nearly_full(serve, sqlite_url):
    # More free space than any disk here has: the check reads the real disk's free space.
    server = serve(sqlite_url, READY_MIN_FREE_MB=str(2**40))

    ready = requests.get(f"{server.url}readyz", timeout=60)

    assert ready.status_code == 503
    assert re.fullmatch(r"not ready: \d+ MB free on the database's disk\n", ready.text)
    assert requests.get(f"{server.url}healthz", timeout=60).status_code == 200


def test_readiness_fails_when_postgres_is_read_only(serve, own_postgres):
    server = serve(own_postgres.url)
    with psycopg.connect(own_postgres.url, autocommit=True) as admin:
        admin.execute("ALTER DATABASE postgres SET default_transaction_read_only = on")
    server.restart()  # new connections: read-only

    ready = requests.get(f"{server.url}readyz", timeout=60)

    assert (ready.status_code, ready.text) == (503, "not ready: the database is read-only\n")
    assert requests.get(f"{server.url}healthz", timeout=60).status_code == 200
