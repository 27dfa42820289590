from django.urls import path

app_name = "contests"
urlpatterns: list = []  # type: ignore[type-arg]
