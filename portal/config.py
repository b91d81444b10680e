"""The site configuration (content/site.yaml): the host organisation's local details."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from portal.branding import COLOUR_USES, LOGO_TYPES, Branding, Logo, colour_parser, image_size, read_logo
from portal.errors import ErrorList
from portal.languages import SOURCE_LANGUAGE, language
from portal.schema import Field, NestedProblems, parse_fields
from portal.yamlfile import Located, as_written, read_yaml_file

NATIONS = ("england-and-wales", "scotland", "northern-ireland")
# Plain addresses only: nothing that could add a header or a second recipient to a mailto: link.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
# Characters a web address never needs that could break out of HTML, XML or robots.txt.
URL_UNSAFE = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.phone or self.email or self.address)


@dataclass(frozen=True)
class SiteConfig:
    """Everything local that the pages show; empty strings mean 'not configured'."""

    organisation_name: str = ""
    organisation_website: str = ""
    contact: Contact = Contact()
    local_procedures: tuple[Link, ...] = ()
    other_formats: str = ""
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    bank_holidays: str = "england-and-wales"
    base_url: str = ""
    exit_page_enabled: bool = True
    exit_page_url: str = "https://www.google.co.uk/"
    privacy_host_logs: str = ""  # what the host's own web server logs keep, for the privacy page
    branding: Branding = Branding()


def optional_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError('write plain text, or "" to leave it empty')
    return " ".join(str(value).split())


def _https_url(value: Any) -> str:
    """An https:// address, or "" to leave it empty; nothing in it can break out of an HTML attribute."""
    text = optional_text(value)
    if not text:
        return ""
    problem = f"'{text}' must be a full web address starting with https://, e.g. https://www.example.org/"
    try:
        parts = urlsplit(text)
    except ValueError:
        raise ValueError(problem) from None
    if parts.scheme != "https" or not text.startswith("https://") or not parts.hostname:
        raise ValueError(problem)
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"'{text}': a web address here cannot carry a user name or password")
    if character := URL_UNSAFE.search(text):
        raise ValueError(
            f"'{text}': a web address cannot contain {character[0]!r}; "
            "copy it again from the browser's address bar"
        )
    return text


def email_address(value: Any) -> str:
    text = optional_text(value)
    if text and not EMAIL_PATTERN.match(text):
        raise ValueError(f"'{text}' is not an email address")
    return text


def _base_url(value: Any) -> str:
    text = _https_url(value)
    if text and (not text.endswith("/") or "?" in text or "#" in text):
        raise ValueError("must end with '/' and be only the site's address, e.g. https://guide.example.org/")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("write true or false")
    return value


def _nation(value: Any) -> str:
    if value not in NATIONS:
        raise ValueError(f"must be one of: {', '.join(NATIONS)}")
    return value


def _languages(value: Any) -> tuple[str, ...]:
    codes = [str(as_written(item)) for item in value] if isinstance(value, list) else None
    if not codes or codes[0] != SOURCE_LANGUAGE:
        raise ValueError("list the language codes with en first, e.g. [en, pl, ar]")
    for code in codes:
        if code != code.lower():
            raise ValueError(f"write the language code '{code}' in lower case: '{code.lower()}'")
        language(code)  # raises ValueError for an unknown code
    if twice := [code for code in dict.fromkeys(codes) if codes.count(code) > 1]:
        raise ValueError(f"the language '{twice[0]}' is listed twice")
    return tuple(codes)


class _Section:
    """Parses a nested mapping with its own fields, keeping errors' line numbers."""

    def __init__(self, fields: dict[str, Field]):
        self.fields = fields

    def __call__(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"must contain the keys {', '.join(self.fields)}")
        values, problems = parse_fields(value, self.fields, 0)
        if problems:
            raise NestedProblems(problems)
        return values


def _link(value: Any) -> Link:
    values = _Section(
        {"title": Field(optional_text, True, text=True), "url": Field(_https_url, True, text=True)}
    )(value)
    if not values["title"] or not values["url"]:
        raise ValueError("each local procedure needs a title and an https:// url")
    return Link(values["title"], values["url"])


def _links(value: Any) -> tuple[Link, ...]:
    if value in (None, []):
        return ()
    if not isinstance(value, list):
        raise ValueError("write a list of items, each with a title and a url")
    return tuple(_link(item.value) for item in value)


CONFIG_FIELDS: dict[str, Field] = {
    "organisation": Field(
        _Section(
            {"name": Field(optional_text, True, text=True), "website": Field(_https_url, False, text=True)}
        ),
        True,
    ),
    "contact": Field(
        _Section(
            {
                "phone": Field(optional_text, False, text=True),
                "email": Field(email_address, False, text=True),
                "address": Field(optional_text, False, text=True),
                "hours": Field(optional_text, False, text=True),
            }
        ),
        True,
    ),
    "local_procedures": Field(_links, False),
    "other_formats": Field(optional_text, False, text=True),
    "languages": Field(_languages, True),
    "bank_holidays": Field(_nation, True),
    "base_url": Field(_base_url, False),
    "exit_page": Field(
        _Section({"enabled": Field(_bool, True), "url": Field(_https_url, False, text=True)}), False
    ),
    "privacy": Field(_Section({"host_logs": Field(optional_text, False, text=True)}), False),
    "branding": Field(
        _Section(
            {
                "logo": Field(optional_text, False, text=True),
                "logo_alt": Field(optional_text, False, text=True),
                "colours": Field(
                    _Section({name: Field(colour_parser(name), False, text=True) for name in COLOUR_USES}),
                    False,
                ),
            }
        ),
        False,
    ),
}


def load_site_config(path: Path, errors: ErrorList) -> SiteConfig:
    """Read and validate site.yaml; problems go to `errors` and defaults fill their place."""
    raw = read_yaml_file(path, errors, dict, "the configuration must be 'key: value' lines")
    if raw is None:
        return SiteConfig()
    values, problems = parse_fields(raw, CONFIG_FIELDS, 1)
    for line, message in problems:
        errors.add(path, line, message)
    organisation = values.get("organisation", {})
    exit_page = values.get("exit_page", {})
    return SiteConfig(
        organisation_name=organisation.get("name", ""),
        organisation_website=organisation.get("website", ""),
        contact=Contact(**values.get("contact", {})),
        local_procedures=values.get("local_procedures", ()),
        other_formats=values.get("other_formats", ""),
        languages=values.get("languages", (SOURCE_LANGUAGE,)),
        bank_holidays=values.get("bank_holidays", "england-and-wales"),
        base_url=values.get("base_url", ""),
        exit_page_enabled=exit_page.get("enabled", True),
        exit_page_url=exit_page.get("url") or SiteConfig.exit_page_url,
        privacy_host_logs=values.get("privacy", {}).get("host_logs", ""),
        branding=_branding(values.get("branding", {}), raw.get("branding"), path, errors),
    )


def _branding(values: dict, raw: Located | None, path: Path, errors: ErrorList) -> Branding:
    """The checked logo (a file beside site.yaml) and colours; a logo needs its alt text."""
    colours = values.get("colours", {})
    branding = Branding(colours=tuple((name, colours[name]) for name in COLOUR_USES if name in colours))
    if not values.get("logo"):
        return branding
    line = raw.value["logo"].line if raw is not None else None
    logo_path = path.parent / values["logo"]
    if not logo_path.resolve().is_relative_to(path.parent.resolve()):
        errors.add(path, line, "branding: the logo must be a file in the same folder as site.yaml")
        return branding
    data = read_logo(logo_path)
    if isinstance(data, str):
        errors.add(path, line, f"branding: {data}")
        return branding
    if not values.get("logo_alt"):
        errors.add(
            path,
            line,
            "branding: add 'logo_alt:' with what the logo says, e.g. the organisation's name, "
            "for readers who cannot see it",
        )
        return branding
    media_type = LOGO_TYPES[logo_path.suffix.lower()]
    logo = Logo(logo_path, values["logo_alt"], data, image_size(data, media_type))
    return Branding(logo, branding.colours)
