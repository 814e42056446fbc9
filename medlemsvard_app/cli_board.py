"""``medlemsvard print swot|compass|compass-blank|plan`` and ``medlemsvard compass``: the
board's handouts as PDFs, and the latest compass assessment with its progress.

Exit codes and JSON as DESIGN §7: 0 done, 1 bad input (nothing to print, an unknown id,
a file that cannot be written), 2 wrong usage.
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
    _open,
    _os_reason,
)
from medlemsvard_app.i18n import _

PRINT_KINDS = ("swot", "compass", "compass-blank", "plan")


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("print", _("print the board's handouts: SWOT, compass, action plan"))
    p.add_argument("kind", choices=PRINT_KINDS,
                   help=_("swot, compass (the latest assessment), compass-blank (a form to "
                          "fill in by hand) or plan"))
    p.add_argument("--out", type=Path, required=True, help=_("FILE.pdf"))
    p.add_argument("--id", type=int, default=None,
                   help=_("which analysis, assessment or plan (default: the latest)"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("figures as of this day (YYYY-MM-DD; default today)"))

    p = command("compass", _("the latest compass assessment and what moved since the one "
                             "before"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("the app's own figures as of this day (YYYY-MM-DD)"))


def cmd_print(args: argparse.Namespace) -> int:
    from medlemsvard_app.cli import _confirm_replace
    from medlemsvard_app.domain.errors import DomainError
    from medlemsvard_app.services.board_tools import compass_pdf, plan_pdf, swot_pdf

    session = _open(args)
    try:
        board = session.board()
        day = args.date or session.today()
        out = Path(args.out)
        try:
            if args.kind == "swot":
                analysis = board.swot(args.id)
                if analysis is None:
                    raise CliError(_nothing(args.id, _("There is no SWOT analysis yet.")))
                make = lambda: swot_pdf(session, analysis)  # noqa: E731
            elif args.kind == "compass":
                assessment = board.compass(day, args.id).latest
                if assessment is None:
                    raise CliError(_nothing(args.id, _("There is no compass assessment yet. "
                                                       "Print compass-blank for a form.")))
                make = lambda: compass_pdf(session, assessment, day)  # noqa: E731
            elif args.kind == "compass-blank":
                make = lambda: compass_pdf(session, None, day)  # noqa: E731
            else:
                plan = board.plan(args.id)
                if plan is None:
                    raise CliError(_nothing(args.id, _("There is no action plan yet.")))
                make = lambda: plan_pdf(session, plan, day)  # noqa: E731
            _confirm_replace(args, out)
            pdf = make()
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        try:
            out.write_bytes(pdf)
        except OSError as exc:
            raise CliError(_("Could not write {path}: {reason}").format(
                path=out, reason=_os_reason(exc))) from exc
        _err(_("Wrote {path}.").format(path=out))
        return EXIT_OK
    finally:
        session.close()


def _nothing(wanted: int | None, text: str) -> str:
    if wanted is not None:
        return _("There is nothing with the id {id}.").format(id=wanted)
    return text


def cmd_compass(args: argparse.Namespace) -> int:
    from medlemsvard_app.cli_support import _utf8_stdout
    from medlemsvard_app.domain.compass import ITEMS, summarise

    session = _open(args)
    try:
        day = args.date or session.today()
        view = session.board().compass(day)
        current = view.latest
        if current is None:
            raise CliError(_("There is no compass assessment yet."))
        if getattr(args, "json", False):
            _utf8_stdout()
            moved = view.progress
            print(json.dumps({
                "assessed_on": current.assessed_on.isoformat(),
                "previous_on": view.previous.assessed_on.isoformat() if view.previous else None,
                "areas": [{"area": s.area.value, "now": s.now, "soon": s.soon,
                           "not_now": s.not_now, "blank": s.blank}
                          for s in summarise(current)],
                "items": [_item_json(item.code, item.area.value, current, view.hints)
                          for item in ITEMS],
                "progress": None if moved is None else {
                    "since": moved.since.isoformat(),
                    "moved_to_now": list(moved.moved_to_now),
                    "new_now": list(moved.new_now),
                    "new_soon": list(moved.new_soon),
                    "dropped": list(moved.dropped)},
            }, ensure_ascii=False, indent=1))
            return EXIT_OK
        _print_text(view)
        return EXIT_OK
    finally:
        session.close()


def _item_json(code: str, area: str, assessment, hints) -> dict:
    found = assessment.answers.get(code)
    figure = hints.get(code)
    return {"item": code, "area": area,
            "answer": found.answer.value if found and found.answer else None,
            "note": found.note if found else "",
            "app_sees": None if figure is None else {
                "kind": figure.hint.value, "count": figure.count, "total": figure.total,
                "view": figure.target}}


def _print_text(view) -> None:
    from medlemsvard_app.cli_support import _tolerant_stdout
    from medlemsvard_app.domain.compass import Answer, Area, items_in, summarise
    from medlemsvard_app.i18n.compass_labels import (
        answer_short,
        area_label,
        area_summary_text,
        hint_text,
        item_full_label,
        item_label,
        progress_lines,
    )
    from medlemsvard_app.i18n.formatting import format_date

    _tolerant_stdout()
    current = view.latest
    print(_("Association compass, assessment of {date}").format(
        date=format_date(current.assessed_on, "long")))
    summaries = {s.area: s for s in summarise(current)}
    width = max(len(answer_short(a)) for a in Answer)
    for area in Area:
        print()
        print(f"{area_label(area)}: {area_summary_text(summaries[area])}")
        for item in items_in(area):
            found = current.answers.get(item.code)
            mark = answer_short(found.answer) if found and found.answer else "-"
            line = f"  {mark:<{width}}  {item_label(item.code)}"
            if found and found.note:
                line += f" ({found.note})"
            print(line)
            figure = view.hints.get(item.code)
            if figure is not None:
                print(f"  {'':<{width}}  {hint_text(figure)}")
    print()
    if view.progress is None:
        print(_("This is the first assessment."))
        return
    print(_("Since the assessment of {date}").format(
        date=format_date(view.previous.assessed_on, "long")) + ":")
    for line in progress_lines(view.progress, item_full_label):
        print("  • " + line)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "print": cmd_print, "compass": cmd_compass,
}
