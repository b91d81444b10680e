"""build.py's options, read with the standard library only (before build.py's heavy imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

from portal.paths import default_local_dir


def parse(argv: list[str] | None, description: str, content_dir: Path, build_dir: Path) -> argparse.Namespace:
    """The options, with the folders made absolute (`local` is local/ when it exists)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--serve", action="store_true", help="preview the site locally")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000)")
    parser.add_argument("--revisions", action="store_true", help="print English page revisions")
    parser.add_argument(
        "--update-translations",
        nargs="*",
        metavar="LANG",
        help="extract interface strings and update messages.po (every language, or those named)",
    )
    parser.add_argument(
        "--require-translations",
        action="store_true",
        help="fail when a family page or interface string is missing in an enabled language",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on leaflet warnings (a leaflet past its page limit, or missing in a language)",
    )
    parser.add_argument(
        "--review-pack",
        nargs="*",
        metavar="LANG",
        help="write a Word review pack for each language named (every translated language when none)",
    )
    parser.add_argument("--status", action="store_true", help="print the content status report")
    parser.add_argument(
        "--local",
        type=Path,
        metavar="DIR",
        help="the organisation's own folder (default: local/ when it exists)",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=content_dir,
        metavar="DIR",
        help="the content folder (default: content/)",
    )
    parser.add_argument(
        "--out", type=Path, default=build_dir, metavar="DIR", help="the build folder (default: build/)"
    )
    options = parser.parse_args(argv)
    options.local = options.local.resolve() if options.local else default_local_dir()
    options.content = options.content.resolve()
    options.out = options.out.resolve()  # the freezer reads a relative folder from portal/, not from here
    return options


def builds_the_site(options: argparse.Namespace) -> bool:
    """Whether these options ask for a build (rather than a preview, a report or a translation task)."""
    return not (
        options.serve
        or options.revisions
        or options.status
        or options.review_pack is not None
        or options.update_translations is not None
    )
