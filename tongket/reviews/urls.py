from django.urls import path

from tongket.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:review_id>/", views.detail, name="detail"),
    path("<int:review_id>/edit/", views.edit, name="edit"),
    path("<int:review_id>/generate/", views.generate, name="generate"),
    path("<int:review_id>/files/", views.files, name="files"),
    path("files/<int:file_id>/", views.download, name="download"),
]
