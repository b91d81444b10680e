"""Which leaflets there are, which pages go into each, and in which languages each exists."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import lazy_text as _l
from portal.models import Page, Site

PAGES = "pages"  # a leaflet made of guide pages
TIMELINE = "timeline"  # the one-page summary of the timescales, from the calculator's rules
EASY_READ = "easy-read"  # the Easy Read pages, with their pictures


@dataclass(frozen=True)
class Leaflet:
    """One leaflet: its file name, title and what goes in it."""

    name: str  # the file name without its extension: lower-case letters and hyphens
    title: str  # a lazy string, translated when the leaflet is made
    description: str
    kind: str  # PAGES, TIMELINE or EASY_READ
    audience: str = "families"
    topics: tuple[str, ...] = ()  # page leaflets: the topics whose pages go in (all when empty)
    # Sections not printed, by heading id: "id" on every page, "page-name#id" on one page.
    leave_out: tuple[str, ...] = ()
    # The most A4 pages the PDF may have: every leaflet has one; past it the build warns, naming the
    # leaflet and its pages (python build.py --strict stops).
    max_pages: int | None = None
    # Large text: one column, body text at 12 pt or more, for readers who find small print hard.
    large_text: bool = False
    with_english: bool = False  # each section in the reader's language, then in English (not made in English)


FAMILY_LEAFLET_TOPICS = ("core-groups", "the-plan", "next-steps")
# Each page's key sections, in large text. Left out are the links onwards, and sections that
# another page of the leaflet already covers.
FAMILY_LEAFLET_LEAVE_OUT = (
    "what-happens-next",  # links to the next pages to read
    "what-is-a-core-group#how-it-is-different-from-the-conference",
    "when-and-where-are-meetings#what-a-working-day-is",  # in what-happens-next#about-the-times
    "when-and-where-are-meetings#after-a-review-conference",  # in the steps in order
    "what-happens-at-the-first-meeting#dates-for-the-next-meetings",
    "the-child-protection-plan#why-a-child-has-a-plan",  # in what-is-a-core-group
    "the-child-protection-plan#how-progress-is-checked",  # in the steps in order
    "what-happens-next#who-to-ask",  # the leaflet ends with the contact details
    "do-i-have-to-go#bringing-someone-with-you",  # in who-is-in-the-core-group
    "papers-and-records#keeping-your-papers-safe",
)
LEAFLETS = (
    Leaflet(
        name="core-groups-a-guide-for-families",
        title=_l("Core groups: a guide for families"),
        description=_l(
            "What a core group is, who is in it, the child protection plan and what happens next."
        ),
        kind=PAGES,
        audience="families",
        topics=FAMILY_LEAFLET_TOPICS,
        leave_out=FAMILY_LEAFLET_LEAVE_OUT,
        max_pages=10,
        large_text=True,
    ),
    Leaflet(
        name="core-groups-a-guide-for-families-with-english",
        title=_l("Core groups: a guide for families, with English"),
        description=_l(
            "The guide for families with the English after each part, to read with an interpreter or a worker."
        ),
        kind=PAGES,
        audience="families",
        topics=FAMILY_LEAFLET_TOPICS,
        leave_out=FAMILY_LEAFLET_LEAVE_OUT,
        max_pages=20,  # each part twice: in the reader's language, then in English
        with_english=True,
    ),
    Leaflet(
        name="core-groups-a-guide-for-professionals",
        title=_l("Core groups: a guide for professionals"),
        description=_l(
            "Membership, timescales, records, running the first core group and working with families."
        ),
        kind=PAGES,
        audience="professionals",
        leave_out=("related-pages", "pages-to-share-with-families"),  # links to other web pages
        max_pages=12,  # every professional page goes in: the build warns when there are too many
    ),
    Leaflet(
        name="what-happens-next",
        title=_l("What happens next: the timescales"),
        description=_l("One page: when each meeting and review is due while a child has a plan."),
        kind=TIMELINE,
        max_pages=1,
    ),
    Leaflet(
        name="core-groups-easy-read",
        title=_l("Core groups: Easy Read"),
        description=_l(
            "The guide to core groups in Easy Read: short sentences, with a picture beside each point."
        ),
        kind=EASY_READ,
        max_pages=24,  # 16 pt text and a picture per point make it long; the build warns past this
    ),
)


def leaflet_pages(site: Site, leaflet: Leaflet) -> tuple[Page, ...]:
    """The English pages a page leaflet is made of, in the site's navigation order."""
    pages = site.pages_in(site.source.language.code, leaflet.audience)
    return tuple(page for page in pages if not leaflet.topics or page.topic in leaflet.topics)


def pages_in_language(site: Site, leaflet: Leaflet, lang: str) -> tuple[Page, ...] | None:
    """The leaflet's pages written in `lang`, or None when any of them is not (a leaflet is never mixed)."""
    english = leaflet_pages(site, leaflet)
    written = site.content[lang].pages
    if not english or any(page.slug not in written for page in english):
        return None
    return tuple(written[page.slug] for page in english)


def sections_left_out(leaflet: Leaflet, slug: str) -> frozenset[str]:
    """The heading ids of the sections of page `slug` that the leaflet does not print."""
    return frozenset(
        entry.partition("#")[2] if "#" in entry else entry
        for entry in leaflet.leave_out
        if "#" not in entry or entry.partition("#")[0] == slug
    )
