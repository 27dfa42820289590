"""Numbers written the Vietnamese way: 1.234.567 and 98,6."""

from decimal import ROUND_HALF_UP, Decimal


def vn_number(value: Decimal | int | None, places: int = 1) -> str:
    if value is None:
        return "—"
    number = Decimal(value)
    if number == number.to_integral_value():
        text = f"{int(number):,}"
    else:
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{rounded:,.{places}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole in (None, 0):
        return None
    return part / whole * 100  # type: ignore[operator]
