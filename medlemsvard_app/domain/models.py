"""The register's entities and the codes the command line and JSON rely on (DESIGN §7)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class Country(StrEnum):
    SE = "SE"
    NO = "NO"


class MembershipStatus(StrEnum):
    MEMBER = "member"
    FORMER = "former"
    PROSPECT = "prospect"


class LeaveReason(StrEnum):
    RESIGNED = "resigned"
    STRUCK_OFF = "struck_off"
    DECEASED = "deceased"
    EXPELLED = "expelled"
    MOVED = "moved"
    OTHER = "other"


class JoinMethod(StrEnum):
    RECRUITED = "recruited"
    OWN = "own"


class JoinChannel(StrEnum):
    STALL = "stall"
    DOOR = "door"
    WEB = "web"
    EVENT = "event"
    OTHER = "other"


class PreferredChannel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    LETTER = "letter"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class RegisterFilter(StrEnum):
    """Filter names shared by the register chips and ``--filter`` (DESIGN §7)."""

    CURRENT = "current"
    NEW = "new"
    FORMER = "former"
    PROSPECT = "prospect"


class BoardRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    TREASURER = "treasurer"
    MEMBERSHIP_OFFICER = "membership_officer"
    BOARD_MEMBER = "board_member"
    OTHER = "other"


@dataclass(slots=True)
class Member:
    """One person in the register. ``id`` is None until stored."""

    given_name: str = ""
    family_name: str = ""
    id: int | None = None
    member_number: int | None = None
    call_name: str = ""
    birth_date: date | None = None
    identity_number: str | None = None
    gender: Gender | None = None
    street: str = ""
    co: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""  # ISO 3166 alpha-2; empty means the association's own country
    phone: str = ""
    phone_alt: str = ""
    email: str = ""
    joined_on: date | None = None
    status: MembershipStatus = MembershipStatus.MEMBER
    left_on: date | None = None
    leave_reason: LeaveReason | None = None
    leave_note: str = ""
    join_method: JoinMethod | None = None
    recruited_by: int | None = None
    join_channel: JoinChannel | None = None
    preferred_channel: PreferredChannel | None = None
    newsletter_consent_on: date | None = None
    sms_consent_on: date | None = None
    do_not_call: bool = False
    protected_identity: bool = False
    notes: str = ""
    interests: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        given = self.call_name or self.given_name
        return f"{given} {self.family_name}".strip()

    def as_of(self, day: date) -> Member:
        """The member as the register stood on ``day``: someone who left later was a member."""
        if self.left_on is None or self.left_on <= day:
            return self
        return replace(self, status=MembershipStatus.MEMBER, left_on=None, leave_reason=None,
                       leave_note="")

    def is_current(self, on: date) -> bool:
        """A current member on a date: joined by then and not yet left (DESIGN §2).

        A former member counts for the days before they left, so "as of" answers hold.
        """
        if self.status is MembershipStatus.PROSPECT:
            return False
        if self.joined_on is not None and self.joined_on > on:
            return False
        return self.left_on is None or self.left_on > on


@dataclass(slots=True)
class BoardPost:
    role: BoardRole
    person_name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    member_id: int | None = None


@dataclass(slots=True)
class Association:
    name: str
    country: Country = Country.SE
    language: str = "sv"
    org_number: str = ""
    street: str = ""
    co: str = ""
    postal_code: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    logo_png: bytes | None = None
    bankgiro: str = ""
    plusgiro: str = ""
    swish: str = ""
    bank_account: str = ""
    vipps: str = ""
    identity_number_enabled: bool = False
    identity_number_purpose: str = ""
    gender_enabled: bool = False
    board: list[BoardPost] = field(default_factory=list)

    @property
    def currency(self) -> str:
        return "NOK" if self.country is Country.NO else "SEK"
