from django.urls import path

from tongket.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("import/", views.unit_import, name="unit_import"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
    path("<str:code>/node/", views.unit_node, name="unit_node"),
    path("<str:code>/timeline/", views.unit_timeline, name="unit_timeline"),
    path("<str:code>/change/", views.unit_change, name="unit_change"),
    path("<str:code>/export.<str:fmt>", views.unit_export, name="unit_export"),
]
