"""The settings of `manage.py summary` and `manage.py calculate` run on their own
(behovsraknare.__main__): the site's settings with only what those two commands use.

Both read a file and write a file: no database, no request, no admin, sessions or messages.
Started with the site's settings, a summary's process imported every app's models and admin
and Django's views, HTTP and ORM, a third of its CPU time beyond WeasyPrint's (issue 22 item
4). Here the one app is `assessments` without its models (`apps.FileCommandsConfig`), and the
logging is Django's without the handler that mails errors to ADMINS (see `configure_logging`).
Everything else (languages, limits, templates, locale, logging levels) is the site's, so that
the PDF, the output and the errors are the same as with the full settings
(tests/test_command_settings.py).
"""

import logging.config

from .settings import *  # noqa: F403 - the site's settings, then what the commands leave out

INSTALLED_APPS = ["assessments.apps.FileCommandsConfig"]
MIDDLEWARE = []
# Django would configure its default logging first, whose AdminEmailHandler imports Django's
# views, HTTP and ORM as it is made (about 40 ms of CPU); `configure_logging` does the same
# without it. A command never mails: ADMINS is empty and nothing here logs a request.
LOGGING_CONFIG = None


def configure_logging() -> None:
    """Django's default logging less `mail_admins`, then the site's LOGGING, as
    `django.utils.log.configure_logging` does with the site's settings."""
    from django.conf import settings
    from django.utils.log import DEFAULT_LOGGING

    default = {
        **DEFAULT_LOGGING,
        "handlers": {
            name: handler
            for name, handler in DEFAULT_LOGGING["handlers"].items()
            if name != "mail_admins"
        },
        "loggers": {
            **DEFAULT_LOGGING["loggers"],
            "django": {**DEFAULT_LOGGING["loggers"]["django"], "handlers": ["console"]},
        },
    }
    logging.config.dictConfig(default)
    logging.config.dictConfig(settings.LOGGING)
