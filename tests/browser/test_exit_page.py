"""Exit this page: replaces the page at once (button or Shift x3), leaves no Back entry, works
as a plain link without JavaScript, and can be switched off or pointed elsewhere."""

from __future__ import annotations

import build
from portal.yamlfile import read_text
from tests.browser.conftest import real_config
from tests.helpers import parse_page, project_site

FAMILY_PAGE = "en/what-is-a-core-group/index.html"


def test_button_replaces_the_page_and_removes_it_from_history(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + "en/index.html")
    page.goto(site_server.url + FAMILY_PAGE)
    with page.expect_navigation():
        page.click(".exit-page-button")
    assert page.url == real_config().exit_page_url
    page.go_back()
    assert page.url == site_server.url + "en/index.html", "Back must skip the page that was left"


def test_shift_three_times_exits_and_says_how_many_presses_remain(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + "en/index.html")
    page.goto(site_server.url + FAMILY_PAGE)
    box = page.locator("[data-exit-page]")
    status = page.locator("[data-exit-page-status]")
    page.keyboard.press("Shift")
    assert status.text_content() == box.get_attribute("data-shift-two")
    page.keyboard.press("Shift")
    assert status.text_content() == box.get_attribute("data-shift-one")
    with page.expect_navigation():
        page.keyboard.press("Shift")
    assert page.url == real_config().exit_page_url
    page.go_back()
    assert page.url == site_server.url + "en/index.html"


def test_other_keys_between_shift_presses_start_the_count_again(phone, site_server):
    phone.goto(site_server.url + FAMILY_PAGE)
    for key in ("Shift", "Shift", "a", "Shift", "Shift"):
        phone.keyboard.press(key)
    phone.wait_for_timeout(200)
    assert phone.url == site_server.url + FAMILY_PAGE


def test_without_javascript_the_button_is_a_plain_link(fresh_context, site_server):
    page = fresh_context(java_script_enabled=False).new_page()
    page.goto(site_server.url + FAMILY_PAGE)
    with page.expect_navigation():
        page.click(".exit-page-button")
    assert page.url == real_config().exit_page_url


def test_exit_button_is_on_family_pages_not_professional_ones(real_site):

    site = project_site()
    expected = {"en/index.html": True, "en/families/index.html": True, "en/professionals/index.html": False}
    expected |= {f"en/{page.slug}/index.html": page.is_for_families for page in site.pages_in("en")}
    assert any(expected.values()) and not all(expected.values())
    for path, shown in expected.items():
        soup = parse_page(real_site / path)
        link = soup.select_one("a.exit-page-button[data-exit-page-link]")
        assert bool(link) == shown, path
        if shown:
            assert link["href"] == real_config().exit_page_url


def test_exit_page_can_be_switched_off_or_sent_elsewhere(content_copy, tmp_path):
    site_yaml = content_copy / "site.yaml"
    original = read_text(site_yaml)
    assert "exit_page:\n  enabled: true\n  url: https://www.google.co.uk/" in original

    site_yaml.write_text(
        original.replace("url: https://www.google.co.uk/", "url: https://www.bbc.co.uk/weather")
    )
    elsewhere = build.build(content_copy, tmp_path / "elsewhere")
    soup = parse_page(elsewhere / "en" / "what-is-a-core-group" / "index.html")
    assert soup.select_one(".exit-page-button")["href"] == "https://www.bbc.co.uk/weather"

    site_yaml.write_text(original.replace("enabled: true", "enabled: false"))
    off = build.build(content_copy, tmp_path / "off")
    for path in off.rglob("*.html"):
        assert not parse_page(path).select("[data-exit-page], .exit-page-button"), path
