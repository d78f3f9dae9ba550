"""Choosing the language: a plain link on every page, so that it works without JavaScript.

`/sprak/en/?next=/b/…/` sets the language cookie (strictly necessary: it holds only the code)
and sends the person back to the page they were on, now in that language. Only the languages
of `settings.LANGUAGES` are known, and `next` must be a page of this site (never an open
redirect). The answer is never cached: it carries a cookie.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Each language's link names it in its own words, whatever the page's language.
LINK_TEXTS = {"sv": "På svenska", "en": "In English"}


def switch_url(request, code: str, *, error_page: bool = False) -> str:
    """The link to `code` from the page being answered, back to the same page; after a form
    post (an error shown at a POST-only address) back to the draft or the start page. An
    error page links to the start page: it must not echo the address that failed (a wrong
    read-only link's 404 is the same page as a deleted draft's)."""
    if error_page:
        back = reverse("assessments:start")
    elif request.method in ("GET", "HEAD"):
        back = request.get_full_path()
    else:
        match = request.resolver_match
        kwargs = match.kwargs if match else {}
        if "token" in kwargs:
            back = reverse("assessments:draft", kwargs={"token": kwargs["token"]})
        elif {"public_id", "secret"} <= kwargs.keys():
            back = reverse(
                "assessments:shared",
                kwargs={"public_id": kwargs["public_id"], "secret": kwargs["secret"]},
            )
        else:
            back = reverse("assessments:start")
    url = reverse("assessments:language", kwargs={"code": code})
    return f"{url}?{urlencode({'next': back})}"


@require_GET
@never_cache
def set_language(request, code: str):
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("assessments:start")
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
