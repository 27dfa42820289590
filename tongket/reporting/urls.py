from django.urls import path

from tongket.reporting import views

app_name = "reporting"
report = "<str:form_code>/<str:unit_code>/<str:period>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("submissions/<int:submission_id>/<str:decision>/", views.decide, name="decide"),
    path("values/<int:value_id>/history/", views.history, name="history"),
    path(report, views.entry, name="entry"),
    path(report + "value/", views.save, name="save"),
    path(report + "children/", views.children_entry, name="children"),
    path(report + "submit/", views.submit, name="submit"),
    path(report + "completeness/", views.completeness, name="completeness"),
    path(report + "template.<str:fmt>", views.template_download, name="template"),
    path(report + "upload/", views.upload, name="upload"),
]
