from django.urls import path

from tongket.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.create, name="create"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.download, name="download"),
    path("<int:pk>/inspected/", views.add_person, name="add_person"),
    path("<int:pk>/follow-ups/", views.add_follow_up, name="add_follow_up"),
    path(
        "<int:pk>/follow-ups/<int:follow_up_pk>/status/",
        views.follow_up_status,
        name="follow_up_status",
    ),
]
