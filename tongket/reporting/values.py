"""Reading a value as a person types it, per the indicator's value type.

Vietnamese writes 1.234,5 (dot for thousands, comma for decimals); spreadsheets and
the API send 1234.5. Both are accepted where they cannot be confused.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tongket.programmes.models import ValueType

_TRUE = {"1", "có", "co", "yes", "true", "x", "đạt", "dat"}
_FALSE = {"0", "không", "khong", "no", "false"}
_THOUSANDS_ONLY = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
MAX_TEXT = 2000


@dataclass(frozen=True)
class Parsed:
    text: str
    numeric: Decimal | None


def parse_value(value_type: str, raw: str) -> Parsed:
    """The stored text and number of a value; ValueError with a message to show otherwise."""
    text = str(raw).strip()
    if not text:
        raise ValueError(_("Chưa nhập giá trị."))
    if value_type == ValueType.TEXT:
        if len(text) > MAX_TEXT:
            raise ValueError(_("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_TEXT})
        return Parsed(text, None)
    if value_type == ValueType.BOOLEAN:
        return _parse_boolean(text)
    number = _parse_number(text)
    if value_type == ValueType.INTEGER:
        if number != number.to_integral_value():
            raise ValueError(_("“%(text)s” không phải số nguyên.") % {"text": text})
        if number < 0:
            raise ValueError(_("Số lượng không thể âm."))
        number = number.quantize(Decimal(1))
    if value_type == ValueType.PERCENTAGE and not (0 <= number <= 100):
        raise ValueError(_("Tỷ lệ phải từ 0 đến 100."))
    return Parsed(_plain(number), number)


def _parse_boolean(text: str) -> Parsed:
    key = text.casefold()
    if key in _TRUE:
        return Parsed("1", Decimal(1))
    if key in _FALSE:
        return Parsed("0", Decimal(0))
    raise ValueError(_("Chọn Có hoặc Không (“%(text)s” không hợp lệ).") % {"text": text})


def _parse_number(text: str) -> Decimal:
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if "." in cleaned and "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif _THOUSANDS_ONLY.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(_("“%(text)s” không phải là số.") % {"text": text}) from error
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValueError(_("“%(text)s” không phải là số hợp lệ.") % {"text": text})
    return number


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in {"-0", ""} else text
