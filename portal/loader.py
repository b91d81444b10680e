"""Reads content/ into a validated, immutable Site, reporting every problem together."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from portal import easyread, local_layer
from portal.config import load_site_config
from portal.crossrefs import Link, check_cross_references, check_easy_read
from portal.errors import ErrorList, display_path
from portal.frontmatter import SplitFile, split_front_matter
from portal.languages import SOURCE_LANGUAGE, language
from portal.models import FAMILY_AUDIENCES, LanguageContent, Page, Site
from portal.rendering import (
    BUILTIN_PAGES,
    PLACEHOLDER,
    GlossaryTerm,
    MarkdownRenderer,
    RenderCache,
    is_reserved_id,
)
from portal.review.signoff import REVIEW_FILE, load_sign_offs, sign_off_problems
from portal.schema import (
    PAGE_FIELDS,
    SLUG_PATTERN,
    read_page_fields,
)
from portal.sources import Source, load_sources
from portal.timeline import load_calculator
from portal.topics_and_words import load_glossary, load_topics
from portal.yamlfile import Located, YamlError, read_text

# Names that are pages of the site itself, so no content file may use them.
RESERVED_SLUGS = frozenset(BUILTIN_PAGES) | {"topics", "static", "index", "search"}
KNOWN_PLACEHOLDERS = ("contact", "local_procedures", "timescales", "emergency")


def revision_of(body: str) -> str:
    """A short fingerprint of a page's Markdown text; translations record the one they follow.

    Line endings do not count: saving the page on Windows does not make its translations out of date.
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def load_site(
    content_dir: Path,
    today: datetime.date | None = None,
    local_dir: Path | None = None,
    render_cache: RenderCache | None = None,
) -> Site:
    """Load and validate content_dir and the organisation's local_dir; raise ContentErrors listing every problem.

    With `render_cache`, Markdown that an earlier build rendered is taken from it.
    """
    today = today or datetime.date.today()
    errors = ErrorList()
    _check_symlinks(content_dir, errors)
    config = load_site_config(local_layer.settings_path(content_dir, local_dir), errors)
    if local_dir is not None:
        _check_symlinks(local_dir, errors)
        local_layer.check_folder(local_dir, config, errors)
    problems_before = len(errors.errors)
    sources = load_sources(content_dir / "sources.yaml", errors)
    if local_dir is not None and (local_dir / local_layer.SOURCES_FILE).is_file():
        sources = _add_local_sources(sources, local_dir / local_layer.SOURCES_FILE, errors)
    # Pages are checked against the list only when it loaded cleanly: an entry with its own
    # mistake is reported once, in sources.yaml, not again on every page that cites it.
    citable = sources if len(errors.errors) == problems_before else None
    renderer = MarkdownRenderer(render_cache)
    content: dict[str, LanguageContent] = {}
    warnings: list[str] = []
    merging = local_layer.Merging(warnings)
    links: list[Link] = []
    existing: set[tuple[str, str]] = set()  # (language, page name) of every page file, loaded or not
    for code in config.languages:
        folder = content_dir / code
        if not folder.is_dir() and code == SOURCE_LANGUAGE:
            errors.add(content_dir / "site.yaml", None, f"the English content folder {folder} is missing")
            continue
        if not folder.is_dir():
            warnings.append(
                f"{display_path(folder)}: no content in '{code}' yet, so every page is shown in English"
            )
        local_folder = local_dir / code if local_dir is not None and (local_dir / code).is_dir() else None
        content[code] = _load_language(
            code,
            folder,
            local_folder,
            renderer,
            citable,
            errors,
            links,
            existing,
            merging,
        )
    if SOURCE_LANGUAGE in content:
        check_cross_references(content, links, existing, errors, warnings, today)
        check_easy_read(
            {code: lang_content.easy_read for code, lang_content in content.items()},
            # Every English page file, loaded or not: one with its own errors is reported once.
            {slug for code, slug in existing if code == SOURCE_LANGUAGE},
            SOURCE_LANGUAGE,
            errors,
            warnings,
        )
    local_timescales = local_dir / local_layer.TIMESCALES_FILE if local_dir is not None else None
    calculator = load_calculator(
        content_dir, config.languages, config.bank_holidays, today, errors, local_timescales
    )
    local_contacts = (
        local_layer.load_contacts(
            local_dir / local_layer.CONTACTS_FILE, set(content[SOURCE_LANGUAGE].pages), errors
        )
        if local_dir is not None and SOURCE_LANGUAGE in content
        else MappingProxyType({})
    )
    sign_offs = {
        code: MappingProxyType(load_sign_offs(content_dir / code / REVIEW_FILE, errors))
        for code in config.languages
        if code != SOURCE_LANGUAGE
    }
    errors.raise_if_any()
    return Site(
        config=config,
        content=MappingProxyType(content),
        warnings=tuple(warnings),
        calculator=MappingProxyType(calculator),
        sources=sources,
        sign_offs=MappingProxyType(sign_offs),
        part_revisions=MappingProxyType(_part_revisions(content_dir)),
        local_contacts=local_contacts,
        replacements=tuple(merging.notes),
    )


def _add_local_sources(shared: Mapping[str, Source], path: Path, errors: ErrorList) -> Mapping[str, Source]:
    """The shared sources with the organisation's own (its local procedures, say) added."""
    local = load_sources(path, errors)
    for source_id in local.keys() & shared.keys():
        errors.add(path, None, f"the source id '{source_id}' is already used by the guide: choose another id")
    return MappingProxyType({**shared, **local})


# The English file each part of a language (other than its pages) is translated from.
PART_FILES = {"glossary": "glossary.yaml", "topics": "topics.yaml", "calculator": "timeline.yaml"}


def _part_revisions(content_dir: Path) -> dict[str, str]:
    """The revision of each English part file, which a sign-off in review.yaml records."""
    revisions = {}
    for part, name in PART_FILES.items():
        path = content_dir / SOURCE_LANGUAGE / name
        if path.is_file():
            revisions[part] = revision_of(read_text(path))
    return revisions


def _check_symlinks(content_dir: Path, errors: ErrorList) -> None:
    """A link (symlink) in content/ must lead to a file inside content/ that exists."""
    for path in sorted(content_dir.rglob("*")):
        if problem := _symlink_problem(path, content_dir):
            errors.add(path, None, problem)


def _symlink_problem(path: Path, content_dir: Path) -> str | None:
    if not path.is_symlink():
        return None
    target = path.resolve()
    if not target.exists():
        return "this is a link to a file that does not exist: put the file itself here"
    if not target.is_relative_to(content_dir.resolve()):
        return "this is a link to a file outside content/: copy the file here instead"
    return None


def _load_language(
    code: str,
    folder: Path,
    local_folder: Path | None,
    renderer: MarkdownRenderer,
    sources: Mapping[str, Source] | None,
    errors: ErrorList,
    links: list[Link],
    existing: set[tuple[str, str]],
    merging: local_layer.Merging,
) -> LanguageContent:
    """One language's shared content, with the organisation's local pages and glossary joined in."""
    topics = load_topics(folder / "topics.yaml", errors, required=code == SOURCE_LANGUAGE)
    glossary = load_glossary(folder / "glossary.yaml", errors)
    if local_folder is not None and (local_folder / local_layer.GLOSSARY_FILE).exists():
        local_glossary_path = local_folder / local_layer.GLOSSARY_FILE
        local_glossary = load_glossary(local_glossary_path, errors)
        glossary = local_layer.merge_glossary(glossary, local_glossary, local_glossary_path, merging)
    terms = tuple(GlossaryTerm(entry.id, entry.forms) for entry in glossary)
    pages = _load_pages(code, folder, renderer, terms, sources, errors, links, existing, local=False)
    local_pages = (
        _load_pages(code, local_folder, renderer, terms, sources, errors, links, existing, local=True)
        if local_folder is not None
        else {}
    )
    pages = local_layer.merge_pages(code, pages, local_pages, errors, merging)
    easy_read = easyread.load_easy_read(
        folder / easyread.FOLDER, code, renderer, errors, revision_of, is_translation=code != SOURCE_LANGUAGE
    )
    return LanguageContent(
        language=language(code),
        pages=MappingProxyType(pages),
        topics=MappingProxyType(topics),
        glossary=glossary,
        easy_read=MappingProxyType(easy_read),
    )


def _load_pages(
    code: str,
    folder: Path,
    renderer: MarkdownRenderer,
    terms: tuple[GlossaryTerm, ...],
    sources: Mapping[str, Source] | None,
    errors: ErrorList,
    links: list[Link],
    existing: set[tuple[str, str]],
    local: bool,
) -> dict[str, Page]:
    """Every page file in one language folder (shared or local), checked."""
    pages: dict[str, Page] = {}
    seen: dict[str, Path] = {}
    paths = [
        path for path in sorted(folder.rglob("*.md")) if path.relative_to(folder).parts[0] != easyread.FOLDER
    ]  # Easy Read pages are loaded elsewhere
    splits = {path: _split(path, folder.parent) for path in paths}
    renderer.render_ahead(
        (split.body, terms if _audience(split) in FAMILY_AUDIENCES else ())
        for split in splits.values()
        if split is not None
    )
    for path in paths:
        slug = path.stem.lower()
        if slug in seen:
            errors.add(
                path,
                None,
                f"another file already uses the page name '{slug}': {seen[slug]}; rename one",
            )
            continue
        seen[slug] = path
        if _symlink_problem(path, folder.parent):
            continue  # reported by _check_symlinks
        if not path.is_file():
            errors.add(path, None, "this is a folder, not a page: rename it without '.md'")
            continue
        if not SLUG_PATTERN.match(path.stem):
            errors.add(path, None, "rename the file using lower-case letters, digits and hyphens only")
            continue
        if slug in RESERVED_SLUGS:
            errors.add(path, None, f"'{slug}' is the name of a built-in page; choose another file name")
            continue
        existing.add((code, slug))
        page = _load_page(path, splits[path], code, renderer, terms, sources, errors, links, local)
        if page is not None:
            pages[slug] = page
    return pages


def _split(path: Path, content_dir: Path) -> SplitFile | None:
    """A page file read and split into front matter and body, or None when it cannot be (the
    problem is reported when the page is loaded). Only a regular file inside the content folder
    is read: never a link out of it, nor a pipe that would keep the build waiting."""
    if not path.is_file() or _symlink_problem(path, content_dir):
        return None
    try:
        return split_front_matter(read_text(path))
    except (YamlError, OSError):
        return None


def _audience(split: SplitFile) -> object:
    """The audience as written, before the checks: each page's Markdown is rendered ahead on every
    core with the word list this suggests, and a page where the checks find otherwise is only
    rendered again."""
    audience = split.fields.get("audience")
    return audience.value if audience else None


def _load_page(
    path: Path,
    split: SplitFile | None,
    code: str,
    renderer: MarkdownRenderer,
    terms: tuple[GlossaryTerm, ...],
    sources: Mapping[str, Source] | None,
    errors: ErrorList,
    links: list[Link],
    local: bool,
) -> Page | None:
    parsed = read_page_fields(path, PAGE_FIELDS, errors, split)
    if parsed is None:
        return None
    split, values = parsed
    is_translation = code != SOURCE_LANGUAGE
    if "replaces" in values and (is_translation or not local):
        errors.add(
            path,
            split.fields["replaces"].line,
            "'replaces' belongs only on an English page in your local folder, which takes a shared page's place",
        )
    _check_sources(path, split.fields, values, sources, is_translation, errors)
    for key in ("translation_of", "translation_status"):
        if is_translation and key not in values:
            errors.add(path, 1, f"a translated page needs '{key}' (see content/README.md, Translations)")
    for key in ("translation_of", "translation_status", "reviewed_by", "reviewed_on"):
        if not is_translation and key in values:
            errors.add(path, split.fields[key].line, f"'{key}' belongs only on translated pages")
    if is_translation:
        for line, problem in sign_off_problems(values, split.fields):
            errors.add(path, line, problem)
    if is_translation and "translation_of" in values and values["translation_of"][0] != path.stem:
        errors.add(
            path,
            split.fields["translation_of"].line,
            f"'translation_of' names '{values['translation_of'][0]}' but a translation keeps the "
            f"English file name ('{path.stem}')",
        )
    body_lines = split.body.splitlines()
    for index, line_text in enumerate(body_lines):
        neighbours = body_lines[max(index - 1, 0) : index] + body_lines[index + 1 : index + 2]
        if problem := _placeholder_problem(line_text, neighbours):
            errors.add(path, index + split.body_first_line, problem)
    glossary_terms = terms if values["audience"] in FAMILY_AUDIENCES else ()
    rendered = renderer.render(split.body, glossary_terms)
    for href in rendered.bad_links:
        errors.add(
            path,
            _line_of(split.body, href, split.body_first_line),
            f"link '{href}': link to a page by its name, e.g. (what-is-a-core-group), "
            "or to another site with a full https:// address",
        )
    for heading in rendered.headings:
        if is_reserved_id(heading.id):
            errors.add(
                path,
                _line_of(split.body, f"#{heading.id}", split.body_first_line)
                or _line_of(split.body, heading.text, split.body_first_line),
                f"the heading '{heading.text}' has the id '{heading.id}', which the site uses for its own "
                "controls: give it another, e.g. '## " + heading.text + " {#about-" + heading.id + "}'",
            )
    page = Page(
        slug=path.stem,
        lang=code,
        title=values["title"],
        summary=values["summary"],
        audience=values["audience"],
        topic=values["topic"],
        order=values["order"],
        reviewed=values["reviewed"],
        review_by=values["review_by"],
        sources=values.get("sources", ()),
        body_html=rendered.html,
        headings=rendered.headings,
        source_path=path,
        revision=revision_of(split.body),
        translation_of=values.get("translation_of"),
        translation_status=values.get("translation_status"),
        reviewed_by=values.get("reviewed_by"),
        reviewed_on=values.get("reviewed_on"),
        replaces=values.get("replaces"),
        is_local=local,
        lines=MappingProxyType({key: located.line for key, located in split.fields.items()}),
    )
    for slug, fragment in rendered.internal_links:
        target = f"{slug}#{fragment}" if fragment else slug
        line = _line_of(split.body, f"({target}", split.body_first_line) or _line_of(
            split.body, target, split.body_first_line
        )
        links.append(Link(page, slug, fragment, line))
    return page


def _check_sources(
    path: Path,
    fields: dict[str, Located],
    values: dict,
    sources: Mapping[str, Source] | None,
    is_translation: bool,
    errors: ErrorList,
) -> None:
    """English pages cite ids from sources.yaml; translations show their English page's sources."""
    if is_translation:
        if "sources" in fields:
            errors.add(
                path,
                fields["sources"].line,
                "'sources' comes from the English page, so a translation must not list it: remove it",
            )
        return
    if "sources" not in fields:
        errors.add(path, 1, "the key 'sources' is missing: list the ids of its sources from sources.yaml")
        return
    if "sources" not in values or sources is None:
        return  # already reported, or sources.yaml itself has mistakes
    for item in fields["sources"].value:
        if item.value not in sources:
            errors.add(
                path,
                item.line,
                f"source '{item.value}' is not in sources.yaml; add it there or use one of: "
                + ", ".join(sources),
            )


def _placeholder_problem(line: str, neighbours: list[str]) -> str | None:
    """What is wrong with the {{ ... }} placeholders on a line, if anything.

    A placeholder is only filled in when it is a paragraph of its own (alone on its line, with
    empty lines around it); anything else with double braces would be printed as it is.
    """
    if "{{" not in line and "}}" not in line:
        return None
    names = PLACEHOLDER.findall(line)
    known = ", ".join(f"{{{{ {name} }}}}" for name in KNOWN_PLACEHOLDERS)
    if unknown := [name for name in names if name not in KNOWN_PLACEHOLDERS]:
        return f"unknown placeholder '{{{{ {unknown[0]} }}}}'; use one of: {known}"
    if PLACEHOLDER.sub("", line).count("{{") or PLACEHOLDER.sub("", line).count("}}"):
        return f"a placeholder is not closed or not opened: write it as {known}, on a line of its own"
    if len(names) != 1 or PLACEHOLDER.fullmatch(line.strip()) is None:
        return f"write the placeholder {{{{ {names[0]} }}}} on a line of its own, with nothing else on it"
    if line.startswith("    ") or any(other.strip() for other in neighbours):
        return (
            f"start {{{{ {names[0]} }}}} at the beginning of its line, with an empty line before and after it"
        )
    return None


def _line_of(body: str, needle: str, first_line: int) -> int | None:
    index = body.find(needle)
    return body.count("\n", 0, index) + first_line if index >= 0 else None
