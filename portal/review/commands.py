"""The review commands build.py offers: review packs, the status report, stale sign-offs."""

from __future__ import annotations

import datetime
from pathlib import Path

from portal import i18n
from portal.languages import SOURCE_LANGUAGE, language
from portal.models import Site
from portal.review.pack import pack_parts
from portal.review.status import interface_revision, stale_sign_off_warnings, status_table
from portal.review.word import pack_docx

PACKS_FOLDER = "review-packs"  # in the build folder


class UnknownLanguage(ValueError):
    """A review pack was asked for in a language the site does not have."""


def write_packs(site: Site, languages: tuple[str, ...], build_dir: Path) -> list[Path]:
    """A Word review pack per language (every translated language when none is named)."""
    translated = [code for code in site.config.languages if code != SOURCE_LANGUAGE]
    for code in languages:
        if code not in translated:
            raise UnknownLanguage(
                f"there is no review pack for '{code}': choose one of {', '.join(translated)} (in content/site.yaml)"
            )
    folder = build_dir / PACKS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    today = datetime.date.today()
    written = []
    for code in languages or translated:
        parts = pack_parts(site, code, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)
        path = folder / f"review-pack-{code}-{today.isoformat()}.docx"
        partial = path.with_suffix(".partial")
        partial.write_bytes(pack_docx(parts, language(code), today))
        partial.replace(path)  # a pack is either whole or not there
        written.append(path)
    return written


def status_report(site: Site) -> str:
    return status_table(site, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT, datetime.date.today())


def sign_off_warnings(site: Site) -> tuple[str, ...]:
    return stale_sign_off_warnings(site, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)


def part_revisions(site: Site) -> dict[str, str]:
    """The English revision of each part a review.yaml signs off."""
    return dict(site.part_revisions, interface=interface_revision(i18n.TEMPLATE_POT))
