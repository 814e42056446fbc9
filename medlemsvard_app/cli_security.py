"""``passphrase set|change|remove``, ``backup`` and ``restore`` (issue 9, items 1 and 2).

The current passphrase comes from ``--passphrase-file`` or ``MEDLEMSVARD_PASSPHRASE``; the
new one from ``--new-passphrase-file`` or, at a terminal, typed twice (never echoed).
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
    _db_path,
    _err,
    _passphrase,
    _utf8_stdout,
)
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.messages import describe


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from medlemsvard_app.cli import _global_options

    p = command("passphrase", _("encrypt the database with a passphrase, change or remove it"))
    actions = p.add_subparsers(dest="passphrase_command", metavar=_("ACTION"), required=True)
    for name, text in (
            ("set", _("encrypt an unencrypted database with a new passphrase")),
            ("change", _("give an encrypted database a new passphrase")),
            ("remove", _("decrypt the database (it is then readable without a passphrase)"))):
        a = actions.add_parser(name, help=text, description=text)
        _global_options(a, suppress=True)
        if name != "remove":
            a.add_argument("--new-passphrase-file", type=Path, default=None, metavar="FILE",
                           help=_("file holding the new passphrase (else it is asked for)"))

    p = command("backup", _("make a backup of the database now"))
    p.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help=_("write the backup to this file (default: the backup folder)"))

    p = command("restore", _("put a backup in place of the database (after backing it up)"))
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                   help=_("the backup file to restore"))


def _new_passphrase(args: argparse.Namespace) -> str:
    from medlemsvard_app.services.security import (
        SecurityError,
        check_new_passphrase,
        read_passphrase_file,
    )

    try:
        if args.new_passphrase_file:
            new = read_passphrase_file(args.new_passphrase_file)
            check_new_passphrase(new)
            return new
        if not sys.stdin or not sys.stdin.isatty():
            raise CliError(_("Give the new passphrase with --new-passphrase-file FILE."),
                           EXIT_USAGE)
        import getpass

        new = getpass.getpass(_("New passphrase: "))
        check_new_passphrase(new, getpass.getpass(_("The same passphrase again: ")))
        return new
    except SecurityError as exc:
        raise CliError(describe(exc)) from exc


def cmd_passphrase(args: argparse.Namespace) -> int:
    from medlemsvard_app.services.security import SecurityError, change_passphrase, log_event
    from medlemsvard_app.storage.encryption import is_encrypted
    from medlemsvard_app.storage.errors import DatabaseMissing

    path = _db_path(args)
    if not path.exists():
        raise DatabaseMissing(str(path))
    action = args.passphrase_command
    old = _passphrase(args) if is_encrypted(path) else None
    if action != "set" and is_encrypted(path) and old is None:
        raise CliError(_("Give the current passphrase with --passphrase-file FILE or the "
                         "MEDLEMSVARD_PASSPHRASE variable."))
    if action == "remove":
        _confirm(args, _("Remove the passphrase? Anyone with the file can then read it."),
                 _("Removing the passphrase leaves the file readable by anyone; nothing was "
                   "changed. Add --yes to remove it."))
        new = None
    else:
        if action == "set" and is_encrypted(path):
            raise CliError(describe(SecurityError("passphrase_already_set", path=str(path))))
        new = _new_passphrase(args)
    try:
        rekeyed = change_passphrase(path, None if action == "set" else old, new)
    except SecurityError as exc:
        raise CliError(describe(exc)) from exc
    log_event(path, new, {"set": "passphrase_set", "change": "passphrase_change",
                          "remove": "passphrase_remove"}[action],
              {"backups_rekeyed": rekeyed})
    if action == "remove":
        _err(_("The passphrase was removed: {path} is no longer encrypted.").format(path=path))
    else:
        _err(_("{path} is encrypted with the new passphrase. There is no way to open it "
               "without the passphrase: keep it where you will find it.").format(path=path))
    if rekeyed and action == "remove":
        _err(ngettext("{count} backup is no longer encrypted either.",
                      "{count} backups are no longer encrypted either.", rekeyed).format(
            count=rekeyed))
    elif rekeyed:
        _err(ngettext("{count} backup now opens with the same passphrase.",
                      "{count} backups now open with the same passphrase.", rekeyed).format(
            count=rekeyed))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from medlemsvard_app.cli_support import _open
    from medlemsvard_app.services.backups import backup_now

    if args.out is not None and Path(args.out).exists() and not getattr(args, "yes", False):
        raise CliError(_("{path} already exists. Add --yes to replace it.").format(
            path=args.out))
    session = _open(args)
    try:
        target = backup_now(session, "manual", out=args.out)
        encrypted = session.passphrase is not None
    finally:
        session.close()
    if getattr(args, "json", False):
        _utf8_stdout()
        print(json.dumps({"backup": str(target), "encrypted": encrypted}))
    else:
        print(target)
    _err(_("Backed up to {path}.").format(path=target) + (
        " " + _("The backup is encrypted with the same passphrase.") if encrypted else ""))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from medlemsvard_app.i18n.formatting import format_date
    from medlemsvard_app.services.backups import look_inside, restore
    from medlemsvard_app.services.security import SecurityError, log_event
    from medlemsvard_app.storage.encryption import is_encrypted

    path = _db_path(args)
    source = Path(args.source)
    passphrase = _passphrase(args)
    backup_key = passphrase if is_encrypted(source) else None
    contents = look_inside(source, backup_key)
    from datetime import datetime

    taken = datetime.fromtimestamp(source.stat().st_mtime)
    _confirm(args, ngettext(
        "Replace {path} with the backup {backup} ({count} member, saved {date})? The current "
        "file is backed up first.",
        "Replace {path} with the backup {backup} ({count} members, saved {date})? The current "
        "file is backed up first.", contents.members).format(
            path=path, backup=source, count=contents.members, date=format_date(taken.date(),
                                                                              "long")),
        _("Restoring replaces the database; nothing was changed. Add --yes to restore."))
    try:
        safety = restore(path, source, current_passphrase=passphrase if is_encrypted(path)
                         else None, backup_passphrase=backup_key)
    except SecurityError as exc:
        raise CliError(describe(exc)) from exc
    log_event(path, backup_key, "restore", {"backup": source.name,
                                            "members": contents.members})
    _err(ngettext("Restored {path} from {backup} ({count} member).",
                  "Restored {path} from {backup} ({count} members).", contents.members).format(
        path=path, backup=source.name, count=contents.members))
    if safety is not None:
        _err(_("The file as it was before is kept in {safety}.").format(safety=safety))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "passphrase": cmd_passphrase, "backup": cmd_backup, "restore": cmd_restore,
}
