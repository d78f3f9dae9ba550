"""The shape of the weeks, asked first on a new draft (issue 20 item 4): whether the weeks differ
(school or daily activity, and holidays) and whether there is a need at night, so that the first
figures a person sees already count the right kinds of week (rules.md R10) and the night (R11).
"""

from datetime import time

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms.fields import DescribedFieldsMixin, form_field
from assessments.rules.assessment import NIGHT_FIELDS
from assessments.rules.draft import night_problems


class ShapeForm(DescribedFieldsMixin, forms.Form):
    weeks = forms.ChoiceField(
        label=_("Ser veckorna olika ut?"),
        help_text=_(
            "Till exempel skolveckor och lov, eller veckor med och utan daglig verksamhet."
        ),
        choices=[
            ("same", _("Nej, alla veckor är ungefär lika")),
            ("school", _("Ja, skolveckor och lovveckor (40 och 12 veckor, går att ändra)")),
        ],
        widget=forms.RadioSelect,
        initial="same",
        error_messages={"required": _("Välj om veckorna ser olika ut.")},
    )
    night = forms.ChoiceField(
        label=_("Behövs någon under natten?"),
        help_text=_("Under nattvilan, även om hjälpen bara behövs ibland."),
        choices=[
            ("none", _("Nej")),
            ("waiting", _("Ja, någon behöver finnas på plats (väntetid)")),
            ("on_call", _("Ja, någon behöver kunna komma (beredskap)")),
        ],
        widget=forms.RadioSelect,
        initial="none",
        error_messages={"required": _("Välj om någon behövs under natten.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["night_start"] = form_field(NIGHT_FIELDS["start"], required=False)
        self.fields["night_end"] = form_field(NIGHT_FIELDS["end"], required=False)
        self.initial |= {"night_start": time(22, 0), "night_end": time(7, 0)}
        self.set_describedby()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("night", "none") == "none" or self.errors:
            return cleaned
        for name in ("night_start", "night_end"):
            if cleaned.get(name) is None:
                self.add_error(name, _("Ange när nattvilan börjar och slutar."))
        if self.errors:
            return cleaned
        values = {"start": cleaned["night_start"], "end": cleaned["night_end"]}
        for name, message in night_problems(values).items():
            self.add_error(f"night_{name}", message)
        return cleaned
