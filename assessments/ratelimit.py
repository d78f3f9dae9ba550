"""A small fixed-window rate limit per client, for the actions that cost the server most."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse


def client_key(request) -> str:
    # Only a hash of the address is kept, and only in the cache, for one window.
    address = request.META.get("REMOTE_ADDR", "")
    if settings.SECURE_PROXY_SSL_HEADER and "HTTP_X_FORWARDED_FOR" in request.META:
        address = request.META["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limited(action: str, methods: set[str] | None = None):
    """Refuse (429) a client's requests past settings.RATE_LIMITS[action] in its window;
    with `methods`, only requests with those methods count and can be refused."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if methods is not None and request.method not in methods:
                return view(request, *args, **kwargs)
            limit, window = settings.RATE_LIMITS[action]
            key = f"rate:{action}:{client_key(request)}"
            cache.add(key, 0, timeout=window)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window)
                count = 1
            if count > limit:
                response = TemplateResponse(
                    request,
                    "assessments/rate_limited.html",
                    {"window_minutes": window // 60},
                    status=429,
                )
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
