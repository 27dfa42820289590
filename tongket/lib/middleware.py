import base64
import binascii
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from tongket.lib import limits


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most
    office browsers here are set to English; the product speaks Vietnamese first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class InputGuardMiddleware:
    """Refuse, with one Vietnamese line and status 400, input no field can hold.

    A NUL character anywhere in the path, the query string, a form field, a cookie,
    Basic credentials or a JSON string would reach PostgreSQL and fail there as a
    500, on pages and API alike (even the unauthenticated token endpoint). JSON
    bodies are also checked for nesting and number length (`tongket.lib.limits`).
    Uploaded file contents are left to the upload checks: an XLSX holds NULs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            _check_request(request)
        except limits.InputRefused as refused:
            return _refusal(request, str(refused))
        return self.get_response(request)


def _check_request(request: HttpRequest) -> None:
    where = _("đường dẫn")
    limits.refuse_nul(request.path, where)
    for name, values in request.GET.lists():
        for value in [name, *values]:
            limits.refuse_nul(value, _("tham số “%(name)s”") % {"name": name.strip("\x00")})
    for name, value in request.COOKIES.items():
        limits.refuse_nul(name + value, _("cookie"))
    _check_authorization(request.headers.get("Authorization", ""))
    content_type = request.content_type or ""
    if request.method not in {"POST", "PUT", "PATCH"}:
        return
    if content_type == "application/json" or content_type.endswith("+json"):
        if request.body.strip():
            limits.loads(request.body)
    elif content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        for name, values in request.POST.lists():
            for value in [name, *values]:
                limits.refuse_nul(value, _("trường “%(name)s”") % {"name": name.strip("\x00")})
        for uploads in request.FILES.lists():
            for upload in uploads[1]:
                limits.refuse_nul(upload.name or "", _("tên tệp"))


def _check_authorization(header: str) -> None:
    limits.refuse_nul(header, "Authorization")
    scheme, _space, credentials = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(credentials).decode("utf-8", "replace")
        except (ValueError, binascii.Error):
            return  # not valid Basic credentials: authentication refuses them
        limits.refuse_nul(decoded, "Authorization")


def _refusal(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
