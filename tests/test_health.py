"""GET /healthz: the database answers, for a load balancer or systemd, with no personal data."""

import pytest
from django.db import connection, transaction
from django.test import Client

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
            cursor.execute("DROP TABLE behovsraknare_cache")
        response = client.get("/healthz")
        transaction.set_rollback(True)

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert response["Cache-Control"] == "no-store"


def test_health_answers_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
