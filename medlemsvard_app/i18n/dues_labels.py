"""Words and sentences for the dues codes, shared by the views, documents and CLI."""

from __future__ import annotations

from datetime import date

from medlemsvard_app.domain.dues_state import DuesStatus, Reason
from medlemsvard_app.i18n import N_, _, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import register_messages, register_param_words


def dues_state_label(code: str) -> str:
    return {
        "paid": pgettext("dues state", "Paid"),
        "invoiced": pgettext("dues state", "Invoiced"),
        "reminder_1": pgettext("dues state", "First reminder"),
        "reminder_2": pgettext("dues state", "Second reminder"),
        "reminder_3": pgettext("dues state", "Third reminder"),
        "two_year_invoice": pgettext("dues state", "Two-year invoice"),
        "to_strike_off": pgettext("dues state", "To be struck off"),
        "direct_debit": pgettext("dues state", "Direct debit"),
        "exempt": pgettext("dues state", "Exempt"),
        "unpaid": pgettext("dues state", "Unpaid"),
        "bounced": pgettext("dues state", "Bounced"),
    }.get(code, code)


def dues_state_hint(code: str) -> str:
    """One line on what the state means, for tooltips and the definitions."""
    return {
        "paid": _("This year's dues are paid."),
        "invoiced": _("This year's invoice has gone out and is not yet reminded."),
        "reminder_1": _("Has not paid after the first reminder date."),
        "reminder_2": _("Has not paid after the second reminder date."),
        "reminder_3": _("Has not paid after the last reminder date."),
        "two_year_invoice": _("Missed last year: this year's invoice asks for both years."),
        "to_strike_off": _("The strike-off date has passed; the board decides."),
        "direct_debit": _("Pays by direct debit and no withdrawal has been missed."),
        "exempt": _("Owes no dues (honorary member or hardship)."),
        "unpaid": _("Any state in which this year's dues are still owed."),
        "bounced": _("Paid the intro fee but never a first annual fee."),
    }.get(code, "")


def payment_method_label(code: str) -> str:
    return {
        "direct_debit": pgettext("payment method", "Direct debit"),
        "bank_giro": pgettext("payment method", "Bank giro / transfer"),
        "swish": pgettext("payment method", "Swish"),
        "vipps": pgettext("payment method", "Vipps"),
        "cash": pgettext("payment method", "Cash"),
        "other": pgettext("payment method", "Other"),
    }.get(code, code)


def payment_kind_label(code: str) -> str:
    return {
        "annual": pgettext("payment kind", "Annual fee"),
        "intro": pgettext("payment kind", "Intro fee"),
        "other": pgettext("payment kind", "Other"),
    }.get(code, code)


def mandate_status_label(code: str) -> str:
    return {
        "none": pgettext("mandate", "No mandate"),
        "form_sent": pgettext("mandate", "Form sent"),
        "active": pgettext("mandate", "Active"),
        "cancelled": pgettext("mandate", "Cancelled"),
        "rejected": pgettext("mandate", "Rejected"),
    }.get(code, code)


def mandate_kind_label(code: str) -> str:
    return {"autogiro": _("Autogiro"), "avtalegiro": _("AvtaleGiro")}.get(code, code)


def notice_stage_label(code: str) -> str:
    return {
        "invoice": pgettext("notice", "Invoice"),
        "reminder_1": pgettext("notice", "First reminder"),
        "reminder_2": pgettext("notice", "Second reminder"),
        "reminder_3": pgettext("notice", "Third reminder"),
        "two_year_invoice": pgettext("notice", "Two-year invoice"),
    }.get(code, code)


def notice_channel_label(code: str) -> str:
    return {
        "letter": pgettext("channel", "Letter"),
        "email": pgettext("channel", "E-mail"),
        "sms": pgettext("channel", "Text message"),
        "other": pgettext("channel", "Other"),
    }.get(code, code)


def exemption_kind_label(code: str) -> str:
    return {
        "honorary": pgettext("exemption", "Honorary member"),
        "hardship": pgettext("exemption", "Hardship"),
        "other": pgettext("exemption", "Other"),
    }.get(code, code)


def timeline_event_label(kind: str) -> str:
    return {
        "invoice": pgettext("timeline", "Invoice"),
        "due": pgettext("timeline", "Due date"),
        "reminder_1": pgettext("timeline", "First reminder"),
        "reminder_2": pgettext("timeline", "Second reminder"),
        "reminder_3": pgettext("timeline", "Third reminder"),
        "strike_off": pgettext("timeline", "Strike-off"),
    }.get(kind, kind)


def calendar_field_label(code: str) -> str:
    """The words for a setting the calendar names in ``dues_calendar_invalid``."""
    return {
        "fee": _("the fees"),
        "grace_days": _("the grace days"),
        "strike_off_months": _("the strike-off delay"),
        "reminders": _("the reminder dates"),
        "due": _("the due date"),
    }.get(code, code)


def _calendar_fields(params: dict[str, object]) -> dict[str, object]:
    codes = [c.strip() for c in str(params.get("fields", "")).split(",") if c.strip()]
    params["fields"] = ", ".join(calendar_field_label(c) for c in dict.fromkeys(codes))
    return params


def _d(value: object) -> str:
    return format_date(value) if isinstance(value, date) else str(value or "")


def explain(status: DuesStatus) -> str:
    """Why a member has their state, in one or two sentences."""
    p = status.period
    strike = _d(status.detail("strike_off_on"))
    if status.reason is Reason.EXEMPT:
        text = _("Exempt from dues.")
    elif status.reason is Reason.MANDATE_ACTIVE:
        text = _("Pays by direct debit; the mandate is active.")
    elif status.reason is Reason.PAID:
        text = _("The dues for {period} are paid.").format(period=p)
    elif status.reason is Reason.INVOICE_OUT:
        text = _("The invoice for {period} is out; due {due}.").format(
            period=p, due=_d(status.detail("due_on")))
    elif status.reason is Reason.REMINDED:
        text = ngettext(
            "{period} is unpaid after {count} reminder; strike-off from {date} unless paid.",
            "{period} is unpaid after {count} reminders; strike-off from {date} unless paid.",
            status.reminders).format(period=p, count=status.reminders, date=strike)
    elif status.reason is Reason.MISSED_PERIOD:
        text = _("{missed} was never paid, so the invoice for {period} covers both years; "
                 "strike-off from {date} unless paid.").format(
            missed=status.unpaid_since, period=p, date=strike)
    else:
        text = _("Unpaid since {missed}; the strike-off date {date} has passed. The board "
                 "confirms the strike-off.").format(missed=status.unpaid_since, date=strike)
    if status.mandate_missed:
        text += " " + _("The direct-debit mandate has missed a withdrawal.")
    if status.bounced:
        text += " " + _("Paid the intro fee but never a first annual fee.")
    return text


register_param_words("dues_calendar_invalid", _calendar_fields)
register_messages({
    "amount_invalid": N_("“{value}” is not an amount; write it like 360 or 360,50."),
    "amount_not_positive": N_("The amount must be more than zero."),
    "period_invalid": N_("The year(s) the payment is for are not valid."),
    "period_too_long": N_("One payment can cover at most ten years."),
    "payment_in_future": N_("The payment date is in the future."),
    "dues_date_invalid": N_("A date in the dues calendar is not valid."),
    "dues_calendar_invalid": N_("The dues calendar does not add up: {fields}."),
    "exemption_dates_invalid": N_("The exemption ends before it starts."),
    "reference_not_digits": N_("A payment reference has only digits."),
    "reference_too_long": N_("A payment reference has at most 25 digits."),
    "reference_unusable": N_("No KID can end in this check digit; use another reference."),
    "payer_number_invalid": N_("A payer number has at most 16 digits."),
    "period_before_joining": N_("The member had not joined yet in {period}."),
    "strike_off_in_future": N_("A strike-off cannot be dated in the future."),
})
