"""Which backups to keep: a pure rule, so it can be tested without files.

Keep every backup of the last day (each one undoes a different bulk change), then the
newest backup of each of the 7 most recent days, 4 most recent ISO weeks and 12 most recent
months that have one. Everything else may be deleted. The newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Rotation:
    keep_all_hours: int = 24
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


DEFAULT_ROTATION = Rotation()


def to_keep(backups: Iterable[tuple[Hashable, datetime]], now: datetime,
            rule: Rotation = DEFAULT_ROTATION) -> set[Hashable]:
    """The keys of the backups the rule keeps; ``backups`` are (key, taken at) pairs."""
    items = sorted(backups, key=lambda kv: kv[1], reverse=True)
    keep: set[Hashable] = set()
    if not items:
        return keep
    keep.add(items[0][0])
    recent = now - timedelta(hours=rule.keep_all_hours)
    keep.update(key for key, at in items if at >= recent)
    for count, bucket in ((rule.daily, lambda d: d.date()),
                          (rule.weekly, lambda d: d.isocalendar()[:2]),
                          (rule.monthly, lambda d: (d.year, d.month))):
        seen: list[object] = []
        for key, at in items:  # newest first: the first of a bucket is its newest
            b = bucket(at)
            if b in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(b)
            keep.add(key)
    return keep


def to_delete(backups: Iterable[tuple[Hashable, datetime]], now: datetime,
              rule: Rotation = DEFAULT_ROTATION) -> set[Hashable]:
    items = list(backups)
    return {key for key, _at in items} - to_keep(items, now, rule)
