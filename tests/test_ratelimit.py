"""The rate limit's window: it starts with a client's first request and ends a fixed time later,
however often a refused client retries, and Retry-After says when (assessments.ratelimit).
Concurrent requests to two servers: tests/test_several_servers.py."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from assessments.models import Assessment, RateCounter

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def create_at(client, moment: datetime):
    with time_machine.travel(moment, tick=False):
        return client.post("/ny/")


def stored_window() -> tuple[int, datetime]:
    counter = RateCounter.objects.get()
    return counter.count, counter.ends


@pytest.fixture
def two_an_hour(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "create": (2, 3600)}


def test_the_window_is_read_back_as_it_started_with_the_first_request(client, two_an_hour):
    statuses = [create_at(client, NOON).status_code for _ in range(3)]
    first = stored_window()
    halfway = create_at(client, NOON + timedelta(minutes=30))

    assert statuses == [302, 302, 429]
    assert first == (3, NOON + timedelta(hours=1))
    assert halfway.status_code == 429
    # Counted, and the window did not move.
    assert stored_window() == (4, NOON + timedelta(hours=1))
    assert halfway["Retry-After"] == "1800"
    assert "högst 30 minuter" in halfway.content.decode()


def test_a_refused_client_that_keeps_retrying_is_let_in_when_its_window_ends(client, two_an_hour):
    create_at(client, NOON)
    create_at(client, NOON)
    retries = [create_at(client, NOON + timedelta(minutes=m)) for m in range(4, 60, 4)]
    after = create_at(client, NOON + timedelta(minutes=60, seconds=1))

    assert {response.status_code for response in retries} == {429}
    assert [int(r["Retry-After"]) for r in retries] == [3600 - m * 60 for m in range(4, 60, 4)]
    assert after.status_code == 302
    assert stored_window() == (1, NOON + timedelta(hours=2, seconds=1))
    assert Assessment.objects.count() == 3


def test_the_daily_purge_forgets_ended_windows_only(client, two_an_hour, settings):
    create_at(client, NOON)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "import": (2, 60)}
    with time_machine.travel(NOON, tick=False):
        client.post("/oppna/", {})
    with time_machine.travel(NOON + timedelta(minutes=2), tick=False):
        output = io.StringIO()
        call_command("purge_drafts", stdout=output)

    assert "1 ended rate-limit count(s)" in output.getvalue()
    assert [key.split(":")[0] for key in RateCounter.objects.values_list("key", flat=True)] == [
        "create"
    ]
