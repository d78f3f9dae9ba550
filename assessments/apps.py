from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Behovsbedömningar")

    def ready(self):
        from django.utils import translation

        from . import checks  # noqa: F401 - registers the system checks
        from .rules import i18n

        # The rules' words follow the language of the request (LocaleMiddleware) or of the
        # command (`calculate --language`), without the rules importing Django.
        i18n.install(translation.gettext, translation.ngettext, translation.get_language)


class FileCommandsConfig(AssessmentsConfig):
    """The app for `summary` and `calculate` run on their own (behovsraknare.command_settings):
    its commands, template tags and translations, without importing its models, which those
    commands never touch. A module that imports them anyway still may: they register then."""

    default = False

    def import_models(self):
        self.models = self.apps.all_models[self.label]
