"""Swedish number formatting for hours, minutes, shares and kronor. Rounds for display only."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NBSP = "\u00a0"

_SHARE_WORDS = {
    2: "en halv",
    3: "en tredjedel",
    4: "en fjärdedel",
    5: "en femtedel",
    6: "en sjättedel",
    7: "en sjundedel",
    8: "en åttondel",
    10: "en tiondel",
}


def to_decimal(value: Fraction | Decimal | float | int, places: int) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(
    value: Fraction | Decimal | float | int, places: int = 2, *, keep_zeros: bool = False
) -> str:
    """`22.1666` -> "22,17", `1.5` -> "1,5", `1234` -> "1 234" (decimal comma; trailing zeros
    dropped unless `keep_zeros`, as money keeps them: "332,60")."""
    rounded = to_decimal(value, places)
    sign = "−" if rounded < 0 else ""
    rounded = abs(rounded)
    whole, _, fraction = f"{rounded:f}".partition(".")
    if not keep_zeros:
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


def format_kronor(amount: Fraction | Decimal | float, places: int = 0) -> str:
    """Money is printed one way: whole kronor for a sum ("1 471 644 kr"), öre kept for an
    hourly amount (`places=2`: "332,60 kr")."""
    return f"{format_number(amount, places, keep_zeros=True)}{NBSP}kr"


def fraction_text(share: Fraction) -> str:
    """`Fraction(1, 4)` -> "1/4"."""
    return f"{share.numerator}/{share.denominator}"


def share_text(share: Fraction) -> str:
    """`Fraction(1, 4)` -> "en fjärdedel", in words where Swedish has one, else "1/4"."""
    if share.numerator == 1 and share.denominator in _SHARE_WORDS:
        return _SHARE_WORDS[share.denominator]
    return fraction_text(share)
