"""How much of the site exists in each language: family pages and interface strings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from portal.languages import SOURCE_LANGUAGE
from portal.models import Site


@dataclass(frozen=True)
class LanguageCoverage:
    code: str
    family_pages: tuple[str, ...]  # every family page (English names)
    translated: tuple[str, ...]  # the family pages written in this language
    messages: int  # interface strings in the catalogue template
    messages_translated: int  # non-fuzzy, non-empty translations

    @property
    def missing(self) -> tuple[str, ...]:
        translated = frozenset(self.translated)  # a set: one look-up a page, not a search of the tuple
        return tuple(slug for slug in self.family_pages if slug not in translated)

    @property
    def pages_percent(self) -> int:
        return round(100 * len(self.translated) / len(self.family_pages)) if self.family_pages else 100

    @property
    def messages_percent(self) -> int:
        return round(100 * self.messages_translated / self.messages) if self.messages else 100


def translated_message_count(catalog_path: Path) -> int:
    """Messages with a real translation (fuzzy and empty ones do not count)."""
    if not catalog_path.exists():
        return 0
    with catalog_path.open("rb") as handle:
        catalog = read_po(handle)
    return sum(
        1
        for message in catalog
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else (message.string,))
    )


def coverage(site: Site, translations_dir: Path, template_count: int) -> tuple[LanguageCoverage, ...]:
    """Coverage of every enabled language; English is complete by definition."""
    family_pages = tuple(page.slug for page in site.pages_in(SOURCE_LANGUAGE, "families"))
    rows = []
    for code in site.config.languages:
        if code == SOURCE_LANGUAGE:
            rows.append(LanguageCoverage(code, family_pages, family_pages, template_count, template_count))
            continue
        written = site.content[code].pages
        rows.append(
            LanguageCoverage(
                code=code,
                family_pages=family_pages,
                translated=tuple(slug for slug in family_pages if slug in written),
                messages=template_count,
                messages_translated=translated_message_count(
                    translations_dir / code / "LC_MESSAGES" / "messages.po"
                ),
            )
        )
    return tuple(rows)


def message_template_count(template_path: Path) -> int:
    """The number of interface strings in messages.pot."""
    if not template_path.exists():
        return 0
    with template_path.open("rb") as handle:
        return sum(1 for message in read_po(handle) if message.id)


def coverage_table(rows: tuple[LanguageCoverage, ...]) -> str:
    """A plain-text table: a family page a line, a language a column (yes or -), then the totals."""
    if not rows:
        return ""
    width = max([len("interface strings")] + [len(slug) for slug in rows[0].family_pages])
    lines = [f"{'family page':<{width}}" + "".join(f"{row.code:>6}" for row in rows)]
    translated = [frozenset(row.translated) for row in rows]
    for slug in rows[0].family_pages:
        marks = "".join(f"{'yes' if slug in written else '-':>6}" for written in translated)
        lines.append(f"{slug:<{width}}{marks}")
    lines.append(f"{'family pages':<{width}}" + "".join(f"{row.pages_percent:>5}%" for row in rows))
    lines.append(f"{'interface strings':<{width}}" + "".join(f"{row.messages_percent:>5}%" for row in rows))
    return "\n".join(lines)
