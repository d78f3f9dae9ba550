import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from . import readiness
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
    """`GET /healthz` (liveness): 200 "ok" when the database answers a read; `GET /readyz`
    (readiness): 200 "ready" when it can take a write now (assessments.readiness), else 503
    with the reason. README says which a load balancer uses.

    First in MIDDLEWARE, so that a load balancer or systemd probe on http://127.0.0.1 gets an
    answer whatever the Host header and without the https redirect. They read no personal
    data, need no login, are not rate limited and are never cached.
    """

    PATHS = {"/healthz", "/readyz"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path not in self.PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
        elif path == "/readyz":
            response = self.ready()
        else:
            response = self.alive()
        response["Content-Type"] = "text/plain; charset=utf-8"
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @staticmethod
    def alive() -> HttpResponse:
        try:
            Assessment.objects.exists()
        except DatabaseError:
            logger.exception("health check: the database does not answer")
            return HttpResponse("database unavailable\n", status=503)
        return HttpResponse("ok\n")

    @staticmethod
    def ready() -> HttpResponse:
        if (problem := readiness.problem()) is not None:
            logger.warning("readiness check: %s", problem)
            return HttpResponse(f"not ready: {problem}\n", status=503)
        return HttpResponse("ready\n")


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
