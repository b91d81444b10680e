"""The "work out your dates" page: the built HTML, and the page in Chromium opened from disk."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import icalendar
import pytest

from portal.languages import SOURCE_LANGUAGE
from portal.paths import CONTENT_DIR
from portal.timeline import (
    PROBLEM_MESSAGES,
    TimelineInputs,
    bank_holidays,
    compute_timeline,
    load_rules,
    load_texts,
)
from tests.browser_support import AXE_TAGS, axe_source, chromium
from tests.conftest import FIXTURE_CONTENT
from tests.helpers import parse_page, project_site

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 360, "height": 740}
RULES = load_rules()
TEXTS = load_texts(CONTENT_DIR / SOURCE_LANGUAGE / "timeline.yaml", RULES)
SITE = project_site()
LANGUAGES = SITE.config.languages


def calculator_path(site: Path, lang: str) -> Path:
    return site / lang / "calculator" / "index.html"


def embedded(soup, attribute: str):
    """The JSON the page hands to its script, in an attribute of #calculator-data."""
    return json.loads(soup.find(id="calculator-data")[attribute])


def example_timeline():
    example = RULES.worked_example
    holidays = bank_holidays(SITE.config.bank_holidays, range(example.year, example.year + 3))
    return compute_timeline(RULES, TimelineInputs(icpc=example), holidays)


# ---------------------------------------------------------------------------- the built page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_passes_the_site_checks(real_site, lang):
    soup = parse_page(calculator_path(real_site, lang))
    assert soup.find("html")["lang"] == lang


def test_the_calculator_shows_only_when_its_script_runs(real_site):
    soup = parse_page(calculator_path(real_site, "en"))
    # Hidden by a stylesheet that loads only when scripts are off, so nothing jumps when they are on.
    assert not soup.find("section", id="calculator").has_attr("hidden")
    noscript_css = soup.select_one("head noscript link[rel=stylesheet]")["href"]
    assert (
        "#calculator { display: none; }"
        in (calculator_path(real_site, "en").parent / noscript_css).read_text()
    )
    assert "needs JavaScript" in soup.find("main").find("noscript").get_text()
    # A form that is never submitted cannot send the dates anywhere.
    form = soup.find("form", id="calculator-form")
    assert not form.has_attr("action") and not form.has_attr("method")


def test_the_rules_are_explained_in_words(real_site):
    soup = parse_page(calculator_path(real_site, "en"))
    items = soup.select(".rule-list > li")
    assert [item.h3.get_text(strip=True) for item in items] == [TEXTS.label(rule.id) for rule in RULES.rules]
    first_core_group = items[1].get_text(" ", strip=True)
    assert f"within {RULES.rule('first_core_group_by').count} working days" in first_core_group
    assert "Local procedure" in first_core_group


def test_the_worked_example_is_the_python_engines(real_site):
    soup = parse_page(calculator_path(real_site, "en"))
    example = example_timeline()
    times = soup.select(".timeline-example time")
    assert [time["datetime"] for time in times] == [m.date.isoformat() for m in example]
    assert times[0].get_text() == "Friday, 18 December 2026"
    assert "Due 10 working days after 18 December 2026." in soup.select(".timeline-how")[1].get_text()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_guidance_links_lead_to_built_pages(real_site, lang):
    path = calculator_path(real_site, lang)
    soup = parse_page(path)
    links = soup.select(".rule-list a")
    assert len(links) == len(RULES.rules)
    for link in links:
        target = urlsplit(urljoin(path.as_uri(), link["href"])).path
        target = Path(unquote(target))
        assert (target / "index.html" if link["href"].endswith("/") else target).is_file(), link


def test_the_page_embeds_rules_holidays_and_texts(real_site):
    soup = parse_page(calculator_path(real_site, "en"))
    data = embedded(soup, "data-rules")
    assert data["rules"]["core_group_by"]["count"] == RULES.rule("core_group_by").count
    today = datetime.date.today()
    assert data["holidays"]["first_year"] <= today.year - 2
    assert data["holidays"]["last_year"] >= today.year + 5
    assert data["holidays"]["nation"] == SITE.config.bank_holidays
    assert data["texts"] == TEXTS.to_json()


def test_every_problem_the_engine_reports_has_words(real_site):
    strings = embedded(parse_page(calculator_path(real_site, "en")), "data-strings")
    codes = set(strings["errors"]) | {"weekend"}
    assert set(PROBLEM_MESSAGES) <= codes
    for template in strings["errors"].values():
        assert set(re.findall(r"\{(\w+)\}", template)) <= {"field", "year"}


# A letter of the script, then a Latin full stop ending a sentence: the script's own mark belongs there.
LATIN_FULL_STOP = {
    "bn": re.compile(r"[\u0980-\u09ff]\.(\s|$)"),
    "pa": re.compile(r"[\u0a00-\u0a7f]\.(\s|$)"),
    "ur": re.compile(r"[\u0600-\u06ff]\.(\s|$)"),
}


def strings_in(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("lang", sorted(LATIN_FULL_STOP))
def test_sentences_end_with_the_scripts_own_full_stop(real_site, lang):
    soup = parse_page(calculator_path(real_site, lang))
    texts = strings_in(embedded(soup, "data-strings")) + strings_in(embedded(soup, "data-rules")["texts"])
    texts.append(soup.select_one("main").get_text(" "))
    for text in texts:
        assert not LATIN_FULL_STOP[lang].search(text), text


def test_bengali_numbers_are_bengali_digits_throughout(real_site):
    soup = parse_page(calculator_path(real_site, "bn"))
    texts = strings_in(embedded(soup, "data-strings")) + strings_in(embedded(soup, "data-rules")["texts"])
    for element in soup.select(".rules, .example, .hint"):
        texts.append(element.get_text(" "))
    for text in texts:
        without_placeholders = re.sub(r"\{\w+\}|%\(\w+\)[sd]", "", text)
        assert not re.search(r"[0-9]", without_placeholders), text
    assert "১৮ ডিসেম্বর, ২০২৬" in soup.select_one(".example").get_text()


def test_scripts_are_classic_files(real_site):
    path = calculator_path(real_site, "en")
    soup = parse_page(path)
    for script in soup.find_all("script"):
        assert script.has_attr("src"), "inline scripts are not allowed by the CSP"
        # A module would not run from disk (file://).
        assert script.get("type") in (None, "text/javascript")
        assert (path.parent / script["src"]).resolve().is_file()


def test_a_page_without_translated_texts_marks_them_english(fixture_site):
    assert not (FIXTURE_CONTENT / "ar" / "timeline.yaml").exists()
    soup = parse_page(calculator_path(fixture_site, "ar"))
    assert soup.select_one(".rule-list h3")["lang"] == "en"
    assert embedded(soup, "data-strings")["texts_lang"] == "en"


# ---------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, never one that Playwright downloads."""
    with chromium() as launched:
        yield launched


class Visit:
    """A page opened from disk, with every request and script error recorded."""

    def __init__(self, browser, site: Path, *, today: str = "2026-11-23", **options):
        options.setdefault("viewport", PHONE)
        self.context = browser.new_context(accept_downloads=True, **options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.clock.set_fixed_time(f"{today}T10:00:00")
        self.site = site

    def open(self, lang: str = "en", fragment: str = ""):
        url = calculator_path(self.site, lang).as_uri() + (f"#{fragment}" if fragment else "")
        self.page.goto(url)
        return self.page

    def open_more_dates(self) -> None:
        if not self.page.locator("#more-dates").evaluate("d => d.open"):
            self.page.click("#more-dates summary")

    def enter(self, field: str, day: str, month: str, year: str) -> None:
        page = self.page
        if field != "icpc":
            self.open_more_dates()
        page.fill(f"#{field}-day", day)
        page.fill(f"#{field}-month", month)
        page.fill(f"#{field}-year", year)

    def submit(self) -> None:
        self.page.click("#calculator-form button[type=submit]")

    def shown_dates(self) -> list[str]:
        return self.page.eval_on_selector_all("#results .timeline-when time", "ts => ts.map(t => t.dateTime)")

    def close(self) -> None:
        assert not self.errors, self.errors
        assert all(url.startswith(("file:", "blob:", "data:")) for url in self.requests), [
            url for url in self.requests if not url.startswith(("file:", "blob:", "data:"))
        ]
        self.context.close()


@pytest.fixture
def visit(browser, real_site):
    visits: list[Visit] = []

    def make(**options) -> Visit:
        visits.append(Visit(browser, real_site, **options))
        return visits[-1]

    yield make
    for item in visits:
        item.close()


def python_dates(**inputs) -> list[str]:
    years = range(2024, 2032)
    holidays = bank_holidays(SITE.config.bank_holidays, years)
    timeline = compute_timeline(RULES, TimelineInputs(**inputs), holidays)
    return [milestone.date.isoformat() for milestone in timeline]


def test_the_dates_from_disk_match_the_python_engine(visit):
    v = visit()
    page = v.open()
    assert page.locator("#calculator").is_visible()
    v.enter("icpc", "18", "12", "2026")
    v.submit()
    assert v.shown_dates() == python_dates(icpc=datetime.date(2026, 12, 18))
    assert page.evaluate("document.activeElement.id") == "results-heading"
    first = page.locator("#timeline li").first
    assert "Friday, 18 December 2026" in first.inner_text()
    assert "in 25 days" in first.inner_text()
    assert "Next" in first.inner_text()
    assert page.locator("#timeline li a").first.get_attribute("href").endswith("/index.html")


def test_past_and_next_are_marked_in_words(visit):
    v = visit(today="2027-02-01")
    page = v.open(fragment="conference=2026-12-18")
    # The three past dates are folded away, marked as past, one tap from view.
    past = page.locator("#past-dates")
    assert past.is_visible() and not past.evaluate("d => d.open")
    assert page.inner_text("#past-dates-summary") == "Dates that have passed: 3"
    page.click("#past-dates-summary")
    past_texts = page.locator("#past-timeline > li").all_inner_texts()
    assert len(past_texts) == 3 and all("Past" in text for text in past_texts)
    first = page.locator("#timeline > li").first
    assert "Next" in first.inner_text() and "in 16 days" in first.inner_text()
    assert page.locator("#timeline li[aria-current=step] .timeline-when time").get_attribute("datetime") == (
        "2027-02-17"
    )
    summary = page.inner_text("#results-summary")
    assert "Core group meeting: by Wednesday, 17 February 2027" in summary
    assert "social worker" in summary


def test_later_dates_and_interval_count(visit):
    v = visit()
    v.open()
    v.enter("icpc", "18", "12", "2026")
    v.enter("first_core_group", "8", "1", "2027")
    v.enter("review_conference_1", "11", "3", "2027")
    v.open_more_dates()
    v.page.fill("#interval_weeks", "4")
    v.submit()
    assert v.shown_dates() == python_dates(
        icpc=datetime.date(2026, 12, 18),
        first_core_group=datetime.date(2027, 1, 8),
        review_conferences=(datetime.date(2027, 3, 11),),
        interval_weeks=4,
    )
    assert "It was due by Wednesday, 6 January 2027" in v.page.inner_text("#timeline")


def test_strategy_discussion_only(visit):
    v = visit()
    v.open()
    v.enter("strategy_discussion", "4", "12", "2026")
    v.submit()
    assert v.shown_dates() == python_dates(strategy_discussion=datetime.date(2026, 12, 4))


def test_the_error_summary_names_each_problem_and_links_to_it(visit):
    v = visit()
    page = v.open()
    v.submit()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error:")
    link = summary.locator("a")
    assert link.count() == 1
    assert link.inner_text().startswith("Enter the date of the conference")
    link.click()
    assert page.evaluate("document.activeElement.id") == "icpc-day"

    v.enter("icpc", "30", "2", "2027")
    v.enter("first_core_group", "1", "", "2027")
    page.fill("#interval_weeks", "7")
    v.submit()
    assert summary.locator("a").all_inner_texts() == [
        "The conference date must be a real date, for example 18 12 2026",
        "The first core group date must include a day, a month and a year",
        "Enter a number of weeks from 1 to 6",
    ]
    assert page.get_attribute("#icpc-day", "aria-invalid") == "true"
    assert page.get_attribute("#first_core_group-month", "aria-invalid") == "true"
    assert page.get_attribute("#first_core_group-day", "aria-invalid") is None
    assert "must be a real date" in page.inner_text("#icpc-error")
    assert page.locator("#results").is_hidden()


def test_order_and_distance_errors(visit):
    v = visit()
    page = v.open()
    v.enter("icpc", "18", "12", "2026")
    v.enter("first_core_group", "17", "12", "2026")
    v.submit()
    assert page.locator("#error-summary a").all_inner_texts() == [
        "The first core group meeting must be on or after the conference date"
    ]
    v.enter("first_core_group", "", "", "")
    v.enter("icpc", "24", "11", "2028")
    v.submit()
    assert page.locator("#error-summary a").all_inner_texts() == [
        "The conference date must be within 2 years of today"
    ]


def test_a_weekend_conference_is_allowed_but_flagged(visit):
    v = visit()
    page = v.open()
    v.enter("icpc", "16", "1", "2027")
    v.submit()
    assert page.locator("#error-summary").is_hidden()
    assert "is on a Saturday or Sunday" in page.inner_text("#results-warnings")
    assert len(v.shown_dates()) == len(python_dates(icpc=datetime.date(2027, 1, 16)))


def test_copy_link_puts_the_dates_after_the_hash(visit):
    v = visit()
    page = v.open()
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    v.enter("icpc", "18", "12", "2026")
    v.open_more_dates()
    page.fill("#interval_weeks", "4")
    v.submit()
    assert page.inner_text("#share") == "Copy link"  # no Share sheet for pages opened from disk
    page.click("#share")
    page.locator("#action-status:not(:empty)").wait_for()
    if page.inner_text("#action-status") == "Link copied.":
        link = page.evaluate("navigator.clipboard.readText()")
    else:
        link = page.input_value("#copy-fallback-input")
    assert link.endswith("/en/calculator/index.html#conference=2026-12-18&weeks=4")
    assert "#" not in page.url  # the page's own address is left alone: nothing is stored

    other = v.context.new_page()
    other.clock.set_fixed_time("2026-11-23T10:00:00")
    other.goto(link)
    assert other.input_value("#icpc-day") == "18" and other.input_value("#interval_weeks") == "4"
    shown = other.eval_on_selector_all("#results .timeline-when time", "ts => ts.map(t => t.dateTime)")
    assert shown == python_dates(icpc=datetime.date(2026, 12, 18), interval_weeks=4)


def test_add_to_calendar_makes_an_importable_file(visit):
    v = visit()
    page = v.open(fragment="conference=2026-12-18")
    with page.expect_download() as download_info:
        page.click("#add-to-calendar")
    download = download_info.value
    assert download.suggested_filename == "core-group-dates.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    starts = [event.decoded("DTSTART").isoformat() for event in events]
    assert starts == python_dates(icpc=datetime.date(2026, 12, 18))
    assert str(events[1]["SUMMARY"]) == "Due by: First core group meeting"
    assert "The real date comes from your social worker" in str(events[1]["DESCRIPTION"])
    assert all(len(event.walk("VALARM")) == 1 for event in events)
    assert "calendar file" in page.inner_text("#action-status")


def test_print_button_prints(visit):
    v = visit()
    page = v.open(fragment="conference=2026-12-18")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.click("#print")
    assert page.evaluate("window.printed") is True


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_fits_a_phone_screen(visit, lang):
    v = visit(viewport={"width": 320, "height": 640})
    page = v.open(lang, fragment="conference=2026-12-18")
    page.click("#more-dates summary")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for selector in ("#icpc-day", "#calculator-form button[type=submit]", "#add-to-calendar"):
        assert page.locator(selector).bounding_box()["height"] >= 44


def test_arabic_page_takes_arabic_digits_and_shows_arabic_dates(visit):
    v = visit()
    page = v.open("ar")
    assert page.get_attribute("html", "dir") == "rtl"
    v.enter("icpc", "١٨", "١٢", "٢٠٢٦")
    v.submit()
    assert v.shown_dates() == python_dates(icpc=datetime.date(2026, 12, 18))
    assert "ديسمبر" in page.locator("#results .timeline-when time").first.inner_text()


def test_without_javascript_the_page_still_explains(visit):
    v = visit(java_script_enabled=False)
    page = v.open()
    assert page.locator("#calculator").is_hidden()
    assert page.locator(".rule-list li").count() == len(RULES.rules)
    assert page.locator(".timeline-example li").count() == len(example_timeline())


def axe_violations(v: Visit) -> list[str]:
    """axe-core's WCAG A and AA violations on the page as it is now."""
    page = v.page
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) => v.id + ": " + v.help + " at " +
                v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
        }""",
        AXE_TAGS,
    )
    # From disk, axe's own attempts to re-read the stylesheets are refused: not the page's errors.
    v.errors[:] = [error for error in v.errors if "XMLHttpRequest" not in error]
    v.errors[:] = [error for error in v.errors if "net::ERR_FAILED" not in error]
    return violations


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_results_and_errors_pass_axe(visit, lang):
    v = visit()
    page = v.open(lang, fragment="conference=2026-12-18&first-core-group=2027-01-08")
    assert page.locator("#results").is_visible()
    assert axe_violations(v) == []
    v.enter("icpc", "31", "2", "2027")
    v.submit()
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(v) == []
