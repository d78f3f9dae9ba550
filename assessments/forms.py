"""Validation of what a user types: the draft's details, a row, a new row, an imported file.

Messages reuse the label's words and say how to put it right. Limits mirror the assessment
file (spec/assessment-file.md); the cross-field rules come from `files.row_problems` so that a
row typed in and a row imported are judged alike.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from . import catalogue, files, rules
from .models import NEED_CHOICES, Activity, Assessment
from .rules import Kind, Need, TimeType

NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class DecimalCommaField(forms.FloatField):
    """A number typed the Swedish way ("2,5") or with a point; shown back with a comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not NUMBER.match(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return float(text.replace(",", "."))

    def prepare_value(self, value):
        if isinstance(value, int | float):
            return rules.format_number(value, places=6).replace("\u00a0", "")
        return value

    def widget_attrs(self, widget):
        # The browser must not round or refuse what the server will judge (no min/max/step).
        return {}


class DescribedFieldsMixin:
    """Every input points at its hint and at an error slot that is always on the page, so that
    an error swapped in by htmx is read out with the field. The server alone validates: no
    browser `required`, which would stop a no-JavaScript post before our messages show."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text else []
            field.widget.attrs["aria-describedby"] = " ".join([*ids, f"{auto_id}_error"])


def between_limits(label: str, high: int):
    def check(value):
        if value is not None and not 0 < value <= high:
            raise forms.ValidationError(
                _("%(label)s måste vara större än 0 och högst %(high)s.")
                % {"label": label, "high": high},
                code="range",
            )

    return check


class DraftDetailsForm(DescribedFieldsMixin, forms.ModelForm):
    age = forms.IntegerField(
        label=_("Ålder i hela år (frivilligt)"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Ålder måste vara ett helt antal år, till exempel 7."),
            "min_value": _("Ålder kan inte vara lägre än 0."),
            "max_value": _("Ålder kan inte vara högre än 120."),
        },
        help_text=_(
            "Fyll i för ett barn, så dras föräldraavdraget av. Fyller barnet år under "
            "bedömningsmånaden räknas hela månaden till den nya åldern: ange då den nya åldern."
        ),
    )
    assessment_date = forms.DateField(
        label=_("Bedömningsdatum"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Ange bedömningsdatum, till exempel 2026-11-22."),
            "invalid": _("Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22."),
        },
        help_text=_("Reglerna räknas som de gällde detta datum. Skriv som ÅÅÅÅ-MM-DD."),
    )

    class Meta:
        model = Assessment
        fields = ["title", "assessment_date", "age"]
        labels = {"title": _("Namn på beräkningen (frivilligt)")}
        help_texts = {"title": _("Skriv inte namn, personnummer eller adress.")}
        error_messages = {"title": {"max_length": _("Namnet får vara högst 200 tecken.")}}
        widgets = {"title": forms.TextInput(attrs={"autocomplete": "off"})}


class ActivityForm(DescribedFieldsMixin, forms.ModelForm):
    """One row. Its need is chosen when it is added and is not changed here."""

    minutes = DecimalCommaField(
        label=_("Minuter per tillfälle"),
        validators=[between_limits(_("Minuter per tillfälle"), files.MAX_AMOUNT)],
        error_messages={
            "required": _("Ange minuter per tillfälle."),
            "invalid": _("Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5."),
        },
    )
    days_per_week = forms.TypedChoiceField(
        label=_("Antal dagar i veckan"),
        choices=[(n, str(n)) for n in range(1, 8)],
        coerce=int,
        initial=7,
        help_text=_("Gäller när du valt per dag."),
        error_messages={
            "required": _("Välj mellan 1 och 7 dagar i veckan."),
            "invalid_choice": _("Välj mellan 1 och 7 dagar i veckan."),
        },
    )
    times = DecimalCommaField(
        label=_("Antal gånger"),
        validators=[between_limits(_("Antal gånger"), files.MAX_AMOUNT)],
        error_messages={
            "required": _("Ange antal gånger."),
            "invalid": _("Antal gånger måste vara ett tal, till exempel 3."),
        },
    )

    class Meta:
        model = Activity
        fields = [
            "description",
            "minutes",
            "times",
            "per",
            "days_per_week",
            "assistants",
            "kind",
            "time_type",
            "tube_feeding",
            "note",
        ]
        labels = {
            "description": _("Beskrivning"),
            "per": _("Per"),
            "assistants": _("Antal assistenter samtidigt"),
            "kind": _("Slag av behov"),
            "time_type": _("Typ av tid"),
            "tube_feeding": _("Måltiden ges som sondmatning"),
            "note": _("Anteckning (frivillig)"),
        }
        help_texts = {
            "assistants": _("Välj 2 om två assistenter behövs samtidigt: tiden räknas dubbelt."),
            "kind": _(
                "Grundläggande behov är de integritetsnära delarna, till exempel att äta eller "
                "gå på toaletten. Annat, som att laga mat, är andra personliga behov."
            ),
            "time_type": _(
                "Väntetid under nattvilan räknas med en fjärdedel, beredskap med en sjundedel."
            ),
            "note": _(
                "Till exempel vilket intyg som visar behovet. Skriv inte namn eller personnummer."
            ),
        }
        error_messages = {
            "description": {
                "required": _("Ange en beskrivning, till exempel Dusch."),
                "max_length": _("Beskrivningen får vara högst 200 tecken."),
            },
            "note": {"max_length": _("Anteckningen får vara högst 2000 tecken.")},
            "per": {"invalid_choice": _("Välj dag, vecka, månad eller år.")},
            "assistants": {"invalid_choice": _("Välj 1 eller 2 assistenter.")},
            "kind": {"invalid_choice": _("Välj grundläggande eller annat personligt behov.")},
            "time_type": {"invalid_choice": _("Välj aktiv hjälp, väntetid eller beredskap.")},
        }
        widgets = {
            "description": forms.TextInput(attrs={"autocomplete": "off"}),
            "assistants": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        need = Need(self.instance.need)
        self.need = need
        # rules.md R2: rows of other needs can only be other needs.
        kinds = [Kind.BASIC, Kind.OTHER] if rules.is_basic_need(need) else [Kind.OTHER]
        self.fields["kind"].choices = [(kind.value, rules.KIND_LABELS[kind]) for kind in kinds]
        if need != Need.MEALS:
            del self.fields["tube_feeding"]

    def clean(self):
        cleaned = super().clean()
        if {"kind", "time_type"} <= cleaned.keys():
            problems = files.row_problems(
                need=self.need,
                kind=Kind(cleaned["kind"]),
                time_type=TimeType(cleaned["time_type"]),
                tube_feeding=cleaned.get("tube_feeding", False),
            )
            for field, message in problems.items():
                self.add_error(field if field in self.fields else None, message)
        return cleaned


class AddActivityForm(DescribedFieldsMixin, forms.Form):
    """Add a row from the catalogue (`item`) or a free row for a chosen need."""

    item = forms.ChoiceField(
        required=False, choices=[("", "")] + [(key, key) for key in catalogue.ITEMS_BY_KEY]
    )
    need = forms.ChoiceField(
        label=_("Behov för den nya raden"), required=False, choices=NEED_CHOICES
    )

    def __init__(self, *args, row_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = row_count

    def clean(self):
        cleaned = super().clean()
        if self.row_count >= (limit := files.max_rows()):
            # The same limit as an imported file, so that every draft can be saved and reopened.
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s rader. Ta bort en rad först.") % {"max": limit}
            )
        if not cleaned.get("item") and not cleaned.get("need"):
            raise forms.ValidationError(_("Välj vilket behov raden gäller."))
        return cleaned

    def new_activity(self, assessment: Assessment, position: int) -> Activity:
        item = catalogue.find_item(self.cleaned_data.get("item") or "")
        if item is not None:
            return Activity.from_catalogue(item, assessment=assessment, position=position)
        need = Need(self.cleaned_data["need"])
        return Activity(
            assessment=assessment,
            position=position,
            need=need,
            description=str(_("Egen rad: %(need)s") % {"need": rules.need_label(need)}),
            minutes=10,
            times=1,
            kind=Kind.BASIC if rules.is_basic_need(need) else Kind.OTHER,
        )


class RowActionForm(forms.Form):
    """The buttons on a row besides saving: remove it, or move it within its need."""

    remove = forms.BooleanField(required=False)
    move = forms.ChoiceField(required=False, choices=[("", ""), ("up", "up"), ("down", "down")])


class ImportFileForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Välj en sparad behovsfil (.json)"),
        error_messages={
            "required": _("Välj en fil att öppna."),
            "empty": _("Filen är tom."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > (limit := files.max_bytes()):
            raise forms.ValidationError(
                _("Filen är för stor. En behovsfil är högst %(kb)s kB.") % {"kb": limit // 1000}
            )
        try:
            self.assessment_file = files.read(upload.read())
        except files.AssessmentFileError as error:
            raise forms.ValidationError(error.errors) from error
        return upload
