"""Work spread over every core by forking this process.

The workers inherit everything already built (the app, the site model, the Markdown renderer), so
only each task and its answer cross between processes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

FORK_FROM = 40  # items (pages, texts); fewer are done sooner in this process than by forking
_TASK: Callable[[Any], Any] | None = None  # the function the forked workers inherit and run


def fork_map(function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """function(item) for each item, in order: in forked workers on every core when there are at
    least FORK_FROM items and forking is safe, else here."""
    workers = _workers(len(items), FORK_FROM)
    if workers == 1:
        return [function(item) for item in items]
    global _TASK
    _TASK = function
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, items, chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _TASK = None


def _run(item: Any) -> Any:
    return _TASK(item)


def _workers(items: int, minimum: int) -> int:
    """A fork copies only the thread that forks, so forking while other threads run (a test run's web
    server, say) could copy a lock that one of them holds, held for ever: then one process it is."""
    if (
        items < minimum
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 1
    return max(1, min(cores(), items))


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
