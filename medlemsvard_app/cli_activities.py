"""``medlemsvard activities add|list|attend|sign-up|export-ics`` (DESIGN §7, issue 5).

``--date`` follows the contract: for ``list`` and ``export-ics`` it is the day asked about
(upcoming from that day on), for ``add`` the activity's day, for ``attend`` and ``sign-up``
the day of the activity the members came to or signed up for.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from medlemsvard_app.cli_support import (
    EXIT_OK,
    CliError,
    _date,
    _domain_text,
    _err,
    _member_numbers,
    _open,
    _os_reason,
    _utf8_stdout,
)
from medlemsvard_app.i18n import _, ngettext

ACTIVITY_JSON_KEYS = ("id", "title", "kind", "date", "starts_at", "ends_at", "place", "purpose",
                      "target_group", "responsible", "cancelled", "guests", "signed_up", "came",
                      "evaluated")


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from medlemsvard_app.cli import _global_options

    p = command("activities", _("activities, sign-ups and attendance"))
    actions = p.add_subparsers(dest="activities_command", metavar=_("ACTION"), required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help_text, description=help_text)
        _global_options(a, suppress=True)
        return a

    add = action("add", _("add an activity; prints its id"))
    add.add_argument("--title", required=True, help=_("what the activity is called"))
    add.add_argument("--date", type=_date, required=True, help=_("the activity's day (YYYY-MM-DD)"))
    add.add_argument("--start", default="", metavar="HH:MM",
                     help=_("start time (none: all day)"))
    add.add_argument("--end", default="", metavar="HH:MM", help=_("end time"))
    add.add_argument("--kind", default="meeting",
                     help=_("a kind code (meeting, study_circle, party, stall, …) or your own "
                            "word (default meeting)"))
    add.add_argument("--place", default="")
    add.add_argument("--purpose", default="")
    add.add_argument("--target-group", default="")
    add.add_argument("--responsible", default="", metavar=_("NAME"))

    lst = action("list", _("list activities (upcoming by default)"))
    lst.add_argument("--date", type=_date, default=None,
                     help=_("as of this day (YYYY-MM-DD; default today)"))
    which = lst.add_mutually_exclusive_group()
    which.add_argument("--past", action="store_true", help=_("the activities before the day"))
    which.add_argument("--all", action="store_true", help=_("every activity"))

    attend = action("attend", _("record who came to an activity"))
    attend.add_argument("members", nargs="+", metavar="NO", type=_member_numbers,
                        help=_("membership numbers of those who came"))
    attend.add_argument("--date", type=_date, default=None,
                        help=_("the activity's day (default today)"))
    attend.add_argument("--activity", type=int, default=None, metavar="ID",
                        help=_("the activity's id (needed when several are on the day)"))
    attend.add_argument("--guests", type=int, default=None,
                        help=_("how many guests who are not members came"))

    sign_up = action("sign-up", _("sign members up for an activity"))
    sign_up.add_argument("members", nargs="+", metavar="NO", type=_member_numbers,
                         help=_("membership numbers"))
    sign_up.add_argument("--date", type=_date, default=None,
                         help=_("the activity's day (default today)"))
    sign_up.add_argument("--activity", type=int, default=None, metavar="ID",
                         help=_("the activity's id (needed when several are on the day)"))

    remind = action("reminders", _("who to remind of tomorrow's activities"))
    remind.add_argument("--date", type=_date, default=None,
                        help=_("the day before the activity (default today)"))
    remind.add_argument("--mark", action="store_true",
                        help=_("mark them as reminded on that day"))

    ics = action("export-ics", _("write activities to an iCalendar file (.ics)"))
    ics.add_argument("--out", type=Path, required=True, help=_("FILE.ics"))
    ics.add_argument("--activity", type=int, action="append", default=None, metavar="ID",
                     help=_("only this activity; may be repeated (default: every upcoming one)"))
    ics.add_argument("--date", type=_date, default=None,
                     help=_("upcoming as of this day (default today)"))


def _activity_json(row) -> dict:
    a = row.activity
    return {"id": a.id, "title": a.title, "kind": a.kind, "date": a.on_date.isoformat(),
            "starts_at": a.starts_at.strftime("%H:%M") if a.starts_at else None,
            "ends_at": a.ends_at.strftime("%H:%M") if a.ends_at else None,
            "place": a.place, "purpose": a.purpose, "target_group": a.target_group,
            "responsible": a.responsible, "cancelled": a.cancelled, "guests": a.guests,
            "signed_up": row.signed_up, "came": row.came, "evaluated": row.evaluated}


def _members(session, numbers: list[str]) -> list:
    """Every number must be a member's; otherwise nothing is recorded (exit 1)."""
    register = session.register()
    found, unknown = [], []
    for text in numbers:
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            member = (register.get_by_number(int(part))
                      if part.isdigit() and len(part) < 10 else None)
            if member is None:
                unknown.append(part)
            else:
                found.append(member)
    if unknown:
        raise CliError(ngettext("No member has the number {numbers}; nothing was recorded.",
                                "No members have the numbers {numbers}; nothing was recorded.",
                                len(unknown)).format(numbers=", ".join(unknown)))
    return found


def cmd_activities(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.activities import Activity, SignUpVia, parse_time
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.i18n.activity_labels import kind_from_text
    from medlemsvard_app.i18n.formatting import format_date

    session = _open(args)
    try:
        service = session.activities()
        try:
            if args.activities_command == "add":
                activity = service.save(Activity(
                    args.title, args.date, kind_from_text(args.kind),
                    parse_time(args.start), parse_time(args.end), args.place, args.purpose,
                    args.target_group, args.responsible))
                print(activity.id)
                _err(_("Added “{title}” on {date}.").format(
                    title=activity.title, date=format_date(activity.on_date, "long")))
                return EXIT_OK
            if args.activities_command == "list":
                day = args.date or session.today()
                # "As of" the day (DESIGN §7): sign-ups, attendance and evaluations dated
                # later are not counted.
                as_of = args.date is not None
                rows = (service.listing(as_of=args.date) if args.all else
                        service.past(day, as_of=as_of) if args.past
                        else service.upcoming(day, as_of=as_of))
                _utf8_stdout()
                if getattr(args, "json", False):
                    print(json.dumps([_activity_json(r) for r in rows], ensure_ascii=False,
                                     indent=1))
                else:
                    for r in rows:
                        a = r.activity
                        times = a.starts_at.strftime("%H:%M") if a.starts_at else ""
                        if a.ends_at:
                            times += "-" + a.ends_at.strftime("%H:%M")
                        print("\t".join([str(a.id), a.on_date.isoformat(), times, a.title,
                                         a.kind, a.place, str(r.signed_up), str(r.came)]))
                return EXIT_OK
            if args.activities_command == "export-ics":
                from medlemsvard_app.cli import _confirm_replace

                _confirm_replace(args, Path(args.out))
                try:
                    count = service.export_ics(Path(args.out), args.activity, args.date)
                except OSError as exc:
                    raise CliError(_("Could not write {path}: {reason}").format(
                        path=args.out, reason=_os_reason(exc))) from exc
                _err(ngettext("Wrote {count} activity to {path}.",
                              "Wrote {count} activities to {path}.", count).format(
                    count=count, path=args.out))
                return EXIT_OK
            if args.activities_command == "reminders":
                return _reminders(session, args)
            activity = service.find(args.activity, args.date or session.today())
            members = _members(session, args.members)
            if args.activities_command == "sign-up":
                added = sum(service.sign_up(activity.id, m.id, SignUpVia.CLI) for m in members)
                _err(ngettext("Signed up {count} member for “{title}”.",
                              "Signed up {count} members for “{title}”.", added).format(
                    count=added, title=activity.title))
                return EXIT_OK
            if args.guests is not None and args.guests < 0:
                raise CliError(_("The number of guests cannot be negative."))
            result = service.add_attendance(activity.id, [m.id for m in members], args.guests)
            numbers = {m.id: m.member_number for m in members}
            first = [numbers[m] for m in result.first_timers]
            if getattr(args, "json", False):
                _utf8_stdout()
                print(json.dumps({"activity_id": activity.id,
                                  "date": activity.on_date.isoformat(),
                                  "came": result.came, "guests": result.guests,
                                  "first_timers": first}, ensure_ascii=False))
            _err(ngettext("{count} member came to “{title}”.",
                          "{count} members came to “{title}”.", result.came).format(
                count=result.came, title=activity.title))
            if first:
                _err(_("First activity for: {numbers}").format(
                    numbers=", ".join(str(n) for n in first)))
            return EXIT_OK
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
    finally:
        session.close()


def _reminders(session, args: argparse.Namespace) -> int:
    """Tomorrow's sign-ups not reminded yet (the day before, DESIGN §2), with phones."""
    service = session.activities()
    day = args.date or session.today()
    due = service.reminders(day)
    _utf8_stdout()
    if getattr(args, "json", False):
        print(json.dumps([{"activity_id": r.activity.id, "title": r.activity.title,
                           "date": r.activity.on_date.isoformat(),
                           "member_number": r.person.member_number, "name": r.person.name,
                           "phone": r.person.phone} for r in due], ensure_ascii=False, indent=1))
    else:
        for r in due:
            print("\t".join([str(r.person.member_number or ""), r.person.name, r.person.phone,
                             r.activity.title]))
    if args.mark and due:
        by_activity: dict[int, list[int]] = {}
        for r in due:
            by_activity.setdefault(r.activity.id, []).append(r.person.member_id)
        for activity_id, members in by_activity.items():
            service.mark_reminded(activity_id, members, day)
        _err(ngettext("Marked {count} member as reminded.",
                      "Marked {count} members as reminded.", len(due)).format(count=len(due)))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"activities": cmd_activities}
