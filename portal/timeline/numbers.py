"""Counts in words: the CLDR plural category of a number and its digits, for one language.

The browser does the same with Intl.PluralRules and Intl.NumberFormat (static/js/timeline.js);
a test checks that both give the same category for every count the rules allow.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from portal.languages import language, localise_digits


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_category(lang: str, count: int) -> str:
    """The CLDR plural category of count in the language: "one", "two", "few", "many" or "other"."""
    return _locale(lang).plural_form(count)


def plural_categories(lang: str) -> frozenset[str]:
    """Every category the language has (always with "other")."""
    return frozenset(_locale(lang).plural_form.tags | {"other"})


def categories_for(lang: str, counts: range) -> frozenset[str]:
    """The categories these counts fall into in the language."""
    return frozenset(plural_category(lang, count) for count in counts)


def write_number(count: int, lang: str) -> str:
    """A whole number in the language's own digits."""
    return localise_digits(str(count), lang)


def numbering_system(lang: str) -> str:
    """The CLDR name of the language's digits, e.g. "latn" or "beng"."""
    return language(lang).numbering_system
