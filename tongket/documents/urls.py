from django.urls import path

from tongket.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.register, name="register"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/file/", views.download, name="download"),
    path("<int:pk>/links/<int:link_pk>/<str:verb>/", views.decide, name="decide"),
    path("<int:pk>/links/add/", views.add, name="add_link"),
    path("<int:pk>/named/<int:named_pk>/<str:verb>/", views.decide_name, name="decide_name"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/<str:code>/tree/", views.tree, name="tree"),
]
