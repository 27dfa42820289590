"""The project's URLs with the analytics pages, for tests until tongket/urls.py includes them."""

from django.urls import include, path

from tongket.urls import urlpatterns as project_urlpatterns

_included = any(getattr(p, "namespace", None) == "analytics" for p in project_urlpatterns)
urlpatterns = (
    project_urlpatterns
    if _included
    else [*project_urlpatterns, path("analytics/", include("tongket.analytics.urls"))]
)
