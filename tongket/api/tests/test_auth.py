from datetime import timedelta

from django.test import Client
from django.utils import timezone

from tongket.api.models import ApiToken


def _token(username: str, password: str = "secret-pass-123"):  # type: ignore[no-untyped-def]
    return Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_token_is_issued_for_the_right_password(people):
    response = _token("ward")
    assert response.status_code == 200
    token = response.json()["token"]
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json() == {
        "username": "ward",
        "full_name": "",
        "code": "HN-THANHXUAN-KHUONGMAI",
        "role": "reporter",
        "unit": {"code": "HN-THANHXUAN-KHUONGMAI", "name": "Đảng ủy phường Khương Mai"},
    }


def test_wrong_password_gets_no_token(people):
    response = _token("ward", "wrong")
    assert response.status_code == 401
    assert "mật khẩu" in response.json()["detail"]


def test_only_a_hash_of_the_token_is_stored(people):
    token = _token("ward").json()["token"]
    assert not ApiToken.objects.filter(key_hash=token).exists()
    assert ApiToken.objects.filter(user=people.ward).count() == 1


def test_expired_token_is_refused(people):
    token = _token("ward").json()["token"]
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert (
        Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )


def test_ward_token_cannot_read_otherward_unit(people):
    token = _token("ward").json()["token"]
    response = Client().get(
        "/api/v1/units/HCM-QUAN1-BENNGHE", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404


def test_unit_search_ignores_diacritics(people):
    token = _token("city").json()["token"]
    response = Client().get(
        "/api/v1/units?q=khuong+mai", headers={"Authorization": f"Bearer {token}"}
    )
    codes = [item["code"] for item in response.json()["items"]]
    assert codes[0] == "HN-THANHXUAN-KHUONGMAI"


def test_openapi_schema_lists_the_contract_endpoints(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/token", "/api/v1/me", "/api/v1/units/{code}"} <= set(schema["paths"])
