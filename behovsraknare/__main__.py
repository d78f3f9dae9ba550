"""Django's manage.py as a command: `python -m behovsraknare` or, installed from the wheel,
`behovsraknare` (pyproject.toml's [project.scripts]); manage.py in a checkout calls it too."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
