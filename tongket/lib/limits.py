"""Limits on input that no field of tongket ever needs, checked at the boundaries.

PostgreSQL refuses a NUL character in any text, so a NUL that reaches a query is a
500 on one database and a stored oddity on the other: we refuse it where input
enters. JSON gets the same treatment for the two ways a small body can cost a lot:
nesting deep enough to exhaust the parser's stack, and numbers thousands of digits
long (Python refuses to convert past 4,300 digits, with an error nobody expects).
"""

import json
import re
from typing import Any

from django.utils.translation import gettext as _

MAX_JSON_DEPTH = 32
MAX_NUMBER_CHARS = 40


class InputRefused(ValueError):
    """Input refused as a whole; the message is one line meant for the person who sent it."""


def nul_message(where: str) -> str:
    return _("Dữ liệu gửi lên chứa ký tự NUL (\\0) ở %(where)s: hãy bỏ ký tự đó rồi gửi lại.") % {
        "where": where
    }


def refuse_nul(text: str, where: str) -> None:
    if "\x00" in text:
        raise InputRefused(nul_message(where))


def _number(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise InputRefused(
            _("Số quá dài trong JSON (%(size)s ký tự; tối đa %(max)s).")
            % {"size": len(text), "max": MAX_NUMBER_CHARS}
        )
    return text


def _constant(text: str) -> None:
    raise InputRefused(_("JSON không hợp lệ: không nhận giá trị %(value)s.") % {"value": text})


def loads(text: str | bytes) -> Any:
    """`json.loads` that refuses deep nesting, over-long numbers, NaN and NUL characters.

    Numbers longer than MAX_NUMBER_CHARS are refused before Python converts them, so
    a 5,000-digit value is a message, not an exception from deep inside `int()`.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputRefused(
                _("JSON không phải UTF-8 (byte thứ %(position)s).") % {"position": error.start + 1}
            ) from error
    _check_depth(text)
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise InputRefused(
            _("JSON không hợp lệ ở dòng %(line)s, cột %(column)s: %(error)s.")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error
    except RecursionError as error:  # pragma: no cover - _check_depth stops it first
        raise InputRefused(_("JSON lồng nhau quá sâu.")) from error
    _check_strings(data)
    return data


def _int(text: str) -> int:
    return int(_number(text))


def _float(text: str) -> float:
    return float(_number(text))


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_depth(text: str) -> None:
    """Refuse nesting beyond MAX_JSON_DEPTH before the recursive parser sees it."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise InputRefused(
                    _("JSON lồng nhau quá sâu ở dòng %(line)s (tối đa %(max)s cấp).")
                    % {"line": text.count("\n", 0, token.start()) + 1, "max": MAX_JSON_DEPTH}
                )
        elif char in "]}":
            depth -= 1


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_text(text: str, where: str) -> None:
    refuse_nul(text, where)
    if _SURROGATE.search(text):  # "\ud800" alone: valid JSON, not text any database stores
        raise InputRefused(
            _("JSON chứa ký tự Unicode không hợp lệ (nửa cặp thay thế) ở %(where)s.")
            % {"where": where}
        )


def _check_strings(data: Any) -> None:
    stack = [(data, "JSON")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            _refuse_text(item, where)
        elif isinstance(item, dict):
            for key, value in item.items():
                _refuse_text(key, where)
                stack.append((value, f"“{key}”"))
        elif isinstance(item, list):
            stack.extend((value, f"{where}[{index}]") for index, value in enumerate(item))
