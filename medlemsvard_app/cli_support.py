"""What every subcommand module shares: exit codes, errors, dates, opening the file.

Feature commands live in ``cli_<feature>.py`` modules with ``add_parsers(command)`` and a
``COMMANDS`` dict; ``cli.py`` wires them in. Only ``gui`` loads Qt.
"""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import date
from pathlib import Path

from medlemsvard_app.i18n import _, set_language
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.paths import default_database_path

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A user-facing failure with its exit code."""

    def __init__(self, text: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(text)
        self.text = text
        self.code = code


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the chosen language (the system's own
    text, "No such file or directory", is always English)."""
    reasons = {
        errno.ENOENT: _("the file or its folder does not exist"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("the disk is read-only"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("part of the path is not a folder"),
        errno.EEXIST: _("it exists already"),
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)


def _early_language(argv: list[str]) -> str | None:
    """The ``--language`` of a command line before it is parsed (the last one wins, as in
    argparse, which also takes an abbreviation such as ``--lang``), so that usage errors and
    help come in that language."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if not (len(name) >= 4 and "--language".startswith(name)):
            continue
        if not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if value in ("sv", "nb", "en"):
            found = value
    return found


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {value}").format(
            value=text)) from exc
    if not 1900 <= day.year <= 2200:
        raise argparse.ArgumentTypeError(_("a date between 1900 and 2200: {value}").format(
            value=text))
    return day


def _member_number(text: str) -> str:
    """The type of every ``--member``: digits, or a usage error (exit 2) like a bad date;
    a well-formed number nobody has is bad input (exit 1, ``_member_by_number``)."""
    number = text.strip()
    if not (number.isascii() and number.isdigit()):
        raise argparse.ArgumentTypeError(_("not a member number: {value}").format(value=text))
    return number


def _member_numbers(text: str) -> str:
    """Member numbers separated by commas (``activities attend 12,14``), each as above."""
    for part in text.split(","):
        if part.strip():
            _member_number(part)
    return text


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_database_path()


def _passphrase(args: argparse.Namespace) -> str | None:
    """``--passphrase-file FILE``, else ``MEDLEMSVARD_PASSPHRASE``, else None."""
    from medlemsvard_app.services.security import (
        SecurityError,
        passphrase_from_environment,
        read_passphrase_file,
    )

    file = getattr(args, "passphrase_file", None)
    if file:
        try:
            return read_passphrase_file(Path(file))
        except SecurityError as exc:
            raise CliError(describe(exc)) from exc
    return passphrase_from_environment()


def _open(args: argparse.Namespace):
    from medlemsvard_app.services.session import open_session
    from medlemsvard_app.storage.errors import PassphraseNeeded

    try:
        session = open_session(_db_path(args), passphrase=_passphrase(args),
                               daily_backup=True)
    except PassphraseNeeded as exc:
        raise CliError(describe(exc) + " " + _(
            "Give it with --passphrase-file FILE or the MEDLEMSVARD_PASSPHRASE variable."
        )) from exc
    if not getattr(args, "language", None):
        set_language(session.association.language)
    return session


def _utf8_stdout() -> None:
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")


def _tolerant_stdout() -> None:
    """A console that cannot show ł or č gets a '?', not a crash."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")


def _domain_text(exc: Exception) -> str:
    """A sentence for a domain error; one per field for a ValidationError."""
    from medlemsvard_app.domain.errors import ValidationError
    from medlemsvard_app.i18n.messages import message

    if isinstance(exc, ValidationError):
        return " ".join(message(code) for code in exc.problems.values())
    return describe(exc)


def _member_by_number(session, text: str):
    number = text.strip()
    member = (session.register().get_by_number(int(number))
              if number.isdigit() and len(number) < 10 else None)
    if member is None:
        raise CliError(_("No member has the number {number}.").format(number=text))
    return member


def _confirm(args: argparse.Namespace, question: str, refusal: str) -> None:
    """``--yes``, or a "y" at a terminal; otherwise refuse (DESIGN §7)."""
    if getattr(args, "yes", False):
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(refusal)
    answer = input(question + " " + _("[y/N] "))
    if answer.strip().lower() not in ("y", "yes", "j", "ja"):
        raise CliError(_("Nothing was changed."))


