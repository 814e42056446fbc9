"""One label per household: members at the same address share one, with their names joined.

Households keep the order of their first member, so a list sorted by name stays sorted
(civicrm-core PR#9205 lost it). Pure: the word for "and" comes in already translated.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Person:
    given: str
    family: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}".strip()


def _join(words: Sequence[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def household_name(people: Sequence[Person], conjunction: str) -> str:
    """"Anna och Per Ek" when they share a family name, "Anna Ek, Per Lind" when not.

    The same person twice (two member records) is named once.
    """
    unique: list[Person] = []
    for p in people:
        if p not in unique:
            unique.append(p)
    if not unique:
        return ""
    if len(unique) == 1:
        return unique[0].full
    # People who share a family name are named together: "Anna och Per Ek, Lisa Lind".
    families: dict[str, list[Person]] = {}
    for p in unique:
        families.setdefault(p.family.strip().casefold(), []).append(p)
    parts = []
    for group in families.values():
        family = group[0].family.strip()
        if len(group) == 1 or not family:
            parts += [p.full for p in group]
        else:
            parts.append(f"{_join([p.given.strip() for p in group], conjunction)} {family}")
    return ", ".join(parts)


@dataclass(slots=True)
class Household(Generic[T]):
    key: Hashable
    members: list[T]


def group_households(items: Iterable[T], key: Callable[[T], Hashable]) -> list[Household[T]]:
    """Items grouped by ``key``, in the order each household's first item came."""
    groups: dict[Hashable, Household[T]] = {}
    for item in items:
        k = key(item)
        if k in groups:
            groups[k].members.append(item)
        else:
            groups[k] = Household(k, [item])
    return list(groups.values())
