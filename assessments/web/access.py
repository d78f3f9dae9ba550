"""Who may see a draft, and how its answers are sent: by its secret edit link or by a read-only
link, never cached, never indexed, with no referrer."""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assessments import render_pool
from assessments.models import Assessment, ShareLink
from assessments.ratelimit import rate_limited


def private(view):
    """Pages with health data: not stored by any cache, not indexed, no referrer."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = never_cache(view)(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


def draft_view(view):
    """Look the draft up by its secret token only; an unknown token is a plain 404."""

    @private
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        assessment = get_object_or_404(Assessment, token=token)
        return view(request, assessment, *args, **kwargs)

    return wrapper


def shared_view(view):
    """Find the draft by its read-only link, or answer like a draft that does not exist."""

    @private
    @wraps(view)
    def wrapper(request, public_id, secret, *args, **kwargs):
        link = ShareLink.find(public_id, secret)
        if link is None:
            raise Http404
        return view(request, link.assessment, *args, **kwargs)

    return wrapper


def post_only_page(view):
    """A POST-only address opened by a link or typed in: back to the start page, not a 405."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return redirect("assessments:start")
        return view(request, *args, **kwargs)

    return require_http_methods(["GET", "HEAD", "POST"])(wrapper)


def read_only(find_draft, response, *, pdf_budget: bool = False):
    """A GET view that only reads the draft, found by `find_draft` (the edit link's or the
    read-only link's); like every GET, outside a transaction (assessments.transactions). A PDF
    is rate limited and made within its budget (assessments.render_pool)."""
    if pdf_budget:
        response = rate_limited("pdf")(render_pool.within_budget(response))
    return require_GET(find_draft(response))
