"""``medlemsvard indicators`` and ``medlemsvard report``: the figures and the board report.

``indicators --json`` prints one flat object with stable English keys (README): counts as
integers, shares as fractions 0-1, the mean satisfaction 1-5, null where there is nothing
to divide by. It is for the board, so small groups are shown as they are.
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
    _tolerant_stdout,
    _utf8_stdout,
)
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.indicators import FIGURES, Period
from medlemsvard_app.i18n import _

#: The figures the text output leaves out (they are in --json): the detail rows.
_TEXT_SKIP = {"members_at_start"}


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("indicators", _("the indicators for a period (members, joins, exits, ...)"))
    p.add_argument("--date", type=_date, default=None,
                   help=_("the last day of the period (default today)"))
    p.add_argument("--period", choices=[p.value for p in Period], default=Period.YEAR.value,
                   help=_("two months, half a year or a year (default 1y)"))
    p = command("report", _("the board report for the annual report as a PDF"))
    p.add_argument("--year", type=int, required=True, help=_("the year the report covers"))
    p.add_argument("--out", type=Path, required=True, help=_("FILE.pdf"))


def cmd_indicators(args: argparse.Namespace) -> int:
    from medlemsvard_app.domain.indicators import change
    from medlemsvard_app.i18n.formatting import format_date
    from medlemsvard_app.i18n.indicator_labels import (
        figure_label,
        format_change,
        format_figure,
        period_label,
    )

    session = _open(args)
    try:
        day = args.date or session.today()
        period = Period(args.period)
        service = session.indicators()
        if args.json:
            figures = service.figures(day, period)
            _utf8_stdout()
            print(json.dumps(figures.as_json(), ensure_ascii=False, indent=1))
            return EXIT_OK
        now, before = service.compare(day, period)
        _tolerant_stdout()
        print(_("{period} from {start} to {end}").format(
            period=period_label(period), start=format_date(now.start),
            end=format_date(now.end)))
        width = max(len(figure_label(k)) for k, _kind in FIGURES)
        for key, _kind in FIGURES:
            if key in _TEXT_SKIP:
                continue
            value = format_figure(key, now.values.get(key))
            moved = format_change(key, change(now, before, key))
            print(f"{figure_label(key):<{width}}  {value:>8}  {moved}".rstrip())
        return EXIT_OK
    finally:
        session.close()


def cmd_report(args: argparse.Namespace) -> int:
    session = _open(args)
    try:
        if not 1900 <= args.year <= session.today().year:
            raise CliError(_("The report can cover a year from 1900 up to this year, not "
                             "{year}.").format(year=args.year))
        try:
            pdf = session.indicators().board_report(args.year)
        except DomainError as exc:
            raise CliError(_domain_text(exc)) from exc
        args.out.write_bytes(pdf)
        _err(_("The board report for {year} was written to {file}.").format(
            year=args.year, file=args.out))
        return EXIT_OK
    finally:
        session.close()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "indicators": cmd_indicators, "report": cmd_report}
