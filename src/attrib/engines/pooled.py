"""Extension on this machine's worker processes, which the local engine and the store use
(`conclude`'s `extend`). Apart from `local`, so that a view concluding a store imports no
page reader."""

from __future__ import annotations

from collections.abc import Sequence

from attrib.match.extend import Neighbours, seeds_by_article_pair
from attrib.models import Match, Passage
from attrib.options import Options
from attrib.pool import in_pool, worker_count

GROUPS_PER_TASK = 2_000  # pairs of articles whose matches one task extends


def extend_on_workers(
    passages: Sequence[Passage], seeds: Sequence[Match], options: Options
) -> list[Match]:
    """`extend_to_neighbours`, its article pairs shared out over the workers."""
    groups = seeds_by_article_pair(seeds)
    tasks = [groups[k : k + GROUPS_PER_TASK] for k in range(0, len(groups), GROUPS_PER_TASK)]
    shared = (Neighbours.of(passages), options)
    done = in_pool(_extend_groups, shared, tasks, worker_count(options.workers))
    return [m for chunk in done for m in chunk]


def _extend_groups(
    shared: tuple[Neighbours, Options], groups: Sequence[Sequence[Match]]
) -> list[Match]:
    neighbours, options = shared
    return [m for group in groups for m in neighbours.extend(group, options)]
