app_name = "contests"
urlpatterns: list = []  # type: ignore[type-arg]
