"""gunicorn reads ./gunicorn.conf.py by itself: the configuration is in the package
(behovsraknare/gunicorn_conf.py), so that an install from the wheel has it too."""

from behovsraknare.gunicorn_conf import *  # noqa: F403
