"""axe-core on every page in every language, at a phone's size, in light and dark mode."""

from __future__ import annotations

from tests.browser.conftest import built_pages, describe, run_axe


def test_the_page_list_covers_every_built_page(real_site):
    built = sorted(path.relative_to(real_site).as_posix() for path in real_site.rglob("*.html"))
    assert list(built_pages()) == built


def test_no_axe_violations_in_light_and_dark_mode(phone, site_server, axe_source, page_path):
    phone.emulate_media(color_scheme="light")
    phone.goto(site_server.url + page_path)
    light = run_axe(phone, axe_source)
    phone.emulate_media(color_scheme="dark")
    dark = run_axe(phone, axe_source)
    assert not light and not dark, f"light mode:\n{describe(light)}\ndark mode:\n{describe(dark)}"
