"""What a translator checks for one language, lined up with the English: the rows of a review pack.

Every English block (heading, paragraph, list item, glossary entry, interface string, calculator
text) has its row, in the English order, next to the block of the translation in the same place
(the same section id, the same glossary id, the same message). The Word file is made in
portal.review.word.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from portal.languages import SOURCE_LANGUAGE
from portal.models import Page, Site
from portal.review.sections import INTRO, Block, sections
from portal.review.status import PartStatus, page_status, part_statuses


@dataclass(frozen=True)
class Row:
    where: str  # the section id, glossary id or message, so a correction can be found again
    english: str
    translation: str  # empty where the translation has nothing in this place


@dataclass(frozen=True)
class PackPart:
    """A page, or the glossary, topics, calculator texts or interface strings: a table of its own."""

    title: str
    about: str  # revisions and status, so the pack's age is known
    rows: tuple[Row, ...]


def pack_parts(site: Site, lang: str, translations_dir: Path, pot_path: Path) -> tuple[PackPart, ...]:
    """Every part of language `lang` a translator checks, each with its rows, in the site's order."""
    parts = [_page_part(site, lang, english) for english in site.pages_in(SOURCE_LANGUAGE, "families")]
    statuses = {status.part: status for status in part_statuses(site, lang, translations_dir, pot_path)}
    parts.append(PackPart("Glossary", _part_about(statuses["glossary"]), _glossary_rows(site, lang)))
    parts.append(PackPart("Topics", _part_about(statuses["topics"]), _topic_rows(site, lang)))
    parts.append(
        PackPart("Calculator texts", _part_about(statuses["calculator"]), _calculator_rows(site, lang))
    )
    catalog = translations_dir / lang / "LC_MESSAGES" / "messages.po"
    parts.append(PackPart("Interface strings", _part_about(statuses["interface"]), _interface_rows(catalog)))
    return tuple(parts)


def _page_part(site: Site, lang: str, english: Page) -> PackPart:
    translated = site.content[lang].pages.get(english.slug)
    status = page_status(site, lang, english.slug)
    about = f"Page {english.slug}: English revision {english.revision}"
    if translated is not None and translated.translation_of:
        about += f"; the translation follows revision {translated.translation_of[1]}"
    about += f"; status: {status.state}"
    if status.reviewed_on:
        about += f", checked by {status.reviewed_by} on {status.reviewed_on.isoformat()}"
    rows = [
        Row("title", english.title, translated.title if translated else ""),
        Row("summary", english.summary, translated.summary if translated else ""),
    ]
    rows += page_rows(english, translated)
    return PackPart(english.title, about, tuple(rows))


def page_rows(english: Page, translated: Page | None) -> list[Row]:
    """The body's blocks, section by section (by the English heading ids), English beside translation."""
    theirs = {section.id: section.blocks for section in sections(translated.body_html)} if translated else {}
    rows = []
    for section in sections(english.body_html):
        where = f"#{section.id}" if section.id != INTRO else "start"
        for ours, mine in zip_longest(section.blocks, theirs.get(section.id, ()), fillvalue=None):
            rows.append(Row(_where(where, ours or mine), _text(ours), _text(mine)))
    return rows


def _where(section: str, block: Block | None) -> str:
    return f"{section}, {block.kind}" if block else section


def _text(block: Block | None) -> str:
    return block.text if block else ""


def _glossary_rows(site: Site, lang: str) -> tuple[Row, ...]:
    theirs = {entry.id: entry for entry in site.content[lang].glossary}
    rows = []
    for entry in site.source.glossary:
        mine = theirs.get(entry.id)
        rows.append(Row(f"{entry.id}: word", entry.term, mine.term if mine else ""))
        rows.append(
            Row(f"{entry.id}: forms linked", ", ".join(entry.forms), ", ".join(mine.forms) if mine else "")
        )
        rows.append(Row(f"{entry.id}: meaning", entry.definition, mine.definition if mine else ""))
    return tuple(rows)


def _topic_rows(site: Site, lang: str) -> tuple[Row, ...]:
    theirs = site.content[lang].topics
    rows = []
    for topic_id, topic in site.source.topics.items():
        mine = theirs.get(topic_id)
        rows.append(Row(f"{topic_id}: title", topic.title, mine.title if mine else ""))
        rows.append(Row(f"{topic_id}: summary", topic.summary, mine.summary if mine else ""))
    return tuple(rows)


def _calculator_rows(site: Site, lang: str) -> tuple[Row, ...]:
    """The calculator's words, by their place in the texts (its rule, then label or explanation)."""
    english = _flatten(site.calculator[SOURCE_LANGUAGE].texts.to_json())
    shown = site.calculator[lang]
    theirs = _flatten(shown.texts.to_json()) if shown.texts_lang == lang else {}
    return tuple(Row(key, text, theirs.get(key, "")) for key, text in english.items())


def _flatten(data: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in _flatten(value, f"{prefix}{key} ").items()}
    if isinstance(data, (list, tuple)):
        return {
            k: v for index, value in enumerate(data) for k, v in _flatten(value, f"{prefix}{index} ").items()
        }
    return {prefix.strip(): str(data)}


def _interface_rows(catalog_path: Path) -> tuple[Row, ...]:
    """Each interface string (buttons, menus, notices) and its translation; plurals one row a form."""
    if not catalog_path.is_file():
        return ()
    with catalog_path.open("rb") as handle:
        catalog = read_po(handle)
    rows = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        translated = "" if message.fuzzy else " / ".join(text for text in strings if text)
        where = "; ".join(f"{path}:{line}" for path, line in message.locations[:1]) or "interface"
        rows.append(Row(where, " / ".join(ids), translated))
    return tuple(rows)


def _part_about(status: PartStatus) -> str:
    about = f"English revision {status.english_revision}; status: {status.state}"
    if status.translation_of:
        about += f"; signed off against revision {status.translation_of}"
    if status.reviewed_on:
        about += f", checked by {status.reviewed_by} on {status.reviewed_on.isoformat()}"
    return about
