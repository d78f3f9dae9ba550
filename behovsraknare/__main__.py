"""Django's manage.py as a command: `python -m behovsraknare` or, installed from the wheel,
`behovsraknare` (pyproject.toml's [project.scripts]); manage.py in a checkout calls it too.

`summary` and `calculate` start with `command_settings` (one app, no models, no admin) unless
other settings are asked for: they read a file and write a file, and Django's whole start was a
third of a summary's CPU time beyond WeasyPrint's (issue 22 item 4)."""

import os
import sys

SETTINGS = "behovsraknare.settings"
COMMAND_SETTINGS = "behovsraknare.command_settings"
# Commands that read a file and write a file, and need none of the site's other apps.
FILE_COMMANDS = {"summary", "calculate"}


def runs_on_its_own(argv: list[str]) -> bool:
    """A file command with the site's settings: not `--settings`/`--pythonpath`, which
    Django reads after the settings would be chosen here, nor other DJANGO_SETTINGS_MODULE."""
    return (
        len(argv) > 1
        and argv[1] in FILE_COMMANDS
        and os.environ.get("DJANGO_SETTINGS_MODULE", SETTINGS) == SETTINGS
        and not any(arg.startswith(("--settings", "--pythonpath")) for arg in argv[2:])
        # Django's shell completion answers from ManagementUtility.
        and "DJANGO_AUTO_COMPLETE" not in os.environ
    )


def run_on_its_own(argv: list[str]) -> bool:
    """What `execute_from_command_line` does for a command (`django.setup()`, then the
    command's `run_from_argv`), with `command_settings`, and without the URL prefix that
    `django.setup()` sets: its import of `django.urls` brings Django's HTTP and ORM (about 40 ms
    of CPU), and the commands reverse no URL (the prefix is "/" either way). False, having done
    nothing, when the settings cannot be loaded: the usual path then reports it as before."""
    from django.core.exceptions import ImproperlyConfigured

    os.environ["DJANGO_SETTINGS_MODULE"] = COMMAND_SETTINGS
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings
    except (ImproperlyConfigured, ImportError):
        os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
        return False
    from django.apps import apps
    from django.core.management import load_command_class

    from .command_settings import configure_logging

    configure_logging()
    apps.populate(settings.INSTALLED_APPS)
    load_command_class("assessments", argv[1]).run_from_argv(argv)
    return True


def main() -> None:
    if runs_on_its_own(sys.argv) and run_on_its_own(sys.argv):
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
