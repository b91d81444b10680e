"""Content errors that name the file, the line and what to fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    """One problem in one content or configuration file."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}" if self.line else display_path(self.path)
        return f"{where}: {self.message}"


def display_path(path: Path) -> str:
    """The path as the reader typed it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ContentErrors(Exception):
    """All the problems found in one build, reported together."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"The build stopped: {len(self.errors)} problem(s) to fix."]
        lines += [f"  {error}" for error in self.errors]
        return "\n".join(lines)


class ErrorList:
    """Collects errors while loading so that every problem is reported, not only the first."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, path: Path, line: int | None, message: str) -> None:
        self.errors.append(ContentError(Path(path), line, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)
