"""A fixed-window rate limit per client, for the actions that cost the server most.

Counted in the database (RateCounter), so that several servers on one database count together:
each request adds one with an UPDATE of `count + 1` inside a transaction, which PostgreSQL and
SQLite apply one at a time, so that no two requests read the same count. A window starts with a
client's first request and ends a fixed time later, however often a refused client retries;
`Retry-After` says when. `purge_drafts` deletes the counters of ended windows.
"""

import hashlib
import math
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone

from .models import RateCounter


def client_key(request) -> str:
    # Only a hash of the address is kept, and only until its window has ended.
    address = request.META.get("REMOTE_ADDR", "")
    if settings.SECURE_PROXY_SSL_HEADER and "HTTP_X_FORWARDED_FOR" in request.META:
        address = request.META["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def count(key: str, window: int) -> RateCounter:
    """One more request of `key`: its counter, read back, in a window that started with the
    key's first request (or a new one, if that has ended)."""
    now = timezone.now()
    counters = RateCounter.objects.filter(key=key)
    with transaction.atomic():
        counters.filter(ends__lte=now).delete()
        # Two servers may start a window at once: one row is made, and both are counted.
        RateCounter.objects.get_or_create(
            key=key, defaults={"count": 0, "ends": now + timedelta(seconds=window)}
        )
        counters.update(count=F("count") + 1)
        return counters.get()


def forget_ended() -> int:
    """Delete the counters whose window has ended; how many."""
    return RateCounter.objects.filter(ends__lte=timezone.now()).delete()[0]


def rate_limited(action: str, methods: set[str] | None = None):
    """Refuse (429) a client's requests past settings.RATE_LIMITS[action] in its window;
    with `methods`, only requests with those methods count and can be refused."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if methods is not None and request.method not in methods:
                return view(request, *args, **kwargs)
            limit, window = settings.RATE_LIMITS[action]
            counter = count(f"{action}:{client_key(request)}", window)
            if counter.count > limit:
                seconds = math.ceil((counter.ends - timezone.now()).total_seconds())
                response = TemplateResponse(
                    request,
                    "assessments/rate_limited.html",
                    {"window_minutes": math.ceil(seconds / 60)},
                    status=429,
                )
                response["Retry-After"] = str(max(seconds, 1))
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
