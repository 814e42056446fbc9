"""Calling rounds: what the routine proposes, starting a round, the queues, logging calls.

The GUI's call queue and the ``calls`` commands go through here. Every question takes
the day it is asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from medlemsvard_app.domain.calls import (
    CallOutcome,
    Mood,
    QueueEntry,
    RoundPurpose,
    RoundSchedule,
    RoundWindow,
    TalkingPoints,
    open_windows,
    order_queue,
    queue_state,
    split_among,
)
from medlemsvard_app.domain.dues_state import MandateStatus
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.validation import clean_tags
from medlemsvard_app.i18n import N_, _
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.services import undo
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.storage.calls import Caller, CallRepository, CallRound, Contact

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

register_messages({
    "round_without_callers": N_("Choose at least one caller for the round."),
    "round_empty": N_("Nobody is in this round: no member matches it on that day."),
    "caller_unknown": N_("There is no caller called “{name}”."),
    "round_unknown": N_("There is no calling round {round}."),
    "satisfaction_invalid": N_("Satisfaction is a number from 1 to 5."),
    "call_schedule_invalid": N_("The calling-round settings do not add up."),
    "follow_up_before_call": N_("The follow-up date is before the call."),
    "call_in_future": N_("The call's date is in the future."),
})

#: The built-in talking points, in the app's own words (the association may edit them).
BUILT_IN_POINTS: dict[RoundPurpose, str] = {
    RoundPurpose.NEW_MEMBERS: N_(
        "Say who you are and welcome them. Ask what made them join and what they would like "
        "to do with us. Tell them about the next activity and offer to meet there. Note "
        "what they want to do and what they are good at."),
    RoundPurpose.INVOICE_ALL: N_(
        "The invoice for the year is on its way: thank them for being a member. Ask how "
        "they would like to take part this year and tell them what is coming up. Mention "
        "that direct debit saves them the yearly invoice."),
    RoundPurpose.REMINDER_UNPAID: N_(
        "We have not seen this year's fee yet and we want them to stay. Ask if the invoice "
        "arrived and if anything stands in the way. Invite them to the spring activities."),
    RoundPurpose.AUTUMN_UNPAID: N_(
        "The year's fee is still open. Ask kindly whether they want to stay a member and "
        "offer direct debit, so this need not happen again. Listen if something is wrong."),
    RoundPurpose.FORMER_MEMBERS: N_(
        "Thank them for the time they were a member and ask, without pressing, why they left. "
        "Note the reason. Tell them the door stays open."),
    RoundPurpose.CAMPAIGN: N_(
        "Say why you are calling today, keep it short, and ask one clear question. Note the "
        "answer and anything they want to tell the association."),
}


_PURPOSE_LABELS = {
    RoundPurpose.NEW_MEMBERS: N_("New members"),
    RoundPurpose.INVOICE_ALL: N_("All members (annual invoice)"),
    RoundPurpose.REMINDER_UNPAID: N_("Unpaid after the reminder"),
    RoundPurpose.AUTUMN_UNPAID: N_("Still unpaid in the autumn"),
    RoundPurpose.FORMER_MEMBERS: N_("Members who left"),
    RoundPurpose.CAMPAIGN: N_("Campaign"),
}


def purpose_label(purpose: RoundPurpose, gettext: Callable[[str], str] | None = None) -> str:
    """The purpose in words: the app's language, or ``gettext``'s (a round's stored title
    is data in the association's language)."""
    return (gettext or _)(_PURPOSE_LABELS[purpose])


@dataclass(frozen=True, slots=True)
class ProposedRound:
    """A round the routine asks for on a day, with the members it would call."""

    window: RoundWindow
    member_ids: list[int]

    @property
    def purpose(self) -> RoundPurpose:
        return self.window.purpose


class CallService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = CallRepository(session.db)

    def today(self) -> date:
        return self.session.today()

    # -- settings ----------------------------------------------------------------------

    def schedule(self) -> RoundSchedule:
        return RoundSchedule.from_dict(self.repo.settings().get("schedule", {}))

    def save_schedule(self, schedule: RoundSchedule) -> Changes:
        settings = self.repo.settings()
        settings["schedule"] = schedule.to_dict()
        self.repo.save_settings(settings)
        return Changes()

    def talking_points(self) -> TalkingPoints:
        return TalkingPoints(self.repo.settings().get("talking_points", {}))

    def points_for(self, purpose: RoundPurpose, language: str) -> str:
        """The association's own text for the purpose, else the app's, in ``language``."""
        own = self.talking_points().get(purpose, language)
        return own or _(BUILT_IN_POINTS[purpose])

    def save_talking_points(self, purpose: RoundPurpose, language: str, text: str) -> Changes:
        settings = self.repo.settings()
        points = TalkingPoints(settings.get("talking_points", {})).with_text(
            purpose, language, text)
        settings["talking_points"] = points.texts
        self.repo.save_settings(settings)
        return Changes()

    # -- callers -----------------------------------------------------------------------

    def callers(self) -> list[Caller]:
        """The active callers; the board's people are callers from the start."""
        known = {c.name.casefold() for c in self.repo.callers(active_only=False)}
        for post in self.session.association.board:
            name = post.person_name.strip()
            if name and name.casefold() not in known:
                self.repo.add_caller(Caller(name, post.phone, post.email, post.member_id))
                known.add(name.casefold())
        return self.repo.callers()

    def add_caller(self, name: str, phone: str = "", email: str = "",
                   member_id: int | None = None) -> Caller:
        if not name.strip():
            raise DomainError("name_missing")
        return self.repo.add_caller(Caller(name.strip(), phone, email, member_id))

    def set_caller_active(self, caller_id: int, active: bool) -> Changes:
        """Someone stops (or starts again) calling; their past calls keep their name."""
        self.repo.set_caller_active(caller_id, active)
        return Changes()

    def caller_ids(self, names: Iterable[str]) -> list[int]:
        self.callers()
        ids = []
        for name in names:
            found = self.repo.caller_id(name)
            if found is None:
                raise DomainError("caller_unknown", name=name)
            ids.append(found)
        return ids

    # -- what the routine proposes -----------------------------------------------------

    def selection(self, purpose: RoundPurpose, day: date, window: RoundWindow | None = None,
                  filters: Sequence[str] = ()) -> list[int]:
        """The members a round of ``purpose`` would call on ``day`` (the callable only)."""
        schedule = self.schedule()
        if purpose is RoundPurpose.NEW_MEMBERS:
            ids = self.repo.new_member_ids(day, day - timedelta(days=schedule.new_member_days))
        elif purpose is RoundPurpose.FORMER_MEMBERS:
            ids = self.repo.former_ids(day, day - timedelta(days=schedule.former_days))
        elif purpose is RoundPurpose.INVOICE_ALL:
            ids = self.repo.callable_ids(day)
        elif purpose in (RoundPurpose.REMINDER_UNPAID, RoundPurpose.AUTUMN_UNPAID):
            unpaid = set(self.session.dues().ids_matching(["unpaid"], day))
            ids = [i for i in self.repo.callable_ids(day) if i in unpaid]
        else:
            register = self.session.register()
            wanted = set(register.search_ids("", list(filters) or ["current"], today=day))
            ids = [i for i in self.repo.callable_ids(day, ["current", "former", "prospect"])
                   if i in wanted]
        if window is not None and purpose is not RoundPurpose.CAMPAIGN:
            # Someone already in a round of this purpose in this window is not proposed again.
            already = self.repo.in_rounds(purpose, window.starts, day)
            ids = [i for i in ids if i not in already]
        return ids

    def plan(self, day: date | None = None) -> list[ProposedRound]:
        """The rounds the routine asks for on ``day``, with who is in each (possibly nobody)."""
        day = day or self.today()
        windows = open_windows(self.session.dues().calendar(), self.schedule(), day)
        return [ProposedRound(w, self.selection(w.purpose, day, w)) for w in windows]

    # -- rounds ------------------------------------------------------------------------

    def start(self, purpose: RoundPurpose, caller_ids: Sequence[int], day: date | None = None,
              *, filters: Sequence[str] = (), member_ids: Sequence[int] | None = None,
              title: str = "", language: str = "sv") -> CallRound:
        """Start a round: its members split among the callers, each keeping their caller."""
        day = day or self.today()
        if not caller_ids:
            raise DomainError("round_without_callers")
        if member_ids is None:
            window = next((w for w in open_windows(self.session.dues().calendar(),
                                                   self.schedule(), day)
                           if w.purpose is purpose), None)
            member_ids = self.selection(purpose, day, window, filters)
        if not member_ids:
            raise DomainError("round_empty")
        assignment = split_among(member_ids, caller_ids,
                                 self.repo.previous_callers(member_ids))
        rnd = CallRound(purpose, day, title or purpose_label(purpose),
                        talking_points=self.points_for(purpose, language),
                        selection=",".join(filters))
        self.repo.add_round(rnd, assignment, list(member_ids))
        from medlemsvard_app.services import audit

        audit.record(self.session, "call_round", {"purpose": purpose.value,
                                                  "members": len(member_ids),
                                                  "callers": len(set(caller_ids))},
                     object_kind="call_round", object_id=rnd.id)
        return rnd

    def latest_round(self, purpose: RoundPurpose) -> CallRound | None:
        rounds = self.repo.rounds(purpose)
        return rounds[0] if rounds else None

    def round(self, round_id: int) -> CallRound:
        found = self.repo.round(round_id)
        if found is None:
            raise DomainError("round_unknown", round=round_id)
        return found

    def queue(self, round_id: int, caller_id: int | None, day: date | None = None
              ) -> list[QueueEntry]:
        """A caller's queue on ``day`` (everyone's with ``caller_id`` None), in calling order."""
        day = day or self.today()
        schedule = self.schedule()
        entries = self.repo.queue_entries(round_id, caller_id, day,
                                          day - timedelta(days=schedule.new_member_days))
        return order_queue(entries, schedule, day)

    def reassign(self, round_id: int, member_id: int, caller_id: int) -> Changes:
        self.repo.reassign(round_id, member_id, caller_id)
        return Changes()

    # -- logging calls -----------------------------------------------------------------

    def log(self, member_id: int, outcome: CallOutcome, day: date | None = None, *,
            mood: Mood | None = None, satisfaction: int | None = None, note: str = "",
            wants: str = "", good_at: str = "", follow_up_on: date | None = None,
            round_id: int | None = None, caller_id: int | None = None,
            direct_debit_interest: bool = False) -> tuple[Contact, Changes]:
        """Record a call in the member's contact history and act on what it said: "do not
        call" is kept on the member, what they want to do and are good at becomes their
        interests and skills, an interest in direct debit a mandate with the form sent."""
        day = day or self.today()
        if day > self.today():
            raise DomainError("call_in_future")
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            raise DomainError("satisfaction_invalid")
        if follow_up_on is not None and follow_up_on < day:
            raise DomainError("follow_up_before_call")
        member = self.session.members.get(member_id)
        if member is None:
            raise LookupError(member_id)
        original = replace(member, interests=list(member.interests), skills=list(member.skills))
        if round_id is None:
            # The newest round in which the member still waits for a call; rounds that are
            # done with them (reached, or given up) are left alone.
            schedule = self.schedule()
            for rid, assigned, entry in self.repo.member_rounds(member_id, day):
                if not queue_state(entry, schedule, day).done:
                    round_id = rid
                    caller_id = caller_id if caller_id is not None else assigned
                    break
        contact = Contact(member_id, day, "phone", round_id, caller_id, outcome, mood,
                          satisfaction, note.strip(), wants.strip(), good_at.strip(),
                          follow_up_on)
        self.repo.add_contact(contact)
        changed_member = False
        if outcome is CallOutcome.DO_NOT_CALL and not member.do_not_call:
            member.do_not_call = True
            changed_member = True
        interests = clean_tags([*member.interests, *_tags(wants)])
        skills = clean_tags([*member.skills, *_tags(good_at)])
        if interests != member.interests or skills != member.skills:
            member = replace(member, interests=interests, skills=skills,
                             do_not_call=member.do_not_call)
            changed_member = True
        if changed_member:
            self.session.register().save(member)
        if direct_debit_interest:
            self.session.dues().set_mandate(member_id, MandateStatus.FORM_SENT, day,
                                            note=_("Asked for a form in a call."))
        self._remember_call_undo(contact, original if changed_member else None)
        return contact, Changes(members=changed_member, dues=direct_debit_interest)

    def _remember_call_undo(self, contact: Contact, member_before: Member | None) -> None:
        """Edit → Undo removes the call just logged and what it changed on the card
        (do not call, interests, skills); a direct-debit form asked for stays asked."""
        contact_id = contact.id
        if contact_id is None:
            return

        def revert() -> Changes:
            self.repo.delete_contact(contact_id)
            if member_before is not None:
                self.session.register().save(member_before)
                undo.forget(self.session)
            return Changes(members=member_before is not None)

        undo.remember(self.session, undo.UndoStep(
            _("Undo the call logged with {name}").format(
                name=(member_before or self.session.members.get(contact.member_id)
                      or Member()).display_name),
            lambda: self.repo.contact_exists(contact_id), revert))

    def contacts(self, member_id: int) -> list[Contact]:
        return self.repo.contacts_for(member_id)

    def overview(self, round_id: int) -> dict[str, object]:
        """Per round: members, called, outcomes; what it brought (payments, mandates)."""
        self.round(round_id)  # an unknown round is a clear error, not empty counts
        counts = self.repo.round_counts(round_id)
        # What it brought: members who paid, or started a mandate, after being called.
        called = self.repo.first_contacts(round_id)
        dues = self.session.dues().repo
        paid = sum(1 for m, first in called.items()
                   if any(p.paid_on >= first for p in dues.payments_for(m)))
        mandates = sum(1 for m, first in called.items()
                       if any(e.changed_on >= first and
                              e.status in (MandateStatus.ACTIVE, MandateStatus.FORM_SENT)
                              for e in dues.mandate_history(m)))
        return {**counts, "paid_since": paid, "mandates_since": mandates,
                "callers": self.repo.round_counts_by_caller(round_id)}


def _tags(text: str) -> list[str]:
    return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
