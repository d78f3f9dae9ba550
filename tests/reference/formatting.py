"""Numbers for hours, minutes, shares and money, in the language of the text. Rounds for
display only.

Swedish: decimal comma, a no-break space between thousands, "332,60 kr". English: decimal
point, a comma between thousands, and money as "SEK 332.60": the currency's ISO code, as
Swedish authorities write it in English, cannot be mistaken for Danish or Norwegian kroner or
read as an abbreviation the reader does not know.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from assessments.rules.i18n import _, gettext_noop, language

NBSP = "\u00a0"

_SHARE_WORDS = {
    2: gettext_noop("en halv"),
    3: gettext_noop("en tredjedel"),
    4: gettext_noop("en fjärdedel"),
    5: gettext_noop("en femtedel"),
    6: gettext_noop("en sjättedel"),
    7: gettext_noop("en sjundedel"),
    8: gettext_noop("en åttondel"),
    10: gettext_noop("en tiondel"),
}

# (decimal mark, thousands separator) per language.
_MARKS = {"sv": (",", NBSP), "en": (".", ",")}


def to_decimal(value: Fraction | Decimal | float | int, places: int) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(
    value: Fraction | Decimal | float | int,
    places: int = 2,
    *,
    keep_zeros: bool = False,
    grouping: bool = True,
) -> str:
    """`22.1666` -> "22,17", `1.5` -> "1,5", `1234` -> "1 234" in Swedish; "22.17", "1.5",
    "1,234" in English (trailing zeros dropped unless `keep_zeros`, as money keeps them:
    "332,60"). `grouping=False` leaves out the thousands separator, for a value typed back
    into a form: an English "1,440" would read as 1.44 there."""
    decimal_mark, separator = _MARKS.get(language(), _MARKS["sv"])
    rounded = to_decimal(value, places)
    sign = "−" if rounded < 0 else ""
    rounded = abs(rounded)
    whole, _point, fraction = f"{rounded:f}".partition(".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    groups = []
    while grouping and len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = separator.join(groups)
    return f"{sign}{text}{decimal_mark}{fraction}" if fraction else f"{sign}{text}"


def format_hours(minutes: Fraction) -> str:
    return format_number(Fraction(minutes) / 60)


def format_kronor(amount: Fraction | Decimal | float, places: int = 0) -> str:
    """Money is printed one way: whole kronor for a sum ("1 471 644 kr", "SEK 1,471,644"),
    öre kept for an hourly amount (`places=2`: "332,60 kr", "SEK 332.60")."""
    number = format_number(amount, places, keep_zeros=True)
    if language() == "en":
        return f"SEK{NBSP}{number}"
    return f"{number}{NBSP}kr"


def fraction_text(share: Fraction) -> str:
    """`Fraction(1, 4)` -> "1/4"."""
    return f"{share.numerator}/{share.denominator}"


def share_text(share: Fraction) -> str:
    """`Fraction(1, 4)` -> "en fjärdedel" ("a quarter"), in words where the language has one,
    else "1/4"."""
    if share.numerator == 1 and share.denominator in _SHARE_WORDS:
        return str(_SHARE_WORDS[share.denominator])
    return fraction_text(share)


def format_list(items: list[str]) -> str:
    """ "a, b och c" ("a, b and c") in the language of the text."""
    if len(items) < 2:
        return "".join(items)
    return _("{first} och {last}").format(first=", ".join(items[:-1]), last=items[-1])
