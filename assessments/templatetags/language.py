"""`{% language_link as link %}`: the link to the other language, for base.html."""

from django import template
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_link(context) -> dict | None:
    """Swedish pages link to English and English pages to Swedish: the link's code (its `lang`
    and `hreflang`), its text in that language and its address."""
    request = context.get("request")
    if request is None:
        return None
    # Imported here: Django's template engine imports every tag library as it starts, and the
    # view module brings Django's views and URLs, which a PDF made by `manage.py summary`
    # never needs (issue 22 item 4).
    from assessments.language import LINK_TEXTS, switch_url

    code = "sv" if translation.get_language() == "en" else "en"
    # Django's 404 and 403 views give the template the failed path and the exception.
    error_page = "request_path" in context or "exception" in context
    url = switch_url(request, code, error_page=error_page)
    return {"code": code, "text": LINK_TEXTS[code], "url": url}
