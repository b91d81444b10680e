"""The parts of the accessibility, privacy and about pages worked out from the site model."""

from __future__ import annotations

import datetime
from urllib.parse import quote

from babel import Locale

from portal.languages import SOURCE_LANGUAGE
from portal.models import REVIEWED, Site


def newest_review(site: Site) -> datetime.date | None:
    """The last time any English page was checked: the content's last update."""
    return max((page.reviewed for page in site.pages_in("en")), default=None)


def report_mailto(email: str, subject: str, body_lines: list[str]) -> str:
    """A mailto: address with the subject and body percent-encoded (lines end with CRLF, as RFC 6068 asks)."""
    body = "\r\n".join(body_lines)
    return f"mailto:{email}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def reviewed_translations(site: Site) -> dict[str, int]:
    """How many pages a professional translator has checked, by language code (English left out)."""
    return {
        code: sum(site.translation_state(code, slug) == REVIEWED for slug in site.slugs)
        for code in site.config.languages
        if code != SOURCE_LANGUAGE
    }


def language_names(codes: tuple[str, ...], locale: str) -> dict[str, str]:
    """Each language's name as the reader's language writes it (in Polish, Romanian is "rumuński")."""
    return {code: Locale.parse(code).get_display_name(locale) or code for code in codes}
