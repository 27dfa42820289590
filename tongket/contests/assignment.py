"""Which judges read which entries: k per entry, even loads, no conflicts.

Pure Python over ids, so it is tested (with hypothesis) without a database.

The plan is greedy. Entries are taken most constrained first (fewest judges
without a conflict), and each gets the least loaded judges it may have. Without
conflicts this keeps every judge's load within one of every other's: picking the k
least loaded out of loads that differ by at most one leaves them differing by at
most one. Ties are broken towards judges who have read fewest entries with the
judges already chosen for this one, so that panels mix: the calibration compares
judges through the entries they share, and a jury split into fixed panels could
not be put on one scale.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class AssignmentPlan[E: Hashable, J: Hashable]:
    new: list[tuple[E, J]] = field(default_factory=list)
    # Entries that could not get k judges (too few judges without a conflict).
    short: dict[E, int] = field(default_factory=dict)


def plan_assignments[E: Hashable, J: Hashable](
    entries: Sequence[E],
    judges: Sequence[J],
    k: int,
    *,
    conflicts: Iterable[tuple[E, J]] = (),
    existing: Iterable[tuple[E, J]] = (),
) -> AssignmentPlan[E, J]:
    """New ``(entry, judge)`` pairs bringing every entry up to ``k`` judges.

    ``existing`` assignments are kept and count towards both the entry's ``k`` and
    the judge's load (also those of entries not being planned, so that one entry can
    be re-planned alone); ``conflicts`` are ``(entry, judge)`` pairs never to assign.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    banned = set(conflicts)
    panels: dict[E, list[J]] = {entry: [] for entry in entries}
    load: Counter[J] = Counter({judge: 0 for judge in judges})
    together: Counter[tuple[Hashable, Hashable]] = Counter()
    for entry, judge in existing:
        if judge not in load:
            continue
        if entry not in panels:
            load[judge] += 1  # another entry's reading still weighs on the judge
        elif judge not in panels[entry]:
            panels[entry].append(judge)
            load[judge] += 1
    for panel in panels.values():
        _count_pairs(together, panel)
    rank = {judge: index for index, judge in enumerate(judges)}

    def allowed(entry: E) -> list[J]:
        return [j for j in judges if (entry, j) not in banned and j not in panels[entry]]

    plan: AssignmentPlan[E, J] = AssignmentPlan()
    position = {entry: index for index, entry in enumerate(panels)}
    order = sorted(entries, key=lambda entry: (len(allowed(entry)), position[entry]))
    for entry in order:
        panel = panels[entry]
        while len(panel) < k:
            candidates = allowed(entry)
            if not candidates:
                plan.short[entry] = k - len(panel)
                break
            judge = min(
                candidates,
                key=lambda j: (load[j], sum(together[_pair(j, o)] for o in panel), rank[j]),
            )
            for other in panel:
                together[_pair(judge, other)] += 1
            panel.append(judge)
            load[judge] += 1
            plan.new.append((entry, judge))
    return plan


def _pair(a: Hashable, b: Hashable) -> tuple[Hashable, Hashable]:
    return (a, b) if repr(a) <= repr(b) else (b, a)


def _count_pairs(together: Counter[tuple[Hashable, Hashable]], panel: Sequence[Hashable]) -> None:
    for index, judge in enumerate(panel):
        for other in panel[index + 1 :]:
            together[_pair(judge, other)] += 1
