"""Welcome progress for the demo's newest members: welcome letters printed in weekly
batches, a few coffees and messages after a first activity, mentors, the association's
tasks with offers and answers, and a few steps ticked or skipped by hand. Some members
are left behind, so the welcome view has overdue steps to show.

Drawn from a random stream of its own (same seed and day, same progress). It runs last in
the demo: it reads the calls and attendance the other parts of the demo made.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from medlemsvard_app.domain.calls import CallOutcome, Mood
from medlemsvard_app.domain.models import Association, Member
from medlemsvard_app.domain.tasks import OfferAnswer, Task, TaskOffer, TaskStatus, rank
from medlemsvard_app.domain.welcome import Mark, Override, welcome_since
from medlemsvard_app.storage.calls import CallRepository, Contact
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from medlemsvard_app.storage.tasks import TaskRepository
from medlemsvard_app.storage.welcome import WelcomeRepository

#: The association's tasks: (title, description, tags), per language.
_TASKS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "sv": (
        ("Bokbord på torget", "Stå vid bokbordet en lördag i månaden.",
         ("Bokbord", "Kampanj", "Dörrknackning")),
        ("Medlemsbladet", "Skriva och fotografera till bladet fyra gånger om året.",
         ("Skriva", "Foto")),
        ("Föreningens sociala medier", "Lägga ut bilder och inbjudningar varje vecka.",
         ("Sociala medier", "Foto", "Webb")),
        ("Kassör för studiecirklarna", "Hålla ordning på cirklarnas kvitton och bidrag.",
         ("Ekonomi", "Bokföring")),
        ("Fika på medlemsmötena", "Ordna fika till mötena, gärna flera som turas om.",
         ("Bakning", "Fika och fest")),
    ),
    "nb": (
        ("Stand på torget", "Stå på standen en lørdag i måneden.",
         ("Stand", "Kampanje", "Dørbanking")),
        ("Medlemsbladet", "Skrive og ta bilder til bladet fire ganger i året.",
         ("Skriving", "Foto")),
        ("Lagets sosiale medier", "Legge ut bilder og invitasjoner hver uke.",
         ("Sosiale medier", "Foto", "Nettsider")),
        ("Kasserer for studiesirklene", "Holde orden på kvitteringer og tilskudd.",
         ("Økonomi", "Regnskap")),
        ("Kaffe på medlemsmøtene", "Ordne kaffe og kaker til møtene, gjerne på omgang.",
         ("Baking", "Dugnad")),
    ),
    "en": (
        ("Street stall in the square", "Stand at the stall one Saturday a month.",
         ("Street stall", "Campaigning", "Door-knocking")),
        ("The newsletter", "Write and take photos for the newsletter four times a year.",
         ("Writing", "Photography")),
        ("Our social media", "Post pictures and invitations every week.",
         ("Social media", "Photography", "Websites")),
        ("Treasurer of the study circles", "Keep the circles' receipts and grants in order.",
         ("Finance", "Bookkeeping")),
        ("Coffee at the members' meetings", "Bring coffee and cake, taking turns.",
         ("Baking", "Parties")),
    ),
}

#: Why a step was skipped, per language.
_SKIP_NOTES: dict[str, tuple[str, ...]] = {
    "sv": ("Bor utomlands till våren; vi hörs då.", "Vill inte ha någon mentor just nu.",
           "Har redan varit aktiv i grannföreningen."),
    "nb": ("Bor i utlandet til våren; vi tar det da.", "Vil ikke ha fadder akkurat nå.",
           "Har allerede vært aktiv i nabolaget."),
    "en": ("Abroad until spring; we will talk then.", "Does not want a mentor just now.",
           "Was already active in the neighbouring branch."),
}
_COFFEE_NOTES = {"sv": "Fika på kaféet vid stationen.", "nb": "Kaffe på kafeen ved stasjonen.",
                 "en": "Coffee at the café by the station."}


def add_demo_welcome(session, people: Sequence[Member], assoc: Association, day: date,
                     seed: int, country: str) -> None:
    """The welcome progress of the members who joined within the welcome period."""
    rng = random.Random(f"medlemsvard-demo-welcome:{seed}:{country}:{day.isoformat()}")
    language = assoc.language if assoc.language in _TASKS else "sv"
    welcome = WelcomeRepository(session.db)
    new = welcome.new_members(welcome_since(day, 90), day)
    tasks = _add_tasks(session, language, day,
                       [p.person_name for p in assoc.board if p.person_name])
    if not new:
        return
    by_id = {m.id: m for m in people}
    age = {m.id: (day - m.joined_on).days for m in new}

    # Welcome letters, printed in weekly batches on Mondays; a few members still wait.
    batches: dict[date, list[int]] = defaultdict(list)
    for m in new:
        printed = m.joined_on + timedelta(days=rng.randint(2, 9))
        printed += timedelta(days=(7 - printed.weekday()) % 7)
        if printed < day and rng.random() < 0.8:
            batches[printed].append(m.id)
    mailings = MailingRepository(session.db)
    for on in sorted(batches):
        mailings.record(Mailing("letter", on, "welcome", note="demo"), batches[on])

    # Mentors: experienced members, among them the board, for about a third of those
    # who have been members three weeks or more.
    board = [p.member_id for p in assoc.board if p.member_id is not None]
    experienced = [m.id for m in people if m.id is not None and m.joined_on is not None
                   and (day - m.joined_on).days > 3 * 365 and m.left_on is None][:200]
    mentors = board + experienced[:8]
    for m in new:
        if age[m.id] >= 21 and mentors and rng.random() < 0.35:
            mentor = rng.choice(mentors)
            if mentor != m.id:
                since = m.joined_on + timedelta(days=rng.randint(10, min(age[m.id], 30)))
                welcome.set_mentor(m.id, mentor, min(since, day))

    # Coffee with some, and a message the day after a first activity for most who came.
    calls = CallRepository(session.db)
    first = welcome.first_attended([m.id for m in new], day)
    contacts: list[Contact] = []
    # Those who joined before the latest new-member round were mostly called in an
    # earlier one; a few were never reached.
    reached = {mid for mid, cs in welcome.contacts_after_joining(
        [m.id for m in new], day).items() if any(c.outcome == "reached" for c in cs)}
    callers = [c.id for c in calls.callers()]
    for m in new:
        if m.id in reached or age[m.id] < 30 or not callers or rng.random() > 0.75:
            continue
        on = m.joined_on + timedelta(days=rng.randint(3, 16))
        contacts.append(Contact(m.id, on, "phone", caller_id=rng.choice(callers),
                                outcome=CallOutcome.REACHED, mood=Mood.POSITIVE,
                                wants=(by_id[m.id].interests[0] if m.id in by_id
                                       and by_id[m.id].interests else "")))
    for m in new:
        if age[m.id] >= 25 and rng.random() < 0.3:
            on = m.joined_on + timedelta(days=rng.randint(14, min(age[m.id], 40)))
            contacts.append(Contact(m.id, min(on, day), "meeting", outcome=None,
                                    note=_COFFEE_NOTES[language]))
        came = first.get(m.id)
        if came is not None and came[0] < day and rng.random() < 0.7:
            contacts.append(Contact(m.id, came[0] + timedelta(days=1), "sms"))
    calls.add_contacts(contacts)

    # Tasks offered to new members whose interests fit; answers as people give them.
    open_tasks = [(t.id, [*t.tags, t.title]) for t in tasks if t.status is TaskStatus.OPEN
                  and t.id is not None]
    offers: list[TaskOffer] = []
    for m in new:
        member = by_id.get(m.id)
        if member is None or age[m.id] < 20 or rng.random() > 0.45:
            continue
        best = rank([*member.interests, *member.skills], open_tasks, limit=1)
        task_id = best[0].id if best else rng.choice(open_tasks)[0]
        offered = m.joined_on + timedelta(days=rng.randint(15, min(age[m.id], 45)))
        offered = min(offered, day)
        answer = rng.choice((OfferAnswer.ACCEPTED, OfferAnswer.ACCEPTED, OfferAnswer.THINKING,
                             OfferAnswer.DECLINED))
        answered = None if answer is OfferAnswer.THINKING else min(
            offered + timedelta(days=rng.randint(0, 6)), day)
        offers.append(TaskOffer(task_id, m.id, offered, answer, answered))
    TaskRepository(session.db).add_offers(offers)

    # A person ticked or skipped a few steps by hand.
    # (Only steps the app has not seen done: nobody skips a mentor they already have.)
    older = [m for m in new if age[m.id] >= 30]
    rng.shuffle(older)
    notes = _SKIP_NOTES[language]
    mentored = set(welcome.mentors([m.id for m in older]))
    met = {c.member_id for c in contacts if c.channel == "meeting"}
    for i, step in enumerate(("coffee", "mentor", "meeting_invite")):
        done = met if step == "coffee" else mentored if step == "mentor" else set()
        m = next((m for m in older[i::3] if m.id not in done), None)
        if m is not None:
            welcome.set_mark(m.id, Override(step, Mark.SKIPPED,
                                            m.joined_on + timedelta(days=20), notes[i]))
    for m in older[3:5]:
        welcome.set_mark(m.id, Override("meeting_invite", Mark.DONE,
                                        m.joined_on + timedelta(days=12)))


def _add_tasks(session, language: str, day: date, names: list[str]) -> list[Task]:
    repo = TaskRepository(session.db)
    out = []
    for i, (title, description, tags) in enumerate(_TASKS[language]):
        status = TaskStatus.FILLED if i == 3 else TaskStatus.OPEN
        responsible = names[i % len(names)] if names else ""
        out.append(repo.save(Task(title, description, sorted(tags), responsible, status,
                                  day - timedelta(days=60 - 7 * i))))
    return out
