"""Who is calling the DHIS2 paths: HTTP Basic as DHIS2 clients send it, or a token.

DHIS2 clients (dhis2.py, the Android app, integration scripts) send the user's name and
password with every request. They are checked by Django's `authenticate`, so the same
backends, throttling and lockout apply as on the login page. A tongket API token works
too, and so does a browser session for reading.
"""

import base64
import binascii

from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest
from django.utils import timezone

from tongket.api.models import ApiToken, hash_token


def caller(request: HttpRequest) -> AbstractBaseUser | AnonymousUser:
    header = request.headers.get("Authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() == "basic":
        return _basic(request, credentials.strip())
    if scheme.lower() in ("bearer", "apitoken"):
        return _token(credentials.strip())
    return request.user


def _basic(request: HttpRequest, credentials: str) -> AbstractBaseUser | AnonymousUser:
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return AnonymousUser()
    username, separator, password = decoded.partition(":")
    if not separator or "\x00" in decoded:
        return AnonymousUser()
    user = authenticate(request, username=username, password=password)
    return user if user is not None else AnonymousUser()


def _token(token: str) -> AbstractBaseUser | AnonymousUser:
    found = ApiToken.objects.valid().select_related("user").filter(key_hash=hash_token(token))
    token_row = found.first()
    if token_row is None:
        return AnonymousUser()
    ApiToken.objects.filter(pk=token_row.pk).update(last_used_at=timezone.now())
    return token_row.user
