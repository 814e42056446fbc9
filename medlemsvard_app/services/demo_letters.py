"""Printed letters for the demo: the welcome letters of the members who joined earlier in
the year (monthly batches; the welcome weeks of the newest are in demo_welcome.py) and the
spring dues reminder to those who had not paid by the first reminder date.

Each batch leaves out whom the app would (protected identity, prefers e-mail, no complete
address) and counts them, as a real batch does. Drawn from a random stream of its own, so
the same seed and day give the same batches.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from medlemsvard_app.domain.dues_calendar import PeriodKind
from medlemsvard_app.domain.models import Association, Member
from medlemsvard_app.services.letters import LetterService
from medlemsvard_app.storage.mailings import Mailing, MailingRepository

#: The newest members' welcome letters are demo_welcome's (its welcome period).
_WELCOME_WINDOW_DAYS = 90


def add_demo_letters(session, people: Sequence[Member], assoc: Association, day: date,
                     seed: int, country: str) -> None:
    rng = random.Random(f"medlemsvard-demo-letters:{seed}:{country}:{day.isoformat()}")
    letters = LetterService(session)
    mailings = MailingRepository(session.db)
    already = mailings.first_sent("letter", "welcome")

    # Welcome letters, printed on the first Monday of the month after joining, for the
    # members who joined in the last year but before the welcome period.
    batches: dict[date, list[Member]] = defaultdict(list)
    for m in people:
        if m.id is None or m.joined_on is None or m.id in already:
            continue
        age = (day - m.joined_on).days
        if not _WELCOME_WINDOW_DAYS < age <= 365 or rng.random() < 0.1:
            continue
        first = date(m.joined_on.year + m.joined_on.month // 12, m.joined_on.month % 12 + 1, 1)
        printed = first + timedelta(days=(7 - first.weekday()) % 7)
        if printed < day:
            batches[printed].append(m)
    for on in sorted(batches):
        chosen = letters.split(batches[on])
        if chosen.member_ids:
            mailings.record(Mailing("letter", on, "welcome", left_out=chosen.left_out.total,
                                    note="demo"), chosen.member_ids)

    # The spring reminder: a letter to those still unpaid on the first reminder date.
    calendar = session.dues().calendar()
    if calendar.period is not PeriodKind.CALENDAR_YEAR:
        return
    reminders = [d for d in calendar.reminder_dates(day.year) if d < day]
    if not reminders:
        return
    on = reminders[0]
    unpaid = set(session.dues().ids_matching(["unpaid"], on))
    if not unpaid:
        return
    chosen = letters.split([m for m in people if m.id in unpaid])
    if chosen.member_ids:
        mailings.record(Mailing("letter", on, "dues_reminder", left_out=chosen.left_out.total,
                                note="demo"), chosen.member_ids)
