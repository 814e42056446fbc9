"""Tasks the association needs done, and matching them with what members want to do and
are good at (seed 001: "the right person on the right task").

Matching is deliberately simple and explainable: tags and words are compared case-folded,
a whole tag in common counts more than a shared word, and the words in common are shown
so a person can judge the suggestion. Pure: no storage, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

from medlemsvard_app.domain.errors import DomainError


class TaskStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class OfferAnswer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    THINKING = "thinking"


@dataclass(slots=True)
class Task:
    title: str
    description: str = ""
    tags: list[str] = field(default_factory=list)
    responsible: str = ""
    status: TaskStatus = TaskStatus.OPEN
    created_on: date | None = None
    id: int | None = None

    def check(self) -> Task:
        """Cleaned copy; DomainError when it has no title."""
        title = " ".join(self.title.split())
        if not title:
            raise DomainError("task_untitled")
        seen: dict[str, str] = {}
        for tag in self.tags:
            clean = " ".join(tag.split())
            if clean:
                seen.setdefault(clean.casefold(), clean)
        tags = sorted(seen.values(), key=str.casefold)
        return Task(title, self.description.strip(), tags, " ".join(self.responsible.split()),
                    self.status, self.created_on, self.id)


@dataclass(slots=True)
class TaskOffer:
    task_id: int
    member_id: int
    offered_on: date
    answer: OfferAnswer = OfferAnswer.THINKING
    answered_on: date | None = None
    note: str = ""
    id: int | None = None


#: Words too common to say anything about a match (sv, nb, en).
_STOP = frozenset((
    "och", "att", "med", "för", "som", "till", "det", "den", "ett", "en", "på", "av", "om",
    "og", "til", "et", "for", "and", "the", "with", "to", "of", "on", "in", "an", "or",
))
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def _tag_words(tag: str) -> frozenset[str]:
    """One tag's words (a register repeats its tags, so each is split once)."""
    return frozenset(w for w in _WORD.findall(tag.casefold())
                     if len(w) > 2 and w not in _STOP and not w.isdigit())


def words(tags: Iterable[str]) -> frozenset[str]:
    """The case-folded words of some tags, without the very common ones."""
    out: set[str] = set()
    for tag in tags:
        out |= _tag_words(tag)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Match:
    """A suggestion: whom (or which task), how well, and the words they share."""

    id: int
    score: int
    shared: tuple[str, ...]


class _Wanted:
    """What a task (or a member) asks for, prepared once for many comparisons."""

    def __init__(self, wanted: Sequence[str]) -> None:
        self.tags = {t.strip().casefold() for t in wanted if t.strip()}
        self.words = words(wanted)

    def score(self, have: Sequence[str]) -> tuple[int, tuple[str, ...]]:
        have_tags = {t.strip().casefold() for t in have if t.strip()}
        whole = self.tags & have_tags
        shared = self.words & words(have)
        if not whole and not shared:
            return 0, ()
        loose = shared - words(whole)
        return 3 * len(whole) + len(loose), tuple(sorted(whole | loose))


def match(wanted: Sequence[str], have: Sequence[str]) -> tuple[int, tuple[str, ...]]:
    """(score, shared words): 3 per whole tag in common, 1 per other shared word."""
    return _Wanted(wanted).score(have)


def rank(wanted: Sequence[str], candidates: Iterable[tuple[int, Sequence[str]]],
         limit: int = 20, exclude: Iterable[int] = ()) -> list[Match]:
    """The best matching candidates (id, tags), best first; ties by id (stable)."""
    skip = set(exclude)
    asked = _Wanted(wanted)
    found = []
    for cid, tags in candidates:
        if cid in skip:
            continue
        score, shared = asked.score(tags)
        if score > 0:
            found.append(Match(cid, score, shared))
    found.sort(key=lambda m: (-m.score, m.id))
    return found[:limit]
