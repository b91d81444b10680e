"""The site's pages. Views only look things up in the Site model built at start-up."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Flask, abort, current_app, g, render_template, request, url_for
from flask_babel import gettext

from portal import i18n
from portal.branding import colour_overrides_css
from portal.i18n import current_locale
from portal.languages import SOURCE_LANGUAGE
from portal.leaflets import LeafletCatalogue
from portal.models import REVIEWED, Site
from portal.relative_urls import links_from_root
from portal.review.pairing import bilingual_slugs
from portal.review.status import part_statuses
from portal.search import index_script, search_index
from portal.statements import language_names, newest_review, report_mailto, reviewed_translations
from portal.timeline import REMINDER_WORKING_DAYS

site_pages = Blueprint("site", __name__)

# "Staying safe when you use this site": linked from Exit this page, the footer and the home page.
SAFETY_PAGE = "staying-safe"
SITEMAP_LIMIT = 50_000  # addresses in one sitemap file (sitemaps.org)


def current_site() -> Site:
    return current_app.extensions["site"]


def current_leaflets() -> LeafletCatalogue:
    return current_app.extensions["leaflets"]


@site_pages.url_value_preprocessor
def _known_language_only(endpoint: str | None, values: dict | None) -> None:
    """An unknown language in the URL is a 404 (portal.i18n has already set the page language)."""
    if values and values.get("lang", SOURCE_LANGUAGE) not in current_site().config.languages:
        abort(404)


@site_pages.app_context_processor
def _template_globals() -> dict:
    site = current_site()
    lang = g.get("lang", SOURCE_LANGUAGE)
    return {
        "site": site,
        "config": site.config,
        "lang": lang,
        "language": next(language for language in site.languages if language.code == lang),
        "alternate_url": alternate_url,
        "report_problem_url": report_problem_url,
        "safety_page": site.page(lang, SAFETY_PAGE).page if SAFETY_PAGE in site.source.pages else None,
    }


def alternate_url(code: str, absolute: bool = False) -> str:
    """The URL of the page being shown, in language `code` (relative when frozen)."""
    values = dict(request.view_args or {})
    values["lang"] = code
    endpoint = request.endpoint or "site.home"
    if absolute:
        return current_site().config.base_url + url_for(endpoint, **values).lstrip("/")
    # The freezer swaps the templates' url_for for one that makes relative URLs; use the same.
    return current_app.jinja_env.globals["url_for"](endpoint, **values)


def report_problem_url() -> str:
    """A mailto: link to the configured address naming this page and its language; "" without one."""
    config = current_site().config
    if not config.contact.email:
        return ""
    address = config.base_url + request.path.lstrip("/") if config.base_url else request.path
    lang = g.get("lang", SOURCE_LANGUAGE)
    name = next((item.english_name for item in current_site().languages if item.code == lang), lang)
    language_name = f"{name} ({lang})"
    subject = gettext("Problem with the page %(address)s", address=address)
    lines = [
        gettext("Page: %(address)s", address=address),
        gettext("Language: %(language)s", language=language_name),
        "",
        gettext("What is wrong?"),
    ]
    return report_mailto(config.contact.email, subject, lines)


@site_pages.route("/")
def choose_language():
    return render_template("choose_language.html", page_languages=())


@site_pages.route("/<lang>/")
def home(lang: str):
    site = current_site()
    return render_template(
        "home.html",
        family_pages=site.pages_in(lang, "families"),
        page_languages=site.config.languages,
    )


@site_pages.route("/<lang>/families/", defaults={"audience": "families"}, endpoint="families")
@site_pages.route("/<lang>/professionals/", defaults={"audience": "professionals"}, endpoint="professionals")
def section(lang: str, audience: str):
    site = current_site()
    topics = [(topic, site.pages_of_topic(lang, topic.id, audience)) for topic in site.topics_in(lang)]
    return render_template(
        "section.html",
        audience=audience,
        topics=[(topic, topic_pages) for topic, topic_pages in topics if topic_pages],
        page_languages=site.config.languages,
    )


@site_pages.route("/<lang>/topics/<topic_id>/")
def topic(lang: str, topic_id: str):
    site = current_site()
    if topic_id not in site.source.topics:
        abort(404)
    pages = site.pages_of_topic(lang, topic_id)
    return render_template(
        "topic.html", topic=site.topic(lang, topic_id), pages=pages, page_languages=site.config.languages
    )


@site_pages.route("/<lang>/glossary/")
def glossary(lang: str):
    site = current_site()
    entries = site.glossary_in(lang)
    return render_template(
        "glossary.html",
        entries=sorted(entries, key=lambda entry: entry.term.casefold()),
        is_fallback=not site.content[lang].glossary and lang != SOURCE_LANGUAGE,
        page_languages=tuple(code for code in site.config.languages if site.content[code].glossary),
    )


@site_pages.route("/<lang>/calculator/")
def calculator(lang: str):
    site = current_site()
    return render_template(
        "calculator.html",
        calculator=site.calculator[lang],
        reminder_working_days=REMINDER_WORKING_DAYS,
        page_languages=site.config.languages,
        leaflets=current_leaflets().about(lang, "calculator"),
    )


@site_pages.route("/<lang>/easy-read/")
def easy_read_index(lang: str):
    site = current_site()
    return render_template(
        "easy_read/index.html",
        shown=site.easy_read_page(lang, "index") if "index" in site.source.easy_read else None,
        pages=site.easy_read_pages(lang),
        page_languages=site.easy_read_languages(),
        leaflets=current_leaflets().about(lang, "easy-read/"),
    )


@site_pages.route("/<lang>/easy-read/dates/")
def easy_read_dates(lang: str):
    """Easy Read results of the calculator: the next date with a calendar picture, one date a line."""
    site = current_site()
    return render_template(
        "easy_read/dates.html",
        calculator=site.calculator[lang],
        page_languages=site.config.languages,
    )


@site_pages.route("/<lang>/easy-read/<slug>/")
def easy_read(lang: str, slug: str):
    site = current_site()
    if slug == "index":
        abort(404)
    try:
        shown = site.easy_read_page(lang, slug)
    except KeyError:
        abort(404)
    english = site.source.easy_read[slug]
    pages = site.easy_read_pages(lang)
    index = [page.slug for page in pages].index(slug)
    return render_template(
        "easy_read/page.html",
        shown=shown,
        page=shown.page,
        family_pages=tuple(site.page(lang, name).page for name in english.pages),
        previous_page=pages[index - 1] if index > 0 else None,
        next_page=pages[index + 1] if index + 1 < len(pages) else None,
        sources=site.easy_read_sources(english),
        page_languages=site.easy_read_languages(slug),
        leaflets=current_leaflets().about(lang, f"easy-read/{slug}"),
    )


@site_pages.route("/<lang>/<slug>/")
def page(lang: str, slug: str):
    site = current_site()
    try:
        shown = site.page(lang, slug)
    except KeyError:
        abort(404)
    return render_template(
        "page.html",
        shown=shown,
        page=shown.page,
        topic=site.topic(lang, shown.page.topic),
        page_languages=site.languages_of(slug),
        leaflets=current_leaflets().about(lang, slug),
        easy_read_slug=site.easy_read_version(slug),
    )


@site_pages.route("/<lang>/leaflets/")
def leaflets(lang: str):
    return render_template(
        "leaflets.html",
        leaflets=current_leaflets().for_reader(lang),
        page_languages=current_site().config.languages,
    )


@site_pages.route("/<lang>/leaflets/<filename>")
def leaflet_file(lang: str, filename: str):
    """A leaflet's PDF or Word file, made by the build before freezing."""
    try:
        file = current_leaflets().file(lang, filename)
    except KeyError:
        abort(404)
    return current_app.response_class(file.data, mimetype=file.mimetype)


# The statements every public body's site publishes, in every language. Their translations are
# interface strings, so each language's statements are drafts until its interface strings are
# signed off in content/<lang>/review.yaml.
@site_pages.route("/<lang>/accessibility/", defaults={"kind": "accessibility"}, endpoint="accessibility")
@site_pages.route("/<lang>/privacy/", defaults={"kind": "privacy"}, endpoint="privacy")
@site_pages.route("/<lang>/about/", defaults={"kind": "about"}, endpoint="about")
def statement(lang: str, kind: str):
    site = current_site()
    return render_template(
        f"statements/{kind}.html",
        kind=kind,
        build_date=current_app.config["BUILD_DATE"],
        last_update=newest_review(site),
        reviewed_translations=reviewed_translations(site),
        language_names=language_names(site.config.languages, current_locale()),
        translation_checked=lang == SOURCE_LANGUAGE or _interface_checked(site, lang),
        page_count=len(site.slugs),
        page_languages=site.config.languages,
    )


def _interface_checked(site: Site, lang: str) -> bool:
    """Whether a translator has signed off the language's interface strings, as they are now."""
    parts = part_statuses(site, lang, i18n.TRANSLATIONS_DIR, i18n.TEMPLATE_POT)
    return any(part.part == "interface" and part.state == REVIEWED for part in parts)


# ------------------------------------------------------------------ search (issue 16)


@site_pages.route("/<lang>/search/")
def search(lang: str):
    return render_template("search.html", page_languages=current_site().config.languages)


@site_pages.route("/<lang>/search/search-index.js")
def search_index_script(lang: str):
    """What the search box searches, as a classic script (it loads from file:// too)."""
    index = search_index(current_site(), lang, glossary_title=gettext("Word list"))
    return current_app.response_class(index_script(index), mimetype="text/javascript")


# ------------------------------------------------------------------ end of search


def brand_css():
    """The organisation's colours, over the site's own (a route only when it has set them)."""
    branding = current_site().config.branding
    return current_app.response_class(colour_overrides_css(branding), mimetype="text/css")


def brand_logo(filename: str):
    """The organisation's logo (a route only when it has one)."""
    logo = current_site().config.branding.logo
    if filename != logo.filename:
        abort(404)
    return current_app.response_class(logo.data, mimetype=logo.media_type)


@site_pages.route("/404.html")
def not_found_page():
    """The page static hosts show for a missing address, at any depth: its links start from the root."""
    return links_from_root(render_template("404.html", page_languages=()), current_site().config.base_url)


@site_pages.route("/robots.txt")
def robots_txt():
    site = current_site()
    body = render_template(
        "robots.txt", sitemap=f"{site.config.base_url}sitemap.xml" if site.config.base_url else ""
    )
    return current_app.response_class(body, mimetype="text/plain")


@site_pages.route("/sitemap.xml", defaults={"number": 0})
@site_pages.route("/sitemap-<int:number>.xml")
def sitemap_xml(number: int):
    """Every page's address; past SITEMAP_LIMIT of them, an index (sitemap.xml) of the files that list them."""
    site = current_site()
    parts = sitemap_parts(site)
    if number == 0 and len(parts) == 1:
        body = render_template("sitemap.xml", urls=parts[0])
    elif number == 0:
        names = [f"{site.config.base_url}sitemap-{part}.xml" for part in range(1, len(parts) + 1)]
        body = render_template("sitemap_index.xml", sitemaps=names)
    elif len(parts) > 1 and number <= len(parts):
        body = render_template("sitemap.xml", urls=parts[number - 1])
    else:
        abort(404)
    return current_app.response_class(body, mimetype="application/xml")


def sitemap_parts(site: Site) -> list[list[str]]:
    """The pages' addresses in sorted order, cut into lists of at most SITEMAP_LIMIT (the protocol's limit)."""
    urls = [site.config.base_url + url.lstrip("/") for url in sorted(page_urls(site))]
    return [urls[start : start + SITEMAP_LIMIT] for start in range(0, len(urls), SITEMAP_LIMIT)] or [[]]


EndpointValues = tuple[str, dict[str, str]]


def site_urls(site: Site) -> Iterator[EndpointValues]:
    """Every page of the site, as (endpoint, URL values)."""
    yield "site.choose_language", {}
    yield "site.not_found_page", {}
    yield "site.robots_txt", {}
    yield "site.sitemap_xml", {}
    yield "offline.service_worker", {}
    if site.config.branding.colours:
        yield "brand_css", {}
    if site.config.branding.logo:
        yield "brand_logo", {"filename": site.config.branding.logo.filename}
    for code in site.config.languages:
        for endpoint in (
            "home",
            "families",
            "professionals",
            "glossary",
            "calculator",
            "leaflets",
            "search",
            "accessibility",
            "privacy",
            "about",
        ):
            yield f"site.{endpoint}", {"lang": code}
        yield "site.search_index_script", {"lang": code}
        for topic_id in site.source.topics:
            yield "site.topic", {"lang": code, "topic_id": topic_id}
        for slug in site.slugs:
            yield "site.page", {"lang": code, "slug": slug}
        yield "offline.offline_page", {"lang": code}
        for slug in bilingual_slugs(site, code):
            yield "review.bilingual", {"lang": code, "slug": slug}
        if site.source.easy_read:
            yield "site.easy_read_index", {"lang": code}
            yield "site.easy_read_dates", {"lang": code}
        for slug in site.source.easy_read:
            if slug != "index":
                yield "site.easy_read", {"lang": code, "slug": slug}


def sitemap_part_urls(site: Site) -> Iterator[EndpointValues]:
    """The sitemap files that sitemap.xml lists when the pages need more than one."""
    parts = sitemap_parts(site)
    if len(parts) > 1:
        for number in range(1, len(parts) + 1):
            yield "site.sitemap_xml", {"number": number}


def page_urls(site: Site) -> list[str]:
    """The HTML pages among site_urls (addresses ending in /), for the sitemap and offline copies."""
    urls = (url_for(endpoint, **values) for endpoint, values in site_urls(site))
    return [url for url in urls if url.endswith("/")]


def _not_found(error):
    return render_template("404.html", page_languages=()), 404


def init_app(app: Flask) -> None:
    app.register_blueprint(site_pages)
    # Only an organisation's own copy has these files; the freezer expects a page for every route.
    branding = app.extensions["site"].config.branding
    if branding.colours:
        app.add_url_rule("/brand/brand.css", "brand_css", brand_css)
    if branding.logo:
        app.add_url_rule("/brand/<filename>", "brand_logo", brand_logo)
    app.register_error_handler(404, _not_found)
