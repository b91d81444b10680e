"""Translations are untrusted: every interface string reaches pages and leaflets as text, and
leaflets fetch nothing but the site's own files."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from portal import i18n
from portal.app import create_app
from portal.freezing import make_freezer
from portal.leaflets import LEAFLETS, LeafletCatalogue, LeafletFile, MadeLeaflet, leaflet_documents
from portal.leaflets.pdf import STATIC_DIR, RefusedResource, allowed_file, render_pdf, site_files_only
from tests.conftest import FIXTURE_CONTENT
from tests.helpers import html_pages

LANGUAGES = ("en", "pl", "ar")  # every language of the fixture site, English too
HOSTILE = '<b>x</b>"\'<a rel="attachment" href="file:///etc/passwd">p</a><meta http-equiv=refresh>'


def _hostile_catalogue(folder: Path, lang: str) -> None:
    """Every msgstr of `lang` starts with tags and quotes; placeholders are kept so pages render."""
    with i18n.TEMPLATE_POT.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    for message in catalogue:
        if not message.id:
            continue
        if message.pluralizable:
            forms = catalogue.num_plurals
            message.string = tuple(HOSTILE + message.id[min(index, 1)] for index in range(forms))
        else:
            message.string = HOSTILE + message.id
    target = folder / lang / "LC_MESSAGES" / "messages.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_mo(handle, catalogue)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-translations")
    for lang in LANGUAGES:
        _hostile_catalogue(folder, lang)
    app = create_app(FIXTURE_CONTENT, settings={"BABEL_TRANSLATION_DIRECTORIES": str(folder)})
    # Stand-in files, so the leaflets page shows download labels (translated in Python code).
    files = (LeafletFile("guide-pl.pdf", "pdf", b"%PDF-", 2), LeafletFile("guide-pl.docx", "docx", b"PK"))
    made = MadeLeaflet(LEAFLETS[0], "pl", "Guide", ("what-is-a-core-group",), files)
    app.extensions["leaflets"] = LeafletCatalogue((made,))
    return app


def _injected(soup: BeautifulSoup) -> list[str]:
    tags = soup.find_all("b", string="x") + soup.find_all("meta", attrs={"http-equiv": "refresh"})
    tags += soup.find_all(attrs={"rel": "attachment"})
    return [str(tag) for tag in tags]


def test_every_interface_string_reaches_every_page_as_text(hostile_app, tmp_path):
    make_freezer(hostile_app, tmp_path).freeze()
    pages = html_pages(tmp_path)
    assert len(pages) > 20
    assert "PDF, " in (tmp_path / "pl" / "leaflets" / "index.html").read_text(encoding="utf-8")
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert not _injected(soup), page
        # The hostile text is there, shown as the characters it is made of.
        assert "<b>x</b>\"'" in soup.get_text(), page


def test_every_interface_string_reaches_the_leaflets_as_text(hostile_app):
    documents = leaflet_documents(hostile_app)
    assert documents
    for document in documents:
        soup = BeautifulSoup(document.html, "lxml")
        assert not _injected(soup), document.stem
        assert "<b>x</b>\"'" in soup.get_text(), document.stem


def test_the_fetcher_refuses_files_outside_the_static_folder():
    assert allowed_file((STATIC_DIR / "css" / "site.css").as_uri())
    for url in (
        "file:///etc/passwd",
        (STATIC_DIR / ".." / "content" / "site.yaml").as_uri(),
        "file://other-host" + str(STATIC_DIR / "css" / "site.css"),
        "FILE:///etc/passwd",
    ):
        assert not allowed_file(url), url
    fetcher = site_files_only()
    with pytest.raises(BaseException, match="/etc/passwd"):
        fetcher.fetch("file:///etc/passwd")


@pytest.fixture
def listening_socket():
    """A local server that is never served: the test checks that nobody connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def _nobody_connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()  # a finished connect would be waiting here already
    except BlockingIOError:
        return True
    connection.close()
    return False


@pytest.mark.parametrize("scheme", ["http", "https", "ftp"])
def test_the_fetcher_refuses_the_network_before_connecting(listening_socket, scheme):
    port = listening_socket.getsockname()[1]
    url = f"{scheme}://127.0.0.1:{port}/image.png"
    with pytest.raises(BaseException, match="127.0.0.1"):
        site_files_only().fetch(url)
    with pytest.raises(RefusedResource, match="a leaflet may use only the site's own files"):
        render_pdf(f'<!doctype html><html lang="en"><body><p>x<img src="{url}" alt=""></p></body></html>')
    assert _nobody_connected(listening_socket)


@pytest.mark.parametrize(
    "attachment",
    [
        '<a rel="attachment" href="{url}">file</a>',
        '<a rel="nofollow Attachment" href="{url}">file</a>',
        '<link rel="attachment" href="{url}">',
    ],
)
def test_a_leaflet_carries_no_attachment(attachment):
    # Even one of the site's own files (which the fetcher allows) is not attached.
    link = attachment.format(url=(STATIC_DIR / "css" / "site.css").as_uri())
    pdf, _ = render_pdf(
        f'<!doctype html><html lang="en"><head>{link}</head><body><p>{link}</p></body></html>'
    )
    assert b"/EmbeddedFile" not in pdf
    assert b"/FileAttachment" not in pdf
