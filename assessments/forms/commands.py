"""The small forms of commands: opening a saved file, a baseline to compare with, what the PDF
prints and in which language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import files, rules
from assessments.forms.fields import DescribedFieldsMixin
from assessments.models import PRINT_LANGUAGES, Assessment


class ImportFileForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Välj en sparad behovsfil (.json)"),
        # Only a hint to the file picker: the server names any other file for what it is.
        widget=forms.FileInput(attrs={"accept": ".json"}),
        error_messages={
            "required": _("Välj en fil att öppna."),
            "empty": _("Filen är tom."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.assessment = read_upload(upload)
        return upload


def read_upload(upload) -> rules.Assessment:
    """A chosen file read whole, or a ValidationError with every reason (in the page's
    language) why it is refused."""
    if upload.size > (limit := files.max_bytes()):
        raise forms.ValidationError(
            _("Filen är för stor. En behovsfil är högst %(kb)s kB.") % {"kb": limit // 1000}
        )
    try:
        return files.read(upload.read())
    except files.AssessmentFileError as error:
        raise forms.ValidationError(error.errors) from None


class BaselineForm(DescribedFieldsMixin, forms.Form):
    """A previous file as the draft's baseline (issue 21 item 4): last year's draft, or the rows
    of a decision. Any version of the file is read (spec: versions are read forever); a file
    that cannot be read is refused whole, with its reasons next to the field."""

    DRAFT, DECIDED = "draft", "decided"

    file = forms.FileField(
        label=_("Välj en tidigare behovsfil (.json)"),
        help_text=_("Till exempel förra årets beräkning, eller en fil med beslutets rader."),
        widget=forms.FileInput(attrs={"accept": ".json"}),
        error_messages={
            "required": _("Välj en fil att jämföra med."),
            "empty": _("Filen är tom."),
        },
    )
    compare = forms.ChoiceField(
        label=_("Jämför med"),
        choices=[
            (DRAFT, _("raderna i filen, som de står")),
            (DECIDED, _("beslutet i filen, det som beviljades")),
        ],
        initial=DRAFT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad i filen du vill jämföra med.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.baseline = read_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        baseline = getattr(self, "baseline", None)
        wants_decision = data.get("compare") == self.DECIDED
        if baseline is not None and wants_decision and baseline.decision is None:
            self.add_error(
                "compare",
                _(
                    "Filen har inget beslut att jämföra med. Välj raderna i filen, eller en "
                    "fil där beslutet är ifyllt."
                ),
            )
        return data

    @property
    def decided(self) -> bool:
        return self.cleaned_data["compare"] == self.DECIDED

    @property
    def stored(self) -> str:
        """The baseline as the file the tool writes now, so that it is always read back."""
        return files.write(self.baseline)


class PrintLanguageForm(DescribedFieldsMixin, forms.ModelForm):
    """ "Utskrift på: svenska / English" (issue 21 item 5): the language of the PDF summary and
    the omprövning draft, kept with the draft, whatever the page's language."""

    class Meta:
        model = Assessment
        fields = ["print_language"]
        widgets = {"print_language": forms.RadioSelect}
        labels = {"print_language": _("Utskrift på")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["print_language"].choices = PRINT_LANGUAGES


class SummaryOptionsForm(forms.Form):
    """What the PDF summary prints besides the summary itself: `?bilaga=1` adds the appendix
    ("Så räknade vi", the chart, the sources). A checkbox named `bilaga` next to the PDF
    button in a GET form sends it."""

    bilaga = forms.BooleanField(required=False, label=_("Ta med bilaga: så räknade vi och källor"))

    @property
    def appendix(self) -> bool:
        return self.is_valid() and self.cleaned_data["bilaga"]
