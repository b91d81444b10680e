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
    )
