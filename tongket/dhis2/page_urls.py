from django.urls import path

from tongket.dhis2 import pages

app_name = "dhis2_pages"
urlpatterns = [
    path("mappings/", pages.mappings, name="mappings"),
    path("mappings/<int:pk>/delete/", pages.delete_mapping, name="delete_mapping"),
]
