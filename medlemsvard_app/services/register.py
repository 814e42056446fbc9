"""Register use cases: find, add, edit and record a member leaving (nothing is deleted).

Filters come in two kinds. The membership filters (``RegisterFilter``: current, new,
former, prospect) are SQL; several are OR-ed, none means everyone. The dues filters
(``services.dues.DUES_FILTERS``: unpaid, bounced and every dues state code) are computed
by the dues rules for current members on the day; several are OR-ed too. The two groups
are AND-ed with each other and with the search: ``["unpaid"]`` is every current member
who owes dues, ``["new", "bounced"]`` the bounced among the new, ``["former", "paid"]``
no one (dues states describe current members only).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus, RegisterFilter
from medlemsvard_app.domain.privacy import Consent
from medlemsvard_app.domain.validation import validate_member
from medlemsvard_app.i18n import N_, _
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.services import undo
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.services.dues import DUES_FILTERS
from medlemsvard_app.storage.transaction import transaction

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session


register_messages({
    "filter_unknown": N_("“{filter}” is not a register filter."),
})

_SQL_FILTERS = frozenset(f.value for f in RegisterFilter)


def split_filters(filters: Iterable[str]) -> tuple[list[str], list[str]]:
    """(membership filters, dues filters); DomainError ``filter_unknown`` for any other name."""
    sql: list[str] = []
    dues: list[str] = []
    for name in filters:
        if name in _SQL_FILTERS:
            sql.append(name)
        elif name in DUES_FILTERS:
            dues.append(name)
        else:
            raise DomainError("filter_unknown", filter=name)
    return sql, dues


class RegisterService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = session.members
        # The last dues filter result, reused while the file is unchanged: typing in the
        # search box with a dues chip on must not re-run the dues rules at every key.
        self._dues_cache: tuple[tuple, list[int]] | None = None

    def today(self) -> date:
        return self.session.today()

    def search_ids(self, search: str = "", filters: Iterable[str] = (), sort: str = "family_name",
                   descending: bool = False, today: date | None = None) -> list[int]:
        """Matching member ids in display order; see the module docstring for the filters."""
        day = today or self.today()
        sql, dues = split_filters(filters)
        return self.repo.query_ids(search=search, filters=sql, sort=sort,
                                   descending=descending, today=day,
                                   only_ids=self._dues_ids(dues, day))

    def _dues_ids(self, names: list[str], day: date) -> list[int] | None:
        """Current members matching any of the dues filters on ``day`` (None: no dues filter)."""
        if not names:
            return None
        key = (frozenset(names), day, self.repo.change_stamp())
        if self._dues_cache is not None and self._dues_cache[0] == key:
            return self._dues_cache[1]
        ids = self.session.dues().ids_matching(names, day)
        self._dues_cache = (key, ids)
        return ids

    def rows(self, ids: Sequence[int], columns: Sequence[str]) -> dict[int, tuple]:
        return self.repo.rows(ids, columns)

    def get(self, member_id: int) -> Member | None:
        return self.repo.get(member_id)

    def members(self, ids: Sequence[int]) -> list[Member]:
        return list(self.repo.iter_members(ids))

    def validate(self, member: Member) -> Member:
        """Normalise and check a copy; raises ValidationError with a code per field."""
        assoc = self.session.association
        return validate_member(replace(member, interests=list(member.interests),
                                       skills=list(member.skills)),
                               home_country=assoc.country.value, today=self.today(),
                               identity_enabled=assoc.identity_number_enabled)

    def save(self, member: Member, consent: Consent | None = None) -> tuple[Member, Changes]:
        """Add or update; a prospect needs a recorded consent (``consent`` gives one with a
        new prospect), and the consent history follows the card's consent dates."""
        checked = self.validate(member)
        if not self.session.association.gender_enabled:
            checked.gender = None
        privacy = self.session.privacy()
        privacy.check_prospect(checked, consent)
        before = self.repo.get(checked.id) if checked.id is not None else None
        with transaction(self.session.db):
            if checked.id is None:
                self.repo.add(checked)
            else:
                self.repo.update(checked)
            privacy.after_member_saved(checked, consent)
        if before is not None:
            self._remember_undo(before)
        return checked, Changes(members=True)

    def _remember_undo(self, before: Member) -> None:
        """Edit → Undo puts the card back as it was, while nothing else has changed it."""
        member_id = before.id
        after = self.repo.get(member_id)

        def revert() -> Changes:
            self.save(before)
            undo.forget(self.session)
            return Changes(members=True, dues=True)

        undo.remember(self.session, undo.UndoStep(
            _("Undo the edit of {name}").format(name=before.display_name),
            lambda: self.repo.get(member_id) == after, revert))

    def leave(self, member_id: int, on: date, reason: LeaveReason,
              note: str = "") -> tuple[Member, Changes]:
        member = self.repo.get(member_id)
        if member is None:
            raise LookupError(member_id)
        member.status = MembershipStatus.FORMER
        member.left_on = on
        member.leave_reason = reason
        member.leave_note = note
        return self.save(member)

    def rejoin(self, member_id: int, on: date) -> tuple[Member, Changes]:
        """The door stays open: a former member becomes a member again."""
        member = self.repo.get(member_id)
        if member is None:
            raise LookupError(member_id)
        # The earlier period goes to the audit log; the new membership starts on ``on`` so
        # "as of" answers for the years in between stay right.
        earlier = (f"{member.joined_on or ''}..{member.left_on or ''} "
                   f"{member.leave_reason.value if member.leave_reason else ''}").strip()
        member.status = MembershipStatus.MEMBER
        member.left_on = None
        member.leave_reason = None
        member.leave_note = ""
        member.joined_on = on
        saved = self.save(member)
        from medlemsvard_app.services import audit

        audit.record(self.session, "rejoin", {"earlier_membership": earlier},
                     member_id=member.id)
        return saved

    def tags(self, kind: str) -> list[str]:
        """Interests or skills already in use, offered as completions."""
        return self.repo.all_tags(kind)

    def next_member_number(self) -> int:
        return self.repo.next_member_number()

    def get_by_number(self, member_number: int) -> Member | None:
        return self.repo.get_by_number(member_number)

    def count(self, filters: Iterable[str] = ("current",), search: str = "",
              today: date | None = None) -> int:
        day = today or self.today()
        sql, dues = split_filters(filters)
        return self.repo.count(search=search, filters=sql, today=day,
                               only_ids=self._dues_ids(dues, day))

    def total(self) -> int:
        return self.repo.total()
