"""The shape of the weeks, asked first on a new draft (issue 20 item 4): one plain form above the
rows, which sets the kinds of week and the night before the first row is added."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.forms.shape import ShapeForm
from assessments.models import Assessment
from assessments.web.access import draft_view
from assessments.web.page import render_draft
from assessments.web.parts import SCHOOL_AND_HOLIDAY


@require_POST
@draft_view
def shape(request, assessment):
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    form = ShapeForm(request.POST, auto_id="shape-%s")
    if not form.is_valid():
        return render_draft(request, assessment, shape_form=form, error_forms=[form], status=400)
    data = form.cleaned_data
    if data["weeks"] == "school" and not assessment.week_types.exists():
        assessment.add_week_types(
            [(key, _(name), weeks) for key, name, weeks in SCHOOL_AND_HOLIDAY],
            instead_of_default=True,
        )
    changes = {"weeks_asked": True}
    if data["night"] != "none":
        changes |= {
            "night_start": data["night_start"],
            "night_end": data["night_end"],
            "night_cover": data["night"],
        }
    assessment.store(changes)
    messages.success(
        request,
        _("Veckorna och natten är inställda och går att ändra längre ner. Lägg nu till behoven."),
    )
    return redirect(f"{assessment.get_absolute_url()}#add")
