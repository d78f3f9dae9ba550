"""The small forms of commands: opening a saved file, and what the PDF prints."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import files
from assessments.forms.fields import DescribedFieldsMixin


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
        if upload.size > (limit := files.max_bytes()):
            raise forms.ValidationError(
                _("Filen är för stor. En behovsfil är högst %(kb)s kB.") % {"kb": limit // 1000}
            )
        try:
            self.assessment = files.read(upload.read())
        except files.AssessmentFileError as error:
            raise forms.ValidationError(error.errors) from None
        return upload


class SummaryOptionsForm(forms.Form):
    """What the PDF summary prints besides the summary itself: `?bilaga=1` adds the appendix
    ("Så räknade vi", the chart, the sources). A checkbox named `bilaga` next to the PDF
    button in a GET form sends it."""

    bilaga = forms.BooleanField(required=False, label=_("Ta med bilaga: så räknade vi och källor"))

    @property
    def appendix(self) -> bool:
        return self.is_valid() and self.cleaned_data["bilaga"]
