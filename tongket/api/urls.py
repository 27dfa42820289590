"""The HTTP API (/api/v1/): wiring only; each endpoint calls the apps' queries and actions."""

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Status
from ninja.errors import ValidationError

from tongket.api.activities import router as activities_router
from tongket.api.auth import BearerToken
from tongket.api.models import ApiToken
from tongket.api.reporting import router as reporting_router
from tongket.api.schemas import (
    Credentials,
    ErrorOut,
    MeOut,
    TokenOut,
    UnitDetailOut,
    UnitPage,
    UnitRef,
)
from tongket.org import queries
from tongket.org.lineage import predecessors, successors
from tongket.org.models import Unit
from tongket.org.scope import membership_of, unit_for, visible_units

_ERROR = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    }
}


class TongketAPI(NinjaAPI):
    """The API whose schema documents the answers every operation can give.

    Any request can be refused with 400 (input the guard or the schema refuses, see
    `tongket.lib.limits` and `invalid_input`) and any authenticated one with 401;
    a client (and the fuzzer in CI) must find both in the schema.
    """

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.setdefault(400, {"description": "Bad Request", **_ERROR})
                if operation.get("security"):
                    responses.setdefault(401, {"description": "Unauthorized", **_ERROR})
        return schema


api = TongketAPI(
    title="tongket API",
    version="1",
    description="API của tongket: đơn vị, chỉ tiêu, số liệu và tổng hợp. "
    "Lấy mã truy cập qua POST /auth/token rồi gửi `Authorization: Bearer <mã>`.",
    auth=BearerToken(),
    urls_namespace="api",
)
api.add_router("/", reporting_router)
api.add_router("/", activities_router)

# Past any real tree; keeps the offset inside a 64-bit integer on both databases.
MAX_OFFSET = 1_000_000


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A request that does not fit the schema: 400 with one line naming the field."""
    problems = []
    for item in error.errors[:3]:
        where = ".".join(
            str(part) for part in item.get("loc", ()) if part not in {"body", "query", "path"}
        )
        problems.append(f"{where or 'dữ liệu'}: {item.get('msg', '')}")
    detail = "Dữ liệu không hợp lệ: " + "; ".join(problems)
    return api.create_response(request, {"detail": detail}, status=400)


@api.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut})
def issue_token(request: HttpRequest, credentials: Credentials):  # type: ignore[no-untyped-def]
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None:
        return Status(401, {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."})
    return {"token": ApiToken.issue(user), "expires_in_days": settings.TONGKET_API_TOKEN_DAYS}


@api.get("/me", response=MeOut)
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    membership = membership_of(request.user)
    unit = membership.unit if membership else None
    return {
        "username": request.user.get_username(),
        "full_name": request.user.get_full_name(),  # type: ignore[union-attr]
        "unit": unit,
        "code": unit.code if unit else None,
        "role": membership.role if membership else None,
    }


def unit_out(unit: Unit, children: int) -> dict[str, object]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "kind_name": unit.get_kind_display(),
        "level": unit.level,
        "parent": UnitRef(code=unit.parent.code, name=unit.parent.name) if unit.parent else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "children": children,
    }


@api.get("/units", response=UnitPage)
def list_units(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    q: str = "",
    parent: str = "",
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Units the caller may see: search by name or code (accents ignored), or list a parent's children."""
    units = queries.search_units(request.user, q)
    if parent:
        units = units.filter(parent__code=parent)
    units = units.annotate_child_count()
    page = units[offset : offset + limit]
    return {
        "count": units.count(),
        "items": [unit_out(u, getattr(u, "child_count", 0)) for u in page],
    }


@api.get("/units/{code}", response={200: UnitDetailOut, 404: ErrorOut})
def get_unit(request: HttpRequest, code: str):  # type: ignore[no-untyped-def]
    try:
        unit = unit_for(request.user, code)
    except Unit.DoesNotExist:
        return Status(404, {"detail": f"Không có đơn vị “{code}” trong phạm vi của bạn."})
    found = unit_out(unit, visible_units(request.user).filter(parent=unit).count())
    return {
        **found,
        "validFrom": unit.valid_from,
        "validTo": unit.valid_to,
        "predecessors": [
            {"code": link.unit.code, "share": float(link.share)} for link in predecessors(unit)
        ],
        "successors": [
            {"code": link.unit.code, "share": float(link.share)} for link in successors(unit)
        ],
    }
