"""The PDF summary kept for a re-download of an unchanged draft.

A re-download of an unchanged draft's PDF is served from the cache. The PDF holds health data: it
stays there briefly (PDF_CACHE_SECONDS, default 5 minutes) and is deleted with the draft. One
entry per draft, appendix choice and language, holding the draft's version and the print date it
was made for: so a changed draft or a new day is a miss that replaces the entry, and deleting a
draft deletes every copy by name, without an index of keys.
"""

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from assessments import render_pool

PDF_CACHE_SECONDS = 300


def _cache():
    return caches[getattr(settings, "PDF_CACHE_ALIAS", "default")]


def cache_key(assessment, *, appendix: bool, language: str) -> str:
    return f"pdf:summary:{assessment.pk}:{int(appendix)}:{language}"


def cached_summary(assessment, *, printed_on, appendix: bool) -> bytes:
    key = cache_key(assessment, appendix=appendix, language=translation.get_language())
    stamp = (assessment.version, printed_on.isoformat())
    cache = _cache()
    entry = cache.get(key)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    body = render_pool.render_summary(assessment, printed_on=printed_on, appendix=appendix)
    cache.set(key, (stamp, body), getattr(settings, "PDF_CACHE_SECONDS", PDF_CACHE_SECONDS))
    return body


def forget_pdfs(assessment) -> None:
    """Delete every cached PDF of a draft."""
    _cache().delete_many(
        [
            cache_key(assessment, appendix=appendix, language=language)
            for appendix in (False, True)
            for language, _name in settings.LANGUAGES
        ]
    )
