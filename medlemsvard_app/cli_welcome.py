"""``medlemsvard welcome``: each new member's welcome steps and their states (DESIGN §7)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from medlemsvard_app.cli_support import (
    EXIT_OK,
    CliError,
    _date,
    _domain_text,
    _member_by_number,
    _member_number,
    _open,
    _utf8_stdout,
)
from medlemsvard_app.i18n import _


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("welcome", _("the welcome checklist of new members"))
    p.add_argument("--date", type=_date, default=None, help=_("as of this day (YYYY-MM-DD)"))
    p.add_argument("--member", default=None, metavar=_("NUMBER"), type=_member_number,
                   help=_("only this member (membership number)"))
    p.add_argument("--overdue", action="store_true",
                   help=_("only members with a step overdue"))


def _step_json(status, settings) -> dict:
    from medlemsvard_app.i18n.welcome_labels import step_title

    step = settings.step(status.step)
    how = None
    if status.override is not None:
        how = "marked"
    elif status.evidence is not None and status.state.value == "done":
        how = status.evidence.fact.value
    return {
        "step": status.step,
        "title": step_title(step) if step is not None else status.step,
        "state": status.state.value,
        "due_on": status.due_on.isoformat() if status.due_on else None,
        "done_on": status.done_on.isoformat() if status.done_on else None,
        "how": how,
        "note": status.override.note if status.override is not None else "",
    }


def cmd_welcome(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.domain.welcome import StepState
    from medlemsvard_app.i18n.welcome_labels import state_label, step_title

    session = _open(args)
    try:
        welcome = session.welcome()
        day = args.date or session.today()
        try:
            overview = welcome.overview(day)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        rows = overview.rows
        if args.member is not None:
            member = _member_by_number(session, args.member)
            rows = [r for r in rows if r.member.id == member.id]
            if not rows:
                raise CliError(_("{name} is not a new member on {date}: the checklist is for "
                                 "members who joined in the last {days} days.").format(
                    name=member.display_name, date=day.isoformat(),
                    days=overview.settings.period_days))
        if args.overdue:
            rows = [r for r in rows if r.overdue]
        settings = overview.settings
        if getattr(args, "json", False):
            _utf8_stdout()
            print(json.dumps([{
                "member_number": r.member.member_number,
                "given_name": r.member.given_name,
                "family_name": r.member.family_name,
                "call_name": r.member.call_name,
                "joined_on": r.member.joined_on.isoformat(),
                "mentor": r.mentor.member_number if r.mentor is not None else None,
                "steps": [_step_json(s, settings) for s in r.steps],
            } for r in rows], ensure_ascii=False, indent=1))
            return EXIT_OK
        _utf8_stdout()
        # The text is for people: the state in words only (the codes are in --json).
        width = max(len(state_label(state)) for state in StepState)
        for r in rows:
            print(f"{r.member.member_number or ''}\t{r.member.display_name}\t"
                  + _("joined {date}").format(date=r.member.joined_on.isoformat()))
            for s in r.steps:
                step = settings.step(s.step)
                title = step_title(step) if step is not None else s.step
                due = s.due_on.isoformat() if s.due_on else ""
                print(f"  {state_label(s.state):<{width}}  {due:<10}  {title}")
        return EXIT_OK
    finally:
        session.close()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"welcome": cmd_welcome}
