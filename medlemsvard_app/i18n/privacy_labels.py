"""Words for members' privacy: consent purposes, audit actions, the erasure summary, and
the sentences for the privacy codes (registered with i18n.messages)."""

from __future__ import annotations

from typing import Any

from medlemsvard_app.i18n import N_, _, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import register_messages

register_messages({
    "prospect_needs_consent": N_(
        "A prospect (someone who is not a member) may only be kept in the register with "
        "their consent. Record the consent (the date they gave it and what for) first."),
    "consent_purpose_text_missing": N_("Say what the consent is for."),
    "consent_withdrawn_before_given": N_("A consent cannot be withdrawn before it was given."),
    "retention_months_invalid": N_("A retention time is between 0 and 120 months."),
    "already_anonymised": N_("This person has already been anonymised."),
    "extract_format": N_("Write the extract to a .pdf or a .json file."),
    "export_zip_passphrase": N_("Enter a passphrase for the encrypted ZIP file."),
})


def purpose_label(code: str) -> str:
    return {
        "newsletter": pgettext("consent purpose", "Newsletter by e-mail"),
        "sms": pgettext("consent purpose", "Text messages"),
        "photos": pgettext("consent purpose", "Photos in our channels"),
        "prospect_contact": pgettext("consent purpose", "Contact as a prospect"),
        "archive": pgettext("consent purpose", "Kept in the historical archive"),
        "other": pgettext("consent purpose", "Other purpose"),
    }.get(code, code)


def source_label(code: str) -> str:
    return {
        "card": pgettext("consent source", "Member card"),
        "form": pgettext("consent source", "Signed form"),
        "call": pgettext("consent source", "Phone call"),
        "email": pgettext("consent source", "E-mail"),
        "import": pgettext("consent source", "Import"),
        "register": pgettext("consent source", "Earlier register"),
        "demo": pgettext("consent source", "Demo"),
        "other": pgettext("consent source", "Other"),
    }.get(code, code)


def action_label(code: str) -> str:
    """An audit action code in words (an unknown code is shown as it is)."""
    return {
        "export": pgettext("audit action", "Export"),
        "import": pgettext("audit action", "Import of members"),
        "payments_import_file": pgettext("audit action", "Payments imported from a file"),
        "payments_import": pgettext("audit action", "Payments recorded"),
        "payments_follow_up_export": pgettext("audit action", "Payment follow-up exported"),
        "payment": pgettext("audit action", "Payment recorded"),
        "payment_deleted": pgettext("audit action", "Payment deleted"),
        "strike_off": pgettext("audit action", "Strike-off"),
        "rejoin": pgettext("audit action", "Member rejoined"),
        "register_extract": pgettext("audit action", "Register extract"),
        "erasure": pgettext("audit action", "Erasure"),
        "anonymisation": pgettext("audit action", "Anonymisation"),
        "consent_given": pgettext("audit action", "Consent given"),
        "consent_withdrawn": pgettext("audit action", "Consent withdrawn"),
        "retention_rule": pgettext("audit action", "Retention rule changed"),
        "print_batch": pgettext("audit action", "Print batch"),
        "passphrase_set": pgettext("audit action", "Passphrase set"),
        "passphrase_change": pgettext("audit action", "Passphrase changed"),
        "passphrase_remove": pgettext("audit action", "Passphrase removed"),
        "restore": pgettext("audit action", "Restore from a backup"),
        "backup": pgettext("audit action", "Backup"),
        "mandate": pgettext("audit action", "Direct-debit mandate"),
        "exemption": pgettext("audit action", "Dues exemption"),
        "dues_notices": pgettext("audit action", "Invoices or reminders sent"),
        "dues_calendar": pgettext("audit action", "Dues calendar changed"),
        "call_round": pgettext("audit action", "Calling round started"),
        "letters_printed": pgettext("audit action", "Letters printed"),
        "print": pgettext("audit action", "Printed"),
        "goal": pgettext("audit action", "Goal set"),
        "goal_deleted": pgettext("audit action", "Goal deleted"),
        "activity_deleted": pgettext("audit action", "Activity deleted"),
        "activities_ics": pgettext("audit action", "Activities exported to a calendar"),
    }.get(code, code)


def erasure_summary(preview: dict[str, Any]) -> str:
    """What erasing will do, in a few sentences, for the confirmation (GUI and CLI)."""
    if preview.get("prospect"):
        return _("Everything about this prospect is deleted: the name, contact details, "
                 "notes, consents and contact history. This cannot be undone.")
    parts = [_("The name, address, phone numbers, e-mail, birth date, identity number, "
               "notes, interests, consents and the notes of calls are removed. What stays is "
               "an anonymous row (member number, join and leave dates, birth year) so the "
               "figures stay right.")]
    kept = int(preview.get("payments_kept") or 0)
    if kept:
        parts.append(ngettext(
            "{count} payment is kept under the member number until {date}, as bookkeeping "
            "law requires ({years} years).",
            "{count} payments are kept under the member number until {date}, as bookkeeping "
            "law requires ({years} years).", kept).format(
            count=kept, date=format_date(preview.get("keep_payments_until")),
            years=preview.get("bookkeeping_years")))
    purged = int(preview.get("payments_purged") or 0)
    if purged:
        parts.append(ngettext("{count} older payment is deleted.",
                              "{count} older payments are deleted.", purged).format(
            count=purged))
    if preview.get("status") == "member":
        parts.append(_("The membership ends today (resigned)."))
    parts.append(_("Backups made before today still hold the person until they are rotated "
                   "out. This cannot be undone."))
    return " ".join(parts)


def rights_text() -> str:
    """The member's rights, in the app's own words, for the extract."""
    return _(
        "This extract shows everything our register holds about you. You may ask us to "
        "correct what is wrong, to stop using your details for a purpose you agreed to, "
        "or to erase you from the register. Payments are kept, without your name, for as "
        "long as bookkeeping law requires. If you think we handle your details wrongly, "
        "tell us, and you may also complain to the data protection authority.")


def _detail_words() -> dict[str, str]:
    return {
        "file": pgettext("log detail", "File"),
        "exported": pgettext("log detail", "Exported"),
        "imported": pgettext("log detail", "Imported"),
        "left_out_protected": pgettext("log detail", "Left out (protected identity)"),
        "left_out": pgettext("log detail", "Left out"),
        "encrypted": pgettext("log detail", "Encrypted"),
        "members": pgettext("log detail", "Members"),
        "payments_kept": pgettext("log detail", "Payments kept"),
        "payments_purged": pgettext("log detail", "Payments deleted"),
        "prospect": pgettext("log detail", "Prospect"),
        "purpose": pgettext("log detail", "Purpose"),
        "kind": pgettext("log detail", "Kind"),
        "labels": pgettext("log detail", "Labels"),
        "backup": pgettext("log detail", "Backup"),
        "as_of": pgettext("log detail", "As of"),
    }


def detail_text(data: dict[str, Any], fallback: str = "") -> str:
    """A log entry's details in words ("File: a.csv · Exported: 12"), for the log view."""
    if not data:
        return fallback
    words = _detail_words()
    parts = []
    for key, value in data.items():
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif key == "purpose" and isinstance(value, str):
            value = purpose_label(value)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{words.get(key, key)}: {'' if value is None else value}")
    return " · ".join(parts)
