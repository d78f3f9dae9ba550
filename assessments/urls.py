from django.urls import path

from assessments import language
from assessments.web import (
    baseline,
    dayplans,
    deadline,
    downloads,
    parts,
    reconsideration,
    rows,
    shape,
    sharing,
    start,
)

app_name = "assessments"

urlpatterns = [
    path("", start.start, name="start"),
    path("ny/", start.create, name="create"),
    path("oppna/", start.import_file, name="import"),
    path("integritet/", start.privacy, name="privacy"),
    path("tillganglighet/", start.accessibility, name="accessibility"),
    path("sprak/<str:code>/", language.set_language, name="language"),
    path("for-stort/", start.request_too_large, name="request_too_large"),
    path("stil/kolumner.<str:code>.css", start.column_labels, name="column_labels"),
    path("b/<str:token>/", parts.draft, name="draft"),
    # Every part of the draft is saved by the one view, at its own address.
    *(
        path(f"b/<str:token>/{address}/", parts.part, {"name": name}, name=name)
        for name, address in parts.ADDRESSES.items()
    ),
    path("b/<str:token>/veckor-forst/", shape.shape, name="shape"),
    path("b/<str:token>/dagplaner/", dayplans.add_plan, name="add_day_plan"),
    path("b/<str:token>/dagplaner/<int:pk>/", dayplans.plan_action, name="day_plan"),
    path("b/<str:token>/rader/", rows.add_activity, name="add_activity"),
    path("b/<str:token>/rader/markerade/", rows.add_marked, name="add_marked"),
    path("b/<str:token>/rader/<int:pk>/", rows.activity, name="activity"),
    path("b/<str:token>/rader/andra/", rows.rows, name="rows"),
    path("b/<str:token>/rader/<int:pk>/tillbaka/", rows.restore_activity, name="restore"),
    path("b/<str:token>/kopiera/", start.copy, name="copy"),
    path("b/<str:token>/radera/", start.delete, name="delete"),
    path("b/<str:token>/fil/", downloads.download, name="download"),
    path("b/<str:token>/pdf/", downloads.summary_pdf, name="pdf"),
    path("b/<str:token>/omprovning/", reconsideration.reconsideration_page, name="reconsideration"),
    path(
        "b/<str:token>/omprovning/text/",
        reconsideration.reconsideration_text,
        name="reconsideration_text",
    ),
    path(
        "b/<str:token>/omprovning/pdf/",
        downloads.reconsideration_pdf,
        name="reconsideration_pdf",
    ),
    path("b/<str:token>/frist.ics", deadline.deadline_ics, name="deadline_ics"),
    path("b/<str:token>/jamforelse/", baseline.set_baseline, name="baseline"),
    path("b/<str:token>/jamforelse/ta-bort/", baseline.remove_baseline, name="remove_baseline"),
    path("b/<str:token>/utskrift/", baseline.set_print_language, name="print_language"),
    path("b/<str:token>/dela/", sharing.share, name="share"),
    path("b/<str:token>/dela/sluta/", sharing.unshare, name="unshare"),
    path("l/<str:public_id>/<str:secret>/", sharing.shared, name="shared"),
    path("l/<str:public_id>/<str:secret>/pdf/", downloads.shared_pdf, name="shared_pdf"),
    path("l/<str:public_id>/<str:secret>/fil/", downloads.shared_download, name="shared_download"),
    path(
        "l/<str:public_id>/<str:secret>/frist.ics",
        deadline.shared_deadline_ics,
        name="shared_deadline_ics",
    ),
    path(
        "l/<str:public_id>/<str:secret>/omprovning/",
        reconsideration.shared_reconsideration_page,
        name="shared_reconsideration",
    ),
    path(
        "l/<str:public_id>/<str:secret>/omprovning/pdf/",
        downloads.shared_reconsideration_pdf,
        name="shared_reconsideration_pdf",
    ),
    path(
        "l/<str:public_id>/<str:secret>/omprovning/text/",
        reconsideration.shared_reconsideration_text,
        name="shared_reconsideration_text",
    ),
]
