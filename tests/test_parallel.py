"""Pages and Markdown rendered on every core give the very files that one process gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import build
from portal import parallel
from tests.conftest import FIXTURE_CONTENT

BUILD_WITH = """
import sys
from pathlib import Path
import build
from portal import parallel
parallel.FORK_FROM = int(sys.argv[3])
build.build(Path(sys.argv[1]), Path(sys.argv[2]), leaflet_cache=Path(sys.argv[4]))
print("workers", parallel._workers(100, 1))
"""


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _build(content: Path, out: Path, from_items: int, leaflets: Path) -> str:
    """Build in a process of its own, which has no other threads (so it may fork)."""
    command = [sys.executable, "-c", BUILD_WITH, str(content), str(out), str(from_items), str(leaflets)]
    return subprocess.run(command, cwd=build.ROOT, capture_output=True, text=True, check=True).stdout


def test_a_build_on_every_core_is_byte_for_byte_a_build_in_one_process(tmp_path):
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    leaflets = tmp_path / "leaflets"
    spread = _build(content, tmp_path / "spread", 1, leaflets)  # every step forked, however small
    _build(content, tmp_path / "alone", 10**9, leaflets)
    assert f"workers {min(len(os.sched_getaffinity(0)), 100)}" in spread  # it forked, given 2+ cores
    for name in ("site", build.ZIP_NAME, build.RENDER_KEYS, build.MARKDOWN_CACHE):
        one, other = tmp_path / "spread" / name, tmp_path / "alone" / name
        assert (_files(one) == _files(other)) if one.is_dir() else one.read_bytes() == other.read_bytes(), (
            name
        )


def test_fork_map_keeps_the_order_of_the_items(monkeypatch):
    monkeypatch.setattr(parallel, "FORK_FROM", 1)
    assert parallel.fork_map(lambda number: number * number, list(range(50))) == [n * n for n in range(50)]


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel._workers(1000, 1) == 1
    finally:
        stop.set()
        other.join()


def test_few_items_are_done_in_this_process():
    assert parallel._workers(3, parallel.FORK_FROM) == 1
    assert parallel.fork_map(lambda pid: os.getpid(), [None] * 3) == [os.getpid()] * 3
