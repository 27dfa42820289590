"""The DHIS2 paths: /api/dataValueSets, metadata lists and /api/system/info.

Each view authenticates the caller as a DHIS2 client does (tongket.dhis2.auth), reads
the format from the path's suffix or the content type, and answers in DHIS2's shapes:
import summaries (wrapped in a web message from API version 38 on, as DHIS2 does),
pagers, 409 Conflict for a request that cannot be answered.
"""

import datetime
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from tongket.dhis2 import formats
from tongket.dhis2.auth import caller
from tongket.dhis2.exchange import apply_mappings
from tongket.dhis2.metadata import RESOURCES, MetadataError, listing
from tongket.dhis2.values import ImportResult, Query, QueryError, import_value_set, read_values

API_VERSION = 40
_MAX_BODY = 50 * 1024 * 1024
_ID_SCHEMES = ("idScheme", "dataElementIdScheme", "orgUnitIdScheme", "categoryOptionComboIdScheme")


def _json(body: dict[str, object], status: int = 200) -> JsonResponse:
    """JSON in UTF-8 as DHIS2 writes it (Vietnamese letters, not escapes)."""
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status: int, message: str) -> JsonResponse:
    phrase = {400: "Bad Request", 401: "Unauthorized", 409: "Conflict", 413: "Payload Too Large"}
    return _json(
        {
            "httpStatus": phrase.get(status, "Error"),
            "httpStatusCode": status,
            "status": "ERROR",
            "message": message,
        },
        status=status,
    )


def _unauthorized() -> JsonResponse:
    response = _error(401, "Cần đăng nhập: gửi HTTP Basic hoặc Bearer token.")
    response["WWW-Authenticate"] = 'Basic realm="DHIS2"'
    return response


def _flag(request: HttpRequest, name: str) -> bool:
    return request.GET.get(name, "false").strip().lower() == "true"


def _format(request: HttpRequest, suffix: str | None) -> str:
    if suffix:
        return {".json": "json", ".csv": "csv", ".xml": "adx", ".adx": "adx"}[suffix]
    kind = request.content_type if request.method == "POST" else request.headers.get("Accept")
    kind = (kind or "").lower()
    if "csv" in kind:
        return "csv"
    if "xml" in kind:
        return "adx"
    return "json"


@csrf_exempt
def data_value_sets(
    request: HttpRequest, version: str | None = None, suffix: str | None = None
) -> HttpResponse:
    user = caller(request)
    if not user.is_authenticated:
        return _unauthorized()
    for name in _ID_SCHEMES:
        scheme = request.GET.get(name, "code").strip().lower()
        if scheme != "code":
            return _error(409, f"{name}={scheme}: tongket chỉ dùng mã (idScheme=code).")
    kind = _format(request, suffix)
    if request.method == "POST":
        if request.user != user and not request.headers.get("Authorization"):
            return _error(401, "Gửi dữ liệu cần HTTP Basic hoặc Bearer token.")
        return _post(request, cast(User, user), kind, version)
    if request.method != "GET":
        return _error(400, "Chỉ nhận GET và POST.")
    return _get(request, user, kind)


def _get(request: HttpRequest, user: object, kind: str) -> HttpResponse:
    try:
        query = Query(
            data_sets=request.GET.getlist("dataSet"),
            data_elements=request.GET.getlist("dataElement"),
            periods=request.GET.getlist("period"),
            start=_day(request.GET.get("startDate")),
            end=_day(request.GET.get("endDate")),
            org_units=request.GET.getlist("orgUnit"),
            children=_flag(request, "children"),
        )
        values = read_values(user, query)  # type: ignore[arg-type]
    except QueryError as error:
        return _error(409, str(error))
    data_set = query.data_sets[0] if len(query.data_sets) == 1 else None
    if kind == "csv":
        return HttpResponse(formats.write_csv(values), content_type="application/csv")
    if kind == "adx":
        exported = timezone.now().strftime("%Y-%m-%dT%H:%M:%S")
        return HttpResponse(
            formats.write_adx(values, data_set, exported), content_type="application/adx+xml"
        )
    return HttpResponse(formats.write_json(values, data_set), content_type="application/json")


def _day(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text.strip()[:10])
    except ValueError as error:
        raise QueryError(f"Ngày “{text}” không hợp lệ (YYYY-MM-DD).") from error


def _post(request: HttpRequest, user: User, kind: str, version: str | None) -> HttpResponse:
    if len(request.body) > _MAX_BODY:
        return _error(413, "Dữ liệu gửi lên quá lớn.")
    reader = {"json": formats.read_json, "csv": formats.read_csv, "adx": formats.read_adx}[kind]
    try:
        values = apply_mappings(reader(request.body))
        strategy = request.GET.get("importStrategy", "CREATE_AND_UPDATE").strip().upper()
        strategy = "CREATE_AND_UPDATE" if strategy == "NEW_AND_UPDATES" else strategy
        result = import_value_set(
            by=user, values=values, strategy=strategy, dry_run=_flag(request, "dryRun")
        )
    except (formats.PayloadError, QueryError) as error:
        return _error(409, str(error))
    summary = _summary(request, result, strategy)
    if version is not None and int(version) < 38:
        return _json(summary)
    conflicted = bool(result.conflicts)
    return _json(
        {
            "httpStatus": "Conflict" if conflicted else "OK",
            "httpStatusCode": 409 if conflicted else 200,
            "status": "WARNING" if conflicted else "OK",
            "message": "One more conflicts encountered, please check import summary."
            if conflicted
            else "Import was successful.",
            "response": summary,
        },
        status=409 if conflicted else 200,
    )


def _summary(request: HttpRequest, result: ImportResult, strategy: str) -> dict[str, object]:
    return {
        "responseType": "ImportSummary",
        "status": result.status,
        "importOptions": {
            "idSchemes": {},
            "dryRun": _flag(request, "dryRun"),
            "importStrategy": strategy,
        },
        "description": "Import process completed successfully"
        if not result.conflicts
        else f"{len(result.conflicts)} giá trị không được lưu",
        "importCount": {
            "imported": result.imported,
            "updated": result.updated,
            "ignored": result.ignored + len(result.conflicts),
            "deleted": result.deleted,
        },
        "conflicts": result.conflicts,
        "dataSetComplete": "false",
    }


def metadata(
    request: HttpRequest, resource: str, version: str | None = None, suffix: str | None = None
) -> HttpResponse:
    user = caller(request)
    if not user.is_authenticated:
        return _unauthorized()
    try:
        page = int(request.GET.get("page", "1"))
        page_size = int(request.GET.get("pageSize", "50"))
        result = listing(
            RESOURCES[resource](user),  # type: ignore[arg-type]
            fields=request.GET.get("fields"),
            filters=request.GET.getlist("filter"),
            paging=request.GET.get("paging", "true").lower() != "false",
            page=page,
            page_size=page_size,
        )
    except ValueError as error:
        return _error(409, str(error) if isinstance(error, MetadataError) else "page không hợp lệ")
    body: dict[str, object] = {resource: result.items}
    if result.pager is not None:
        body = {"pager": result.pager, **body}
    return _json(body)


def system_info(
    request: HttpRequest, version: str | None = None, suffix: str | None = None
) -> HttpResponse:
    user = caller(request)
    if not user.is_authenticated:
        return _unauthorized()
    now = timezone.now()
    return _json(
        {
            "systemName": "tongket",
            "version": f"2.{API_VERSION}.0",
            "revision": "tongket",
            "serverDate": now.strftime("%Y-%m-%dT%H:%M:%S.000"),
            "calendar": "iso8601",
            "dateFormat": "yyyy-mm-dd",
            "contextPath": request.build_absolute_uri("/").rstrip("/"),
            "serverTimeZoneId": settings.TIME_ZONE,
        }
    )
