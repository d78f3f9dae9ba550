"""Settings from the environment, for the Django settings and gunicorn.conf.py: typed, with safe
defaults, and refused with the variable's name when malformed."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def gunicorn_workers() -> int:
    """Worker processes of one server: gunicorn.conf.py starts them, and the settings size the
    database connections by them."""
    return env_int("GUNICORN_WORKERS", os.cpu_count() or 1)


def gunicorn_threads() -> int:
    """Threads of each worker, each serving one request at a time."""
    return env_int("GUNICORN_THREADS", 4)
