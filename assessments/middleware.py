import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from .models import Assessment

logger = logging.getLogger(__name__)


class NoReferrerCsrfViewMiddleware(CsrfViewMiddleware):
    """CSRF protection that works with `Referrer-Policy: no-referrer`.

    Under that policy browsers send `Origin: null` with same-site form posts (Fetch standard,
    "serializing a request origin"), which Django's origin check refuses. Such a request is
    still refused without the secret CSRF token from the form, matched against the SameSite
    cookie; only the origin comparison, which has nothing to compare, is skipped.
    """

    def _origin_verified(self, request):
        if request.META.get("HTTP_ORIGIN") == "null":
            return True
        return super()._origin_verified(request)


class HealthCheckMiddleware:
    """`GET /healthz`: 200 "ok" when the database (and the rate-limit cache in it) answers.

    First in MIDDLEWARE, so that a load balancer or systemd probe on http://127.0.0.1 gets an
    answer whatever the Host header and without the https redirect. It reads no personal data,
    needs no login, is not rate limited and is never cached.
    """

    PATH = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != self.PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
        else:
            try:
                Assessment.objects.exists()
                cache.get("healthz")
            except DatabaseError:
                logger.exception("health check: the database does not answer")
                response = HttpResponse("database unavailable\n", status=503)
            else:
                response = HttpResponse("ok\n")
        response["Content-Type"] = "text/plain; charset=utf-8"
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SecureCookiesMiddleware:
    """Every cookie the site sets or deletes is Secure when the site is on https.

    Django deletes cookies (the messages cookie once read, the session cookie on logout) with
    `delete_cookie`, which leaves Secure off; a browser keeps such a header's cookie for plain
    http. Above the session, CSRF and messages middleware, so that it sees their cookies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_SECURE or request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response
