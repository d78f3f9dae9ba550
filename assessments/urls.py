from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.start, name="start"),
    path("ny/", views.create, name="create"),
    path("oppna/", views.import_file, name="import"),
    path("integritet/", views.privacy, name="privacy"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("stil/kolumner.css", views.column_labels, name="column_labels"),
    path("b/<str:token>/", views.draft, name="draft"),
    path("b/<str:token>/rader/", views.add_activity, name="add_activity"),
    path("b/<str:token>/rader/<int:pk>/", views.activity, name="activity"),
    path("b/<str:token>/rader/andra/", views.rows, name="rows"),
    path("b/<str:token>/rader/<int:pk>/tillbaka/", views.restore_activity, name="restore"),
    path("b/<str:token>/kopiera/", views.copy, name="copy"),
    path("b/<str:token>/fil/", views.download, name="download"),
    path("b/<str:token>/pdf/", views.summary_pdf, name="pdf"),
    path("b/<str:token>/radera/", views.delete, name="delete"),
]
