"""Input no field can hold is refused with one line and status 400, before any query."""

import json

import pytest
from django.test import Client

from tongket.api.models import ApiToken
from tongket.reporting.models import DataValue


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {ApiToken.issue(user)}"}


def _one_line_400(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    return detail


def test_a_nul_in_the_token_request_is_refused_without_login(people):
    response = Client().post(
        "/api/v1/auth/token",
        json.dumps({"username": "ward\x00", "password": "x"}),
        content_type="application/json",
    )
    assert "NUL" in _one_line_400(response)
    assert not ApiToken.objects.exists()


def test_a_nul_in_a_query_parameter_is_refused(people):
    response = Client().get("/api/v1/units?q=a%00b", headers=_bearer(people.ward))
    assert "“q”" in _one_line_400(response)


def test_a_nul_in_the_path_is_refused(people):
    response = Client().get("/api/v1/units/HN%00", headers=_bearer(people.ward))
    assert "NUL" in _one_line_400(response)


def test_a_nul_in_basic_credentials_is_refused(people):
    response = Client().get("/api/v1/me", headers={"Authorization": "Basic d2FyZAA6eA=="})
    assert "NUL" in _one_line_400(response)


def test_a_nul_in_a_login_form_field_is_refused_in_vietnamese(people):
    response = Client().post("/accounts/login/", {"username": "ward\x00", "password": "x"})
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


@pytest.mark.parametrize("query", ["limit=-1", "limit=0", "limit=100000", "offset=-5"])
def test_paging_out_of_range_is_a_clear_400(people, query):
    response = Client().get(f"/api/v1/units?{query}", headers=_bearer(people.ward))
    assert _one_line_400(response).startswith("Dữ liệu không hợp lệ")


def test_a_huge_offset_is_refused_not_overflowed(people):
    response = Client().get(f"/api/v1/units?offset={10**30}", headers=_bearer(people.ward))
    _one_line_400(response)


def test_a_non_numeric_limit_is_a_clear_400(people):
    response = Client().get("/api/v1/units?limit=abc", headers=_bearer(people.ward))
    assert "limit" in _one_line_400(response)


def test_a_page_beyond_the_last_on_a_list_page_shows_the_last(people):
    client = Client()
    client.force_login(people.city)
    assert client.get("/units/?page=abc").status_code == 200
    assert client.get("/units/?page=-99999999999999999999").status_code == 200


def test_deeply_nested_values_upload_is_refused_and_writes_nothing(people, tree):
    body = '{"dataValues": ' + "[" * 10_000 + "]" * 10_000 + "}"
    response = Client().post(
        "/api/v1/datavalues", body, content_type="application/json", headers=_bearer(people.ward)
    )
    assert "sâu" in _one_line_400(response)
    assert not DataValue.objects.exists()


def test_a_five_thousand_digit_value_is_refused_and_writes_nothing(people, tree):
    body = (
        '{"dataValues": [{"orgUnit": "HN-THANHXUAN-KHUONGMAI", "indicator": "X", '
        '"period": "2023", "value": ' + "9" * 5000 + "}]}"
    )
    response = Client().post(
        "/api/v1/datavalues", body, content_type="application/json", headers=_bearer(people.ward)
    )
    assert "Số quá dài" in _one_line_400(response)
    assert not DataValue.objects.exists()


def test_a_body_that_is_not_json_is_a_clear_400(people):
    response = Client().post("/api/v1/auth/token", "{username", content_type="application/json")
    assert "dòng 1" in _one_line_400(response)
