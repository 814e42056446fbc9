"""``medlemsvard letters`` (DESIGN §7, issue 6): letters for window envelopes, as one PDF.

Without ``--filter`` (or ``--member``) the letters go to current members. Members with
protected identity or who prefer e-mail to post are left out by rule and counted on stderr
(exit 0); members without a complete address get no letter and make the run "done in
part" (exit 1, the message says how many). Writing the PDF does not mark anything as
sent: ``--mark-sent`` logs the batch (as the app does after "did it print well?"), so the
welcome checklist counts the letters. ``--json`` prints a summary object.
``letters --calibration --out FILE.pdf`` writes the calibration page.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from medlemsvard_app.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    _date,
    _domain_text,
    _err,
    _member_number,
    _open,
    _os_reason,
    _utf8_stdout,
)
from medlemsvard_app.domain.envelopes import PRESETS
from medlemsvard_app.domain.letters import TEMPLATE_IDS
from medlemsvard_app.i18n import _, current_language, ngettext


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from medlemsvard_app.cli import REGISTER_FILTER_NAMES
    from medlemsvard_app.services.letters import NEW_WITHOUT_WELCOME

    p = command("letters", _("letters for window envelopes, as PDF"))
    p.add_argument("--template", choices=TEMPLATE_IDS,
                   help=_("the letter: welcome, thanks, dues_reminder, direct_debit or "
                          "new_member_meeting"))
    p.add_argument("--filter", action="append", default=None,
                   choices=(*REGISTER_FILTER_NAMES, NEW_WITHOUT_WELCOME),
                   help=_("register filter, or new_without_welcome; may be repeated "
                          "(default: current)"))
    p.add_argument("--member", action="append", default=None, metavar="NO",
                   type=_member_number, help=_("only this member number; may be repeated"))
    p.add_argument("--envelope", choices=[x.id for x in PRESETS], default=None,
                   help=_("where the address goes (default: the one chosen in the app)"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("the letters' date (default today)"))
    p.add_argument("--mark-sent", action="store_true",
                   help=_("log the letters as sent (do it once they are printed)"))
    p.add_argument("--calibration", action="store_true",
                   help=_("write the calibration page (grid and envelope windows) instead"))
    p.add_argument("--out", type=Path, help=_("FILE.pdf"))


def _write(args: argparse.Namespace, pdf: bytes) -> None:
    from medlemsvard_app.cli import _confirm_replace

    _confirm_replace(args, Path(args.out))
    try:
        Path(args.out).write_bytes(pdf)
    except OSError as exc:
        raise CliError(_("Could not write {path}: {reason}").format(
            path=args.out, reason=_os_reason(exc))) from exc


def cmd_letters(args: argparse.Namespace) -> int:
    from medlemsvard_app.cli_support import _member_by_number
    from medlemsvard_app.domain.errors import DomainError

    if not args.out:
        raise CliError(_("Say where the PDF goes with --out FILE.pdf."), EXIT_USAGE)
    if not args.calibration and not args.template:
        raise CliError(_("Say which letter with --template (welcome, thanks, dues_reminder, "
                         "direct_debit or new_member_meeting)."), EXIT_USAGE)
    if args.calibration:
        return _calibration(args)
    session = _open(args)
    language = current_language()
    try:
        service = session.letters()
        day = args.date or session.today()
        try:
            ids = ([_member_by_number(session, n).id for n in args.member]
                   if args.member else None)
            chosen = service.recipients(args.filter or (), ids, day)
            if not chosen.member_ids:
                _left_out_messages(chosen.left_out)
                raise CliError(_("No one in this selection gets a letter; nothing was "
                                 "written."))
            batch = service.make(service.template(args.template, language),
                                 chosen.member_ids, left_out=chosen.left_out, day=day,
                                 preset_id=args.envelope)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        _write(args, batch.pdf)
        if args.mark_sent:
            service.record_printed(batch)
        else:
            service.record_written(batch, Path(args.out).name)
    finally:
        session.close()
    left = batch.left_out
    if getattr(args, "json", False):
        _utf8_stdout()
        print(json.dumps({
            "out": str(args.out), "template": batch.template, "language": batch.language,
            "letters": len(batch.member_ids), "pages": batch.pages,
            "marked_sent": bool(args.mark_sent),
            "left_out": {"protected_identity": len(left.protected),
                         "no_post": len(left.no_post),
                         "incomplete_address": len(left.incomplete)}}, ensure_ascii=False))
    n = len(batch.member_ids)
    _err(ngettext("Wrote {count} letter to {path}.", "Wrote {count} letters to {path}.",
                  n).format(count=n, path=args.out))
    if args.mark_sent:
        _err(_("They are logged as sent on {date}.").format(date=day.isoformat()))
    _left_out_messages(left)
    return EXIT_BAD_INPUT if left.incomplete else EXIT_OK


def _calibration(args: argparse.Namespace) -> int:
    """The calibration page, with the file's printer correction when a file is given."""
    from medlemsvard_app.services.letters import calibration_pdf

    dx = dy = 0.0
    if getattr(args, "db", None):
        session = _open(args)
        try:
            dx, dy = session.letters().offset("")
        finally:
            session.close()
    _write(args, calibration_pdf(current_language(), dx, dy))
    _err(_("Wrote the calibration page to {path}.").format(path=args.out))
    return EXIT_OK


def _left_out_messages(left) -> None:
    if left.protected:
        n = len(left.protected)
        _err(ngettext("{count} member with protected identity was left out.",
                      "{count} members with protected identity were left out.",
                      n).format(count=n))
    if left.no_post:
        n = len(left.no_post)
        _err(ngettext("{count} member who prefers e-mail to post was left out.",
                      "{count} members who prefer e-mail to post were left out.",
                      n).format(count=n))
    if left.incomplete:
        n = len(left.incomplete)
        _err(ngettext("{count} member got no letter: the address is incomplete.",
                      "{count} members got no letter: their addresses are incomplete.",
                      n).format(count=n))


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"letters": cmd_letters}
