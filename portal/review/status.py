"""Where every page and part stands in every language: the content status report."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from portal.languages import SOURCE_LANGUAGE
from portal.loader import revision_of
from portal.models import DRAFT, MISSING, OUT_OF_DATE, REVIEWED, Site
from portal.review.signoff import PARTS

STATES = (DRAFT, REVIEWED, OUT_OF_DATE, MISSING)
ENGLISH = "English"  # the state of the English pages themselves: what the others are checked against


@dataclass(frozen=True)
class PageStatus:
    slug: str
    lang: str
    state: str  # one of STATES, or ENGLISH
    reviewed_by: str | None  # the translator who checked it, when it is reviewed
    reviewed_on: datetime.date | None  # last checked by a translator (English: last reviewed)
    review_by: datetime.date | None  # next review due

    def overdue(self, today: datetime.date) -> bool:
        return self.review_by is not None and self.review_by < today


@dataclass(frozen=True)
class PartStatus:
    """The glossary, topics, calculator texts or interface strings of one language."""

    part: str
    lang: str
    state: str
    english_revision: str
    translation_of: str | None = None
    reviewed_by: str | None = None
    reviewed_on: datetime.date | None = None


def page_status(site: Site, lang: str, slug: str) -> PageStatus:
    english = site.source.pages[slug]
    if lang == SOURCE_LANGUAGE:
        return PageStatus(slug, lang, ENGLISH, None, english.reviewed, english.review_by)
    state = site.translation_state(lang, slug)
    page = site.content[lang].pages.get(slug)
    if page is None:
        return PageStatus(slug, lang, state, None, None, None)
    reviewed = state == REVIEWED
    return PageStatus(
        slug,
        lang,
        state,
        page.reviewed_by if reviewed else None,
        page.reviewed_on if reviewed else None,
        page.review_by,
    )


def page_statuses(site: Site) -> tuple[PageStatus, ...]:
    """Every family page in every language, and every page for professionals in English."""
    rows = []
    for page in site.pages_in(SOURCE_LANGUAGE):
        codes = site.config.languages if page.is_for_families else (SOURCE_LANGUAGE,)
        rows += [page_status(site, code, page.slug) for code in codes]
    return tuple(rows)


def interface_revision(pot_path: Path) -> str:
    """The revision of the English interface strings (the messages in messages.pot)."""
    if not pot_path.is_file():
        return ""
    with pot_path.open("rb") as handle:
        ids = sorted(str(message.id) for message in read_po(handle) if message.id)
    return revision_of("\n".join(ids))


def part_statuses(site: Site, lang: str, translations_dir: Path, pot_path: Path) -> tuple[PartStatus, ...]:
    """The state of each part of `lang` that is not a page, from its files and review.yaml."""
    revisions = dict(site.part_revisions, interface=interface_revision(pot_path))
    exists = {
        "glossary": bool(site.content[lang].glossary),
        "topics": bool(site.content[lang].topics),
        "calculator": site.calculator[lang].texts_lang == lang if lang in site.calculator else False,
        "interface": (translations_dir / lang / "LC_MESSAGES" / "messages.po").is_file(),
    }
    rows = []
    for part in PARTS:
        sign_off = site.sign_offs.get(lang, {}).get(part)
        revision = revisions.get(part, "")
        if not exists[part]:
            rows.append(PartStatus(part, lang, MISSING, revision))
        elif sign_off is None:
            rows.append(PartStatus(part, lang, DRAFT, revision))
        elif sign_off.translation_of != revision:
            rows.append(PartStatus(part, lang, OUT_OF_DATE, revision, sign_off.translation_of))
        else:
            rows.append(
                PartStatus(
                    part,
                    lang,
                    sign_off.translation_status,
                    revision,
                    sign_off.translation_of,
                    sign_off.reviewed_by,
                    sign_off.reviewed_on,
                )
            )
    return tuple(rows)


def stale_sign_off_warnings(site: Site, translations_dir: Path, pot_path: Path) -> tuple[str, ...]:
    """Parts signed off against English that has changed since: the sign-off no longer counts."""
    warnings = []
    for lang in site.sign_offs:
        for status in part_statuses(site, lang, translations_dir, pot_path):
            if status.state == OUT_OF_DATE:
                warnings.append(
                    f"content/{lang}/review.yaml: the {status.part} sign-off is not accepted: the English has "
                    f"changed since it was checked (checked against {status.translation_of}, now "
                    f"{status.english_revision}). Have the changes checked, then set 'translation_of: "
                    f"{status.english_revision}' and the new 'reviewed_on' date"
                )
    return tuple(warnings)


def state_counts(rows: tuple[PageStatus, ...]) -> dict[str, Counter]:
    """How many family pages are in each state, by language (English excluded)."""
    counts: dict[str, Counter] = {}
    for row in rows:
        if row.state != ENGLISH:
            counts.setdefault(row.lang, Counter())[row.state] += 1
    return counts


def status_table(site: Site, translations_dir: Path, pot_path: Path, today: datetime.date) -> str:
    """The report as plain text, for `make status`."""
    rows = page_statuses(site)
    width = max(len(slug) for slug in site.slugs) + 2
    lines = [f"{'page':<{width}}{'lang':<6}{'status':<13}{'last reviewed':<15}next review due"]
    for row in rows:
        due = row.review_by.isoformat() if row.review_by else "-"
        if row.overdue(today):
            due += "  OVERDUE"
        last = row.reviewed_on.isoformat() if row.reviewed_on else "-"
        lines.append(f"{row.slug:<{width}}{row.lang:<6}{row.state:<13}{last:<15}{due}")
    lines.append("")
    lines.append(f"{'part':<{width}}{'lang':<6}{'status':<13}last reviewed")
    for lang in site.config.languages:
        if lang == SOURCE_LANGUAGE:
            continue
        for part in part_statuses(site, lang, translations_dir, pot_path):
            last = part.reviewed_on.isoformat() if part.reviewed_on else "-"
            lines.append(f"{part.part:<{width}}{lang:<6}{part.state:<13}{last}")
    lines.append("")
    lines.append("family pages: " + "  ".join(STATES))
    for lang, counts in state_counts(rows).items():
        lines.append(f"  {lang:<4}" + "".join(f"{counts[state]:>8}" for state in STATES))
    return "\n".join(lines)
