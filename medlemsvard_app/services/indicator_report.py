"""The board report's content: the year's figures in words, tables and chart data.

Gathers the figures (``IndicatorService``), hides groups smaller than five (the report
leaves the board: it goes into the annual report), translates every word and formats
every number, and hands ``documents/board_report.py`` plain text to lay out.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_skeleton, get_month_names

from medlemsvard_app.documents.board_report import BoardReport, ReportTable
from medlemsvard_app.documents.charts import ChartSpec, Series
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.indicators import (
    AGE_GROUP_CODES,
    EXIT_REASONS,
    TENURE_BUCKETS,
    FigureSet,
    Period,
    years_before,
)
from medlemsvard_app.i18n import _, current_locale, pgettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.indicator_labels import (
    age_group_label,
    exit_reason_label,
    fewer_than_five,
    figure_definition,
    figure_label,
    format_change,
    format_figure,
    tenure_label,
)

if TYPE_CHECKING:
    from medlemsvard_app.services.indicators import IndicatorService

#: The indicators compared with last year, in the order printed.
COMPARED: tuple[str, ...] = (
    "member_count", "joined", "new_under_45", "share_under_45", "share_recruited", "left",
    "retention", "first_year_retention", "bounced", "payment_rate", "activities_held",
    "attended_share", "calls_made", "calls_reached", "satisfaction", "interest_signups")
#: Figures whose definitions the notes repeat.
DEFINED: tuple[str, ...] = ("retention", "first_year_retention", "share_recruited",
                            "payment_rate", "bounced")


def _text(f: FigureSet, key: str) -> str:
    return format_figure(key, f.values.get(key), hidden=f.hidden(key))


def _number(f: FigureSet, key: str) -> tuple[float, str]:
    """A value for a chart and its label: a hidden group is drawn empty, labelled."""
    if f.hidden(key):
        return 0, "<5"
    value = f.values.get(key) or 0
    return value, format_figure(key, value)


def build_report(service: IndicatorService, year: int) -> BoardReport:
    today = service.today()
    if not 1900 <= year <= today.year:
        raise DomainError("report_year_invalid", year=year)
    end = min(date(year, 12, 31), today)
    start = date(year - 1, 12, 31)
    whole_year = end == date(year, 12, 31)
    prev_end = date(year - 1, 12, 31) if whole_year else years_before(end, 1)
    flows = service.flows()
    now = service.figures(end, Period.YEAR, flows=flows, start=start).for_outside()
    before = service.figures(prev_end, Period.YEAR, flows=flows,
                             start=date(year - 2, 12, 31)).for_outside()
    assoc = service.session.association
    this, last = str(year), str(year - 1)
    if not whole_year:  # the year so far against the same days of the year before
        day = format_skeleton("dMMM", end, locale=current_locale())
        this = _("{year}, up to {day}").format(year=year, day=day)
        last = _("{year}, up to {day}").format(year=year - 1, day=day)

    subtitle = (_("{association} · the year {year}").format(association=assoc.name, year=year)
                if whole_year else
                _("{association} · the year up to {date}").format(
                    association=assoc.name, date=format_date(end, "long")))
    summary = [_("On {date} the association had {count} members ({change} since the start of "
                 "the year). {joined} joined and {left} left during the year.").format(
        date=format_date(end, "long"), count=_text(now, "member_count"),
        change=_text(now, "net_change"), joined=_text(now, "joined"),
        left=_text(now, "left"))]

    # -- member flow ---------------------------------------------------------------------
    def row(label: str, key: str, *, indent: bool = False) -> list[str]:
        return [("    " if indent else "") + label, _text(before, key), _text(now, key)]

    flow_rows = [row(_("Members at the start of the year"), "members_at_start"),
                 row(_("Joined"), "joined"),
                 row(_("of whom under 45"), "new_under_45", indent=True),
                 row(pgettext("indicator flow", "Left"), "left")]
    flow_rows += [row(exit_reason_label(r), f"left_{r}", indent=True) for r in EXIT_REASONS]
    flow_rows += [row(_("Members at the end of the year") if whole_year
                      else _("Members at the end of the period"), "member_count"),
                  row(figure_label("net_change"), "net_change")]
    flow = ReportTable(_("Member flow"), [_("Members"), last, this], flow_rows,
                       emphasis=(0, len(flow_rows) - 2))

    # -- charts --------------------------------------------------------------------------
    months = get_month_names("abbreviated", locale=current_locale())
    last_month = end.month
    month_days = [(m, _month_end(year, m, end)) for m in range(1, last_month + 1)]
    counts_now = [flows.members_on(d) for _m, d in month_days]
    counts_before = [flows.members_on(_month_end(year - 1, m, date(year - 1, 12, 31)))
                     for m, _d in month_days]
    line = ChartSpec("line", _("Members at the end of each month"),
                     [months[m] for m, _d in month_days],
                     [Series(str(year - 1), counts_before),
                      Series(str(year), counts_now)])
    years = list(range(year - 4, year + 1))
    joined_vals, left_vals, joined_labels, left_labels = [], [], [], []
    for y in years:
        y_end = min(date(y, 12, 31), end)
        y_figs = _year_flow(flows, date(y - 1, 12, 31), y_end)
        for n, vals, labels in ((y_figs[0], joined_vals, joined_labels),
                                (y_figs[1], left_vals, left_labels)):
            hidden = 0 < n < 5
            vals.append(0 if hidden else n)
            labels.append("<5" if hidden else format_figure("joined", n))
    bars = ChartSpec("bars", _("Joined and left, year by year"), [str(y) for y in years],
                     [Series(_("Joined"), joined_vals, joined_labels),
                      Series(pgettext("indicator flow", "Left"), left_vals, left_labels)])
    reasons = [_number(now, f"left_{r}") for r in EXIT_REASONS]
    exit_chart = ChartSpec("hbars", _("Why members left in {year}").format(year=year),
                           [exit_reason_label(r) for r in EXIT_REASONS],
                           [Series(pgettext("indicator flow", "Left"), [v for v, _t in reasons],
                                   [t for _v, t in reasons])])
    tenure = [_number(now, f"tenure_{b}") for b in TENURE_BUCKETS]
    tenure_chart = ChartSpec("hbars", _("How long they had been members"),
                             [tenure_label(b) for b in TENURE_BUCKETS],
                             [Series(pgettext("indicator flow", "Left"), [v for v, _t in tenure],
                                     [t for _v, t in tenure])])
    ages = [_number(now, f"age_{g}") for g in AGE_GROUP_CODES]
    age_chart = ChartSpec("hbars", _("Members by age, end of the year") if whole_year
                          else _("Members by age"),
                          [age_group_label(g) for g in AGE_GROUP_CODES],
                          [Series(_("Members"), [v for v, _t in ages], [t for _v, t in ages])])

    # -- indicators against last year, new vs experienced -------------------------------
    compared = ReportTable(
        _("The indicators compared with last year"),
        [_("Indicator"), last, this, _("Change")],
        [[figure_label(k), _text(before, k), _text(now, k),
          "" if now.hidden(k) or before.hidden(k)
          else format_change(k, _delta(now, before, k))] for k in COMPARED])
    split = ReportTable(
        _("New and experienced members"),
        [_("At the end of the year") if whole_year else _("At the end of the period"),
         _("New (under a year)"), _("Experienced (a year or more)")],
        [[_("Members"), _text(now, "new_members"), _text(now, "experienced_members")],
         [_("Left during the year"), _text(now, "left_new"), _text(now, "left_experienced")],
         [figure_label("payment_rate"), _text(now, "payment_rate_new"),
          _text(now, "payment_rate_experienced")],
         [_("Came to an activity this year"), _text(now, "attended_share_new"),
          _text(now, "attended_share_experienced")]],
        note=_("New members are those who joined less than a year before; they leave more "
               "often and need a welcome, the experienced need thanks and tasks."))
    more = [compared, split]
    compass = compass_table(service, end)
    if compass is not None:
        more.append(compass)
    notes = [_("Groups of fewer than 5 people are shown as “{text}” (or “<5” in the charts), "
               "so that no one can be recognised.").format(text=fewer_than_five())]
    notes += [f"{figure_label(k)}: {figure_definition(k)}" for k in DEFINED]
    return BoardReport(assoc.name, _("Members and membership {year}").format(year=year),
                       subtitle, summary, [flow], [line, bars, exit_chart, tenure_chart,
                                                   age_chart],
                       more, notes, _("Page {page}"))


def _delta(now: FigureSet, before: FigureSet, key: str) -> float | None:
    a, b = now.values.get(key), before.values.get(key)
    return None if a is None or b is None else a - b


def _month_end(year: int, month: int, cap: date) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return min(date.fromordinal(first_next.toordinal() - 1), cap)


def _year_flow(flows, start: date, end: date) -> tuple[int, int]:
    return flows.joined_between(start, end), flows.left_between(start, end)


def compass_table(service: IndicatorService, day: date) -> ReportTable | None:
    """The association compass's latest assessment against the one before it, when the
    board tools are there and an assessment exists (None otherwise)."""
    session = service.session
    if not hasattr(session, "board"):
        return None
    try:
        from medlemsvard_app.domain.compass import summarise
        from medlemsvard_app.i18n.compass_labels import area_label

        view = session.board().compass(day)
    except Exception:  # noqa: BLE001 - the compass is optional: the report goes on without it
        return None
    if view.latest is None:
        return None
    latest = summarise(view.latest)
    earlier = summarise(view.previous) if view.previous is not None else None
    header = [_("Area")]
    if earlier is not None:
        header.append(format_date(view.previous.assessed_on))
    header.append(format_date(view.latest.assessed_on))
    rows = []
    for i, area in enumerate(latest):
        line = [area_label(area.area)]
        if earlier is not None:
            line.append(_("{now} now, {soon} soon").format(now=earlier[i].now,
                                                          soon=earlier[i].soon))
        line.append(_("{now} now, {soon} soon").format(now=area.now, soon=area.soon))
        rows.append(line)
    return ReportTable(
        _("The association compass"), header, rows,
        note=_("Checklist items per area that the association does now, and those it finds "
               "realistic soon."))
