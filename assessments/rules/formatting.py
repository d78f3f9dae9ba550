"""Swedish number formatting for hours, minutes and kronor. Rounds for display only."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NBSP = "\u00a0"


def to_decimal(value: Fraction | Decimal | float | int, places: int) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Fraction | Decimal | float | int, places: int = 2) -> str:
    """`22.1666` -> "22,17", `1.5` -> "1,5", `1234` -> "1 234" (decimal comma, no trailing 0)."""
    rounded = to_decimal(value, places)
    sign = "−" if rounded < 0 else ""
    rounded = abs(rounded)
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = NBSP.join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_hours(minutes: Fraction) -> str:
    return format_number(Fraction(minutes) / 60)


def format_kronor(amount: Fraction | Decimal | float) -> str:
    return f"{format_number(amount, 0)}{NBSP}kr"
