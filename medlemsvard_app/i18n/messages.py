"""Sentences for the codes that domain, storage and services raise (no Qt, no SQL)."""

from __future__ import annotations

from collections.abc import Callable

from medlemsvard_app.i18n import N_, _, pgettext

_MESSAGES: dict[str, str] = {
    # validation
    "name_missing": N_("Enter a given name or a family name."),
    "email_invalid": N_("This is not a valid e-mail address."),
    "phone_invalid": N_("This is not a valid phone number."),
    "postal_code_invalid_se": N_("A Swedish postal code has five digits, like 123 45."),
    "postal_code_invalid_no": N_("A Norwegian postal code has four digits, like 0150."),
    "birth_date_future": N_("The birth date is in the future."),
    "birth_date_too_early": N_("The birth date is before 1900."),
    "date_invalid": N_("This is not a date the app understands; write it as YYYY-MM-DD."),
    "identity_invalid": N_("This personal identity number is not valid (check the digits)."),
    "joined_far_future": N_("The join date is more than a year ahead."),
    "left_on_missing": N_("A former member needs a leave date."),
    "leave_reason_missing": N_("A former member needs a leave reason."),
    "left_before_joined": N_("The leave date is before the join date."),
    "invalid_fields": N_("Some fields need correcting: {fields}."),
    # storage
    "storage_error": N_("The database could not be used: {detail}"),
    "db_missing": N_("There is no database at {path}."),
    "db_not_a_database": N_("{path} is not a Medlemsvård database."),
    "db_newer_version": N_(
        "{path} was written by a newer version of Medlemsvård. Update the app to open it; "
        "nothing was changed."),
    "db_locked": N_("{path} is in use by another program. Close it there and try again."),
    "db_read_only": N_("{path} cannot be written to (it is read-only). Nothing was changed."),
    "db_disk_full": N_("The disk is full. Nothing was saved; free some space and try again."),
    "db_exists": N_("{path} already exists. Choose another file name."),
    "db_passphrase_needed": N_("{path} is encrypted. Enter its passphrase to open it."),
    "db_wrong_passphrase": N_(
        "That passphrase does not open {path}. Check it and try again; the file was not "
        "changed."),
    "db_damaged": N_(
        "{path} is damaged or incomplete (perhaps a copy that stopped half-way). Nothing was "
        "changed; restore a backup or copy the file again."),
    "db_open_elsewhere": N_(
        "{path} is already open in another Medlemsvård window. Use that window, or close it "
        "first."),
}


def register_messages(messages: dict[str, str]) -> None:
    """Let a service add the sentences for its own codes (marked with ``N_``)."""
    for code, text in messages.items():
        _MESSAGES.setdefault(code, text)


_PARAM_WORDS: dict[str, Callable[[dict[str, object]], dict[str, object]]] = {}


def register_param_words(code: str, fn: Callable[[dict[str, object]], dict[str, object]]
                         ) -> None:
    """Let a module turn a code's parameters (setting names …) into words before filling."""
    _PARAM_WORDS[code] = fn


def message(code: str, **params: object) -> str:
    """The translated sentence for a code, with its placeholders filled."""
    template = _MESSAGES.get(code)
    if template is None:
        return code
    if code in _PARAM_WORDS:
        params = _PARAM_WORDS[code](dict(params))
    try:
        return _(template).format(**params)
    except (KeyError, IndexError):
        return _(template)


def describe(exc: BaseException) -> str:
    """A user-facing sentence for any error we raise on purpose."""
    code = getattr(exc, "code", None)
    if code:
        params: dict[str, object] = dict(getattr(exc, "params", {}) or {})
        # L10N: stands in for a file name when the error does not know which file
        params["path"] = getattr(exc, "path", "") or params.get("path") or _("The database")
        params.setdefault("detail", getattr(exc, "detail", "") or str(exc))
        return message(code, **params)
    if isinstance(exc, OSError):
        return _("A file could not be read or written: {detail}").format(detail=exc)
    # Not an error we raise on purpose: say so in the user's language, keep the detail.
    return _("Something unexpected went wrong; nothing more was changed. Details: {detail}"
             ).format(detail=exc)


# L10N: the names of codes shown in lists and menus
def status_label(code: str) -> str:
    return {
        "member": pgettext("status", "Member"),
        "former": pgettext("status", "Former member"),
        "prospect": pgettext("status", "Prospect"),
    }.get(code, code)


def leave_reason_label(code: str) -> str:
    return {
        "resigned": _("Resigned"),
        "struck_off": _("Struck off for non-payment"),
        "deceased": _("Deceased"),
        "expelled": _("Expelled"),
        "moved": _("Moved away"),
        "other": _("Other reason"),
    }.get(code, code)


def join_channel_label(code: str) -> str:
    return {
        "stall": _("Stall or stand"),
        "door": _("Door-knocking"),
        "web": _("Website"),
        "event": _("Event or meeting"),
        "other": _("Other"),
    }.get(code, code)


def preferred_channel_label(code: str) -> str:
    return {
        "phone": _("Phone call"),
        "sms": _("Text message"),
        "email": _("E-mail"),
        "letter": _("Letter"),
    }.get(code, code)


def gender_label(code: str) -> str:
    return {"female": _("Woman"), "male": _("Man"), "other": _("Other")}.get(code, code)


def board_role_label(code: str) -> str:
    return {
        "chair": _("Chair"),
        "vice_chair": _("Vice chair"),
        "secretary": _("Secretary"),
        "treasurer": _("Treasurer"),
        "membership_officer": _("Membership officer"),
        "board_member": _("Board member"),
        "other": _("Other role"),
    }.get(code, code)
