"""Sentences and labels for importing and exporting members (codes -> translated text).

The codes are added to the shared table in ``i18n.messages`` so ``describe(exc)`` and
``message(code)`` work for them as for every other coded error.
"""

from __future__ import annotations

from pathlib import Path

from medlemsvard_app.i18n import N_, _
from medlemsvard_app.i18n import messages as _messages

_TRANSFER_MESSAGES: dict[str, str] = {
    # reading a file
    "import_missing": N_("There is no file at {path}."),
    "import_unreadable": N_("{path} could not be read: {detail}"),
    "import_empty": N_("{path} is empty: there are no rows to import."),
    "import_no_rows": N_("{path} has column names but no rows of members."),
    "import_binary": N_("{path} is not a CSV or Excel file the app can read."),
    "import_unsupported": N_(
        "{path} is in a format the app cannot read. Save it from your spreadsheet program "
        "as an Excel workbook (.xlsx) or as CSV and try again."),
    "import_old_excel": N_(
        "{path} is an old Excel file (.xls). Open it in Excel or LibreOffice, save it as "
        "an Excel workbook (.xlsx) or as CSV, and import that file."),
    "import_not_excel": N_(
        "{path} is named like an Excel file but is not one inside. Open it in your "
        "spreadsheet program and save it again as an Excel workbook (.xlsx) or as CSV."),
    "import_no_header": N_(
        "The first row of {path} holds data, not column names. Add a row with column "
        "names (for example Förnamn, Efternamn, Postnummer) at the top and try again."),
    "import_blocked": N_(
        "Nothing was imported: {count} rows have errors. Correct them in the file, or skip "
        "them explicitly."),
    "import_cancelled": N_("The import was cancelled; nothing was imported."),
    # rows
    "row_name_missing": N_("The row has neither a given name nor a family name."),
    "too_long": N_("This is far too long for this field."),
    "status_invalid": N_("Unknown membership status (use member, former or prospect)."),
    "leave_reason_invalid": N_(
        "Unknown leave reason (use resigned, struck_off, deceased, expelled, moved or other)."),
    "gender_invalid": N_("Unknown gender (use female, male or other)."),
    "join_method_invalid": N_("Unknown way of joining (use recruited or own)."),
    "join_channel_invalid": N_("Unknown channel (use stall, door, web, event or other)."),
    "preferred_channel_invalid": N_("Unknown channel (use phone, sms, email or letter)."),
    "yes_no_invalid": N_("Write yes or no."),
    "country_invalid": N_("Unknown country; write a two-letter code such as SE or NO."),
    "member_number_invalid": N_("A member number is a whole number above zero."),
    "member_number_taken": N_("Member number {number} already belongs to {name}."),
    "member_number_repeated": N_("Member number {number} is also used on row {row}."),
    "duplicate_member": N_(
        "Already in the register as {name}, member {number}; not imported again."),
    "duplicate_prospect": N_(
        "Already in the register as {name} (a prospect); not imported again."),
    "duplicate_row": N_("The same person as on row {row}; it is not imported twice."),
    "shared_email_member": N_(
        "The e-mail address is also used by {name}, member {number}: a family, or the same "
        "person?"),
    "shared_email_prospect": N_(
        "The e-mail address is also used by {name} (a prospect): a family, or the same "
        "person?"),
    "shared_email_row": N_(
        "The e-mail address is also used on row {row}: a family, or the same person?"),
    "identity_not_kept": N_(
        "The personal identity number was used for the birth date but not kept: the "
        "association has not switched that field on."),
    "identity_invalid_not_kept": N_(
        "The personal identity number is not valid; it was not used and not kept."),
    "gender_not_kept": N_("The gender was not kept: the association has not switched that "
                          "field on."),
    "leave_reason_assumed": N_("No leave reason given; recorded as 'other reason'."),
    # export
    "export_unsupported": N_(
        "The app exports to .csv or .xlsx files; {path} has another ending."),
    "export_failed": N_("{path} could not be written: {detail}. Nothing was saved."),
    "export_disk_full": N_("The disk is full: {path} was not saved. Free some space and try "
                           "again."),
    "export_denied": N_("You may not write to {path}. Choose another folder."),
    "export_cancelled": N_("The export was cancelled; no file was written."),
}

_FIELD_LABELS: dict[str, str] = {
    "member_number": N_("Member number"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "call_name": N_("Call name"),
    "full_name": N_("Full name (split into given and family name)"),
    "birth_date": N_("Birth date"),
    "identity_number": N_("Personal identity number"),
    "gender": N_("Gender"),
    "street": N_("Street address"),
    "co": N_("c/o"),
    "postal_code": N_("Postal code"),
    "city": N_("Town"),
    "postal_address": N_("Postal code and town"),
    "country": N_("Country"),
    "phone": N_("Phone"),
    "phone_alt": N_("Other phone"),
    "email": N_("E-mail"),
    "joined_on": N_("Join date"),
    "status": N_("Membership status"),
    "left_on": N_("Leave date"),
    "leave_reason": N_("Leave reason"),
    "leave_note": N_("Note on leaving"),
    "join_method": N_("How they joined"),
    "join_channel": N_("Recruitment channel"),
    "preferred_channel": N_("Preferred channel"),
    "newsletter_consent_on": N_("Newsletter consent date"),
    "sms_consent_on": N_("Text message consent date"),
    "do_not_call": N_("Do not call"),
    "protected_identity": N_("Protected identity"),
    "notes": N_("Notes"),
    "interests": N_("Interests"),
    "skills": N_("Skills"),
}


class TransferError(Exception):
    """A file that could not be read or written; ``code`` is translated by ``describe``."""

    def __init__(self, code: str, path: str | Path, detail: str = "") -> None:
        super().__init__(f"{code}: {path}")
        self.code = code
        self.path = str(path)
        self.detail = detail


def register() -> None:
    """Add the transfer codes to the shared message table (idempotent)."""
    _messages.register_messages(_TRANSFER_MESSAGES)


def field_label(code: str) -> str:
    """The translated name of a member field, as the import wizard and reports show it."""
    label = _FIELD_LABELS.get(code)
    return _(label) if label else code


register()
