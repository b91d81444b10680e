"""Build the static site into build/site/ (atomically), or preview it, or manage translations.

python build.py              build build/site/ and build/core-group-guide-site.zip
python build.py --serve      preview on http://127.0.0.1:8000/, reloading on every change
python build.py --revisions  print the revision of each English page (for translators)
python build.py --update-translations   extract interface strings into translations/*.po
python build.py --strict     build, failing on leaflet warnings too
python build.py --review-pack [LANG ...]   write Word review packs for translators into build/review-packs/
python build.py --status     print where every page stands in every language (draft, reviewed...)
python build.py --local DIR --out DIR   build with an organisation's own folder into another build folder
python build.py --content DIR           build other content (a copy, a test corpus) with the project's code
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from portal import command_line, inputs  # noqa: E402 - the standard library only
from portal.paths import BUILD_DIR, CONTENT_DIR, SITE_NAME, ZIP_NAME  # noqa: E402

if __name__ == "__main__":
    # Before the imports below, which take most of a second: when nothing a build reads has changed
    # since the last build and its site is as that build left it, that site is the answer.
    _options = command_line.parse(sys.argv[1:], __doc__, CONTENT_DIR, BUILD_DIR)
    if command_line.builds_the_site(_options) and inputs.report_if_current(
        _options.out,
        inputs.fingerprint(_options.content, _options.local, _options.strict, _options.require_translations),
    ):
        sys.exit(0)

import rjsmin  # noqa: E402
from jinja2 import FileSystemBytecodeCache  # noqa: E402

from portal import i18n, leaflets  # noqa: E402
from portal.app import create_app  # noqa: E402
from portal.coverage import coverage, coverage_table, message_template_count  # noqa: E402
from portal.errors import ContentErrors  # noqa: E402
from portal.freezing import PreviousBuild, make_freezer  # noqa: E402
from portal.jsonfile import read_json, write_json  # noqa: E402
from portal.leaflets.cache import LEAFLET_CACHE, make_leaflets  # noqa: E402
from portal.loader import load_site  # noqa: E402
from portal.rendering import RenderCache  # noqa: E402
from portal.review import commands as review  # noqa: E402
from portal.site_zip import zip_folder  # noqa: E402

# In the build folder: the lock one build holds, its staging folder and ZIP, and the swap's journal.
LOCK_NAME = ".build.lock"
STAGING_PREFIX = ".site-new-"
OLD_SITE = ".site-old"
SWAP_JOURNAL = ".swap.json"
MARKDOWN_CACHE = ".markdown-cache.json"  # rendered Markdown by a hash of what it is made from
TEMPLATE_CACHE = ".template-cache"  # compiled Jinja templates
RENDER_KEYS = ".render-keys.json"  # the key and hash of each address of the site (portal/freezing.py)


class BuildBusy(Exception):
    """Another build is writing into the same build folder."""


class MissingTranslations(Exception):
    """Raised with --require-translations when a family page is missing in some language."""


def build(
    content_dir: Path = CONTENT_DIR,
    build_dir: Path = BUILD_DIR,
    *,
    require_translations: bool = False,
    strict: bool = False,
    leaflet_cache: Path | None = None,
    local_dir: Path | None = None,
) -> Path:
    """Make the leaflets, freeze the site into a temporary folder, then swap it in with its ZIP.

    A failure leaves the old site. The leaflets come first because the pages show their sizes.
    One build at a time writes into a build folder; each first finishes or clears what an
    interrupted build left there.
    """
    started = time.perf_counter()
    build_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(build_dir):
        read = inputs.fingerprint(content_dir, local_dir, strict, require_translations)  # before reading them
        inputs.forget_record(build_dir)
        _finish_interrupted_swap(build_dir)
        _remove_leftovers(build_dir)
        i18n.compile_catalogs()
        render_cache = RenderCache(read_json(build_dir / MARKDOWN_CACHE))
        app = create_app(content_dir, local_dir=local_dir, render_cache=render_cache)
        # Compiled templates are kept between builds (Jinja checks each against its source).
        (build_dir / TEMPLATE_CACHE).mkdir(exist_ok=True)
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(build_dir / TEMPLATE_CACHE))
        write_json(build_dir / MARKDOWN_CACHE, render_cache.used)  # only what this content uses
        site = app.extensions["site"]
        for replacement in site.replacements:
            print(f"local: {replacement}")
        warnings = [*site.warnings, *review.sign_off_warnings(site)]
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        rows = coverage(site, i18n.TRANSLATIONS_DIR, message_template_count(i18n.TEMPLATE_POT))
        print(coverage_table(rows))
        incomplete = [row.code for row in rows if row.missing or row.messages_percent < 100]
        if require_translations and incomplete:
            raise MissingTranslations(f"translations incomplete for: {', '.join(incomplete)}")
        catalogue = make_leaflets(app, leaflet_cache or build_dir / LEAFLET_CACHE)
        warnings += _report_leaflet_warnings(leaflets.leaflet_warnings(site, catalogue), strict)
        app.extensions["leaflets"] = catalogue
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=build_dir))
        zip_staging = staging.with_suffix(".zip")
        try:
            freezer = make_freezer(
                app, staging, PreviousBuild(build_dir / SITE_NAME, build_dir / RENDER_KEYS)
            )
            urls = freezer.freeze()
            _minify_scripts(staging)
            unchanged = (
                _same_files(staging, build_dir / SITE_NAME, freezer.rendered_files())
                and (build_dir / ZIP_NAME).is_file()
            )
            if not unchanged:
                zip_folder(staging, zip_staging, previous=build_dir / ZIP_NAME)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            zip_staging.unlink(missing_ok=True)
            raise
        if unchanged:  # the site in place is this one already, and so is its ZIP
            shutil.rmtree(staging, ignore_errors=True)
        else:
            _swap_in(build_dir, staging, zip_staging)
        # Each entry names its file's hash too, so an entry that does not match the site (a build
        # interrupted between the swap and this line) is never used.
        write_json(build_dir / RENDER_KEYS, freezer.made)
        inputs.write_record(build_dir, read, warnings)
    site_dir = build_dir / SITE_NAME
    pages = sum(1 for url in urls if url.endswith("/") or url.endswith(".html"))
    print(
        f"Built {pages} pages in {len(site.config.languages)} language(s) into {site_dir} "
        f"({len(freezer.rendered)} addresses rendered, {len(freezer.made) - len(freezer.rendered)} unchanged) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return site_dir


def _report_leaflet_warnings(warnings: tuple[str, ...], strict: bool) -> list[str]:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if strict and warnings:
        raise leaflets.LeafletError(
            f"{len(warnings)} leaflet warning(s), which --strict makes errors:\n  " + "\n  ".join(warnings)
        )
    return list(warnings)


def _minify_scripts(site_dir: Path) -> None:
    """Readers download the scripts without their comments and spaces (licence notices, /*! */, stay).

    The sources in static/ keep their comments for the next engineer; vendored files are already
    small, and sw.js (mostly the list of pages to keep) is left as it is.
    """
    for path in (site_dir / "static" / "js").glob("*.js"):
        path.write_text(
            rjsmin.jsmin(path.read_text(encoding="utf-8"), keep_bang_comments=True), encoding="utf-8"
        )


@contextlib.contextmanager
def _build_lock(build_dir: Path) -> Iterator[None]:
    """Hold the build folder's lock: a second build into the same folder stops at once."""
    with (build_dir / LOCK_NAME).open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(
                f"another build is writing into {build_dir}; wait for it to finish, then build again"
            ) from None
        yield  # the lock goes when the file is closed, even if this process is killed


def _swap_in(build_dir: Path, staging: Path, zip_staging: Path) -> None:
    """Put the new site and its ZIP in place of the old ones, together.

    A journal written first names both; if the build is interrupted during the swap, the next
    build finishes it, so the site and the ZIP always match and there is always a site.
    """
    write_json(build_dir / SWAP_JOURNAL, {"site": staging.name, "zip": zip_staging.name})
    _finish_interrupted_swap(build_dir)


def _finish_interrupted_swap(build_dir: Path) -> None:
    """Complete the swap the journal names (each step can be repeated safely), then drop the old site."""
    journal = build_dir / SWAP_JOURNAL
    site_dir = build_dir / SITE_NAME
    old = build_dir / OLD_SITE
    pending = read_json(journal)  # none, or unreadable: the leftovers are cleared and the old site kept
    try:
        staging, zip_staging = build_dir / Path(pending["site"]).name, build_dir / Path(pending["zip"]).name
    except (KeyError, TypeError):
        pending = {}
    if pending:
        if staging.is_dir():
            if site_dir.exists():
                shutil.rmtree(old, ignore_errors=True)
                site_dir.rename(old)
            staging.chmod(0o755)
            staging.rename(site_dir)
        if zip_staging.is_file():
            os.replace(zip_staging, build_dir / ZIP_NAME)
    journal.unlink(missing_ok=True)
    if not site_dir.exists() and old.is_dir():
        old.rename(site_dir)  # never leave no site
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(build_dir: Path) -> None:
    """Staging folders and ZIPs of builds that were interrupted before their swap began, and files
    half written (the swap's journal, the caches, the record of inputs)."""
    for path in build_dir.glob(f"{STAGING_PREFIX}*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    for path in build_dir.glob("*.partial"):
        path.unlink(missing_ok=True)


def _same_files(new: Path, old: Path, likeliest_changed: Iterable[str] = ()) -> bool:
    """True when both folders hold the same files with the same bytes.

    The files in `likeliest_changed` (those rendered again) are compared first: when one differs,
    as it usually does, the others need not be read.
    """
    new_files = sorted(path.relative_to(new).as_posix() for path in new.rglob("*") if path.is_file())
    old_files = (
        sorted(path.relative_to(old).as_posix() for path in old.rglob("*") if path.is_file())
        if old.is_dir()
        else []
    )
    if new_files != old_files:
        return False
    listed = set(new_files)
    in_order = dict.fromkeys([*(name for name in likeliest_changed if name in listed), *new_files])
    return all((new / name).read_bytes() == (old / name).read_bytes() for name in in_order)


def serve(port: int, content_dir: Path, local_dir: Path | None, build_dir: Path) -> None:
    """Preview with Flask's server; the reloader restarts it when content or code changes."""
    i18n.compile_catalogs()
    app = create_app(content_dir, local_dir=local_dir)
    app.extensions["leaflets"] = make_leaflets(app, build_dir / LEAFLET_CACHE)
    app.wsgi_app = _IndexHtmlAlias(app.wsgi_app)
    folders = [content_dir, *(ROOT / name for name in ("portal/templates", "translations", "static"))]
    watched = [
        str(path)
        for folder in [*folders, *([local_dir] if local_dir else [])]
        for path in folder.rglob("*")
        if path.is_file()
    ]
    app.run(host="127.0.0.1", port=port, debug=True, extra_files=watched)


class _IndexHtmlAlias:
    """Serve /x/index.html as /x/, since the built pages link to index.html files."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.endswith("/index.html"):
            environ["PATH_INFO"] = path[: -len("index.html")]
        return self.wsgi_app(environ, start_response)


def print_revisions(content_dir: Path = CONTENT_DIR, local_dir: Path | None = None) -> None:
    site = load_site(content_dir, local_dir=local_dir)
    for page in site.source.pages.values():
        print(f"{page.slug}@{page.revision}")
    for part, revision in review.part_revisions(site).items():
        print(f"{part} (review.yaml): {revision}")
    for page in site.source.easy_read.values():
        print(f"easy-read/{page.slug}: {page.slug}@{page.revision}")


def main(argv: list[str] | None = None) -> int:
    options = command_line.parse(argv, __doc__, CONTENT_DIR, BUILD_DIR)
    local_dir = options.local
    try:
        if options.serve:
            serve(options.port, options.content, local_dir, options.out)
        elif options.revisions:
            print_revisions(options.content, local_dir)
        elif options.review_pack is not None:
            site = load_site(options.content, local_dir=local_dir)
            for path in review.write_packs(site, tuple(options.review_pack), options.out):
                print(f"Wrote {path}")
        elif options.status:
            print(review.status_report(load_site(options.content, local_dir=local_dir)))
        elif options.update_translations is not None:
            i18n.update_catalogs(
                tuple(options.update_translations)
                or load_site(options.content, local_dir=local_dir).config.languages
            )
        else:
            build(
                options.content,
                options.out,
                require_translations=options.require_translations,
                strict=options.strict,
                local_dir=local_dir,
            )
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    except (MissingTranslations, BuildBusy, leaflets.LeafletError, review.UnknownLanguage) as error:
        print(f"The build stopped: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
