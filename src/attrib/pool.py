"""Work shared over forked processes, with results in task order.

Forked workers see the parent's memory as it was when the pool started, so a stage hands its
inputs over by reference (`shared`) instead of pickling them into every task; results come
back in task order, so the output never depends on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence, Sized
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")


class Track(Protocol):
    """How a front end shows a stage's progress: `items` passed through as they come, `total`
    units of work in all, each item `sizes[i]` units (1 without `sizes`), so a count reads in
    articles or pairs rather than in the tasks they were shared out in."""

    def __call__(
        self, items: Iterable[T], description: str, total: int, sizes: Sequence[int] | None = None
    ) -> Iterable[T]: ...


def no_progress(
    items: Iterable[T], description: str, total: int, sizes: Sequence[int] | None = None
) -> Iterable[T]:
    return items


# Set only around a pool's life: forked workers read a stage's inputs from here.
_SHARED: object = None


def worker_count(requested: int) -> int:
    """Workers for a pool: the number asked for, or one per core for 0."""
    return requested or os.cpu_count() or 1


def _run_shared(task: tuple[Callable[[object, object], R], object]) -> R:
    function, argument = task
    return function(_SHARED, argument)


def in_pool(
    function: Callable[[S, T], R],
    shared: S,
    tasks: Sequence[T],
    workers: int,
    track: Track = no_progress,
    description: str = "",
    meanwhile: Callable[[], object] | None = None,
) -> list[R]:
    """`function(shared, task)` for every task, on `workers` forked processes when there is
    more than one task; results in task order, so they do not depend on the worker count.
    Progress counts units of work, not tasks: a task that is a collection (of files, articles,
    pairs, stories) counts its items, any other task one. `meanwhile` runs in this process
    while the workers work (work the next stage's workers will inherit, instead of waiting
    for it after)."""
    global _SHARED
    workers = min(workers, len(tasks))
    sizes = [len(task) if isinstance(task, Sized) else 1 for task in tasks]
    total = sum(sizes)
    if workers <= 1:
        if meanwhile is not None:
            meanwhile()
        return list(track((function(shared, t) for t in tasks), description, total, sizes))
    _SHARED = shared
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(workers, mp_context=context)
        try:
            # map submits, so forks, before any progress thread starts
            done = pool.map(_run_shared, [(function, t) for t in tasks])
            if meanwhile is not None:
                meanwhile()
            return list(track(done, description, total, sizes))
        finally:
            # After a failure nothing is left to wait for but the tasks already running.
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _SHARED = None
