"""The data of a printed call sheet: who each caller phones, in queue order, in words.

documents/call_sheet.py draws; this gathers and translates (in the current language), so
the GUI and ``medlemsvard calls sheet`` print the same sheet.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.documents.call_sheet import (
    CallSheet,
    SheetLabels,
    SheetMember,
    SheetSection,
)
from medlemsvard_app.domain.calls import CallOutcome, Mood, RoundPurpose
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.call_labels import mood_label, outcome_label
from medlemsvard_app.i18n.dues_labels import dues_state_label
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.services.calls import purpose_label

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session
    from medlemsvard_app.storage.calls import CallRound




def find_round(session: Session, text: str) -> CallRound:
    """A round by its id, or the latest round of a purpose code ("new_members")."""
    calls = session.calls()
    text = text.strip()
    if text.isdigit():
        return calls.round(int(text))
    try:
        purpose = RoundPurpose(text)
    except ValueError:
        raise DomainError("round_unknown", round=text) from None
    found = calls.latest_round(purpose)
    if found is None:
        raise DomainError("round_unknown", round=text)
    return found


def _labels() -> SheetLabels:
    return SheetLabels(
        outcomes=[outcome_label(o) for o in CallOutcome],
        moods=[mood_label(m) for m in Mood],
        mood=_("Mood"),
        talking_points=_("Talking points"),
        caller=_("Caller"),
        notes=_("Notes"),
        follow_up=_("Follow up on"),
        member_number=_("No."),
        page=_("Page {page} of {pages}"),
        nobody=_("Nobody is waiting for a call from you in this round today."),
    )


def call_sheet(session: Session, round_id: int, caller_id: int | None = None,
               day: date | None = None) -> CallSheet:
    """The sheet of a round: one section per caller (only ``caller_id``'s if given), the
    members in the order of the caller's queue on ``day``."""
    calls = session.calls()
    day = day or session.today()
    rnd = calls.round(round_id)
    callers = {c.id: c for c in calls.repo.callers(active_only=False)}
    if caller_id is not None:
        if caller_id not in callers:
            raise DomainError("caller_unknown", name=str(caller_id))
        chosen = [caller_id]
    else:
        assigned = set(calls.repo.round_assignment(round_id).values())
        chosen = [c for c in callers if c in assigned]
    queues = {c: calls.queue(round_id, c, day) for c in chosen}
    ids = [e.member_id for q in queues.values() for e in q]
    members = {m.id: m for m in session.register().members(ids)}
    states = session.dues().states(day, member_ids=ids) if ids else {}
    home = session.association.country.value
    sections = []
    for c in chosen:
        rows = []
        for entry in queues[c]:
            m = members.get(entry.member_id)
            if m is None:
                continue
            rows.append(SheetMember(
                name=m.display_name, phone=format_phone(m.phone, home),
                member_number=str(m.member_number or ""),
                context=_context(session, m, states.get(m.id), entry.attempts)))
        summary = " · ".join([
            ngettext("{count} member to call", "{count} members to call", len(rows)).format(
                count=len(rows)),
            _("printed {date}").format(date=format_date(day, "medium"))])
        sections.append(SheetSection(callers[c].name, rows, summary))
    return CallSheet(
        association=session.association.name, title=rnd.title or purpose_label(rnd.purpose),
        purpose=purpose_label(rnd.purpose), talking_points=rnd.talking_points,
        dates=_("Round started {date}").format(date=format_date(rnd.started_on, "long")),
        labels=_labels(), sections=sections)


def _context(session: Session, member, status, attempts: int) -> str:
    """One line: member since, dues state, the last contact and how it went."""
    parts = []
    if member.joined_on is not None:
        parts.append(_("Member since {year}").format(year=member.joined_on.year))
    if status is not None:
        parts.append(dues_state_label(status.state.value))
    contacts = session.calls().contacts(member.id)
    if contacts:
        last = contacts[0]
        when = format_date(last.on_date, "medium")
        parts.append(_("Last contact {date}: {outcome}").format(
            date=when, outcome=outcome_label(last.outcome)) if last.outcome
            else _("Last contact {date}").format(date=when))
    if attempts:
        parts.append(ngettext("called {count} time in this round",
                              "called {count} times in this round", attempts).format(
            count=attempts))
    return " · ".join(parts)
