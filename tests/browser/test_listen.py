"""Listen to this page: the browser's own speech, in the page's language, with pause and stop.

The device's voices are replaced by a recording stand-in, so the tests do not depend on
which voices (if any) the machine has, and nothing is ever spoken.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import describe, run_axe
from tests.helpers import project_site

FAMILY_PAGE = "en/what-is-a-core-group/index.html"

# Replaces speechSynthesis with a recorder. `window.speechDelay`: ms before an utterance ends
# (a big number keeps it "speaking"); `window.spoken`: what was said, in order.
FAKE_SPEECH = """
(() => {
    const voices = %s;
    window.spoken = [];
    window.speechDelay = 0;
    let current = null;
    const synth = {
        getVoices: () => voices,
        speak(utterance) {
            current = utterance;
            window.spoken.push({text: utterance.text, lang: utterance.lang, voice: utterance.voice.name});
            setTimeout(() => {
                if (current === utterance) { current = null; utterance.onend && utterance.onend({}); }
            }, window.speechDelay);
        },
        cancel() {
            const utterance = current;
            current = null;
            if (utterance && utterance.onerror) utterance.onerror({error: "interrupted"});
        },
        pause() {}, resume() {}, addEventListener() {},
    };
    Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
    window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
})();
"""


def voice(name: str, lang: str, local: bool = True) -> dict:
    return {"name": name, "lang": lang, "localService": local, "default": False, "voiceURI": name}


def page_with_voices(fresh_context, voices: list[dict]):
    context = fresh_context()
    context.add_init_script(FAKE_SPEECH % json.dumps(voices))
    return context.new_page()


@pytest.mark.parametrize(
    "voices",
    [[], [voice("Polish", "pl-PL")], [voice("Online English", "en-GB", local=False)]],
    ids=["no voices", "another language only", "online voice only"],
)
def test_hidden_without_a_voice_on_the_device_for_the_language(fresh_context, site_server, voices):
    page = page_with_voices(fresh_context, voices)
    page.goto(site_server.url + FAMILY_PAGE)
    assert page.locator("[data-listen]").is_hidden()


def test_reads_the_main_content_in_order_in_the_page_language(fresh_context, site_server, axe_source):
    page = page_with_voices(
        fresh_context, [voice("US", "en-US"), voice("UK", "en-GB"), voice("Polish", "pl-PL")]
    )
    page.goto(site_server.url + FAMILY_PAGE)
    play = page.locator("[data-listen-play]")
    assert play.is_visible()
    violations = run_axe(page, axe_source)
    assert not violations, describe(violations)
    play.click()
    page.wait_for_function("() => document.querySelector('[data-listen-stop]').hidden")  # finished
    spoken = page.evaluate("window.spoken")
    assert spoken[0]["text"] == page.locator("h1").inner_text()
    assert spoken[1]["text"] == page.locator(".lead").inner_text()
    assert {item["voice"] for item in spoken} == {"UK"}, "prefers a British English voice"
    said = " ".join(item["text"] for item in spoken)
    last_paragraph = " ".join(page.locator("main p").last.inner_text().split())  # the review dates
    assert last_paragraph.split(".")[0] in said
    assert "On this page" not in said and play.inner_text() not in said
    assert all(len(item["text"]) <= 240 for item in spoken), "long paragraphs are split into sentences"


def english_page_in_another_language() -> str:
    """A page shown in English under another language (professionals' pages are in English)."""
    site = project_site()
    for code in site.config.languages[1:]:
        for slug in site.slugs:
            if site.page(code, slug).is_fallback:
                return f"{code}/{slug}/index.html"
    pytest.skip("every page is translated into every language")


def test_english_content_on_another_language_page_uses_an_english_voice(fresh_context, site_server):
    path = english_page_in_another_language()
    page = page_with_voices(fresh_context, [voice("Polish", "pl-PL"), voice("UK", "en-GB")])
    page.goto(site_server.url + path)
    assert page.locator(".page-body[lang='en']").count() == 1
    page.locator("[data-listen-play]").click()
    page.wait_for_function("() => window.spoken.length > 0")
    assert page.evaluate("window.spoken[0].lang") == "en-GB"


def test_pause_carry_on_and_stop(fresh_context, site_server):
    page = page_with_voices(fresh_context, [voice("UK", "en-GB")])
    page.goto(site_server.url + FAMILY_PAGE)
    page.evaluate("window.speechDelay = 60000")  # each part keeps speaking until stopped
    play = page.locator("[data-listen-play]")
    stop = page.locator("[data-listen-stop]")
    play.click()
    assert play.inner_text() == play.get_attribute("data-label-pause") and stop.is_visible()
    assert page.evaluate("window.spoken.length") == 1
    assert page.locator("h1").evaluate("element => element.classList.contains('being-read')")

    play.click()  # pause
    assert play.inner_text() == play.get_attribute("data-label-resume")
    play.click()  # carry on: the part that was cut off starts again
    assert page.evaluate("window.spoken.map((item) => item.text)") == [page.locator("h1").inner_text()] * 2

    stop.focus()
    page.keyboard.press("Enter")
    assert play.inner_text() == play.get_attribute("data-label-listen")
    assert stop.is_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-listen-play')")
    assert page.locator(".being-read").count() == 0


def test_listen_button_works_by_keyboard(fresh_context, site_server):
    page = page_with_voices(fresh_context, [voice("UK", "en-GB")])
    page.goto(site_server.url + FAMILY_PAGE)
    page.evaluate("window.speechDelay = 60000")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-listen-play')"):
            break
    else:
        raise AssertionError("Tab never reached the Listen button")
    page.keyboard.press("Enter")
    assert page.evaluate("window.spoken.length") == 1
    page.keyboard.press("Space")
    assert page.locator("[data-listen-play]").inner_text() == page.get_attribute(
        "[data-listen-play]", "data-label-resume"
    )
