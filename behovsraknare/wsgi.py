import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
application = get_wsgi_application()

from assessments.checks import require_secret_key  # noqa: E402 - needs the apps loaded

require_secret_key()
