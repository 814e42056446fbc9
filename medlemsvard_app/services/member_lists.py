"""Member lists for the board and phone lists for callers, as PDF.

The GUI's list dialogs and ``medlemsvard lists`` come here. Rows are sorted by family
name, then given name, the Swedish or Norwegian way (domain/collation.py), whatever order
the ids came in. Members with protected identity are left out of lists and counted
(DOMAIN §3); a phone list also leaves out those who asked not to be called. There is no
identity-number column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.documents.member_list import (
    ListColumn,
    ListSection,
    TableDocument,
    build_table_pdf,
)
from medlemsvard_app.documents.phone_list import CallerList, PhoneListWords, build_phone_list
from medlemsvard_app.domain.addresses import AddressStyle, country_name, postal_line
from medlemsvard_app.domain.collation import sort_key
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import N_, _, current_language, ngettext, pgettext
from medlemsvard_app.i18n.dues_labels import dues_state_label
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import register_messages, status_label
from medlemsvard_app.services.labels import Cancelled, address_style
from medlemsvard_app.storage.mailings import Mailing, MailingRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session
    from medlemsvard_app.storage.calls import CallRound

__all__ = ["COLUMNS", "DEFAULT_COLUMNS", "Cancelled", "ListResult", "MemberListService",
           "column_title", "filter_label"]

Progress = Callable[[int, int], bool]

register_messages({
    "list_column_unknown": N_("“{column}” is not a list column."),
    "list_no_columns": N_("Choose at least one column for the list."),
    "list_no_round": N_("There is no calling round to make phone lists from."),
})

#: column code -> (title, right-aligned); the codes are stable: ``lists --columns`` uses them
COLUMNS: dict[str, tuple[str, bool]] = {
    "member_number": (N_("No."), True),
    "name": (N_("Name"), False),
    "family_name": (N_("Family name"), False),
    "given_name": (N_("Given name"), False),
    "call_name": (N_("Call name"), False),
    "address": (N_("Address"), False),
    "street": (N_("Street"), False),
    "co": (N_("c/o"), False),
    "postal_code": (N_("Postal code"), False),
    "city": (N_("Town"), False),
    "country": (N_("Country"), False),
    "phone": (N_("Phone"), False),
    "phone_alt": (N_("Other phone"), False),
    "email": (N_("E-mail"), False),
    "birth_date": (N_("Born"), False),
    "joined_on": (N_("Joined"), False),
    "left_on": (N_("Member until"), False),
    "status": (N_("Membership"), False),
    "dues_state": (N_("Dues"), False),
    "notes": (N_("Notes"), False),
}
DEFAULT_COLUMNS = ("member_number", "name", "address", "phone", "email", "joined_on")


def column_title(code: str) -> str:
    if code == "notes":
        # L10N: an empty column on a printed list, to write in by hand
        return pgettext("list column", "Notes")
    return _(COLUMNS[code][0])


def filter_label(name: str) -> str:
    """A register filter's name in words, for the list's subtitle."""
    words = {
        "current": _("Current members"),
        "new": _("New, last 12 months"),
        "former": _("Former members"),
        "prospect": _("Prospects"),
    }
    return words.get(name) or dues_state_label(name)


@dataclass(slots=True)
class ListResult:
    pdf: bytes
    kind: str  # "member_list" or "phone_list"
    rows: int
    member_ids: list[int]
    left_out_protected: int = 0
    left_out_do_not_call: int = 0
    pages: int = 0

    @property
    def left_out(self) -> int:
        return self.left_out_protected + self.left_out_do_not_call


def _pages(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type /Page[^s]", pdf))


class MemberListService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def home(self) -> str:
        return self.session.association.country.value

    def _sorted(self, members: Iterable[Member]) -> list[Member]:
        home = self.home
        return sorted(members, key=lambda m: (sort_key(m.family_name, home),
                                              sort_key(m.call_name or m.given_name, home),
                                              m.member_number or 0))

    def _load(self, ids: Sequence[int], progress: Progress | None, share: int = 2
              ) -> list[Member]:
        out = []
        total = len(ids)
        for done, member in enumerate(self.session.members.iter_members(list(ids)), start=1):
            out.append(member)
            report = progress is not None and (done % 500 == 0 or done == total)
            if report and progress(done, total * share) is False:  # type: ignore[misc]
                raise Cancelled
        return out

    # -- member lists -------------------------------------------------------------------
    def select(self, filters: Iterable[str] | None = None,
               member_ids: Sequence[int] | None = None, day: date | None = None) -> list[int]:
        if member_ids is not None:
            return list(member_ids)
        return self.session.register().search_ids(
            "", list(filters or ()) or ["current"], today=day or self.session.today())

    def cells(self, member: Member, columns: Sequence[str], states: dict,
              style: AddressStyle | None = None) -> list[str]:
        """One row of the list, in words (``style`` once per list: it reads the settings)."""
        style = style or address_style(self.session)
        home = style.sender_country
        out = []
        for code in columns:
            if code == "name":
                given = member.call_name or member.given_name
                value = f"{member.family_name}, {given}" if member.family_name and given \
                    else member.family_name or given
            elif code == "address":
                country = (member.country or home).upper()
                parts = [member.street.replace("\n", ", ").strip(),
                         postal_line(member.postal_code, member.city, country, style)]
                if country != home:
                    parts.append(country_name(country, current_language()))
                value = ", ".join(p for p in parts if p)
            elif code in ("phone", "phone_alt"):
                value = format_phone(getattr(member, code), home)
            elif code in ("birth_date", "joined_on", "left_on"):
                value = format_date(getattr(member, code), "short")
            elif code == "status":
                value = status_label(member.status.value)
            elif code == "dues_state":
                status = states.get(member.id)
                value = dues_state_label(status.state.value) if status is not None else ""
            elif code == "country":
                value = member.country or ""
            elif code == "member_number":
                value = str(member.member_number or "")
            elif code == "notes":
                value = ""
            else:
                value = str(getattr(member, code) or "")
            out.append(value)
        return out

    def make(self, *, filters: Iterable[str] | None = None,
             member_ids: Sequence[int] | None = None, columns: Sequence[str] = DEFAULT_COLUMNS,
             title: str = "", selection_text: str = "", progress: Progress | None = None,
             invariant: bool = False) -> ListResult:
        """A member list of the members matching ``filters`` (or these ids), sorted by name."""
        columns = [c.strip() for c in columns if c.strip()]
        if not columns:
            raise DomainError("list_no_columns")
        for code in columns:
            if code not in COLUMNS:
                raise DomainError("list_column_unknown", column=code)
        day = self.session.today()
        filters = list(filters or ())
        ids = self.select(filters, member_ids, day)
        members = self._load(ids, progress)
        kept = self._sorted(m for m in members if not m.protected_identity)
        protected = len(members) - len(kept)
        states = {}
        if "dues_state" in columns and kept:
            states = self.session.dues().states(day, member_ids=[m.id for m in kept])
        style = address_style(self.session)
        rows = [self.cells(m, columns, states, style) for m in kept]
        if not selection_text:
            selection_text = (", ".join(filter_label(f) for f in filters) if member_ids is None
                              else _("Chosen members"))
            if member_ids is None and not filters:
                selection_text = filter_label("current")
        summary = ngettext("{count} member", "{count} members", len(rows)).format(
            count=format_count(len(rows)))
        subtitle = " · ".join([selection_text, summary,
                               _("printed {date}").format(date=format_date(day, "long"))])
        doc = TableDocument(
            self.session.association.name, title or _("Member list"), subtitle,
            [ListColumn(column_title(c), align="right" if COLUMNS[c][1] else "left",
                        blank=c == "notes") for c in columns],
            [ListSection("", rows)], page_text=_("Page {page} of {pages}"),
            empty_text=_("No members in this selection."))
        total = len(ids)

        def drawing(done: int, count: int) -> bool:
            if progress is None:
                return True
            return progress(total + round(done * total / max(count, 1)), total * 2)

        pdf = build_table_pdf(doc, progress=drawing, invariant=invariant)
        return ListResult(pdf, "member_list", len(rows), [m.id for m in kept], protected,
                          pages=_pages(pdf))

    # -- phone lists --------------------------------------------------------------------
    def rounds(self) -> list[CallRound]:
        """Calling rounds, newest first (the phone lists come from a round's callers)."""
        return self.session.calls().repo.rounds()

    def phone_lists(self, round_id: int | None = None, caller_id: int | None = None, *,
                    progress: Progress | None = None, invariant: bool = False) -> ListResult:
        """One list per caller of a round (default: the newest round): their members, by
        name, with phone numbers and a column for notes."""
        from medlemsvard_app.services.calls import purpose_label

        calls = self.session.calls()
        rounds = self.rounds()
        if round_id is None:
            if not rounds:
                raise DomainError("list_no_round")
            rnd = rounds[0]
        else:
            rnd = calls.round(round_id)
        assignment = calls.repo.round_assignment(rnd.id)
        callers = {c.id: c for c in calls.repo.callers(active_only=False)}
        if caller_id is not None and caller_id not in callers:
            raise DomainError("caller_unknown", name=str(caller_id))
        ids = [m for m, c in assignment.items()
               if c is not None and (caller_id is None or c == caller_id)]
        members = {m.id: m for m in self._load(ids, progress)}
        protected = sum(1 for m in members.values() if m.protected_identity)
        dnc = sum(1 for m in members.values() if m.do_not_call and not m.protected_identity)
        by_caller: dict[int, list[Member]] = {}
        for member_id, c in assignment.items():
            m = members.get(member_id)
            if m is None or m.protected_identity or m.do_not_call or c is None:
                continue
            by_caller.setdefault(c, []).append(m)
        home = self.home
        chosen = [caller_id] if caller_id is not None else sorted(
            by_caller, key=lambda c: sort_key(callers[c].name, home))
        day = self.session.today()
        lists = []
        kept_ids: list[int] = []
        for c in chosen:
            people = self._sorted(by_caller.get(c, []))
            kept_ids += [m.id for m in people]
            rows = [(m.display_name, format_phone(m.phone, home), format_phone(m.phone_alt, home),
                     str(m.member_number or "")) for m in people]
            summary = ngettext("{count} member", "{count} members", len(rows)).format(
                count=format_count(len(rows)))
            lists.append(CallerList(callers[c].name, summary, rows))
        words = PhoneListWords(
            name=_("Name"), phone=_("Phone"), other_phone=_("Other phone"),
            member_number=_("No."), notes=pgettext("list column", "Notes"),
            page=_("Page {page} of {pages}"),
            empty=_("No one to call on this list."))
        title = _("Phone list")
        subtitle = " · ".join([rnd.title or purpose_label(rnd.purpose),
                               _("printed {date}").format(date=format_date(day, "long"))])
        total = len(ids)

        def drawing(done: int, count: int) -> bool:
            if progress is None:
                return True
            return progress(total + round(done * total / max(count, 1)), total * 2)

        pdf = build_phone_list(self.session.association.name, title, subtitle, words, lists,
                               progress=drawing, invariant=invariant)
        return ListResult(pdf, "phone_list", len(kept_ids), kept_ids, protected, dnc,
                          pages=_pages(pdf))

    def record(self, result: ListResult, day: date | None = None) -> int:
        """Log the printed list (a mailing of kind 'list') and the print in the audit log."""
        day = day or self.session.today()
        mailing_id = MailingRepository(self.session.db).record(
            Mailing("list", day, template=result.kind, left_out=result.left_out),
            result.member_ids)
        from medlemsvard_app.services import audit

        audit.record(self.session, "print_batch",
                     {"kind": result.kind, "rows": result.rows, "left_out": result.left_out},
                     object_kind="mailing", object_id=mailing_id)
        return mailing_id

    def record_written(self, result: ListResult, file_name: str) -> None:
        """A list written to a file without ``--mark-sent`` (command line): the print is in
        the audit log, but no mailing is logged until someone says it was handed out."""
        from medlemsvard_app.services import audit

        audit.record(self.session, "print_batch",
                     {"kind": result.kind, "rows": result.rows, "left_out": result.left_out,
                      "file": file_name})
