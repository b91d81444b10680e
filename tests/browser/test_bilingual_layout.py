"""English alongside: each section then its English on a phone, side by side on a wide screen, and on paper."""

from __future__ import annotations

import pytest

PAGE = "ar/what-is-a-core-group/bilingual/index.html"
WIDE = {"width": 1366, "height": 900}


def first_pair_boxes(page):
    pair = page.locator(".bilingual-pair").nth(1)
    return pair.locator(".bilingual-translation").bounding_box(), pair.locator(
        ".bilingual-english"
    ).bounding_box()


def test_on_a_phone_the_english_comes_under_the_translation(fresh_context, site_server):
    page = fresh_context().new_page()
    page.goto(site_server.url + PAGE)
    translation, english = first_pair_boxes(page)
    assert english["y"] >= translation["y"] + translation["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("media", ["screen", "print"])
def test_on_a_wide_screen_and_on_paper_the_two_sit_side_by_side_translation_first(
    fresh_context, site_server, media
):
    page = fresh_context(viewport=WIDE).new_page()
    page.emulate_media(media=media)
    page.goto(site_server.url + PAGE)
    translation, english = first_pair_boxes(page)
    assert abs(english["y"] - translation["y"]) < 2
    # Arabic reads from the right: the translation is the right-hand column, the English the left.
    assert translation["x"] > english["x"] + english["width"] - 1


def test_the_page_works_without_javascript(fresh_context, site_server):
    page = fresh_context(java_script_enabled=False).new_page()
    page.goto(site_server.url + PAGE)
    assert page.locator(".bilingual-english[lang=en][dir=ltr]").count() >= 3
    assert page.locator(".bilingual-translation[lang=ar][dir=rtl]").count() >= 2
