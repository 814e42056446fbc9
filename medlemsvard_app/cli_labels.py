"""``medlemsvard labels`` and ``medlemsvard lists`` (DESIGN §7, issue 6): PDFs to print.

Without ``--filter`` they act on current members. Members with protected identity or
"no post" are left out by rule and counted on stderr (exit 0); members whose address is
incomplete get no label and make the run "done in part" (exit 1, the message says how
many). Nothing is written when no one can get a label. ``--json`` prints a summary object
(``labels --list-sheets --json``: an array of sheets) with stable English keys.
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
    _domain_text,
    _err,
    _member_number,
    _open,
    _os_reason,
    _utf8_stdout,
)
from medlemsvard_app.i18n import _, ngettext


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from medlemsvard_app.cli import REGISTER_FILTER_NAMES

    p = command("labels", _("address labels on a label sheet, as PDF"))
    p.add_argument("--list-sheets", action="store_true",
                   help=_("list the label sheets (id, then description and size)"))
    p.add_argument("--sheet", metavar="ID", help=_("the label sheet, e.g. L7160 or 70x37"))
    p.add_argument("--start", type=int, default=1, metavar="N",
                   help=_("the first label printed is the Nth of the sheet (default 1)"))
    p.add_argument("--filter", action="append", default=None, choices=REGISTER_FILTER_NAMES,
                   help=_("register filter; may be repeated (default: current)"))
    p.add_argument("--member", action="append", default=None, metavar="NO",
                   type=_member_number, help=_("only this member number; may be repeated"))
    p.add_argument("--households", action="store_true",
                   help=_("one label per household (members at the same address)"))
    p.add_argument("--test-page", action="store_true",
                   help=_("print the sheet's test page (outlines and numbers) instead"))
    p.add_argument("--out", type=Path, help=_("FILE.pdf"))
    p.add_argument("--mark-sent", action="store_true",
                   help=_("log the labels as sent (do it once they are printed)"))

    p = command("lists", _("member lists and phone lists, as PDF"))
    p.add_argument("--filter", action="append", default=None, choices=REGISTER_FILTER_NAMES,
                   help=_("register filter; may be repeated (default: current)"))
    p.add_argument("--columns", default=None, metavar="A,B,…",
                   help=_("the columns, separated by commas (default: "
                          "member_number,name,address,phone,email,joined_on)"))
    p.add_argument("--phone-lists", action="store_true",
                   help=_("a phone list per caller of a calling round instead"))
    p.add_argument("--round", default=None, metavar="ID|PURPOSE",
                   help=_("the round for --phone-lists (default: the newest)"))
    p.add_argument("--out", type=Path, required=True, help=_("FILE.pdf"))
    p.add_argument("--mark-sent", action="store_true",
                   help=_("log the list as handed out (do it once it is printed)"))


def _may_write(args: argparse.Namespace) -> None:
    """Asked before the work: an existing --out is replaced only with --yes (or a "y")."""
    from medlemsvard_app.cli import _confirm_replace

    _confirm_replace(args, Path(args.out))


def _write(args: argparse.Namespace, pdf: bytes) -> None:
    try:
        Path(args.out).write_bytes(pdf)
    except OSError as exc:
        raise CliError(_("Could not write {path}: {reason}").format(
            path=args.out, reason=_os_reason(exc))) from exc


def _list_sheets(args: argparse.Namespace) -> int:
    from medlemsvard_app.services.labels import builtin_sheets

    sheets = list(builtin_sheets())
    if getattr(args, "db", None):  # the association's own sheets too
        session = _open(args)
        try:
            sheets = session.labels().sheets()
        finally:
            session.close()
    _utf8_stdout()
    if getattr(args, "json", False):
        print(json.dumps([{**s.to_dict(), "custom": s.custom, "per_sheet": s.per_sheet}
                          for s in sheets], ensure_ascii=False, indent=1))
        return EXIT_OK
    for s in sheets:  # exactly two spaces: scripts split on them (ids have no spaces)
        print(f"{s.id}  {s.title}")
    return EXIT_OK


def _left_out_messages(protected: int = 0, no_post: int = 0, incomplete: int = 0,
                       do_not_call: int = 0) -> None:
    if protected:
        _err(ngettext("{count} member with protected identity was left out.",
                      "{count} members with protected identity were left out.",
                      protected).format(count=protected))
    if no_post:
        _err(ngettext("{count} member who prefers e-mail to post was left out.",
                      "{count} members who prefer e-mail to post were left out.",
                      no_post).format(count=no_post))
    if do_not_call:
        _err(ngettext("{count} member who does not want to be called was left out.",
                      "{count} members who do not want to be called were left out.",
                      do_not_call).format(count=do_not_call))
    if incomplete:
        _err(ngettext("{count} member got no label: the address is incomplete.",
                      "{count} members got no label: their addresses are incomplete.",
                      incomplete).format(count=incomplete))


def _test_page_without_file(args: argparse.Namespace) -> int:
    """A shipped sheet's test page, no association needed (no printer adjustment)."""
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.services.labels import builtin_sheet, label_test_page_pdf

    try:
        sheet = builtin_sheet(args.sheet)
        if not 1 <= args.start <= sheet.per_sheet:
            raise DomainError("label_start_invalid", last=sheet.per_sheet)
    except DomainError as exc:
        raise CliError(_domain_text(exc)) from exc
    _may_write(args)
    _write(args, label_test_page_pdf(sheet, start=args.start))
    _err(_("Wrote the test page of {sheet} to {path}.").format(sheet=sheet.id, path=args.out))
    return EXIT_OK


def cmd_labels(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError

    if args.list_sheets:
        return _list_sheets(args)
    if not args.sheet:
        raise CliError(_("Say which label sheet with --sheet (see labels --list-sheets)."),
                       EXIT_USAGE)
    if not args.out:
        raise CliError(_("Say where the PDF goes with --out FILE.pdf."), EXIT_USAGE)
    if args.test_page and not getattr(args, "db", None):
        return _test_page_without_file(args)
    _may_write(args)
    session = _open(args)
    try:
        service = session.labels()
        try:
            sheet = service.sheet(args.sheet)
            if not 1 <= args.start <= sheet.per_sheet:
                raise DomainError("label_start_invalid", last=sheet.per_sheet)
            if args.test_page:
                _write(args, service.test_page(sheet, start=args.start))
                _err(_("Wrote the test page of {sheet} to {path}.").format(
                    sheet=sheet.id, path=args.out))
                return EXIT_OK
            if args.member:
                from medlemsvard_app.cli_support import _member_by_number

                ids = [_member_by_number(session, n).id for n in args.member]
            else:
                ids = service.select(args.filter)
            result = service.make(ids, sheet, start=args.start, households=args.households)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        _write(args, result.pdf)
        _log(args, service, result)
        day = session.today()
    finally:
        session.close()
    left = result.left_out
    if getattr(args, "json", False):
        _utf8_stdout()
        print(json.dumps({"out": str(args.out), "sheet": result.sheet.id, "start": result.start,
                          "labels": result.labels, "pages": result.pages,
                          "members": len(result.member_ids), "households": result.households,
                          "marked_sent": bool(args.mark_sent),
                          "left_out": left.to_dict()}, ensure_ascii=False))
    labels = ngettext("{count} label", "{count} labels", result.labels).format(
        count=result.labels)
    sheets = ngettext("{count} sheet", "{count} sheets", result.pages).format(count=result.pages)
    _err(_("Wrote {labels} on {sheets} to {path}.").format(labels=labels, sheets=sheets,
                                                          path=args.out))
    _sent_message(args, day)
    _left_out_messages(left.protected_identity, left.no_post, left.incomplete_address)
    return EXIT_BAD_INPUT if left.incomplete_address else EXIT_OK


def cmd_lists(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError

    _may_write(args)
    session = _open(args)
    try:
        service = session.lists()
        try:
            if args.phone_lists:
                round_id = None
                if args.round:
                    from medlemsvard_app.services.call_sheets import find_round

                    round_id = find_round(session, args.round).id
                result = service.phone_lists(round_id)
            else:
                columns = (args.columns.split(",") if args.columns is not None
                           else None)
                kwargs = {"columns": columns} if columns is not None else {}
                result = service.make(filters=args.filter, **kwargs)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        if not result.rows:  # as labels and letters: no empty PDF, exit 1
            _left_out_messages(result.left_out_protected,
                               do_not_call=result.left_out_do_not_call)
            raise CliError(_("No one in this selection goes on the list; nothing was "
                             "written."))
        _write(args, result.pdf)
        _log(args, service, result)
        day = session.today()
    finally:
        session.close()
    if getattr(args, "json", False):
        _utf8_stdout()
        print(json.dumps({"out": str(args.out), "kind": result.kind, "rows": result.rows,
                          "pages": result.pages, "marked_sent": bool(args.mark_sent),
                          "left_out": {"protected_identity": result.left_out_protected,
                                       "do_not_call": result.left_out_do_not_call}}))
    _err(ngettext("Wrote a list of {count} member to {path}.",
                  "Wrote a list of {count} members to {path}.",
                  result.rows).format(count=result.rows, path=args.out))
    if args.mark_sent:
        _err(_("The list is logged as handed out on {date}.").format(date=day.isoformat()))
    _left_out_messages(result.left_out_protected, do_not_call=result.left_out_do_not_call)
    return EXIT_OK


def _log(args: argparse.Namespace, service, result) -> None:
    """One rule for labels, lists and letters: the print is always in the audit log; the
    batch is logged as a mailing only with ``--mark-sent`` (the app asks "did it print
    well?" instead; a script says so with the flag)."""
    if args.mark_sent:
        service.record(result)
    else:
        service.record_written(result, Path(args.out).name)


def _sent_message(args: argparse.Namespace, day) -> None:
    if args.mark_sent:
        _err(_("They are logged as sent on {date}.").format(date=day.isoformat()))


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "labels": cmd_labels, "lists": cmd_lists,
}
