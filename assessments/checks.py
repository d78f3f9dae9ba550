from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_MESSAGE = "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off"


def require_secret_key() -> None:
    """Refuse to serve without a secret key (Django itself only refuses on first use)."""
    try:
        settings.SECRET_KEY  # noqa: B018 - Django raises on reading an empty key
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(SECRET_KEY_MESSAGE) from error


@register(Tags.security)
def secret_key_is_set(app_configs, **kwargs):
    try:
        require_secret_key()
    except ImproperlyConfigured:
        return [
            Error(
                SECRET_KEY_MESSAGE,
                hint="Set it to a long random value; scripts/run.sh keeps one in .secret_key.",
                id="behovsraknare.E001",
            )
        ]
    return []
