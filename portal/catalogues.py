"""Checking the interface translations (messages.po) before anything is built: they come from outside.

gettext tools skip what they cannot read, so a lost closing quote or a renamed placeholder would
otherwise show up as a missing word or a crashed page. Every problem names the file and the line.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from portal.errors import ContentError, ErrorList
from portal.yamlfile import YamlError, read_text

# Every line of a .po file that is not empty or a # comment is a keyword with a quoted string,
# or a quoted string continuing the one above.
STRING = r'"(?:[^"\\]|\\.)*"'
PO_LINE = re.compile(rf"^(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d\])\s+)?{STRING}$")
# Python-format placeholders the templates fill in, and {name} ones the calculator's script fills in.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
PERCENT_SIGN = re.compile(r"%%|%\(\w+\)[sd]")


def check_catalogues(folder: Path) -> list[ContentError]:
    """Problems in every translations/<lang>/LC_MESSAGES/messages.po under `folder`."""
    errors = ErrorList()
    for path in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        check_catalogue(path, errors)
    return errors.errors


def check_catalogue(path: Path, errors: ErrorList) -> None:
    """Report a catalogue's syntax errors, or else each translation whose placeholders differ."""
    try:
        text = read_text(path)
    except YamlError as error:
        errors.add(path, error.line, str(error))
        return
    bad_lines = [number for number, line in enumerate(text.splitlines(), 1) if _is_bad_line(line)]
    for number in bad_lines:
        errors.add(
            path,
            number,
            'this line cannot be read: each line is a # comment, msgid "...", msgstr "..." or a '
            '"..." continuing the text above; check for a missing closing quote',
        )
    if bad_lines:
        return
    try:
        catalogue = read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
    except PoFileError as error:
        errors.add(path, error.lineno, f"this catalogue cannot be read ({error})")
        return
    for message in catalogue:
        if message.id and not message.fuzzy:
            for problem in _placeholder_problems(message.id, message.string):
                errors.add(path, message.lineno, problem)


def _is_bad_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#") and not PO_LINE.match(stripped)


def _placeholder_problems(msgid: str | tuple, msgstr: str | tuple) -> list[str]:
    ids = msgid if isinstance(msgid, tuple) else (msgid,)
    forms = msgstr if isinstance(msgstr, tuple) else (msgstr,)
    expected = {name for form in ids for name in PLACEHOLDER.findall(form)}
    # A plural form may spell the number out ("one week"), so only it may leave out %(num)d.
    may_leave_out = {"%(num)d"} if isinstance(msgid, tuple) else set()
    problems = []
    for form in forms:
        if not form:
            continue  # untranslated: the English is shown, and the coverage table counts it
        found = set(PLACEHOLDER.findall(form))
        if missing := expected - may_leave_out - found:
            problems.append(
                f"the translation of {ids[0]!r} lacks {', '.join(sorted(missing))}: "
                "copy each placeholder exactly as it is in the English"
            )
        if added := found - expected:
            problems.append(
                f"the translation of {ids[0]!r} has {', '.join(sorted(added))}, which the English does not: "
                "placeholders must not be renamed or added"
            )
        if "%" in PERCENT_SIGN.sub("", form):
            problems.append(f"the translation of {ids[0]!r} has a lone '%': write a percent sign as '%%'")
    return problems
