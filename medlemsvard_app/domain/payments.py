"""Payments, invoices and reminders sent, mandates and exemptions: the dues records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from medlemsvard_app.domain.dues_state import MandateStatus
from medlemsvard_app.domain.errors import DomainError


class PaymentMethod(StrEnum):
    DIRECT_DEBIT = "direct_debit"
    BANK_GIRO = "bank_giro"
    SWISH = "swish"
    VIPPS = "vipps"
    CASH = "cash"
    OTHER = "other"


class PaymentKind(StrEnum):
    ANNUAL = "annual"
    INTRO = "intro"
    OTHER = "other"


class PaymentSource(StrEnum):
    MANUAL = "manual"
    IMPORT = "import"
    DEMO = "demo"


class NoticeStage(StrEnum):
    INVOICE = "invoice"
    REMINDER_1 = "reminder_1"
    REMINDER_2 = "reminder_2"
    REMINDER_3 = "reminder_3"
    TWO_YEAR_INVOICE = "two_year_invoice"


class NoticeChannel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    SMS = "sms"
    OTHER = "other"


class MandateKind(StrEnum):
    AUTOGIRO = "autogiro"
    AVTALEGIRO = "avtalegiro"


class ExemptionKind(StrEnum):
    HONORARY = "honorary"
    HARDSHIP = "hardship"
    OTHER = "other"


#: The longest span one payment may cover (a two-year invoice, prepaying a few years).
MAX_PERIODS = 10


@dataclass(slots=True)
class Payment:
    member_id: int
    paid_on: date
    amount: int  # öre/øre
    period_from: int
    period_to: int | None = None
    method: PaymentMethod = PaymentMethod.BANK_GIRO
    kind: PaymentKind = PaymentKind.ANNUAL
    reference: str = ""
    note: str = ""
    source: PaymentSource = PaymentSource.MANUAL
    id: int | None = None

    def __post_init__(self) -> None:
        if self.period_to is None:
            self.period_to = self.period_from

    @property
    def periods(self) -> range:
        return range(self.period_from, (self.period_to or self.period_from) + 1)

    def shares(self, fee_for: Callable[[int], int] | None = None) -> list[tuple[int, int]]:
        """(period, amount) for each period covered: in proportion to each period's fee
        (evenly without fees), the rounding left to the last period."""
        periods = list(self.periods)
        weights = [max(fee_for(p), 0) for p in periods] if fee_for else [1] * len(periods)
        total = sum(weights)
        if total <= 0:
            weights, total = [1] * len(periods), len(periods)
        out, given = [], 0
        for p, w in zip(periods[:-1], weights[:-1], strict=True):
            part = self.amount * w // total
            out.append((p, part))
            given += part
        out.append((periods[-1], self.amount - given))
        return out

    def check(self) -> Payment:
        problems: dict[str, str] = {}
        if self.amount <= 0:
            problems["amount"] = "amount_not_positive"
        to = self.period_to if self.period_to is not None else self.period_from
        if not 1900 <= self.period_from <= 2200 or to < self.period_from:
            problems["period"] = "period_invalid"
        elif to - self.period_from >= MAX_PERIODS:
            problems["period"] = "period_too_long"
        if problems:
            from medlemsvard_app.domain.errors import ValidationError

            raise ValidationError(problems)
        return self


@dataclass(slots=True)
class DuesNotice:
    member_id: int
    period: int
    stage: NoticeStage
    sent_on: date
    amount: int = 0
    reference: str = ""
    channel: NoticeChannel = NoticeChannel.LETTER
    id: int | None = None


@dataclass(slots=True)
class MandateEvent:
    member_id: int
    changed_on: date
    status: MandateStatus
    kind: MandateKind = MandateKind.AUTOGIRO
    payer_number: str = ""
    monthly_amount: int = 0
    max_amount: int | None = None
    note: str = ""
    id: int | None = None


@dataclass(slots=True)
class Exemption:
    member_id: int
    kind: ExemptionKind
    from_on: date
    until_on: date | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.until_on is not None and self.until_on < self.from_on:
            raise DomainError("exemption_dates_invalid")

    def covers(self, day: date) -> bool:
        return self.from_on <= day and (self.until_on is None or day <= self.until_on)


def mandate_kind(country: str) -> MandateKind:
    return MandateKind.AVTALEGIRO if (country or "SE").upper() == "NO" else MandateKind.AUTOGIRO
