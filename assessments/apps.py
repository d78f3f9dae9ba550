from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Behovsbedömningar"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
