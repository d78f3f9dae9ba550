"""Validation of what a person types, by job: the field adapter (`fields`), the stale-edit
check (`stale`), the rows (`rows`), the draft's parts (`parts`) and the small command forms
(`commands`). Every form builds its fields from the tables of `rules`.
"""

from assessments.forms.commands import (
    BaselineForm,
    ImportFileForm,
    PrintLanguageForm,
    SummaryOptionsForm,
)
from assessments.forms.fields import form_field, shown
from assessments.forms.parts import (
    DecidedForm,
    DecisionForm,
    DetailsForm,
    NightForm,
    PeriodForm,
    WeekTypeFormSet,
)
from assessments.forms.rows import ActivityForm, AddActivityForm, RestoreRowForm, RowActionForm

__all__ = [
    "ActivityForm",
    "BaselineForm",
    "AddActivityForm",
    "DecidedForm",
    "DecisionForm",
    "DetailsForm",
    "ImportFileForm",
    "NightForm",
    "PeriodForm",
    "PrintLanguageForm",
    "RestoreRowForm",
    "RowActionForm",
    "SummaryOptionsForm",
    "WeekTypeFormSet",
    "form_field",
    "shown",
]
