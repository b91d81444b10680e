"""Facts about each language the site can be built in, taken from Babel's locale data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    """A language as the site shows it: code, its own name, its English name and direction."""

    code: str
    native_name: str
    english_name: str
    direction: str  # "ltr" or "rtl"
    # CLDR's default digits for the language: "beng" (০-৯) for Bengali, "latn" (0-9) for the
    # others the site has. Dates and numbers use these alone, in Python and in the browser.
    numbering_system: str = "latn"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


@cache
def language(code: str) -> Language:
    """Look a language up by its code (raises ValueError for a code Babel does not know)."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"'{code}' is not a language code Babel knows") from error
    native = locale.get_display_name(locale) or code
    return Language(
        code=code,
        native_name=native[:1].upper() + native[1:],
        english_name=locale.get_display_name("en") or code,
        direction="rtl" if locale.character_order == "right-to-left" else "ltr",
        numbering_system=locale.default_numbering_system,
    )


# The zero of each numbering system a language's CLDR default may be (the other nine follow it).
DIGIT_ZEROS = {
    "latn": "0",
    "arab": "\u0660",
    "arabext": "\u06f0",
    "beng": "\u09e6",
    "deva": "\u0966",
    "guru": "\u0a66",
    "gujr": "\u0ae6",
}


def localise_digits(text: str, code: str) -> str:
    """The text with 0-9 written in the language's own digits (unchanged where those are 0-9)."""
    zero = DIGIT_ZEROS.get(language(code).numbering_system, "0")
    if zero == "0":
        return text
    return text.translate({ord("0") + i: chr(ord(zero) + i) for i in range(10)})
