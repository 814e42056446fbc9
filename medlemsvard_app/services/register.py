"""Register use cases: find, add, edit and record a member leaving (nothing is deleted)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
from medlemsvard_app.domain.validation import validate_member
from medlemsvard_app.services.changes import Changes

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session


class RegisterService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = session.members

    def today(self) -> date:
        return self.session.today()

    def search_ids(self, search: str = "", filters: Iterable[str] = (), sort: str = "family_name",
                   descending: bool = False, today: date | None = None) -> list[int]:
        return self.repo.query_ids(search=search, filters=list(filters), sort=sort,
                                   descending=descending, today=today or self.today())

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

    def save(self, member: Member) -> tuple[Member, Changes]:
        checked = self.validate(member)
        if not self.session.association.gender_enabled:
            checked.gender = None
        if checked.id is None:
            self.repo.add(checked)
        else:
            self.repo.update(checked)
        return checked, Changes(members=True)

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
        self.session.association_repo.log("rejoin", f"earlier membership {earlier}", member.id)
        return saved

    def tags(self, kind: str) -> list[str]:
        """Interests or skills already in use, offered as completions."""
        return self.repo.all_tags(kind)

    def next_member_number(self) -> int:
        return self.repo.next_member_number()

    def get_by_number(self, member_number: int) -> Member | None:
        return self.repo.get_by_number(member_number)

    def count(self, filters: Iterable[str] = ("current",)) -> int:
        return self.repo.count(filters=list(filters), today=self.today())

    def total(self) -> int:
        return self.repo.total()
