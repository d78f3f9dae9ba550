from django.urls import path

from . import decision_views, language, sections, sharing, views

app_name = "assessments"

urlpatterns = [
    path("", views.start, name="start"),
    path("ny/", views.create, name="create"),
    path("oppna/", views.import_file, name="import"),
    path("integritet/", views.privacy, name="privacy"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("sprak/<str:code>/", language.set_language, name="language"),
    path("for-stort/", views.request_too_large, name="request_too_large"),
    path("stil/kolumner.<str:code>.css", views.column_labels, name="column_labels"),
    path("b/<str:token>/", views.draft, name="draft"),
    path("b/<str:token>/rader/", views.add_activity, name="add_activity"),
    path("b/<str:token>/rader/<int:pk>/", views.activity, name="activity"),
    path("b/<str:token>/rader/andra/", views.rows, name="rows"),
    path("b/<str:token>/rader/<int:pk>/tillbaka/", views.restore_activity, name="restore"),
    path("b/<str:token>/kopiera/", views.copy, name="copy"),
    path("b/<str:token>/fil/", views.download, name="download"),
    path("b/<str:token>/pdf/", views.summary_pdf, name="pdf"),
    path("b/<str:token>/omprovning/pdf/", views.reconsideration_pdf, name="reconsideration_pdf"),
    path("b/<str:token>/radera/", views.delete, name="delete"),
    path(
        "b/<str:token>/omprovning/",
        decision_views.reconsideration_page,
        name="reconsideration",
    ),
    path(
        "b/<str:token>/omprovning/text/",
        decision_views.reconsideration_text,
        name="reconsideration_text",
    ),
    path("b/<str:token>/veckor/", sections.weeks, name="weeks"),
    path("b/<str:token>/natt/", sections.night, name="night"),
    path("b/<str:token>/beslut/", sections.decision, name="decision"),
    path("b/<str:token>/beslut/rader/", sections.decided, name="decided"),
    path("b/<str:token>/dela/", sharing.share, name="share"),
    path("b/<str:token>/dela/sluta/", sharing.unshare, name="unshare"),
    path("l/<str:public_id>/<str:secret>/", sharing.shared, name="shared"),
    path("l/<str:public_id>/<str:secret>/pdf/", sharing.shared_pdf, name="shared_pdf"),
    path("l/<str:public_id>/<str:secret>/fil/", sharing.shared_download, name="shared_download"),
    path(
        "l/<str:public_id>/<str:secret>/omprovning/",
        decision_views.shared_reconsideration_page,
        name="shared_reconsideration",
    ),
    path(
        "l/<str:public_id>/<str:secret>/omprovning/pdf/",
        decision_views.shared_reconsideration_pdf,
        name="shared_reconsideration_pdf",
    ),
    path(
        "l/<str:public_id>/<str:secret>/omprovning/text/",
        decision_views.shared_reconsideration_text,
        name="shared_reconsideration_text",
    ),
]
