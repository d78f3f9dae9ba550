"""The rows' forms: a row's fields as the page shows them (its line and its details), adding a
row, and what a post asks of the rows besides their values (remove, move, undo).

A row's fields come from its table (`rules.activity.FIELDS`) and its rules between fields from
`rules.row_problems`, so that a row typed in and a row imported are judged alike. A save is
judged by `forms.stale` and stored by the model (`Activity.store`).
"""

from functools import cached_property

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import catalogue, files, rules
from assessments.columns import db_value
from assessments.forms import own_row
from assessments.forms.fields import DescribedFieldsMixin, from_table
from assessments.models import NEED_CHOICES, ROW_FIELDS, Activity, Assessment
from assessments.rules import Kind, Need
from assessments.rules import activity as row_table


class ActivityForm(DescribedFieldsMixin, forms.ModelForm):
    """One row. Its need is chosen when it is added and is not changed here.

    All rows are fields of one form on the page, each row's under its prefix ("r12-minutes",
    `for_row`), so that without JavaScript one post saves every row that changed. The page shows
    `line_fields` on the row's line in the table and every other field of `Meta.fields`, in
    order, in the row's details: a new row field appears there by being listed in `Meta.fields`.
    The details are on the page only once opened; a post without them (no "details" marker)
    holds the line fields only, and the others stay as stored.

    Stale edits (`forms.stale`): a post carries the version of the row the page showed
    ("r12-version") and, from app.js, each field's value as shown ("initial-r12-minutes").
    """

    line_fields = ("description", "minutes", "times", "per", "days_per_week", "assistants", "kind")
    personal_number_fields = ("description", "note")

    class Meta:
        model = Activity
        fields = [name for name in ROW_FIELDS if name not in row_table.EDITED_ELSEWHERE]
        formfield_callback = from_table(row_table.FIELDS)
        # Typed like the minutes beside it: one field less to open on a line (and a 150-row
        # page 15 kB smaller than with a list of seven).
        widgets = {"days_per_week": forms.TextInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, with_details: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        need = Need(self.instance.need)
        self.need = need
        # rules.md R2: rows of other needs can only be other needs.
        kinds = [Kind.BASIC, Kind.OTHER] if rules.is_basic_need(need) else [Kind.OTHER]
        self.fields["kind"].choices = [(kind.value, rules.KIND_LABELS[kind]) for kind in kinds]
        if need != Need.MEALS:
            del self.fields["tube_feeding"]
        # Only what the draft has: the week types to choose among, a night to help in.
        draft = self.instance.assessment if self.instance.assessment_id else None
        week_types = draft.week_type_list if draft else ()
        if len(week_types) > 1:
            self.fields["week_types"].choices = [(w.key, w.label) for w in week_types]
            self.all_week_types = [w.key for w in week_types]
            if self.instance.week_types is None:
                self.initial["week_types"] = self.all_week_types
        else:
            del self.fields["week_types"]
        if draft is None or not draft.has_night:
            del self.fields["at_night"]
        if not with_details:
            for name in [name for name in self.fields if name not in self.line_fields]:
                del self.fields[name]
        # Values an older version stored invalid: shown as what they count as, and stored with
        # the next save of the row (issue 18).
        self.broken = [f.name for f in self.instance.broken_fields if f.name in self.fields]
        if self.broken:
            counted = self.instance.to_row()
            for name in self.broken:
                self.initial[name] = db_value(getattr(counted, name))
        if len(kinds) == 1:
            # One choice is no choice: the line shows the kind as text (no dead control).
            self.fields["kind"].widget = forms.HiddenInput()
        if self.auto_id:
            for index, name in enumerate(self.line_fields, start=1):
                # A line's input is named by its column's header and its row's (the page's
                # c<column> and r<pk>-n): "Minuter per tillfälle rad 3: Dusch". It has an id
                # only when something links to it (`line`): 150 rows of the page stay small.
                field = self.fields[name]
                field.help_text = self[name].help_text = ""
                for attr in ("aria-describedby", "autocomplete"):
                    field.widget.attrs.pop(attr, None)
                if not field.widget.is_hidden:
                    field.widget.attrs["aria-labelledby"] = f"c{index} {self.add_prefix('n')}"
                field.widget.attrs.pop("maxlength", None)  # the server says so, in words
                if name != "description":
                    field.widget.attrs["id"] = False  # False: Django renders no id at all

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name in self.fields if name in self.broken or self[name]._has_changed()]

    @classmethod
    def for_row(cls, activity: Activity, data=None) -> "ActivityForm":
        """The form of a row on the page; bound to a post, with the details if it holds them."""
        prefix = f"r{activity.pk}"
        with_details = data is None or f"{prefix}-details" in data
        return cls(data, instance=activity, prefix=prefix, auto_id="%s", with_details=with_details)

    def shows_help(self, name: str) -> bool:
        # The line has no room for hints: the table explains its columns once (`line_help`).
        return name not in self.line_fields

    @classmethod
    def line_help(cls) -> list[tuple[str, str]]:
        fields = [cls.base_fields[name] for name in cls.line_fields]
        return [(field.label, field.help_text) for field in fields if field.help_text]

    @property
    def has_details(self) -> bool:
        return any(name not in self.line_fields for name in self.fields)

    def line(self) -> list[forms.BoundField]:
        fields = [self[name] for name in self.line_fields if name in self.fields]
        for bound in fields:
            attrs = bound.field.widget.attrs
            if bound.errors and self.auto_id:
                attrs["id"] = bound.auto_id  # linked from the error summary
            if bound.errors and not bound.is_hidden:
                # Errors of the line are listed under it (the row's message), by this id.
                attrs["aria-describedby"] = f"{bound.auto_id}_error"
        return fields

    def details(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.line_fields]

    def line_errors(self) -> list[tuple[forms.BoundField, str]]:
        """The errors to list under the line: its fields' and those of no field on the page."""
        found = [
            (self[name], error)
            for name in self.line_fields
            if name in self.fields
            for error in self[name].errors
        ]
        return found + [(None, error) for error in self.non_field_errors()]

    @property
    def version_seen(self) -> str | None:
        """The row's version the page showed, or None when the post does not say."""
        return self.data.get(self.add_prefix("version"))

    @property
    def keep_mine(self) -> str | None:
        """The stored version beside which the person chose their values over a conflict
        shown ("Behåll mina värden"), or None."""
        return self.data.get(self.add_prefix("keep_mine"))

    def based_on(self) -> int | None:
        """The version the page stays based on while a post of it is shown again (an error, a
        conflict): only "Behåll mina värden" stores over what someone else saved since."""
        seen = self.version_seen or ""
        return int(seen) if seen.isdigit() else None

    def clean_week_types(self):
        chosen = self.cleaned_data["week_types"]
        if not chosen:
            raise forms.ValidationError(
                _("Välj minst en sorts vecka då hjälpen behövs."), code="required"
            )
        # Every week type is "all of them": a week type added later then counts too.
        return None if set(chosen) == set(self.all_week_types) else chosen

    def clean(self):
        cleaned = super().clean()
        # Fields not posted (the details were closed) are judged as stored.
        stored = {name: getattr(self.instance, name) for name in ROW_FIELDS}
        stored = {name: value for name, value in stored.items() if name not in self.fields}
        problems = rules.row_problems(**{**stored, **cleaned, "need": self.need})
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        if "time_type" in self.changed_data and not problems.get("time_type"):
            self._refuse_a_second_night(cleaned.get("time_type"))
        return cleaned

    def _refuse_a_second_night(self, time_type) -> None:
        """Waiting or on-call time is time during the night rest (rules.md R11, R13.4): where
        the Natten part already counts it, a row of it would count the same night again
        (issue 20). A row stored so before the night was filled in is said in place of the
        total instead (the rules' `double_night` warning)."""
        if time_type in (None, rules.TimeType.ACTIVE) or self.instance.assessment_id is None:
            return  # a form of no draft (the row's own rules only)
        if night_counted(self.instance.assessment):
            self.add_error("time_type", SECOND_NIGHT)


SECOND_NIGHT = _(
    "Natten räknar redan väntetiden eller beredskapen under nattvilan (delen Natten). En rad "
    "med väntetid eller beredskap skulle räkna samma natt två gånger. Välj aktiv tid, eller "
    "ändra natten i delen Natten."
)


def counts_the_night_again(item: catalogue.CatalogueItem, night: bool) -> bool:
    """Would the item's row count waiting or on-call time that the draft's Natten part counts
    already (`night`, rules.md R11; issue 20)?"""
    return night and item.row.time_type != rules.TimeType.ACTIVE


def night_counted(assessment: Assessment | None) -> bool:
    """Does the draft's Natten part count waiting or on-call time (rules.md R11)?"""
    return (
        assessment is not None
        and assessment.has_night
        and assessment.night_cover != rules.NightCover.NONE
    )


class AddActivityForm(DescribedFieldsMixin, forms.Form):
    """Add a row from the catalogue (`item`) or an own row: its need, whether the help is basic
    (with "Vet inte", `own_row.UNSURE`) and, if the person wrote one, its description."""

    item = forms.ChoiceField(
        required=False, choices=[("", "")] + [(key, key) for key in catalogue.ITEMS_BY_KEY]
    )
    need = forms.ChoiceField(
        label=_("Vilket behov gäller raden?"),
        required=False,
        choices=NEED_CHOICES,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("Är hjälpen en integritetsnära del av ett grundläggande behov?"),
        help_text=_(
            "Gäller bara behoven 1–7. Den mest personliga hjälpen, som att tvätta sig, gå på "
            "toaletten, äta eller klä på sig, är grundläggande behov. Hjälp runt omkring, som att "
            "förbereda, duka eller tvätta kläder, är annat personligt behov."
        ),
        required=False,
        choices=own_row.KIND_CHOICES,
        initial=own_row.UNSURE,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Beskrivning (frivillig)"),
        help_text=_("Till exempel Byta kateter. Du kan ändra den sedan."),
        required=False,
        max_length=row_table.FIELDS["description"].max_length,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )

    def __init__(self, *args, row_count: int = 0, night: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = row_count
        self.night = night  # the draft's Natten part counts waiting or on-call time

    def clean(self):
        cleaned = super().clean()
        if self.row_count >= (limit := files.max_rows()):
            # The same limit as an imported file, so that every draft can be saved and reopened.
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s rader. Ta bort en rad först.") % {"max": limit}
            )
        if not cleaned.get("item") and not cleaned.get("need"):
            self.add_error("need", _("Välj vilket behov raden gäller."))
            return cleaned
        item = catalogue.find_item(cleaned.get("item") or "")
        if item is not None and not item.opens and counts_the_night_again(item, self.night):
            raise forms.ValidationError(SECOND_NIGHT)  # the night counted twice (issue 20)
        return cleaned

    @property
    def chose_cautiously(self) -> bool:
        """True when "Vet inte" (or no answer) decided the kind of an own row of a basic need:
        it is then counted as other (own_row, rules.md R3) and the page says so."""
        item = self.cleaned_data.get("item")
        need = self.cleaned_data.get("need")
        answer = self.cleaned_data.get("kind") or own_row.UNSURE
        return not item and bool(need) and rules.is_basic_need(need) and answer == own_row.UNSURE

    @property
    def opens(self) -> str:
        """The part the chosen catalogue item fills instead of adding a row ("night"), or ""."""
        item = catalogue.find_item(self.cleaned_data.get("item") or "")
        return item.opens if item is not None else ""

    def new_row(self) -> rules.Activity:
        item = catalogue.find_item(self.cleaned_data.get("item") or "")
        if item is not None:
            return item.row
        need = Need(self.cleaned_data["need"])
        # The words typed (a search that found nothing gives them too), on one line.
        description = " ".join(self.cleaned_data.get("description", "").split())
        # rules.md R2: rows of other needs are other needs, whatever was answered.
        basic = rules.is_basic_need(need) and self.cleaned_data.get("kind") == Kind.BASIC.value
        return rules.Activity(
            need=need,
            description=description
            or str(_("Egen rad: %(need)s") % {"need": rules.need_label(need)}),
            minutes=10,
            times=1,
            kind=Kind.BASIC if basic else Kind.OTHER,
            note=str(own_row.CAUTIOUS_NOTE) if self.chose_cautiously else "",
        )


class RowActionForm(forms.Form):
    """What a post asks of the rows besides their values: remove, move or put back (undo) one
    row, named by the id the button carries ("remove=12")."""

    remove = forms.IntegerField(required=False)
    move_up = forms.IntegerField(required=False)
    move_down = forms.IntegerField(required=False)
    restore = forms.IntegerField(required=False)

    def action(self) -> tuple[str, int] | None:
        if self.is_valid():
            for name, value in self.cleaned_data.items():
                if value is not None:
                    return name, value
        return None


class RestoreRowForm(forms.Form):
    """Undo a removal. The removed row's place on the page holds its values under the prefix
    "x<id>" (`RestoreRowForm.values`): its need, the row it stood before (if that is still
    there), and an `ActivityForm` of the same prefix."""

    need = forms.ChoiceField(choices=NEED_CHOICES)
    before = forms.IntegerField(required=False)

    def __init__(self, *args, removed: int, row_count: int = 0, **kwargs):
        super().__init__(*args, prefix=f"x{removed}", **kwargs)
        self.row_count = row_count

    @staticmethod
    def values(activity: Activity) -> ActivityForm:
        """The removed row's values, to render as hidden inputs in its place."""
        return ActivityForm(instance=activity, prefix=f"x{activity.pk}", auto_id=False)

    def row_form(self, assessment: Assessment) -> ActivityForm:
        blank = Activity(assessment=assessment, need=self.cleaned_data["need"])
        return ActivityForm(self.data, instance=blank, prefix=self.prefix, auto_id=False)

    def clean(self):
        if self.row_count >= (limit := files.max_rows()):
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s rader. Ta bort en rad först.") % {"max": limit}
            )
        return super().clean()
