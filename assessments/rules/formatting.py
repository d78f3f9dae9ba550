"""Numbers for hours, minutes, shares and money, in the language of the text. Rounds for
display only.

Swedish: decimal comma, a no-break space between thousands, "332,60 kr". English: decimal
point, a comma between thousands, and money as "SEK 332.60": the currency's ISO code, as
Swedish authorities write it in English, cannot be mistaken for Danish or Norwegian kroner or
read as an abbreviation the reader does not know.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .i18n import _, gettext_noop, language

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


# An exact ratio is rounded in integers when it is this small: then the rounding is the one
# `to_decimal` gives (a Decimal division to 28 digits, then half up), since no value within the
# division's error of the ratio is a half of the last place shown.
_EXACT_BELOW = 10**9  # |value|
_EXACT_DENOMINATOR_BELOW = 10**15
_EXACT_PLACES = 3
_RATIONAL = (Fraction, int)


def _digits(
    value: Fraction | Decimal | float | int, places: int, per: int = 1
) -> tuple[str, str, str]:
    """The sign, the whole digits and the `places` decimals of `value` / `per`, rounded half
    up (away from zero)."""
    if isinstance(value, _RATIONAL):
        n, d = value.as_integer_ratio()
        d *= per
        if d < _EXACT_DENOMINATOR_BELOW and abs(n) < d * _EXACT_BELOW and places <= _EXACT_PLACES:
            whole, rest = divmod(abs(n) * 10**places, d)
            whole += 2 * rest >= d
            digits = str(whole).rjust(places + 1, "0")
            sign = "−" if n < 0 and whole else ""
            return (sign, digits[:-places], digits[-places:]) if places else (sign, digits, "")
        value = Fraction(n, d)
    elif per != 1:
        value = Fraction(value) / per
    rounded = to_decimal(value, places)
    whole, _point, fraction = f"{abs(rounded):f}".partition(".")
    return "−" if rounded < 0 else "", whole, fraction


def format_number(
    value: Fraction | Decimal | float | int,
    places: int = 2,
    *,
    keep_zeros: bool = False,
    grouping: bool = True,
    per: int = 1,
) -> str:
    """`22.1666` -> "22,17", `1.5` -> "1,5", `1234` -> "1 234" in Swedish; "22.17", "1.5",
    "1,234" in English (trailing zeros dropped unless `keep_zeros`, as money keeps them:
    "332,60"). `grouping=False` leaves out the thousands separator, for a value typed back
    into a form: an English "1,440" would read as 1.44 there. `per` divides the value first
    (minutes per 60 are hours)."""
    decimal_mark, separator = _MARKS.get(language(), _MARKS["sv"])
    sign, whole, fraction = _digits(value, places, per)
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
    return format_number(minutes, per=60)


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
