from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tongket.api.urls import api
from tongket.org import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("units/", include("tongket.org.urls")),
    path("reporting/", include("tongket.reporting.urls")),
    path("analytics/", include("tongket.analytics.urls")),
    path("activities/", include("tongket.activities.urls")),
    path("documents/", include("tongket.documents.urls")),
    path("contests/", include("tongket.contests.urls")),
    path("reviews/", include("tongket.reviews.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("api/v1/", api.urls),
    path("api/", include(("tongket.dhis2.urls", "dhis2"))),
    path("dhis2/", include("tongket.dhis2.page_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
