"""The organisation's own folder (local/): what it may hold, and how it joins the shared guide.

An organisation never edits content/: updating the guide is replacing that folder. Its own
settings, pages, replaced pages, glossary entries, sources, timescales and contact blocks live
in the local folder and go through the same checks as the shared content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from portal.branding import LOGO_TYPES
from portal.config import SiteConfig, email_address, optional_text
from portal.errors import ErrorList, display_path
from portal.languages import SOURCE_LANGUAGE
from portal.models import GlossaryEntry, LocalContact, Page
from portal.schema import Field, parse_entries, parse_text
from portal.yamlfile import read_yaml_file

SETTINGS_FILE = "site.yaml"
SOURCES_FILE = "sources.yaml"
TIMESCALES_FILE = "timeline.yaml"
CONTACTS_FILE = "contacts.yaml"
GLOSSARY_FILE = "glossary.yaml"
# What a local folder may hold beside its language folders and its logo.
ROOT_FILES = (SETTINGS_FILE, SOURCES_FILE, TIMESCALES_FILE, CONTACTS_FILE, "README.md")

CONTACT_FIELDS = {
    "heading": Field(parse_text, True, text=True),
    "text": Field(optional_text, False, text=True),
    "phone": Field(optional_text, False, text=True),
    "email": Field(email_address, False, text=True),
    "hours": Field(optional_text, False, text=True),
}


def settings_path(content_dir: Path, local_dir: Path | None) -> Path:
    """The organisation's site.yaml when it has one, else the neutral guide's."""
    if local_dir is not None and (local_dir / SETTINGS_FILE).is_file():
        return local_dir / SETTINGS_FILE
    return content_dir / SETTINGS_FILE


def check_folder(local_dir: Path, config: SiteConfig, errors: ErrorList) -> None:
    """Every file in the local folder is one the build reads: a misplaced one is an error, not ignored."""
    if not local_dir.is_dir():
        errors.add(local_dir, None, "the local folder does not exist: check the path you gave")
        return
    for path in sorted(local_dir.iterdir()):
        name = path.name
        if (
            name.startswith(".")
            or name in ROOT_FILES
            or (path.is_file() and path.suffix.lower() in LOGO_TYPES)
        ):
            continue  # a logo is checked where site.yaml names it
        if path.is_dir() and name in config.languages:
            _check_language_folder(path, errors)
            continue
        known = ", ".join([*ROOT_FILES, "your logo (.svg or .png)", "a folder per language (en, pl, …)"])
        errors.add(path, None, f"the build does not use '{name}' here; a local folder holds: {known}")


def _check_language_folder(folder: Path, errors: ErrorList) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or path.suffix == ".md" or path.relative_to(folder).as_posix() == GLOSSARY_FILE:
            continue
        errors.add(
            path,
            None,
            f"a language folder holds pages (.md) and {GLOSSARY_FILE} only: move or remove this file",
        )


@dataclass
class Merging:
    """What joining the local folder to the shared content did, across the languages."""

    warnings: list[str]  # the build's warnings, shared with the loader
    notes: list[str] = field(default_factory=list)  # what was replaced, listed by the build
    replaced: set[str] = field(default_factory=set)  # the English pages replaced (first, English)


def merge_glossary(
    shared: tuple[GlossaryEntry, ...], local: tuple[GlossaryEntry, ...], local_path: Path, merging: Merging
) -> tuple[GlossaryEntry, ...]:
    """The shared glossary with the local entries added; a local entry with a shared id replaces it."""
    local_ids = {entry.id: entry for entry in local}
    for entry_id in local_ids.keys() & {entry.id for entry in shared}:
        merging.notes.append(
            f"{display_path(local_path)}: the local entry '{entry_id}' replaces the shared one"
        )
    kept = tuple(local_ids.pop(entry.id, entry) for entry in shared)
    return kept + tuple(local_ids.values())


def merge_pages(
    code: str,
    shared: dict[str, Page],
    local: dict[str, Page],
    errors: ErrorList,
    merging: Merging,
) -> dict[str, Page]:
    """The shared pages of one language with the local ones added or put in their place.

    `merging.replaced` is filled from the English pages (which come first) and then used for the
    translations: a shared translation of a replaced page translates words the reader no longer
    sees, so it is dropped and the local translation (or the English replacement) is shown.
    """
    merged = dict(shared)
    if code != SOURCE_LANGUAGE:
        for slug in merging.replaced:
            merged.pop(slug, None)
    for slug, page in local.items():
        if code == SOURCE_LANGUAGE:
            if _check_replacement(page, shared.get(slug), errors, merging):
                merging.replaced.add(slug)
        elif slug in shared and slug not in merging.replaced:
            errors.add(
                page.source_path,
                None,
                f"this translates the shared page '{slug}', whose translations come with the guide; "
                f"to change that page, replace the English page first (local/en/{slug}.md)",
            )
            continue
        merged[slug] = page
    return merged


def _check_replacement(page: Page, shared: Page | None, errors: ErrorList, merging: Merging) -> bool:
    """Whether a local English page replaces a shared one; a silent collision is an error."""
    where = display_path(page.source_path)
    if shared is None:
        if page.replaces is not None:
            errors.add(
                page.source_path,
                page.lines.get("replaces"),
                f"there is no shared page called '{page.replaces[0]}' to replace: remove 'replaces', "
                "or name the file after the page you mean to replace",
            )
        return False
    if page.replaces is None:
        errors.add(
            page.source_path,
            1,
            f"the guide already has a page called '{page.slug}' ({display_path(shared.source_path)}): to "
            f"put yours in its place, add 'replaces: {page.slug}@{shared.revision}'; to add a new page, "
            "give the file another name",
        )
        return False
    if page.replaces[0] != page.slug:
        errors.add(
            page.source_path,
            page.lines.get("replaces"),
            f"'replaces' names '{page.replaces[0]}' but this file is '{page.slug}': a replacement "
            "keeps the file name of the page it replaces",
        )
        return False
    merging.notes.append(f"{where} replaces the shared page {display_path(shared.source_path)}")
    if page.replaces[1] != shared.revision:
        merging.warnings.append(
            f"{where}: the shared page it replaces has changed since (revision {page.replaces[1]}, now "
            f"{shared.revision}): compare the two, update your page if it needs the change, then "
            f"write 'replaces: {page.slug}@{shared.revision}'"
        )
    return True


def load_contacts(path: Path, slugs: set[str], errors: ErrorList) -> Mapping[str, LocalContact]:
    """contacts.yaml: a block of contact details per page name, checked like the rest of the content."""
    if not path.is_file():
        return MappingProxyType({})
    raw = read_yaml_file(
        path, errors, dict, "write a page name per line, each followed by heading and contact details"
    )
    entries = parse_entries(
        path,
        raw,
        CONTACT_FIELDS,
        errors,
        name=lambda slug: slug,
        key_problem=lambda slug: (
            None if slug in slugs else f"there is no page called '{slug}': use a page's file name without .md"
        ),
        needs="a heading and contact details",
    )
    contacts = {slug: LocalContact(**values) for slug, (values, _) in entries.items()}
    return MappingProxyType(contacts)
