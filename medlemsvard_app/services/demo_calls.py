"""Past calling rounds for the demo: the routine's rounds of this year and last, split among
the board, with calls and their outcomes, so the call queue and its overview have history.

Drawn from a random stream of its own (same seed and day, same rounds). The most recent
round is left half done, so a queue is waiting when the demo opens.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from medlemsvard_app.domain.calls import CallOutcome, Mood, RoundPurpose, split_among
from medlemsvard_app.domain.dues_calendar import PeriodKind
from medlemsvard_app.domain.models import Association, Member
from medlemsvard_app.i18n import translations_for
from medlemsvard_app.services.calls import CallService, purpose_label
from medlemsvard_app.storage.calls import Caller, CallRound, Contact

_OUTCOMES = ((CallOutcome.REACHED, 0.58), (CallOutcome.NO_ANSWER, 0.27),
             (CallOutcome.MESSAGE, 0.1), (CallOutcome.WRONG_NUMBER, 0.03),
             (CallOutcome.DO_NOT_CALL, 0.02))
_MOODS = ((Mood.POSITIVE, 0.6), (Mood.NEUTRAL, 0.3), (Mood.NEGATIVE, 0.1))
_SATISFACTION = ((5, 0.35), (4, 0.4), (3, 0.15), (2, 0.07), (1, 0.03))


def _pick(rng: random.Random, weighted: Sequence[tuple[object, float]]) -> object:
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


def _round_days(calls: CallService, day: date) -> list[tuple[RoundPurpose, date]]:
    """The rounds a careful association would have started by ``day``."""
    calendar = calls.session.dues().calendar()
    out: list[tuple[RoundPurpose, date]] = []
    if calendar.period is PeriodKind.CALENDAR_YEAR:
        for year in (day.year - 1, day.year):
            out.append((RoundPurpose.INVOICE_ALL, calendar.invoice_on(year) + timedelta(days=3)))
            reminders = calendar.reminder_dates(year)
            if reminders:
                out.append((RoundPurpose.REMINDER_UNPAID, reminders[0] + timedelta(days=4)))
            out.append((RoundPurpose.AUTUMN_UNPAID, date(year, 9, 5)))
    out.append((RoundPurpose.NEW_MEMBERS, day - timedelta(days=12)))
    return sorted((p, d) for p, d in out if d <= day - timedelta(days=2))


def add_demo_calls(session, people: Sequence[Member], assoc: Association, day: date,
                   seed: int, country: str) -> None:
    """Callers, past rounds and their calls, in the demo's transaction."""
    rng = random.Random(f"medlemsvard-demo-calls:{seed}:{country}:{day.isoformat()}")
    calls = CallService(session)
    caller_ids = [calls.repo.add_caller(Caller(p.person_name, p.phone, p.email, p.member_id)).id
                  for p in assoc.board[:4] if p.person_name]
    if not caller_ids:
        return
    by_id = {m.id: m for m in people}
    rounds = sorted(_round_days(calls, day), key=lambda pd: pd[1])
    in_language = translations_for(assoc.language).gettext
    contacts: list[Contact] = []
    do_not_call: set[int] = set()
    for index, (purpose, started) in enumerate(rounds):
        ids = [i for i in calls.selection(purpose, started) if i not in do_not_call]
        if not ids:
            continue
        split = split_among(ids, caller_ids, calls.repo.previous_callers(ids))
        rnd = calls.repo.add_round(
            # the title is data, in the association's language like the talking points
            CallRound(purpose, started, purpose_label(purpose, in_language),
                      talking_points=calls.points_for(purpose, assoc.language)), split, ids)
        last = index == len(rounds) - 1
        for member_id in ids:
            if last and rng.random() < 0.45:
                continue  # the latest round is still being worked through
            when = started + timedelta(days=rng.randint(0, 9))
            for attempt in range(3):
                if when > day:
                    break
                outcome = _pick(rng, _OUTCOMES if attempt == 0 else
                                ((CallOutcome.REACHED, 0.55), (CallOutcome.NO_ANSWER, 0.45)))
                reached = outcome is CallOutcome.REACHED
                member = by_id.get(member_id)
                contacts.append(Contact(
                    member_id, when, "phone", rnd.id, split[member_id], outcome,
                    _pick(rng, _MOODS) if reached else None,
                    _pick(rng, _SATISFACTION) if reached and rng.random() < 0.4 else None,
                    wants=(member.interests[0] if reached and member and member.interests
                           and rng.random() < 0.3 else "")))
                if outcome is CallOutcome.DO_NOT_CALL:
                    do_not_call.add(member_id)
                if outcome in (CallOutcome.NO_ANSWER, CallOutcome.MESSAGE):
                    when += timedelta(days=rng.randint(3, 6))
                    continue
                break
        if len(contacts) > 20_000:
            calls.repo.add_contacts(contacts)
            contacts = []
    calls.repo.add_contacts(contacts)
    for member_id in sorted(do_not_call):
        member = session.members.get(member_id)
        if member is not None and not member.do_not_call:
            member.do_not_call = True
            session.members.update(member)
