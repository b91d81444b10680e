"""An organisation's logo and two brand colours, refused when they would make the site harder to use.

The colours are checked against every background they are used on, in light and in dark
mode, with the WCAG 2.2 AA contrast ratio for text (4.5:1): a brand colour that readers cannot
read never reaches a page.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

LOGO_MAX_BYTES = 200 * 1024
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT_CONTRAST = 4.5

# Where each brand colour goes, and the colours it must stand out against there: the site's own
# backgrounds from static/css/site.css (tests/test_local_layer.py checks that they still match).
COLOUR_USES: dict[str, tuple[str, dict[str, str]]] = {
    "header_and_links": (
        "the header's background, and links on the light page",
        {
            "the white text of the header and the white page": "#ffffff",
            "the grey boxes on the light page and the header text in dark mode": "#f3f2f1",
            "the yellow notices on the light page": "#fff4d6",
        },
    ),
    "dark_mode_links": (
        "links and highlights in dark mode",
        {
            "the dark page": "#121212",
            "the grey boxes on the dark page": "#1f2328",
            "the notices on the dark page": "#2f2a1a",
        },
    ),
}


@dataclass(frozen=True)
class Logo:
    """A checked logo file, ready to copy to the site and to put in the leaflets."""

    path: Path
    alt: str
    data: bytes  # read once, when checked
    size: tuple[float, float]  # width and height from the file; (0, 0) when it does not say

    @property
    def filename(self) -> str:
        return "logo" + self.path.suffix.lower()

    @property
    def media_type(self) -> str:
        return LOGO_TYPES[self.path.suffix.lower()]

    def width_at(self, height: int) -> int:
        """The logo's width when shown `height` pixels tall, so the page does not jump as it loads."""
        width, tall = self.size
        return max(1, round(height * width / tall)) if width and tall else height

    def data_uri(self) -> str:
        """The logo inside a data: address, so leaflets need no file fetching."""
        encoded = base64.b64encode(self.data).decode("ascii")
        return f"data:{self.media_type};base64,{encoded}"


@dataclass(frozen=True)
class Branding:
    logo: Logo | None = None
    colours: tuple[tuple[str, str], ...] = ()  # (setting, "#rrggbb"), in COLOUR_USES order

    def colour(self, setting: str) -> str:
        return dict(self.colours).get(setting, "")


def colour_overrides_css(branding: Branding) -> str:
    """The site's colour settings (static/css/site.css) with the brand colours put in their place."""
    light = branding.colour("header_and_links")
    dark = branding.colour("dark_mode_links")
    rules = []
    if light:
        rules.append(f":root{{--brand:{light};--link:{light};--header:{light};--header-text:#ffffff}}")
    if dark:
        rules.append(f"@media (prefers-color-scheme:dark){{:root{{--brand:{dark};--link:{dark}}}}}")
    if light:
        # In dark mode the header keeps the brand colour, with the dark theme's off-white text.
        rules.append(f"@media (prefers-color-scheme:dark){{:root{{--header:{light};--header-text:#f3f2f1}}}}")
    return "\n".join(rules) + "\n"


def image_size(data: bytes, media_type: str) -> tuple[float, float]:
    """Width and height from a PNG's header or an SVG's viewBox (or width and height); 0s when unknown."""
    if media_type == "image/png":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    root = ElementTree.fromstring(data)
    numbers = re.findall(r"-?[0-9.]+", root.get("viewBox", ""))
    if len(numbers) == 4:
        return float(numbers[2]), float(numbers[3])
    sizes = [re.match(r"[0-9.]+", root.get(key, "")) for key in ("width", "height")]
    return (float(sizes[0][0]), float(sizes[1][0])) if all(sizes) else (0, 0)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def colour_parser(setting: str):
    """A parser for one brand colour that refuses it when its contrast is too low where it is used."""
    use, backgrounds = COLOUR_USES[setting]

    def parse(value: object) -> str:
        if not isinstance(value, str) or not HEX_COLOUR.match(value):
            raise ValueError('write the colour as # and six hexadecimal digits, in quotes, e.g. "#1d4f91"')
        colour = value.lower()
        for background_name, background in backgrounds.items():
            ratio = contrast_ratio(colour, background)
            if ratio < AA_TEXT_CONTRAST:
                raise ValueError(
                    f"{colour} is used for {use}, but its contrast with {background_name} ({background}) is "
                    f"only {_round_down(ratio)}:1; WCAG 2.2 AA needs at least {AA_TEXT_CONTRAST}:1, "
                    "so choose a " + ("darker" if setting == "header_and_links" else "lighter") + " colour"
                )
        return colour

    return parse


def _round_down(ratio: float) -> str:
    """A ratio as people quote it, never rounded up past the threshold (4.49 is not 4.5)."""
    return f"{int(ratio * 100) / 100:.2f}"


def read_logo(path: Path) -> bytes | str:
    """A logo file's bytes when it can be used, else what is wrong with it."""
    if path.suffix.lower() not in LOGO_TYPES:
        return f"the logo must be an .svg or .png file, not '{path.name}'"
    if not path.is_file():
        return f"the logo file '{path}' does not exist: put it in the same folder as site.yaml"
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return (
            f"the logo '{path.name}' is {size // 1024} KB; the limit is {LOGO_MAX_BYTES // 1024} KB "
            "so that pages stay fast on a slow phone: save it smaller"
        )
    data = path.read_bytes()
    if path.suffix.lower() == ".png":
        return data if data.startswith(PNG_SIGNATURE) else f"'{path.name}' is not a PNG image"
    return _svg_problem(data, path.name) or data


def _svg_problem(data: bytes, name: str) -> str | None:
    # The logo is shown with <img> (which runs no scripts) and inside the PDF leaflets; an SVG
    # that loads other files could make the leaflet maker read files from the build machine.
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        return f"'{name}': save the SVG without a DOCTYPE or entities"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"'{name}' is not a valid SVG file ({error})"
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        return f"'{name}' is not an SVG image (its first element is not <svg>)"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject"):
            return f"'{name}': a logo cannot contain <{tag}>"
        for attribute, value in element.attrib.items():
            if attribute.rsplit("}", 1)[-1] == "href" and not value.startswith("#"):
                return f"'{name}': the logo links to another file ('{value}'); put everything in the one SVG"
            if attribute.startswith("on"):
                return f"'{name}': a logo cannot contain scripts ('{attribute}')"
    return None
