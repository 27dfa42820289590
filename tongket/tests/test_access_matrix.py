"""Every demo role × every page and endpoint × inside/outside its subtree.

The expected outcome follows one rule: a signed-in member sees their own unit's
subtree (200) and nothing else (404, so codes elsewhere cannot be probed); pages that
change data also need the role; anonymous visitors are sent to log in (401 on the API).
"""

import pytest
from django.test import Client
from django.urls import reverse

from tongket.api.models import ApiToken
from tongket.org.models import Role
from tongket.org.tests.factories import UserFactory

ROLE_OF = {
    "admin": Role.ADMIN,
    "city": Role.MANAGER,
    "district": Role.MANAGER,
    "ward": Role.REPORTER,
    "otherward": Role.REPORTER,
    "judge": Role.VIEWER,
}
# For each account: a unit inside its subtree and one outside it.
TARGETS = {
    "admin": ("other_ward", None),
    "city": ("ward", "other_ward"),
    "district": ("cell", "city"),
    "ward": ("cell", "other_ward"),
    "otherward": ("other_ward", "ward"),
    "judge": ("ward", "other_district"),
}
UNIT_PAGES = {
    "unit detail": lambda code: reverse("org:unit_detail", args=[code]),
    "tree node": lambda code: reverse("org:unit_node", args=[code]),
    "export csv": lambda code: reverse("org:unit_export", args=[code, "csv"]),
    "export xlsx": lambda code: reverse("org:unit_export", args=[code, "xlsx"]),
    "export json": lambda code: reverse("org:unit_export", args=[code, "json"]),
}
PLAIN_PAGES = {
    "home": (lambda: reverse("home"), Role.VIEWER),
    "unit tree": (lambda: reverse("org:unit_list"), Role.VIEWER),
    "unit search": (lambda: reverse("org:unit_list") + "?q=khuong+mai", Role.VIEWER),
    "unit import": (lambda: reverse("org:unit_import"), Role.MANAGER),
    "password change": (lambda: reverse("password_change"), Role.VIEWER),
    "reporting": (lambda: reverse("reporting:index"), Role.VIEWER),
    "analytics": (lambda: reverse("analytics:pivot"), Role.VIEWER),
    "reviews": (lambda: reverse("reviews:index"), Role.VIEWER),
    "documents": (lambda: reverse("documents:register"), Role.VIEWER),
    "document upload": (lambda: reverse("documents:upload"), Role.REPORTER),
    "contests": (lambda: reverse("contests:contest_list"), Role.VIEWER),
    "judging": (lambda: reverse("contests:judge_home"), Role.VIEWER),
}
ACCOUNTS = list(TARGETS)
RANK = list(Role)
# (account, inside/outside, target) — admin's subtree is everything, so it has no outside.
PLACES = [
    (account, where, target)
    for account, (inside, outside) in TARGETS.items()
    for where, target in (("inside", inside), ("outside", outside))
    if target is not None
]


def _client_for(people, name: str) -> Client:
    client = Client()
    client.force_login(getattr(people, name))
    return client


def _bearer(people, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(getattr(people, name))}"}


@pytest.mark.parametrize("page", list(PLAIN_PAGES))
@pytest.mark.parametrize("account", ACCOUNTS)
def test_plain_pages_follow_role(people, account, page):
    url, needed = PLAIN_PAGES[page]
    response = _client_for(people, account).get(url())
    allowed = RANK.index(ROLE_OF[account]) >= RANK.index(needed)
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("page", list(UNIT_PAGES))
@pytest.mark.parametrize(("account", "where", "target"), PLACES)
def test_unit_pages_are_limited_to_the_subtree(tree, people, account, where, target, page):
    code = getattr(tree, target).code
    response = _client_for(people, account).get(UNIT_PAGES[page](code))
    assert response.status_code == (200 if where == "inside" else 404)


@pytest.mark.parametrize(("account", "where", "target"), PLACES)
def test_api_unit_is_limited_to_the_subtree(tree, people, account, where, target):
    code = getattr(tree, target).code
    response = Client().get(f"/api/v1/units/{code}", headers=_bearer(people, account))
    assert response.status_code == (200 if where == "inside" else 404)
    if where == "inside":
        assert response.json()["code"] == code


@pytest.mark.parametrize("account", ACCOUNTS)
def test_api_me_names_the_unit_and_role(tree, people, account):
    response = Client().get("/api/v1/me", headers=_bearer(people, account))
    assert response.status_code == 200
    assert response.json()["role"] == ROLE_OF[account].value
    assert response.json()["code"] == getattr(people, account).membership.unit.code


@pytest.mark.parametrize("account", ACCOUNTS)
def test_api_unit_list_shows_only_the_subtree(tree, people, account):
    response = Client().get("/api/v1/units?limit=500", headers=_bearer(people, account))
    codes = {item["code"] for item in response.json()["items"]}
    scope = getattr(people, account).membership.unit
    assert codes and all(code.startswith(scope.code) or scope.code == "TW" for code in codes)
    assert response.json()["count"] == len(codes)


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("org:unit_list"),
        "/units/HN/",
        "/units/import/",
        "/units/HN/export.csv",
        "/accounts/password/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(tree, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", ["/api/v1/me", "/api/v1/units", "/api/v1/units/HN"])
def test_api_without_token_is_unauthorised(tree, url):
    assert Client().get(url).status_code == 401


def test_api_with_unknown_token_is_unauthorised(tree):
    response = Client().get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_user_without_a_unit_sees_no_units(tree):
    client = Client()
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("home")).status_code == 403
    assert client.get("/units/HN/").status_code == 404


def test_django_admin_is_for_admins_only(people):
    assert _client_for(people, "admin").get("/admin/").status_code == 200
    response = _client_for(people, "city").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
