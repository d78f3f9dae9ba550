"""Translation for the pure rules, without Django: the words are Swedish message ids, marked
so that `makemessages` finds them, and translated by whatever the app installs.

`_("...")` translates now, in the language of the request being answered (the words of a
result are built when it is calculated). `gettext_noop("...")` marks a text defined once at
import, such as a field's label, and gives a `Lazy` that is translated each time it is shown.
Its `format(...)` stays lazy: `gettext_noop("Högst {high} minuter.").format(high=MAX)` is
translated, then filled in, when shown; a value that is itself a `Lazy`, or a function of no
arguments (a text that depends on the language, such as `share_text`), is resolved then too.
Without `install`, as in a plain Python run, the texts stay Swedish.

A calculation writes its words inside `one_language()`: the language is looked up once, and each
text is translated once per language and process, so that a result's hundred words do not each
ask Django for the active language and its catalogue.

Write whole sentences with named placeholders, never an f-string inside `_()`: the translator
sees the msgid, and `makemessages` finds only literal strings.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


def _swedish(message: str) -> str:
    return message


def _swedish_plural(one: str, many: str, n: int) -> str:
    return one if n == 1 else many


def _sweden() -> str:
    return "sv"


_gettext: Callable[[str], str] = _swedish
_ngettext: Callable[[str, str, int], str] = _swedish_plural
_language: Callable[[], str] = _sweden


# The translations made so far, per language; and, inside `one_language()`, the language and
# its translations.
_translated: dict[str, dict[str, str]] = {}
_current: ContextVar[tuple[str, dict[str, str]] | None] = ContextVar("current", default=None)


def install(
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    language: Callable[[], str],
) -> None:
    global _gettext, _ngettext, _language
    _gettext, _ngettext, _language = gettext, ngettext, language
    _translated.clear()


@contextmanager
def one_language() -> Iterator[None]:
    """The texts written inside are in the language active when it is entered, each translated
    once (a calculation: its words, `rules.calculate`)."""
    code = _language() or "sv"
    token = _current.set((code[:2], _translated.setdefault(code, {})))
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    current = _current.get()
    if current is None:
        return _gettext(message)
    translated = current[1]
    text = translated.get(message)
    if text is None:
        text = translated[message] = _gettext(message)
    return text


def ngettext(one: str, many: str, n: int) -> str:
    return _ngettext(one, many, n)


def language() -> str:
    """The language the texts are being written in: "sv" or "en"."""
    current = _current.get()
    if current is not None:
        return current[0]
    return (_language() or "sv")[:2]


class Lazy:
    """A text translated when it is shown, not when it is defined."""

    __slots__ = ("message", "params")

    def __init__(self, message: str, params: dict | None = None):
        self.message = message
        self.params = params or {}

    def __str__(self) -> str:
        text = _(self.message)
        if not self.params:
            return text
        return text.format(
            **{
                name: value() if callable(value) and not isinstance(value, Lazy) else value
                for name, value in self.params.items()
            }
        )

    def format(self, **params) -> "Lazy":
        """The text with its placeholders filled in when it is shown, not now."""
        return Lazy(self.message, {**self.params, **params})

    def __mod__(self, params) -> str:
        # Django fills in a form error's %(value)s params; the texts here have none.
        return str(self) % params

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __bool__(self) -> bool:
        return bool(self.message)

    def __len__(self) -> int:
        return len(str(self))

    def __getitem__(self, index) -> str:
        return str(self)[index]

    def __contains__(self, text: str) -> bool:
        return text in str(self)

    def __getattr__(self, name):
        # str's methods (lower, capitalize, startswith...) on the translated text; never the
        # protocols that copy and pickle look up on a half-made object.
        if name.startswith("__") or name in ("message", "params"):
            raise AttributeError(name)
        return getattr(str(self), name)

    def __copy__(self) -> "Lazy":
        return self

    def __deepcopy__(self, memo) -> "Lazy":
        return self

    def __reduce__(self):
        return (Lazy, (self.message, self.params))

    def __repr__(self) -> str:
        # The message's own repr: the rules version hashes the parameters' reprs, and marking
        # a label for translation must not change it, nor may the language shown.
        if self.params:
            return f"Lazy({self.message!r}, {self.params!r})"
        return repr(self.message)


def gettext_noop(message: str) -> Lazy:
    return Lazy(message)
