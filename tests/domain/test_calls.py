"""Calling rounds: when the routine proposes them, how a round is split, the queue order."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.calls import (
    CallOutcome,
    QueueEntry,
    RoundPurpose,
    RoundSchedule,
    open_windows,
    order_queue,
    queue_state,
    split_among,
)
from medlemsvard_app.domain.dues_calendar import (
    PeriodKind,
    YearDate,
    default_calendar,
    with_changes,
)
from medlemsvard_app.domain.errors import DomainError

SE = default_calendar("SE")
NO = default_calendar("NO")
S = RoundSchedule()
P = RoundPurpose


def _purposes(day: str, cal=SE) -> list[RoundPurpose]:
    return [w.purpose for w in open_windows(cal, S, date.fromisoformat(day))]


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-01-15", [P.NEW_MEMBERS, P.FORMER_MEMBERS]),
    ("2026-02-01", [P.NEW_MEMBERS, P.INVOICE_ALL, P.FORMER_MEMBERS]),   # the invoice goes out
    ("2026-03-14", [P.NEW_MEMBERS, P.INVOICE_ALL, P.FORMER_MEMBERS]),   # six weeks less a day
    ("2026-03-15", [P.NEW_MEMBERS, P.FORMER_MEMBERS]),
    ("2026-04-01", [P.NEW_MEMBERS, P.REMINDER_UNPAID, P.FORMER_MEMBERS]),
    ("2026-05-12", [P.NEW_MEMBERS, P.REMINDER_UNPAID, P.FORMER_MEMBERS]),
    ("2026-05-13", [P.NEW_MEMBERS, P.FORMER_MEMBERS]),
    ("2026-08-31", [P.NEW_MEMBERS, P.FORMER_MEMBERS]),
    ("2026-09-01", [P.NEW_MEMBERS, P.AUTUMN_UNPAID, P.FORMER_MEMBERS]),
    ("2026-10-31", [P.NEW_MEMBERS, P.AUTUMN_UNPAID, P.FORMER_MEMBERS]),
    ("2026-11-01", [P.NEW_MEMBERS, P.FORMER_MEMBERS]),
])
def test_the_routine_through_a_whole_year(day, expected):
    assert _purposes(day) == expected


def test_the_windows_follow_the_calendar_setting():
    later = with_changes(SE, invoice=YearDate(3, 1), due=YearDate(3, 31))
    assert P.INVOICE_ALL not in _purposes("2026-02-10", later)
    assert P.INVOICE_ALL in _purposes("2026-03-10", later)


def test_rolling_years_propose_only_the_continuous_rounds():
    rolling = with_changes(SE, period=PeriodKind.ROLLING)
    assert _purposes("2026-02-10", rolling) == [P.NEW_MEMBERS, P.FORMER_MEMBERS]


def test_a_split_is_even_and_callers_keep_their_members():
    members = list(range(1, 11))
    previous = {1: 7, 2: 7, 3: 8}
    split = split_among(members, [7, 8, 9], previous)
    assert split[1] == split[2] == 7 and split[3] == 8
    loads = sorted(list(split.values()).count(c) for c in (7, 8, 9))
    assert loads == [3, 3, 4]
    assert split_among(members, [7, 8, 9], previous) == split  # the same again


def test_a_member_whose_caller_is_not_in_this_round_goes_to_another():
    split = split_among([1, 2], [8], {1: 7})
    assert split == {1: 8, 2: 8}
    with pytest.raises(DomainError, match="round_without_callers"):
        split_among([1], [], {})


def _entry(member_id, **kw):
    return QueueEntry(member_id, **kw)


def test_the_queue_puts_new_members_then_follow_ups_then_the_rest():
    day = date(2026, 4, 10)
    entries = [
        _entry(1, sort_key="b"),
        _entry(2, new_member=True, sort_key="z"),
        _entry(3, follow_up_on=date(2026, 4, 9), last_called_on=date(2026, 4, 2),
               last_outcome=CallOutcome.REACHED, attempts=1),
        _entry(4, last_called_on=date(2026, 4, 1), last_outcome=CallOutcome.NO_ANSWER,
               attempts=1, sort_key="a"),
        _entry(5, sort_key="a"),
        _entry(6, last_called_on=date(2026, 4, 9), last_outcome=CallOutcome.NO_ANSWER,
               attempts=1),                                     # pause not over yet
        _entry(7, last_called_on=date(2026, 4, 1), last_outcome=CallOutcome.REACHED,
               attempts=1),                                     # done
        _entry(8, last_called_on=date(2026, 4, 1), last_outcome=CallOutcome.NO_ANSWER,
               attempts=3),                                     # gave up after 3 tries
        _entry(9, follow_up_on=date(2026, 4, 20), last_called_on=date(2026, 4, 2),
               last_outcome=CallOutcome.REACHED, attempts=1),   # follow-up not yet due
    ]
    assert [e.member_id for e in order_queue(entries, S, day)] == [2, 3, 5, 1, 4]


def test_an_unanswered_call_comes_back_after_the_pause():
    entry = _entry(1, last_called_on=date(2026, 4, 1), last_outcome=CallOutcome.NO_ANSWER,
                   attempts=1)
    assert not queue_state(entry, S, date(2026, 4, 3)).due
    assert queue_state(entry, S, date(2026, 4, 4)).due
    assert queue_state(entry, S, date(2026, 4, 3)).next_try_on == date(2026, 4, 4)


def test_the_schedule_round_trips_and_refuses_nonsense():
    s = RoundSchedule(retry_days=5, autumn_from=(8, 15))
    assert RoundSchedule.from_dict(s.to_dict()) == s
    with pytest.raises(DomainError):
        RoundSchedule(max_attempts=0)
    with pytest.raises(DomainError):
        RoundSchedule(autumn_to=(13, 1))


def test_norway_has_the_same_routine_by_its_own_dates():
    assert P.REMINDER_UNPAID in _purposes("2026-04-02", NO)
