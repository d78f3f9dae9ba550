"""Forms of the behovslista: its search (a GET, so that it works without JavaScript) and the
items marked to be added at once (issue 23 items 2 and 5)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import catalogue, files, rules
from assessments.forms.rows import counts_the_night_again


class CatalogueSearchForm(forms.Form):
    """The words typed in "Sök aktivitet"; `catalogue.matches` judges them."""

    sok = forms.CharField(required=False, max_length=200)

    def query(self) -> str:
        return self.cleaned_data.get("sok", "") if self.is_valid() else ""


class AddMarkedForm(forms.Form):
    """The items marked in the list, added in one post, each with its defaults."""

    items = forms.MultipleChoiceField(
        choices=[(key, key) for key in catalogue.ITEMS_BY_KEY],
        error_messages={
            "required": _("Markera först de aktiviteter som ska läggas till."),
            "invalid_choice": _("En markerad aktivitet finns inte längre i behovslistan."),
        },
    )

    def __init__(self, *args, row_count: int = 0, night: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = row_count
        self.night = night  # the draft's Natten part counts waiting or on-call time

    def clean_items(self) -> list[str]:
        keys = list(dict.fromkeys(self.cleaned_data["items"]))  # each item once
        for key in keys:
            item = catalogue.ITEMS_BY_KEY[key]
            # The night is counted once (issue 20): an item that fills the Natten part is added
            # by its own button, and no row of waiting or on-call time beside a counted night.
            if item.opens or counts_the_night_again(item, self.night):
                raise forms.ValidationError(
                    _(
                        "%(item)s läggs inte till som en rad bland de markerade: natten räknas "
                        "i delen Natten. Ta bort markeringen och använd delen Natten."
                    )
                    % {"item": item.row.description}
                )
        room = files.max_rows() - self.row_count
        if len(keys) > room:
            # The same limit as an imported file, so that every draft can be saved and reopened.
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s rader; det finns plats för %(room)s till.")
                % {"max": files.max_rows(), "room": max(room, 0)}
            )
        return keys

    def new_rows(self) -> list[rules.Activity]:
        return [catalogue.ITEMS_BY_KEY[key].row for key in self.cleaned_data["items"]]

    def problem(self) -> str:
        return " ".join(str(error) for error in self.errors.get("items", []))
