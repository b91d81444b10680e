"""UK bank holidays from the `holidays` package, with their names, for a known range of years."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from portal.timeline.model import OutOfRange

# The `holidays` package calls the UK "GB"; each nation is a subdivision of it.
NATIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
NATION_NAMES = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
# The years the engine works with: bank holidays before 1900 are not those of today, and a
# limit far below 9999 keeps every date the engine adds up a real date. Both are documented
# in content/timeline.yaml and the command's --help.
FIRST_YEAR, LAST_YEAR = 1900, 2199
# Languages the `holidays` package names UK bank holidays in (English otherwise).
NAME_LANGUAGES = {"en": "en_GB", "ur": "ur_PK"}


@dataclass(frozen=True)
class BankHolidays:
    """The weekday bank holidays of one nation, for a known range of years."""

    nation: str
    first_year: int
    last_year: int
    dates: frozenset[datetime.date]
    # The name of each date, in `names_lang`; not compared (two tables of the same days are equal).
    names: Mapping[datetime.date, str] = field(default_factory=dict, compare=False)
    names_lang: str = field(default="en", compare=False)

    def __contains__(self, day: object) -> bool:
        # Beyond the years looked up, a "working day" would be a silent guess: refuse instead.
        if not isinstance(day, datetime.date):
            return False
        if not self.first_year <= day.year <= self.last_year:
            raise OutOfRange(
                f"{day.isoformat()} is outside the bank holidays known "
                f"({self.first_year} to {self.last_year})"
            )
        return day in self.dates


def bank_holidays(nation: str, years: Iterable[int], lang: str = "en") -> BankHolidays:
    """The weekday bank holidays of a UK nation for every year from min(years) to max(years)."""
    if nation not in NATIONS:
        raise ValueError(f"unknown nation '{nation}' (known: {', '.join(NATIONS)})")
    years = list(years)
    return _bank_holidays(nation, min(years), max(years), lang)


@cache
def _bank_holidays(nation: str, first: int, last: int, lang: str) -> BankHolidays:
    import holidays  # imported here so that the pure date functions load without it

    if first < FIRST_YEAR or last > LAST_YEAR:
        raise OutOfRange(f"bank holidays are known only from {FIRST_YEAR} to {LAST_YEAR}")
    names_lang = lang if lang in NAME_LANGUAGES else "en"
    table = holidays.country_holidays(
        "GB", subdiv=NATIONS[nation], years=range(first, last + 1), language=NAME_LANGUAGES[names_lang]
    )
    # Weekend holidays change nothing (their substitute days are listed separately).
    names = {day: name for day, name in sorted(table.items()) if day.weekday() < 5}
    return BankHolidays(nation, first, last, frozenset(names), MappingProxyType(names), names_lang)


def holiday_name(holiday_dates: object, day: datetime.date) -> str | None:
    """The name of a bank holiday, if the table knows names."""
    names = getattr(holiday_dates, "names", None)
    return names.get(day) if names else None
