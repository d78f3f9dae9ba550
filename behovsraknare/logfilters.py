"""Keeps draft tokens and read-only links out of every log line.

A draft's token is the only key to its health data, and it sits in every draft URL
(`/b/<token>/...`); a read-only link (`/l/<id>/<secret>/...`) opens the same data. Django's request
and CSRF loggers, gunicorn's access and error logs and any exception text can carry such a path, so
the filter rewrites the whole record: the message with its arguments, the exception and the stack
text, and the request object that django.request and django.security.csrf attach (a handler such as
AdminEmailHandler would print its URL and headers). It is installed on the handlers of Django's
LOGGING (settings.py), of gunicorn (gunicorn.conf.py) and of the PDF render processes
(assessments.render_pool).
"""

import logging
import re

MASK = "<token>"
# A path segment after /b/, whatever its length: a mistyped or truncated token is a secret too.
TOKEN_IN_PATH = re.compile(r"(/b/)[^/\s\"'?#<>]+")
# A read-only link: its id and its secret, whatever their length.
SHARE_IN_PATH = re.compile(r"(/l/)[^/\s\"'?#<>]+(?:/[^/\s\"'?#<>]+)?")
# A token anywhere else: secrets.token_urlsafe(32) gives 43 characters of [A-Za-z0-9_-].
BARE_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")


def mask_tokens(text: str) -> str:
    text = SHARE_IN_PATH.sub(rf"\g<1>{MASK}", TOKEN_IN_PATH.sub(rf"\g<1>{MASK}", text))
    return BARE_TOKEN.sub(MASK, text)


class MaskTokens(logging.Filter):
    """Renders the record's message and exception now, masked, and drops what could leak later."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_tokens(message)
        record.args = None
        if record.exc_info:
            # The traceback objects hold every frame's locals (the request, the token): keep
            # only their masked text.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = mask_tokens(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_tokens(record.stack_info)
        if hasattr(record, "request"):
            record.request = None
        return True
