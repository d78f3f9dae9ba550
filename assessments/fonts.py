"""The PDF's fonts: one stack for the scripts people in Sweden write, and the characters that
none of its fonts has (they would print as empty boxes).

DejaVu (fonts-dejavu-core) comes first for Latin, Greek, Cyrillic and Arabic script; Debian's
Noto fonts (fonts-noto-core, fonts-noto-cjk, installed by scripts/setup.sh) follow for
Ethiopic (Tigrinya, Amharic), Thai, Hebrew, the scripts of India, Chinese, Japanese and Korean.
WeasyPrint (Pango) takes each character from the first font in the stack that has it.

The PDF template uses `css_stack()` for its font-family and prints `unprintable_message()` when
the draft has such characters; the draft page can call `unprintable(text)` on a note.
"""

import functools
import subprocess
import unicodedata

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FAMILIES = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Ethiopic",
    "Noto Sans Thai",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Gurmukhi",
    "Noto Sans Tamil",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    # One font collection with a face per region: the first that has a character wins, so the
    # order decides which region's forms a shared CJK character takes.
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans CJK TC",
)
# The rows table is set narrower.
CONDENSED = "DejaVu Sans Condensed"

# Characters that have no glyph of their own: white space, controls and format characters
# (zero-width joiners, bidirectional marks, the soft hyphen).
NO_GLYPH_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}


def css_stack(*, condensed: bool = False) -> SafeString:
    """The font-family value for the PDF's CSS, e.g. `"DejaVu Sans", "Noto Sans", sans-serif`."""
    families = (CONDENSED, *FAMILIES) if condensed else FAMILIES
    return mark_safe(", ".join(f'"{family}"' for family in families) + ", sans-serif")


def _family_charset(family: str) -> tuple[tuple[int, int], ...] | None:
    """The code point ranges fontconfig gives for a family, if installed: fontconfig answers
    every request with some font, so another family's answer means no. The ranges come from
    fontconfig's cache (no font file is read), and they are what Pango picks fonts by."""
    try:
        found = subprocess.run(
            ["fc-match", "--format", "%{family}\t%{charset}", family],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names, _tab, charset = found.partition("\t")
    if family not in names.split(","):
        return None
    ranges = []
    for part in charset.split():
        first, _dash, last = part.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return tuple(ranges)


@functools.cache
def _covered_by(family: str) -> frozenset[int]:
    """Every code point of one family, read once per process and family, when first needed."""
    ranges = _family_charset(family) or ()
    return frozenset(c for first, last in ranges for c in range(first, last + 1))


def coverage() -> frozenset[int]:
    """Every code point that some font of the stack has (every family read: for a warm-up)."""
    covered: set[int] = set()
    for family in (CONDENSED, *FAMILIES):
        covered |= _covered_by(family)
    return frozenset(covered)


def unprintable(text: str) -> list[str]:
    """The characters of `text` that no font of the PDF has, each once, in order of appearance.

    The families are asked in the stack's order, and only while some character is left
    uncovered: Swedish text asks only the first (a few milliseconds), where reading every
    font's character map took about a second per process (issue 22)."""
    wanted = [
        character
        for character in dict.fromkeys(text)
        if unicodedata.category(character) not in NO_GLYPH_CATEGORIES
    ]
    left = {ord(character) for character in wanted}
    for family in (CONDENSED, *FAMILIES):
        if not left:
            break
        left -= _covered_by(family)
    return [character for character in wanted if ord(character) in left]


def code_points(characters: list[str]) -> str:
    """`U+E000, U+1F600`: how the PDF names characters it cannot show."""
    return ", ".join(f"U+{ord(character):04X}" for character in characters)


def unprintable_message(characters: list[str]) -> str:
    return _(
        "Några tecken som du har skrivit finns inte i PDF:ens typsnitt och visas som tomma "
        "rutor: %(code_points)s."
    ) % {"code_points": code_points(characters)}


def unprintable_in_draft(assessment, activities=None) -> list[str]:
    """The unprintable characters of a draft's title, row descriptions and notes."""
    if activities is None:
        activities = assessment.rows()
    texts = [assessment.title, *(f"{a.description}\n{a.note}" for a in activities)]
    return unprintable("\n".join(texts))
