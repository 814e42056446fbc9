"""Members' privacy rules (DOMAIN §6): consents, retention, bookkeeping, anonymisation.

Pure rules with hand-checkable dates; storage and services apply them.

* **Retention.** Former members are anonymised a set time after they left. Sweden (IMY):
  "normally delete or de-identify" when the membership ends, with a fixed retention time;
  the default keeps former members for 12 months so the "why did you leave" call and a
  return are possible, then de-identifies them. Norway (Datatilsynet): a resigned member
  at once; a passive resigner (struck off for unpaid dues) no later than six months after
  the original due date; an expelled member may be kept. A member who consented to an
  archive (purpose ``archive``) is kept. A prospect is kept only while a consent is open.
* **Bookkeeping beats erasure for payments.** A payment stays, pseudonymised (it points at
  a member row that only holds the member number), until the end of the 7th year after
  its year in Sweden (bokföringslagen 7:2) and the 5th in Norway (primary documentation),
  the financial year taken as the calendar year; then it is purged.
* **Anonymisation keeps** what the figures need: member number (the payments' pseudonym),
  status, join and leave dates, leave reason, how they joined, birth year, gender (where
  the association records it). Everything else about the person goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from medlemsvard_app.domain.dates import add_months
from medlemsvard_app.domain.errors import DomainError


class ConsentPurpose(StrEnum):
    NEWSLETTER = "newsletter"
    SMS = "sms"
    PHOTOS = "photos"
    PROSPECT_CONTACT = "prospect_contact"
    ARCHIVE = "archive"
    OTHER = "other"


class ConsentSource(StrEnum):
    CARD = "card"
    FORM = "form"
    CALL = "call"
    EMAIL = "email"
    IMPORT = "import"
    REGISTER = "register"  # from the member's consent dates before consents had a history
    DEMO = "demo"
    OTHER = "other"


#: The purposes that mirror a date column on the member (kept in step both ways).
MEMBER_COLUMNS: dict[ConsentPurpose, str] = {
    ConsentPurpose.NEWSLETTER: "newsletter_consent_on",
    ConsentPurpose.SMS: "sms_consent_on",
}


@dataclass(frozen=True)
class Consent:
    member_id: int
    purpose: ConsentPurpose
    given_on: date
    withdrawn_on: date | None = None
    source: ConsentSource = ConsentSource.CARD
    purpose_text: str = ""
    note: str = ""
    id: int | None = None

    def check(self) -> Consent:
        if self.purpose is ConsentPurpose.OTHER and not self.purpose_text.strip():
            raise DomainError("consent_purpose_text_missing")
        if self.withdrawn_on is not None and self.withdrawn_on < self.given_on:
            raise DomainError("consent_withdrawn_before_given")
        return self

    def open_on(self, day: date) -> bool:
        """Given on or before ``day`` and not withdrawn by then."""
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


# -- retention --------------------------------------------------------------------------
@dataclass(frozen=True)
class RetentionRule:
    """When former members and prospects are anonymised (a setting with country defaults).

    ``months_after_leaving``: after the leave date, for every leave reason but the two below.
    ``passive_months_after_due``: for the struck off, months after the due date of the
    dues they did not pay (None: as the others, from the leave date).
    ``keep_expelled``: expelled members are not anonymised on schedule.
    """

    months_after_leaving: int
    passive_months_after_due: int | None = None
    keep_expelled: bool = False

    def check(self) -> RetentionRule:
        values = [self.months_after_leaving]
        if self.passive_months_after_due is not None:
            values.append(self.passive_months_after_due)
        if any(not 0 <= v <= 120 for v in values):
            raise DomainError("retention_months_invalid")
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"months_after_leaving": self.months_after_leaving,
                "passive_months_after_due": self.passive_months_after_due,
                "keep_expelled": self.keep_expelled}

    @classmethod
    def from_dict(cls, data: dict[str, Any], country: str) -> RetentionRule:
        """The saved rule; missing keys take the country's default."""
        base = default_rule(country)
        try:
            return cls(
                months_after_leaving=int(data.get("months_after_leaving",
                                                  base.months_after_leaving)),
                passive_months_after_due=(
                    None if data.get("passive_months_after_due", base.passive_months_after_due)
                    is None else int(data.get("passive_months_after_due",
                                              base.passive_months_after_due))),
                keep_expelled=bool(data.get("keep_expelled", base.keep_expelled))).check()
        except (TypeError, ValueError, DomainError):
            return base


def default_rule(country: str) -> RetentionRule:
    """Norway: resigned at once, passive six months after the due date, expelled kept.
    Sweden: twelve months after leaving, whatever the reason."""
    if country == "NO":
        return RetentionRule(months_after_leaving=0, passive_months_after_due=6,
                             keep_expelled=True)
    return RetentionRule(months_after_leaving=12)


@dataclass(frozen=True)
class PersonStatus:
    """What the retention rule needs to know about one person."""

    member_id: int
    status: str  # member | former | prospect
    left_on: date | None = None
    leave_reason: str | None = None
    archive_consent: bool = False
    #: prospects: the day their last consent to be contacted ended (None: still open,
    #: or never given when ``has_prospect_consent`` is False)
    consent_ended_on: date | None = None
    has_prospect_consent: bool = True


def anonymise_from(rule: RetentionRule, person: PersonStatus, *,
                   strike_off_months: int, today: date) -> date | None:
    """The first day ``person`` is due for anonymisation, or None (kept for now).

    ``strike_off_months`` is the dues calendar's delay from the due date to the strike-off,
    so the due date of a struck-off member's unpaid dues is that many months before the
    strike-off. A prospect without any consent is due ``today``.
    """
    if person.status == "prospect":
        if not person.has_prospect_consent:
            return today
        return person.consent_ended_on
    if person.status != "former" or person.left_on is None or person.archive_consent:
        return None
    if person.leave_reason == "expelled" and rule.keep_expelled:
        return None
    if person.leave_reason == "struck_off" and rule.passive_months_after_due is not None:
        due = add_months(person.left_on, -strike_off_months)
        return max(person.left_on, add_months(due, rule.passive_months_after_due))
    return add_months(person.left_on, rule.months_after_leaving)


def due_for_anonymisation(rule: RetentionRule, people: Iterable[PersonStatus], day: date, *,
                          strike_off_months: int) -> list[tuple[int, date]]:
    """(member id, the day they became due) for everyone due on ``day``, earliest first."""
    due: list[tuple[int, date]] = []
    for person in people:
        when = anonymise_from(rule, person, strike_off_months=strike_off_months, today=day)
        if when is not None and when <= day:
            due.append((person.member_id, when))
    due.sort(key=lambda pair: (pair[1], pair[0]))
    return due


# -- bookkeeping --------------------------------------------------------------------------
def bookkeeping_years(country: str) -> int:
    """Years after the end of the financial year that payment records are kept."""
    return 5 if country == "NO" else 7


def keep_payment_until(paid_on: date, country: str) -> date:
    """The last day a payment must be kept (financial year = calendar year)."""
    return date(paid_on.year + bookkeeping_years(country), 12, 31)


def payment_expired(paid_on: date, country: str, day: date) -> bool:
    return day > keep_payment_until(paid_on, country)


# -- anonymisation -----------------------------------------------------------------------
#: Member columns an anonymised row keeps: what the indicators and the payments need.
KEPT_MEMBER_COLUMNS: tuple[str, ...] = (
    "id", "member_number", "status", "joined_on", "left_on", "leave_reason", "join_method",
    "join_channel", "gender", "birth_year", "country", "dues_any_bits", "dues_paid_bits",
    "dues_last_direct_debit", "anonymised_on", "created_at", "updated_at")

#: Member columns cleared, with the value they get.
CLEARED_MEMBER_COLUMNS: dict[str, Any] = {
    "given_name": "", "family_name": "", "call_name": "", "birth_date": None,
    "identity_number": None, "street": "", "co": "", "postal_code": "", "city": "",
    "phone": "", "phone_alt": "", "email": "", "leave_note": "",
    "recruited_by": None, "preferred_channel": None, "newsletter_consent_on": None,
    "sms_consent_on": None, "do_not_call": 0, "protected_identity": 0, "notes": "",
    "family_key": "", "given_key": "", "street_key": "", "city_key": "",
}


def birth_year(birth_date: date | None) -> int | None:
    """What is left of a birth date: the year gives the age group."""
    return birth_date.year if birth_date is not None else None
