"""``medlemsvard extract | erase | retention | log``: members' rights and the audit log.

The acts are logged under the login name of whoever runs the command (services.audit).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from medlemsvard_app.cli_support import (
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    _confirm,
    _date,
    _domain_text,
    _err,
    _member_by_number,
    _member_number,
    _open,
    _os_reason,
    _utf8_stdout,
)
from medlemsvard_app.i18n import _, ngettext


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("extract", _("a member's register extract (everything held about them)"))
    p.add_argument("--member", required=True, metavar=_("NUMBER"), type=_member_number,
                   help=_("the member's membership number"))
    p.add_argument("--out", type=Path, required=True, help=_("FILE.pdf or FILE.json"))

    p = command("erase", _("erase a member on their request (payments stay pseudonymised)"))
    p.add_argument("--member", required=True, metavar=_("NUMBER"), type=_member_number,
                   help=_("the member's membership number"))

    p = command("retention", _("former members due for anonymisation; --apply anonymises them"))
    p.add_argument("--date", type=_date, default=None, help=_("as of this day (YYYY-MM-DD)"))
    p.add_argument("--apply", action="store_true",
                   help=_("anonymise everyone due (after a backup)"))

    p = command("log", _("the audit log: who did what, and when"))
    p.add_argument("--action", default=None, help=_("only this action code"))
    p.add_argument("--since", type=_date, default=None, help=_("from this day (YYYY-MM-DD)"))
    p.add_argument("--until", type=_date, default=None, help=_("to this day (YYYY-MM-DD)"))


def _session(args: argparse.Namespace):
    from medlemsvard_app.services.audit import os_user_name

    session = _open(args)
    session.user_name = os_user_name()
    return session


def warn_unencrypted(path: Path) -> None:
    """The one-line warning every unencrypted export and PDF gets (issue 9 item 8)."""
    _err(_("Note: {path} is not encrypted; anyone who gets the file can read it.").format(
        path=path))


def cmd_extract(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".json"):
        raise CliError(_("Write the extract to a .pdf or a .json file."), EXIT_USAGE)
    session = _session(args)
    try:
        member = _member_by_number(session, args.member)
        try:
            session.privacy().write_extract(member.id, out)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        except OSError as exc:
            raise CliError(_("Could not write {path}: {reason}").format(
                path=out, reason=_os_reason(exc))) from exc
    finally:
        session.close()
    _err(_("Wrote the register extract of member {number} to {path}.").format(
        number=member.member_number, path=out))
    warn_unencrypted(out)
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.i18n.privacy_labels import erasure_summary

    session = _session(args)
    try:
        member = _member_by_number(session, args.member)
        privacy = session.privacy()
        preview = privacy.erasure_preview(member.id)
        _err(erasure_summary(preview))
        _confirm(args, _("Erase {name} (member {number})?").format(
            name=member.display_name, number=member.member_number),
            _("Erasing cannot be undone: add --yes to confirm."))
        try:
            result = privacy.erase(member.id)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
    finally:
        session.close()
    _err(_("Member {number} was erased.").format(number=result.member_number))
    if result.backup is not None:
        _err(_("A backup from just before is in {path}.").format(path=result.backup))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from medlemsvard_app.i18n.messages import leave_reason_label, status_label

    session = _session(args)
    try:
        privacy = session.privacy()
        day = args.date or session.today()
        due = privacy.due(day)
        if getattr(args, "json", False) and not args.apply:
            _utf8_stdout()
            print(json.dumps([{
                "member_number": d.member_number, "name": d.name, "status": d.status,
                "left_on": d.left_on.isoformat() if d.left_on else None,
                "leave_reason": d.leave_reason, "due_on": d.due_on.isoformat(),
            } for d in due], ensure_ascii=False, indent=2))
            return EXIT_OK
        _utf8_stdout()
        for d in due:
            reason = leave_reason_label(d.leave_reason) if d.leave_reason else ""
            print("\t".join([str(d.member_number or ""), d.name, status_label(d.status),
                             d.left_on.isoformat() if d.left_on else "", reason,
                             d.due_on.isoformat()]))
        _err(ngettext("{count} person is due for anonymisation on {date}.",
                      "{count} people are due for anonymisation on {date}.", len(due)).format(
            count=len(due), date=day.isoformat()))
        if not args.apply or not due:
            return EXIT_OK
        _confirm(args, ngettext("Anonymise {count} person now?", "Anonymise {count} people now?",
                                len(due)).format(count=len(due)),
                 _("Anonymising cannot be undone: add --yes to confirm."))
        result = privacy.apply_retention(day, [d.member_id for d in due])
    finally:
        session.close()
    sys.stdout.flush()
    _err(ngettext("Anonymised {count} person.", "Anonymised {count} people.",
                  result.anonymised).format(count=result.anonymised))
    if result.backup is not None:
        _err(_("A backup from just before is in {path}.").format(path=result.backup))
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from medlemsvard_app.i18n.privacy_labels import action_label

    session = _open(args)
    try:
        entries = session.privacy().log(action=args.action, since=args.since, until=args.until)
    finally:
        session.close()
    _utf8_stdout()
    if getattr(args, "json", False):
        print(json.dumps([{
            "at": e.at, "user": e.user_name, "action": e.action,
            "object_kind": e.object_kind or None, "object_id": e.object_id,
            "member_number": e.member_number, "detail": e.data,
        } for e in entries], ensure_ascii=False, indent=2))
        return EXIT_OK
    for e in entries:
        number = str(e.member_number) if e.member_number is not None else ""
        print("\t".join([e.at, e.user_name, action_label(e.action), number, e.detail]))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "extract": cmd_extract, "erase": cmd_erase, "retention": cmd_retention, "log": cmd_log,
}


def zip_passphrase(args: argparse.Namespace) -> str | None:
    """``export --zip-passphrase-file F``: the passphrase (first line of F), or None."""
    file = getattr(args, "zip_passphrase_file", None)
    if file is None:
        return None
    if Path(args.out).suffix.lower() != ".zip":
        raise CliError(_("An encrypted export is a ZIP file: give --out a name ending in .zip."),
                       EXIT_USAGE)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(_("Could not read the passphrase from {path}.").format(path=file)) from exc
    passphrase = text.splitlines()[0].strip() if text.strip() else ""
    if not passphrase:
        raise CliError(_("{path} holds no passphrase.").format(path=file))
    return passphrase
