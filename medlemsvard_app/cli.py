"""The command line (DESIGN §7): a contract scripts and tests rely on.

Exit codes: 0 done completely; 1 bad input or done in part; 2 wrong usage.
Messages go to stderr in the chosen language, data to stdout; never a traceback.
Only ``gui`` loads Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from medlemsvard_app import (
    __version__,
    cli_activities,
    cli_board,
    cli_indicators,
    cli_labels,
    cli_letters,
    cli_privacy,
    cli_security,
    cli_welcome,
)
from medlemsvard_app.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    _confirm,
    _date,
    _db_path,
    _domain_text,
    _early_language,
    _err,
    _member_by_number,
    _member_number,
    _open,
    _os_reason,
    _passphrase,
    _tolerant_stdout,
    _utf8_stdout,
)
from medlemsvard_app.domain.dues_state import DuesState
from medlemsvard_app.i18n import _, ngettext, set_language, system_language
from medlemsvard_app.i18n.messages import describe, status_label
from medlemsvard_app.paths import default_database_path

MEMBER_JSON_KEYS = (
    "member_number", "given_name", "family_name", "call_name", "birth_date", "street", "co",
    "postal_code", "city", "country", "phone", "email", "joined_on", "left_on", "leave_reason",
    "status",
)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", type=Path, default=default,
                        help=_("the association's database file (default: your own)"))
    parser.add_argument("--language", choices=["sv", "nb", "en"], default=default,
                        help=_("language of messages and documents"))
    parser.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help=_("print data as JSON (listing commands)"))
    parser.add_argument("--yes", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help=_("confirm a destructive action without asking"))
    parser.add_argument("--passphrase-file", type=Path, default=default,
                        help=_("file holding the passphrase of an encrypted database"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medlemsvard",
        description=_("Medlemsvård: look after the members of your association."))
    parser.add_argument("--version", action="version", version=f"medlemsvard {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, suppress=True)
        return p

    p = command("gui", _("open the app (the default)"))
    # For the bundle's smoke test: open, print the window titles, quit after N ms.
    p.add_argument("--quit-after", type=int, default=None, metavar="MS", help=argparse.SUPPRESS)

    p = command("new", _("create an empty association"))
    p.add_argument("--name", required=True, help=_("the association's name"))
    p.add_argument("--country", choices=["SE", "NO"], default="SE",
                   help=_("SE for Sweden, NO for Norway (default SE)"))

    p = command("demo", _("create a demo association with realistic members"))
    p.add_argument("--members", type=int, default=300, help=_("how many members (default 300)"))
    p.add_argument("--country", choices=["SE", "NO"], default="SE",
                   help=_("SE for Sweden, NO for Norway (default SE)"))
    p.add_argument("--seed", type=int, default=1, help=_("same seed, same data"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("make the demo as of this day (YYYY-MM-DD)"))

    p = command("check", _("check a database file and print its schema version"))

    p = command("members", _("list members"))
    p.add_argument("--search", default="", help=_("text to search for, as in the register"))
    p.add_argument("--filter", action="append", default=None,
                   choices=REGISTER_FILTER_NAMES,
                   help=_("register filter; may be repeated (default: current)"))
    p.add_argument("--date", type=_date, default=None, help=_("as of this day (YYYY-MM-DD)"))

    p = command("import", _("import members from a CSV or Excel file"))
    p.add_argument("file", type=Path, help=_("CSV or XLSX file"))
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help=_("map a column of the file to a field; may be repeated"))
    p.add_argument("--skip-invalid", action="store_true",
                   help=_("import the valid rows and skip the rows with errors"))
    p.add_argument("--allow-duplicates", action="store_true",
                   help=_("import rows that share an e-mail address with another member"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("join date for rows without one (default today)"))

    p = command("export", _("export the register to CSV or Excel"))
    p.add_argument("--out", type=Path, required=True,
                   help=_("FILE.csv, FILE.xlsx, or FILE.zip with --zip-passphrase-file"))
    p.add_argument("--zip-passphrase-file", type=Path, default=None, metavar="FILE",
                   help=_("write an AES-encrypted ZIP locked with the passphrase in FILE"))
    p.add_argument("--search", default="")
    p.add_argument("--filter", action="append", default=None,
                   choices=REGISTER_FILTER_NAMES)
    p.add_argument("--date", type=_date, default=None, help=_("as of this day (YYYY-MM-DD)"))
    _dues_parsers(command)
    _payments_parsers(command)
    _calls_parsers(command)
    cli_activities.add_parsers(command)
    cli_welcome.add_parsers(command)
    cli_privacy.add_parsers(command)
    cli_labels.add_parsers(command)
    cli_security.add_parsers(command)
    cli_board.add_parsers(command)
    cli_indicators.add_parsers(command)
    cli_letters.add_parsers(command)
    return parser


def _member_json(member, home_country: str) -> dict:
    from medlemsvard_app.domain.validation import format_phone

    out = {}
    for key in MEMBER_JSON_KEYS:
        value = getattr(member, key)
        if key == "phone":
            value = format_phone(value, home_country) if value else ""
        elif isinstance(value, date):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        out[key] = value
    return out


def cmd_new(args: argparse.Namespace) -> int:
    from medlemsvard_app.services.security import SecurityError, check_new_passphrase
    from medlemsvard_app.services.session import create_session

    language = args.language or {"SE": "sv", "NO": "nb"}[args.country]
    passphrase = _passphrase(args)
    if passphrase is not None:
        try:
            check_new_passphrase(passphrase)
        except SecurityError as exc:
            raise CliError(describe(exc)) from exc
    session = create_session(_db_path(args), args.name, args.country, language,
                             passphrase=passphrase)
    session.close()
    _err(_("Created {name} in {path}.").format(name=args.name, path=_db_path(args)))
    if passphrase is not None:
        _err(_("The file is encrypted. Keep the passphrase safe: without it nobody, not even "
               "Medlemsvård, can open the file."))
    return EXIT_OK


def _confirm_replace(args: argparse.Namespace, path: Path) -> bool:
    if not path.exists():
        return False
    if getattr(args, "yes", False):
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(_("{path} already exists. Add --yes to replace it.").format(path=path))
    answer = input(_("{path} already exists. Replace it? [y/N] ").format(path=path))
    if answer.strip().lower() not in ("y", "yes", "j", "ja"):
        raise CliError(_("Nothing was changed."))
    return True


def cmd_demo(args: argparse.Namespace) -> int:
    from medlemsvard_app.services.demo import create_demo

    # Without --db a demo gets a file of its own: never the user's real register.
    path = (Path(args.db) if getattr(args, "db", None)
            else default_database_path().with_name(f"demo-{args.country.lower()}.sqlite"))
    if args.members < 0:
        raise CliError(_("--members cannot be negative."), EXIT_USAGE)
    replace = _confirm_replace(args, path)
    # The demo speaks the association's language, not the terminal's (C.UTF-8 is English).
    language = args.language or {"SE": "sv", "NO": "nb"}[args.country]
    session = create_demo(path, members=args.members, country=args.country, seed=args.seed,
                          language=language, today=args.date or date.today(),
                          replace=replace)
    count = session.members.total()
    session.close()
    _err(ngettext("Created a demo association with {count} person in {path}.",
                  "Created a demo association with {count} people in {path}.", count).format(
        count=count, path=path))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from medlemsvard_app.storage.database import integrity_problems, schema_version

    session = _open(args)
    problems = integrity_problems(session.db)
    version = schema_version(session.db)
    total = session.members.total()
    session.close()
    if args.json:
        print(json.dumps({"healthy": not problems, "schema_version": version,
                          "members": total, "problems": problems}))
    else:
        print(_("Schema version: {version}").format(version=version))
        print(_("People in the register: {count}").format(count=total))
    if problems:
        for p in problems:
            _err(p)
        _err(_("The database has problems (listed above)."))
        return EXIT_BAD_INPUT
    _err(_("The database is healthy."))
    return EXIT_OK


def cmd_members(args: argparse.Namespace) -> int:
    session = _open(args)
    register = session.register()
    today = args.date or session.today()
    ids = register.search_ids(args.search, args.filter or ["current"], today=today)
    home = session.association.country.value
    members = [m.as_of(today) for m in register.members(ids)]
    session.close()
    if args.json:
        _utf8_stdout()  # JSON is UTF-8 whatever the console's code page
        print(json.dumps([_member_json(m, home) for m in members], ensure_ascii=False, indent=1))
        return EXIT_OK
    _tolerant_stdout()
    from medlemsvard_app.domain.validation import format_phone

    for m in members:
        print("\t".join([str(m.member_number or ""), m.family_name, m.given_name, m.city,
                         format_phone(m.phone, home), m.email, status_label(m.status.value)]))
    _err(ngettext("{count} listed.", "{count} listed.", len(members)).format(count=len(members)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from medlemsvard_app.services.importing import run_cli_import

    session = _open(args)
    try:
        return run_cli_import(session, args, print_err=_err)
    finally:
        session.close()


def cmd_export(args: argparse.Namespace) -> int:
    from medlemsvard_app.services.exporting import ExportError, export_members

    _confirm_replace(args, Path(args.out))
    session = _open(args)
    try:
        register = session.register()
        today = args.date or session.today()
        ids = register.search_ids(args.search, args.filter or ["current"], today=today)
        zip_passphrase = cli_privacy.zip_passphrase(args)
        result = export_members(session, ids, args.out, as_of=args.date,
                                zip_passphrase=zip_passphrase)
    except ExportError as exc:
        usage = exc.code == "export_unsupported"
        raise CliError(describe(exc), EXIT_USAGE if usage else EXIT_BAD_INPUT) from exc
    finally:
        session.close()
    _err(ngettext("Exported {count} member to {path}.", "Exported {count} members to {path}.",
                  result.exported).format(count=result.exported, path=args.out))
    if zip_passphrase is None:
        cli_privacy.warn_unencrypted(Path(args.out))
    if result.left_out_protected:
        _err(ngettext("{count} member with protected identity was left out.",
                      "{count} members with protected identity were left out.",
                      result.left_out_protected).format(
            count=result.left_out_protected))
    return EXIT_OK


# -- dues: pay, dues, strike-off (issue 3) ---------------------------------------------------

#: ``--filter`` names of the dues (DESIGN §7): unpaid, bounced and every dues state code
#: (``direct_debit`` among them); the register service resolves them as of ``--date``.
DUES_FILTER_NAMES = ("unpaid", "bounced", *(s.value for s in DuesState))
REGISTER_FILTER_NAMES = ("current", "new", "former", "prospect", *DUES_FILTER_NAMES)
PAYMENT_METHODS = ("direct_debit", "bank_giro", "swish", "vipps", "cash", "other")


def _dues_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("pay", _("record a payment of dues"))
    p.add_argument("--member", required=True, metavar="NO", type=_member_number,
                   help=_("the member number"))
    p.add_argument("--amount", required=True, metavar="KR",
                   help=_("the amount in kronor, like 360 or 360,50"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("the day the payment was made (default today)"))
    p.add_argument("--year", type=int, default=None,
                   help=_("the dues year it pays for (default: the year invoiced on that day)"))
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_giro",
                   help=_("how it was paid (default bank_giro)"))

    p = command("dues", _("dues states: counts per state, or one member's state and why"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("as of this day (YYYY-MM-DD, default today)"))
    p.add_argument("--member", metavar="NO", default=None, type=_member_number,
                   help=_("show this member's state and why"))

    p = command("strike-off", _("strike off the members whose strike-off date has passed"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("as of this day, which is also the strike-off date (default today)"))


def cmd_pay(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.domain.money import parse_amount
    from medlemsvard_app.domain.payments import PaymentMethod
    from medlemsvard_app.i18n.dues_labels import dues_state_label, payment_method_label
    from medlemsvard_app.i18n.formatting import format_date, format_money

    session = _open(args)
    try:
        member = _member_by_number(session, args.member)
        dues = session.dues()
        try:
            amount = parse_amount(args.amount)
            periods = None if args.year is None else (args.year, args.year)
            payment, _changes = dues.record_payment(
                member.id, amount, args.date or session.today(), periods=periods,
                method=PaymentMethod(args.method))
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        today = session.today()
        status = dues.status(member.id, today) if member.is_current(today) else None
        currency = session.association.currency
    finally:
        session.close()
    years = (str(payment.period_from) if payment.period_to == payment.period_from
             else f"{payment.period_from}–{payment.period_to}")
    _err(_("Recorded {amount} from {name} (member {number}) for {years}, paid {date} "
           "({method}).").format(
        amount=format_money(payment.amount, currency), name=member.display_name,
        number=member.member_number, years=years, date=format_date(payment.paid_on, "long"),
        method=payment_method_label(payment.method.value)))
    if status is not None:
        _err(_("Dues state today: {state}.").format(state=dues_state_label(status.state.value)))
    elif member.left_on is not None:
        _err(_("Note: {name} is not a member (left {date}); the payment is recorded all the "
               "same. To take them back, record a rejoin in the member card.").format(
            name=member.display_name, date=format_date(member.left_on, "long")))
    return EXIT_OK


def _percent(value: float | None) -> str:
    from babel.numbers import format_percent

    from medlemsvard_app.i18n import current_locale

    return "–" if value is None else format_percent(value, locale=current_locale())


def _aligned(rows: Sequence[tuple[str, str]]) -> list[str]:
    """Label and value columns, values right-aligned (the text form of ``dues``)."""
    width = max(len(label) for label, _value in rows)
    value_width = max(len(value) for _label, value in rows)
    return [f"{label:<{width}}  {value:>{value_width}}" for label, value in rows]


def _dues_overview(session, day: date, as_json: bool) -> int:
    from medlemsvard_app.i18n.dues_labels import dues_state_label, timeline_event_label
    from medlemsvard_app.i18n.formatting import format_count, format_date

    overview = session.dues().overview(day)
    counts = {s.value: overview.counts.get(s, 0) for s in DuesState}
    nxt = overview.next
    if as_json:
        print(json.dumps({
            "date": day.isoformat(), "current": overview.current, "states": counts,
            "bounced": overview.bounced,
            "paid_rate": None if overview.paid_rate is None else round(overview.paid_rate, 4),
            "paid_rate_last_year": (None if overview.paid_rate_last_year is None
                                    else round(overview.paid_rate_last_year, 4)),
            "next": None if nxt is None else {
                "date": nxt.event.on.isoformat(), "event": nxt.event.kind,
                "period": nxt.event.period, "members": nxt.members},
        }, indent=1))
        return EXIT_OK
    _tolerant_stdout()
    print(ngettext("Dues on {date}: {count} current member",
                   "Dues on {date}: {count} current members", overview.current).format(
        date=format_date(day, "long"), count=format_count(overview.current)))
    rows = [(dues_state_label(code), format_count(n)) for code, n in counts.items()]
    rows += [(dues_state_label("bounced"), format_count(overview.bounced)),
             (_("Payment rate"), _percent(overview.paid_rate)),
             (_("Payment rate a year earlier"), _percent(overview.paid_rate_last_year))]
    for line in _aligned(rows):
        print("  " + line)
    if nxt is not None:
        print(ngettext("Next: {event} {period} on {date} ({count} member concerned)",
                       "Next: {event} {period} on {date} ({count} members concerned)",
                       nxt.members).format(
            event=timeline_event_label(nxt.event.kind), period=nxt.event.period,
            date=format_date(nxt.event.on, "long"), count=format_count(nxt.members)))
    return EXIT_OK


def _not_current_text(member, day: date) -> str:
    from medlemsvard_app.i18n.formatting import format_date
    from medlemsvard_app.i18n.messages import leave_reason_label

    if member.joined_on is not None and member.joined_on > day:
        return _("Not a member on {day}: joined on {date}.").format(
            day=format_date(day, "long"), date=format_date(member.joined_on, "long"))
    if member.left_on is not None and member.left_on <= day:
        reason = leave_reason_label(member.leave_reason.value) if member.leave_reason else ""
        return _("Not a member on {day}: left on {date} ({reason}).").format(
            day=format_date(day, "long"), date=format_date(member.left_on, "long"),
            reason=reason.lower())
    return _("Not a member on {day}.").format(day=format_date(day, "long"))


def _member_dues(session, number: str, day: date, as_json: bool) -> int:
    from medlemsvard_app.i18n.dues_labels import dues_state_label, explain
    from medlemsvard_app.i18n.formatting import format_date

    member = _member_by_number(session, number)
    info = session.dues().member_dues(member.id, day)
    status = info.status
    change = info.next_change
    data = {
        "member_number": member.member_number,
        "state": None if status is None else status.state.value,
        "bounced": bool(status and status.bounced),
        "reason": "not_current" if status is None else status.reason.value,
        "explanation": (_not_current_text(member, day) if status is None
                        else explain(status)),
        "period": None if status is None else status.period,
        "unpaid_since": None if status is None else status.unpaid_since,
        "next_change": None if change is None else {
            "date": change[0].isoformat(), "state": change[1].state.value},
    }
    if as_json:
        _utf8_stdout()
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    _tolerant_stdout()
    print(_("{name} (member {number}) on {date}").format(
        name=member.display_name, number=member.member_number,
        date=format_date(day, "long")))
    rows = [(_("State:"), "–" if status is None else dues_state_label(status.state.value))]
    if status is not None and status.bounced:
        rows.append((_("Bounced:"), _("yes")))
    rows.append((_("Why:"), data["explanation"]))
    if change is not None:
        rows.append((_("Next change:"), _("{date}: {state}").format(
            date=format_date(change[0], "long"), state=dues_state_label(change[1].state.value))))
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    return EXIT_OK


def cmd_dues(args: argparse.Namespace) -> int:
    session = _open(args)
    try:
        day = args.date or session.today()
        if args.member is not None:
            return _member_dues(session, args.member, day, args.json)
        return _dues_overview(session, day, args.json)
    finally:
        session.close()


def cmd_strike_off(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.domain.models import MembershipStatus
    from medlemsvard_app.i18n.formatting import format_date

    session = _open(args)
    try:
        day = args.date or session.today()
        dues = session.dues()
        ids = dues.strike_off_candidates(day)
        # Someone who has left since ``day`` keeps the leave already recorded.
        members = sorted((m for m in session.register().members(ids)
                          if m.status is MembershipStatus.MEMBER and m.left_on is None),
                         key=lambda m: m.member_number or 0)
        home = session.association.country.value
        if args.json:
            _utf8_stdout()
            print(json.dumps([_member_json(m, home) for m in members], ensure_ascii=False,
                             indent=1))
        else:
            _tolerant_stdout()
            for m in members:
                print("\t".join([str(m.member_number or ""), m.family_name, m.given_name,
                                 m.city]))
        when = format_date(day, "long")
        if not members:
            _err(_("Nobody is due to be struck off on {date}.").format(date=when))
            return EXIT_OK
        if day > session.today():
            raise CliError(_("{date} is in the future: members can be struck off on today's "
                             "date or earlier.").format(date=when))
        count = len(members)
        _confirm(args, ngettext("Strike off {count} member on {date}?",
                                "Strike off {count} members on {date}?", count).format(
                     count=count, date=when),
                 ngettext("{count} member is due to be struck off; nothing was changed. Add "
                          "--yes to strike them off.",
                          "{count} members are due to be struck off; nothing was changed. Add "
                          "--yes to strike them off.", count).format(count=count))
        try:
            done, _changes = dues.strike_off([m.id for m in members], day)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
    finally:
        session.close()
    _err(ngettext("Struck off {count} member on {date}; the payments and history are kept.",
                  "Struck off {count} members on {date}; their payments and history are kept.",
                  done).format(count=done, date=when))
    return EXIT_OK


# -- payments import (issue 3) ---------------------------------------------------------------
def _payments_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("payments", _("payments in bulk"))
    actions = p.add_subparsers(dest="payments_command", metavar=_("ACTION"), required=True)
    p = actions.add_parser(
        "import", help=_("import a payment list (CSV or Excel) from the bank or the central "
                         "register"),
        description=_("Match each row of a payment list to a member (OCR/KID reference, "
                      "member number, e-mail or name), print the match report and record "
                      "the matched payments in one go. Ambiguous, unmatched and invalid rows "
                      "are reported and skipped; rows recorded already are left out."))
    _global_options(p, suppress=True)
    p.add_argument("file", type=Path, help=_("CSV or XLSX file"))


def cmd_payments_import(args: argparse.Namespace) -> int:
    """``payments import FILE``: messages to stderr, the report as JSON to stdout."""
    from medlemsvard_app.services.payment_import import run_cli

    def print_json(report: dict) -> None:
        _utf8_stdout()
        print(json.dumps(report, ensure_ascii=False, indent=1))

    def confirm(question: str) -> bool:
        answer = input(question)
        return answer.strip().lower() in ("y", "yes", "j", "ja")

    interactive = bool(sys.stdin) and sys.stdin.isatty()
    session = _open(args)
    try:
        return run_cli(session, args, print_err=_err, print_json=print_json,
                       confirm=confirm if interactive else None)
    finally:
        session.close()


# -- calling rounds (issue 4) ----------------------------------------------------------------
_PURPOSES = ["new_members", "invoice_all", "reminder_unpaid", "autumn_unpaid", "former_members",
             "campaign"]


def _calls_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("calls", _("calling rounds"))
    actions = p.add_subparsers(dest="calls_command", metavar=_("ACTION"), required=True)
    plan = actions.add_parser("plan", help=_("the rounds the routine proposes on a day"))
    _global_options(plan, suppress=True)
    plan.add_argument("--date", type=_date, default=None, help=_("as of this day (YYYY-MM-DD)"))
    start = actions.add_parser("start", help=_("start a calling round"))
    _global_options(start, suppress=True)
    start.add_argument("--date", type=_date, default=None,
                       help=_("the day the round starts (default today)"))
    start.add_argument("--purpose", required=True, choices=_PURPOSES)
    start.add_argument("--callers", default="",
                       help=_("callers' names, separated by commas (default: every caller)"))
    start.add_argument("--filter", action="append", default=None,
                       choices=REGISTER_FILTER_NAMES,
                       help=_("register filter for a campaign round; may be repeated"))
    log = actions.add_parser("log", help=_("record a call with a member"))
    _global_options(log, suppress=True)
    log.add_argument("--member", required=True, type=_member_number,
                     help=_("membership number"))
    log.add_argument("--outcome", required=True,
                     choices=["reached", "no_answer", "message", "wrong_number", "do_not_call"])
    log.add_argument("--mood", choices=["positive", "neutral", "negative"])
    log.add_argument("--satisfaction", type=int, choices=range(1, 6), metavar="1-5")
    log.add_argument("--note", default="")
    log.add_argument("--date", type=_date, default=None,
                     help=_("the day of the call (default today)"))
    sheet = actions.add_parser("sheet", help=_("print the call sheets of a round to PDF"))
    _global_options(sheet, suppress=True)
    sheet.add_argument("--round", required=True, metavar="ID|PURPOSE",
                       help=_("the round's id, or a purpose for its latest round"))
    sheet.add_argument("--caller", default=None, metavar=_("NAME"),
                       help=_("only this caller's sheet (default: one per caller)"))
    sheet.add_argument("--out", type=Path, required=True, help=_("FILE.pdf"))
    sheet.add_argument("--date", type=_date, default=None,
                       help=_("the day the sheet is for (default today)"))


def cmd_calls(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.calls import CallOutcome, Mood, RoundPurpose
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.i18n.formatting import format_date
    from medlemsvard_app.services.calls import purpose_label

    session = _open(args)
    try:
        calls = session.calls()
        day = args.date or session.today()
        try:
            if args.calls_command == "plan":
                proposed = calls.plan(day)
                numbers = dict(session.register().rows(
                    [i for p in proposed for i in p.member_ids], ["member_number"]))
                if getattr(args, "json", False):
                    _utf8_stdout()
                    print(json.dumps([{"purpose": p.purpose.value, "size": len(p.member_ids),
                                       "member_numbers": [numbers[i][0] for i in p.member_ids]}
                                      for p in proposed], ensure_ascii=False, indent=1))
                else:
                    for p in proposed:
                        print(f"{p.purpose.value}\t{len(p.member_ids)}\t"
                              f"{purpose_label(p.purpose)}")
                return EXIT_OK
            if args.calls_command == "start":
                names = [n.strip() for n in args.callers.split(",") if n.strip()]
                ids = (calls.caller_ids(names) if names
                       else [c.id for c in calls.callers()])
                rnd = calls.start(RoundPurpose(args.purpose), ids, day,
                                  filters=args.filter or (),
                                  language=session.association.language)
                size = len(calls.repo.round_assignment(rnd.id))
                print(rnd.id)
                _err(ngettext("Started round {round} ({purpose}) with {count} member.",
                              "Started round {round} ({purpose}) with {count} members.",
                              size).format(round=rnd.id, purpose=purpose_label(rnd.purpose),
                                           count=size))
                return EXIT_OK
            if args.calls_command == "sheet":
                return _calls_sheet(session, args, day)
            member = _member_by_number(session, args.member)
            contact, _changes = calls.log(
                member.id, CallOutcome(args.outcome), day,
                mood=Mood(args.mood) if args.mood else None,
                satisfaction=args.satisfaction, note=args.note)
            _err(_("Recorded the call with {name} on {date}.").format(
                name=member.display_name, date=format_date(contact.on_date, "long")))
            return EXIT_OK
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
    finally:
        session.close()


def _calls_sheet(session, args: argparse.Namespace, day: date) -> int:
    from medlemsvard_app.documents.call_sheet import build_call_sheet
    from medlemsvard_app.services.call_sheets import call_sheet, find_round

    rnd = find_round(session, args.round)
    caller = session.calls().caller_ids([args.caller])[0] if args.caller else None
    _confirm_replace(args, Path(args.out))
    sheet = call_sheet(session, rnd.id, caller, day)
    try:
        Path(args.out).write_bytes(build_call_sheet(sheet))
    except OSError as exc:
        raise CliError(_("Could not write {path}: {reason}").format(
            path=args.out, reason=_os_reason(exc))) from exc
    count = sum(len(s.members) for s in sheet.sections)
    _err(ngettext("Wrote the call sheet ({count} member) to {path}.",
                  "Wrote the call sheet ({count} members) to {path}.", count).format(
        count=count, path=args.out))
    return EXIT_OK


def _has_screen() -> bool:
    """Qt aborts the process without a display; say so in a sentence instead."""
    if not sys.platform.startswith("linux"):
        return True
    import os

    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def cmd_gui(args: argparse.Namespace) -> int:
    if not _has_screen():
        raise CliError(_("No screen was found, so the window cannot open. Start the app from "
                         "your desktop, or use the commands listed by --help."))
    from medlemsvard_app.ui.app import run_gui

    return run_gui(db_path=_db_path(args), language=args.language,
                   quit_after_ms=getattr(args, "quit_after", None))


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui, "new": cmd_new, "demo": cmd_demo, "check": cmd_check,
    "members": cmd_members, "import": cmd_import, "export": cmd_export,
}
COMMANDS.update({"pay": cmd_pay, "dues": cmd_dues, "strike-off": cmd_strike_off})
COMMANDS.update({"payments": cmd_payments_import})
COMMANDS.update({"calls": cmd_calls})
COMMANDS.update(cli_activities.COMMANDS)
COMMANDS.update(cli_welcome.COMMANDS)
COMMANDS.update(cli_privacy.COMMANDS)
COMMANDS.update(cli_labels.COMMANDS)
COMMANDS.update(cli_security.COMMANDS)
COMMANDS.update(cli_board.COMMANDS)
COMMANDS.update(cli_indicators.COMMANDS)
COMMANDS.update(cli_letters.COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    from medlemsvard_app.i18n import cli_messages

    cli_messages.install()
    argv = list(sys.argv[1:] if argv is None else argv)
    # --language rules from the first message on: usage errors, help, a missing file.
    set_language(_early_language(argv) or system_language() or "en")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.language:
        set_language(args.language)
    command = args.command or "gui"
    from medlemsvard_app.storage.errors import StorageError

    try:
        return COMMANDS[command](args)
    except CliError as exc:
        _err(exc.text)
        return exc.code
    except StorageError as exc:
        _err(describe(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _err(_("Interrupted; nothing more was changed."))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`medlemsvard members | head`): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        detail = f"{exc.filename}: {_os_reason(exc)}" if exc.filename else _os_reason(exc)
        _err(_("A file could not be read or written: {detail}").format(detail=detail))
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the last net: a sentence, not a traceback
        log = _write_crash_log(exc)
        _err(_("Something went wrong inside Medlemsvård ({detail}). Changes already saved are "
               "kept. The details are in {log}.").format(detail=type(exc).__name__, log=log))
        return EXIT_BAD_INPUT


def _write_crash_log(exc: BaseException) -> str:
    """Keep the traceback for a bug report in the user's data folder, not on the screen."""
    import traceback
    from datetime import datetime

    from medlemsvard_app.paths import user_data_dir

    text = "".join(traceback.format_exception(exc))
    try:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')} medlemsvard "
                     f"{__version__}\n{text}\n")
        return str(path)
    except OSError:
        return "stderr"


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])
