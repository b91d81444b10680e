"""The leaflets the build made: their files, sizes and page counts, which the views look up."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_decimal, gettext, ngettext

from portal.languages import SOURCE_LANGUAGE
from portal.leaflets.definitions import LEAFLETS, Leaflet

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class LeafletFile:
    """One downloadable file of a leaflet; its bytes are kept so that views never read files."""

    filename: str
    format: str  # a key of FORMATS
    data: bytes = field(repr=False)
    pages: int | None = None  # PDF only

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def mimetype(self) -> str:
        return FORMATS[self.format]


@dataclass(frozen=True)
class MadeLeaflet:
    """A leaflet in one language, as made by the build."""

    leaflet: Leaflet
    lang: str
    title: str
    slugs: tuple[str, ...]  # the pages it is made from
    files: tuple[LeafletFile, ...]


@dataclass(frozen=True)
class LeafletCatalogue:
    """Every leaflet made, looked up by language, page and file name."""

    made: tuple[MadeLeaflet, ...] = ()

    def for_reader(self, lang: str) -> tuple[MadeLeaflet, ...]:
        """Each leaflet in `lang`, or in English where it is not written in `lang`, in LEAFLETS order."""
        found = {(made.leaflet.name, made.lang): made for made in self.made}
        shown = []
        for leaflet in LEAFLETS:
            made = found.get((leaflet.name, lang)) or found.get((leaflet.name, SOURCE_LANGUAGE))
            if made is not None:
                shown.append(made)
        return tuple(shown)

    def about(self, lang: str, slug: str) -> tuple[MadeLeaflet, ...]:
        """The leaflets a reader of `lang` can download that contain the page `slug`."""
        return tuple(made for made in self.for_reader(lang) if slug in made.slugs)

    def file(self, lang: str, filename: str) -> LeafletFile:
        """The file `filename` of a leaflet in `lang`; raises KeyError when there is none."""
        for made in self.made:
            if made.lang == lang:
                for file in made.files:
                    if file.filename == filename:
                        return file
        raise KeyError(filename)


NO_LEAFLETS = LeafletCatalogue()


def describe_file(file: LeafletFile) -> str:
    """Format, size and pages, the way GOV.UK labels a download: "PDF, 92 KB, 4 pages"."""
    size = file_size(file.size)
    if file.format == "pdf" and file.pages:
        pages = ngettext("%(num)d page", "%(num)d pages", file.pages)
        # Translators: a download's label, e.g. "PDF, 92 KB, 4 pages"; use your language's commas.
        return gettext("PDF, %(size)s, %(pages)s", size=size, pages=pages)
    if file.format == "pdf":
        return gettext("PDF, %(size)s", size=size)
    # Translators: a download's label, e.g. "MS Word Document, 40 KB"; use your language's commas.
    return gettext("MS Word Document, %(size)s", size=size)


def file_size(size: int) -> str:
    """A file size in bytes, KB or MB (1 KB = 1,024 bytes), as GOV.UK writes it."""
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    if size < 1024 * 1024:
        return gettext("%(size)s KB", size=format_decimal(round(size / 1024)))
    return gettext("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))
