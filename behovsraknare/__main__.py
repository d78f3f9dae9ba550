"""Django's manage.py as a command: `python -m behovsraknare` or, installed from the wheel,
`behovsraknare` (pyproject.toml's [project.scripts]); manage.py in a checkout calls it too.

`summary` and `calculate` run on their own (`run_on_its_own`): they read a file and write a
file, and as a process per PDF Django's whole start (every app's models and admin, Django's
views, HTTP and ORM) and the garbage collector's passes over what the imports loaded were most
of what a summary cost beyond WeasyPrint's own import and layout (issue 22 item 4). Every other
command, and these two with other settings, take Django's usual path."""

import gc
import os
import sys

SETTINGS = "behovsraknare.settings"
COMMAND_SETTINGS = "behovsraknare.command_settings"
# Commands that read a file and write a file, and need none of the site's other apps.
FILE_COMMANDS = {"summary", "calculate"}


def runs_on_its_own(argv: list[str]) -> bool:
    """A file command with the site's settings: not with `--settings` or `--pythonpath`, which
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
    command's `run_from_argv`, which parses the options, prints a CommandError on standard
    error and exits with its status), with `command_settings`, and without two costs:
    - the URL prefix that `django.setup()` sets: the commands reverse no URL, and the prefix is
      "/" either way;
    - the collector's passes during the imports: it is off while they run, then what they
      loaded is frozen (`gc.freeze()`, out of its sight for the rest of the process) and it is
      on again for the command's own work. A process per command, so nothing stays behind.
    False, having run nothing, when the settings cannot be loaded: the usual path then reports
    it as before."""
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
    command = load_command_class("assessments", argv[1])  # imports WeasyPrint, the rules
    gc.freeze()
    gc.enable()
    command.run_from_argv(argv)
    return True


def main() -> None:
    if runs_on_its_own(sys.argv):
        gc.disable()
        try:
            if run_on_its_own(sys.argv):
                return
        finally:
            gc.enable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
