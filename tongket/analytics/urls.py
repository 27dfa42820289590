from django.urls import path

from tongket.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.pivot_page, name="pivot"),
    path("export.<str:fmt>", views.pivot_export, name="export"),
    path("sources/", views.sources_page, name="sources"),
]
