"""Writing contests: the contest and its rounds, entries and their authors, judging.

A contest belongs to a unit and may send its best entries to a parent contest one
level up. Entries are judged blind in rounds; each round has its own jury, and a
judge sees an entry only through an :class:`Assignment`, which is also the only
way a judge outside the contest unit's subtree reaches the contest at all.
"""

from tongket.contests.models.awards import Prize, PrizeRank, RoundResult
from tongket.contests.models.contest import (
    RANKING_METHODS,
    Contest,
    Criterion,
    JuryMember,
    Round,
)
from tongket.contests.models.entry import (
    Author,
    Entry,
    EntryAuthor,
    EntryEvent,
    EntryFile,
    EntryFingerprint,
    EventKind,
)
from tongket.contests.models.judging import (
    Assignment,
    ConflictOfInterest,
    ConflictSource,
    Score,
)

__all__ = [
    "RANKING_METHODS",
    "Assignment",
    "Author",
    "ConflictOfInterest",
    "ConflictSource",
    "Contest",
    "Criterion",
    "Entry",
    "EntryAuthor",
    "EntryEvent",
    "EntryFile",
    "EntryFingerprint",
    "EventKind",
    "JuryMember",
    "Prize",
    "PrizeRank",
    "Round",
    "RoundResult",
    "Score",
]
