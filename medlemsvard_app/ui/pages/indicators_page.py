"""The indicators view: the board's figures for a period, charts, the goal and projection,
and the board report.

Everything shown comes from one background job (``load_snapshot``) with its own
connection: at 100,000 members the dues rules alone take a fifth of a second. The page
lays out the snapshot; a figure's definition is one click on its "?" button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.dates import format_skeleton
from PySide6.QtCore import QPoint, Qt, QThreadPool, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.indicators import (
    AGE_GROUP_CODES,
    EXIT_REASONS,
    TENURE_BUCKETS,
    Period,
    change,
)
from medlemsvard_app.i18n import _, current_locale, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.indicator_labels import (
    age_group_label,
    exit_reason_label,
    figure_definition,
    figure_label,
    format_change,
    format_figure,
    goal_metric_label,
    period_label,
    tenure_label,
)
from medlemsvard_app.services.indicators import IndicatorSnapshot
from medlemsvard_app.services.session import Session, TodayFn, open_session
from medlemsvard_app.ui.dialogs.common import from_qdate, make_date_edit, title_label, to_qdate
from medlemsvard_app.ui.dialogs.goal_dialog import GoalDialog
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.snapshot_loading import SnapshotLoading
from medlemsvard_app.ui.widgets.charts import (
    AgePyramid,
    BarChart,
    ChartPanel,
    ChartSeries,
    HorizontalBarChart,
    LineChart,
)
from medlemsvard_app.ui.workers import Job, run_with_progress

#: The headline figures, in the order shown (seed 003's list first, then seed 004's split).
HEADLINE: tuple[str, ...] = (
    "member_count", "joined", "left", "net_change",
    "new_under_45", "share_under_45", "share_recruited", "retention",
    "first_year_retention", "bounced", "payment_rate", "attended_share",
    "new_members", "experienced_members", "calls_made", "calls_reached",
    "calls_led_to_payment", "satisfaction", "interest_signups", "activities_held")
#: Cards per row.
COLUMNS = 4


@dataclass(frozen=True, slots=True)
class PageSnapshot:
    """What the job returns: ``day`` is the clock's day when it ran (the mixin reloads
    when the day changes), ``data`` the figures for the date and period asked."""

    day: date
    data: IndicatorSnapshot


def load_snapshot(path: Path, today: TodayFn, as_of: date | None = None,
                  period: Period = Period.YEAR) -> PageSnapshot:
    own = open_session(path, today=today)
    try:
        day = own.today()
        return PageSnapshot(day, own.indicators().snapshot(as_of or day, period))
    finally:
        own.close()


def _month_label(day: date) -> str:
    return format_skeleton("MMMyy", day, locale=current_locale())


class DefinitionPopup(QFrame):
    """A figure's definition in a small pop-up that closes on the next click elsewhere;
    drawn as the app sheet's calm panel, so it reads in light and dark alike."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("definitionPopup")
        self.setProperty("panel", True)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(300)
        self.text.setMaximumWidth(380)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)

    def show_for(self, code: str, anchor: QWidget) -> None:
        self.title.setText(figure_label(code))
        self.text.setText(figure_definition(code))
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height() + 2)))
        self.show()


class FigureCard(QFrame):
    """One headline figure: its name, a "?" for its definition, the value, the change.

    A card of the app sheet (light or dark); the change line wraps, so a long "since the
    period before" in Swedish or Norwegian makes the card taller instead of being cut.
    """

    def __init__(self, code: str, on_info: Callable[[str, QWidget], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("figureCard")
        self.setProperty("card", True)
        self.name = QLabel(figure_label(code))
        self.name.setWordWrap(True)
        self.info = QToolButton()
        self.info.setText("?")
        self.info.setAutoRaise(True)
        self.info.setToolTip(_("What this figure means"))
        self.info.setAccessibleName(_("About: {figure}").format(figure=figure_label(code)))
        self.info.clicked.connect(lambda: on_info(code, self.info))
        self.value = QLabel("…")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.change = QLabel()
        self.change.setWordWrap(True)
        self.change.setProperty("hint", True)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.info, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.value)
        layout.addWidget(self.change)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_value(self, value: str, moved: str) -> None:
        self.value.setText(value)
        self.change.setText(moved)
        self.setAccessibleName(f"{self.name.text()}: {value} {moved}".strip())


class IndicatorsPage(SnapshotLoading, QWidget):
    #: a snapshot was shown (tests wait for it)
    loaded = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self._init_loading()
        self._report_jobs: list[Job] = []
        self.popup = DefinitionPopup(self)

        self.period_combo = QComboBox()
        for period in (Period.YEAR, Period.HALF_YEAR, Period.TWO_MONTHS):
            self.period_combo.addItem(period_label(period), period.value)
        self.period_combo.setAccessibleName(_("Period"))
        self.date_edit = make_date_edit(session.today())
        self.date_edit.setAccessibleName(_("Ending on"))
        self.today_button = QPushButton(_("Today"))
        self.report_button = QPushButton(_("Board report…"))
        self.report_button.setToolTip(_("The membership section of the annual report, as a "
                                        "PDF; groups of fewer than 5 are hidden"))
        self.busy = QLabel(_("Counting…"))
        self.busy.setProperty("hint", True)
        self.busy.hide()
        period_label_widget = QLabel(_("Pe&riod"))
        period_label_widget.setBuddy(self.period_combo)
        ending_label = QLabel(_("&ending on"))
        ending_label.setBuddy(self.date_edit)
        bar = QHBoxLayout()
        bar.addWidget(title_label(_("Indicators")))
        bar.addSpacing(16)
        bar.addWidget(period_label_widget)
        bar.addWidget(self.period_combo)
        bar.addWidget(ending_label)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.today_button)
        bar.addWidget(self.busy)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        self.range_label = QLabel()
        self.range_label.setWordWrap(True)
        self.range_label.setProperty("hint", True)

        # -- the headline figures --------------------------------------------------------
        self.cards: dict[str, FigureCard] = {}
        cards = QGridLayout()
        cards.setSpacing(8)
        for i, code in enumerate(HEADLINE):
            card = FigureCard(code, self.show_definition)
            self.cards[code] = card
            cards.addWidget(card, i // COLUMNS, i % COLUMNS)

        # -- charts ----------------------------------------------------------------------
        self.count_chart = ChartPanel(_("Members over time"), LineChart())
        self.flow_chart = ChartPanel(_("Joined and left per period"), BarChart())
        self.age_chart = ChartPanel(_("Members by age"), AgePyramid())
        self.exit_chart = ChartPanel(_("Why members left"), HorizontalBarChart())
        self.cohort_chart = ChartPanel(_("Still members a year after joining, by year joined"),
                                       HorizontalBarChart())
        self.tenure_chart = ChartPanel(_("How long those who left had been members"),
                                       HorizontalBarChart())
        charts = QGridLayout()
        charts.setSpacing(10)
        for i, panel in enumerate((self.count_chart, self.flow_chart, self.age_chart,
                                   self.exit_chart, self.cohort_chart, self.tenure_chart)):
            panel.setMinimumHeight(260)
            charts.addWidget(panel, i // 2, i % 2)

        # -- goal and projection ---------------------------------------------------------
        self.goal_label = QLabel()
        self.goal_label.setWordWrap(True)
        self.goal_status = QLabel()
        self.goal_status.setWordWrap(True)
        self.goal_button = QPushButton(_("Set a goal…"))
        self.projection_chart = ChartPanel(_("Projection at today's joins and exits"),
                                           LineChart())
        self.projection_chart.setMinimumHeight(240)
        goal_box = QFrame()
        goal_box.setObjectName("goalBox")
        goal_box.setProperty("panel", True)
        goal_head = QHBoxLayout()
        goal_title = QLabel(_("Goal and projection"))
        font = QFont(goal_title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        goal_title.setFont(font)
        goal_head.addWidget(goal_title, 1)
        goal_head.addWidget(self.goal_button)
        goal_layout = QVBoxLayout(goal_box)
        goal_layout.addLayout(goal_head)
        goal_layout.addWidget(self.goal_label)
        goal_layout.addWidget(self.goal_status)
        goal_layout.addWidget(self.projection_chart)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.addWidget(self.range_label)
        body_layout.addLayout(cards)
        body_layout.addSpacing(8)
        body_layout.addWidget(goal_box)
        body_layout.addSpacing(8)
        body_layout.addLayout(charts)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())
        self.today_button.clicked.connect(self.go_to_today)
        self.goal_button.clicked.connect(self.edit_goal)
        self.report_button.clicked.connect(self.ask_report)

    # -- loading -------------------------------------------------------------------------
    def period(self) -> Period:
        return Period(self.period_combo.currentData())

    def as_of(self) -> date:
        return from_qdate(self.date_edit.date())

    def refresh(self) -> None:
        """As ``SnapshotLoading.refresh``, for the chosen date and period."""
        self._stale = True
        if not self.isVisible():
            return
        if self._running:
            self._again = True
            return
        self._stale = False
        self._running = True
        self._set_busy(True)
        path, today = self.session.path, self.session.today
        as_of, period = self.as_of(), self.period()
        job = Job(lambda _p: load_snapshot(path, today, as_of, period))
        job.signals.finished.connect(self._loaded)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._job_over)
        self._jobs = [*self._jobs[-2:], job]
        QThreadPool.globalInstance().start(job)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self.snapshot is not None and self.snapshot.day != self.session.today() \
                and self.snapshot.data.day == self.snapshot.day:
            # The day changed while the page showed "today": follow it.
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(to_qdate(self.session.today()))
            self.date_edit.blockSignals(False)
        super().showEvent(event)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def go_to_today(self) -> None:
        self.date_edit.setDate(to_qdate(self.session.today()))

    # -- showing -------------------------------------------------------------------------
    def show_snapshot(self, snapshot: PageSnapshot) -> None:
        self.snapshot = snapshot
        s = snapshot.data
        f, before = s.figures, s.previous
        self.range_label.setText(_("{period}: {start} to {end}, compared with the period "
                                   "before").format(period=period_label(s.period),
                                                    start=format_date(f.start, "long"),
                                                    end=format_date(f.end, "long")))
        for code, card in self.cards.items():
            moved = format_change(code, change(f, before, code))
            card.set_value(format_figure(code, f.values.get(code)),
                           _("{change} since the period before").format(change=moved)
                           if moved else "")
        self._show_charts(s)
        self._show_goal(s)
        self.loaded.emit()

    def _show_charts(self, s: IndicatorSnapshot) -> None:
        f = s.figures
        step = max(1, len(s.months) // 60)
        months = s.months[::-1][::step][::-1]
        counts = s.counts[::-1][::step][::-1]
        self.count_chart.set_data([_month_label(d) for d in months],
                                  [ChartSeries(_("Members"), counts,
                                               [format_count(c) for c in counts])])
        flows = s.period_flows
        labels = [_period_label(p.start, p.end, s.period) for p in flows]
        self.flow_chart.set_data(labels, [
            ChartSeries(_("Joined"), [p.joined for p in flows],
                        [format_count(p.joined) for p in flows]),
            ChartSeries(pgettext("indicator flow", "Left"), [p.left for p in flows],
                        [format_count(p.left) for p in flows])])
        genders = {g for (_a, g) in s.ages}
        if genders and genders <= {"female", "male", ""} and {"female", "male"} <= genders:
            women = [s.ages.get((a, "female"), 0) for a in AGE_GROUP_CODES]
            men = [s.ages.get((a, "male"), 0) for a in AGE_GROUP_CODES]
            series = [ChartSeries(_("Women"), women, [format_count(v) for v in women]),
                      ChartSeries(_("Men"), men, [format_count(v) for v in men])]
            note = _("Members whose gender is not recorded are left out of the pyramid.")
        else:
            every = [f.values.get(f"age_{a}") or 0 for a in AGE_GROUP_CODES]
            series = [ChartSeries(_("Members"), every, [format_count(v) for v in every])]
            note = ""
        unknown = f.values.get("age_unknown") or 0
        if unknown:
            note = (note + " " if note else "") + _("{count} with no birth date.").format(
                count=format_count(unknown))
        self.age_chart.set_data([age_group_label(a) for a in AGE_GROUP_CODES], series, note)
        reasons = [f.values.get(f"left_{r}") or 0 for r in EXIT_REASONS]
        self.exit_chart.set_data([exit_reason_label(r) for r in EXIT_REASONS],
                                 [ChartSeries(pgettext("indicator flow", "Left"), reasons,
                                              [format_count(v) for v in reasons])])
        tenure = [f.values.get(f"tenure_{b}") or 0 for b in TENURE_BUCKETS]
        self.tenure_chart.set_data([tenure_label(b) for b in TENURE_BUCKETS],
                                   [ChartSeries(pgettext("indicator flow", "Left"), tenure,
                                                [format_count(v) for v in tenure])])
        cohorts = [c for c in s.cohorts if c.first_year_retention is not None]
        shares = [c.first_year_retention or 0 for c in cohorts]
        self.cohort_chart.set_data(
            [str(c.year) for c in cohorts],
            [ChartSeries(_("Still members after a year"), [v * 100 for v in shares],
                         [_("{share} of {count}").format(
                             share=format_figure("retention", v),
                             count=format_count(c.joined)) for v, c in zip(shares, cohorts,
                                                                           strict=True)])],
            _("Years whose newest members have not yet had a whole year are not shown."))

    def _show_goal(self, s: IndicatorSnapshot) -> None:
        p = s.projection
        goals = s.goals
        goal = p.goal if p is not None else None
        others = [g for g in goals if g is not goal and g != goal]
        self.goal_button.setText(_("Set a goal…") if goal is None else _("Change the goal…"))
        rates = _("Joins in the last twelve months: {joins}; exits: {exits}; net {net} a "
                  "year.").format(joins=format_count(int(p.joins_per_year)) if p else "–",
                                  exits=format_count(int(p.exits_per_year)) if p else "–",
                                  net=format_figure("net_change", p.net_per_year) if p else "–")
        if goal is None:
            self.goal_label.setText(_("The board has not set a member goal yet. Set one to "
                                      "see what it takes to reach it."))
            self.goal_status.setText(rates)
        else:
            text = _("Goal: {target} members by {date}.").format(
                target=format_count(int(goal.target)), date=format_date(goal.by_date, "long"))
            if goal.note:
                text += " " + goal.note
            self.goal_label.setText(text)
            lines = [rates]
            if p.on_track:
                lines.append(_("At today's pace the association reaches {count} members by "
                               "then: the goal is within reach.").format(
                    count=format_count(p.at_goal_date or 0)))
            else:
                lines.append(_("At today's pace the association has {count} members by then, "
                               "{short} short of the goal.").format(
                    count=format_count(p.at_goal_date or 0),
                    short=format_count(int(goal.target - (p.at_goal_date or 0)))))
                ways = []
                if p.joins_needed is not None:
                    joins = round(p.joins_needed)
                    ways.append(ngettext("about {joins} join a year at today's exits",
                                         "about {joins} joins a year at today's exits",
                                         joins).format(joins=format_count(joins)))
                if p.exits_allowed is not None:
                    exits = round(p.exits_allowed)
                    ways.append(ngettext("at most {exits} exit a year at today's joins",
                                         "at most {exits} exits a year at today's joins",
                                         exits).format(exits=format_count(exits)))
                if ways:
                    lines.append(_("Reaching it takes {ways}.").format(
                        ways=_(" or ").join(ways)))
            self.goal_status.setText("\n".join(lines))
        for g in others:
            value = format_figure("share_under_45" if g.metric.value.startswith("share_")
                                  else "member_count", g.target)
            self.goal_status.setText(self.goal_status.text() + "\n" + _(
                "Also: {what} {value} by {date}.").format(what=goal_metric_label(g.metric),
                                                          value=value,
                                                          date=format_date(g.by_date)))
        if p is None:
            return
        years = [str(y.year) for y in p.years]
        series = [ChartSeries(_("At today's pace"), [y.members for y in p.years],
                              [format_count(y.members) for y in p.years], dashed=True)]
        if goal is not None:
            line = [y.goal for y in p.years]
            series.append(ChartSeries(_("Towards the goal"), line,
                                      [format_count(round(v)) if v is not None else "–"
                                       for v in line]))
        self.projection_chart.set_data(years, series, _(
            "Members at the end of each year if joins and exits stay as in the last twelve "
            "months."))

    # -- actions -------------------------------------------------------------------------
    def show_definition(self, code: str, anchor: QWidget) -> None:
        self.popup.show_for(code, anchor)

    def edit_goal(self) -> GoalDialog:
        goal = members = None
        if self.snapshot is not None and self.snapshot.data.projection is not None:
            goal = self.snapshot.data.projection.goal
            members = self.snapshot.data.projection.members_now
        dialog = GoalDialog(self.session, goal, self.notifier, self, members=members)
        dialog.finished.connect(lambda result: self.refresh() if result else None)
        dialog.open()
        return dialog

    def default_report_year(self) -> int:
        day = self.as_of()
        return day.year - 1 if day.month <= 3 else day.year

    def ask_report(self) -> None:
        year, ok = QInputDialog.getInt(self, _("Board report"), _("The report covers the year:"),
                                       self.default_report_year(), 1900,
                                       self.session.today().year)
        if not ok:
            return
        name = _("members-{year}.pdf").format(year=year)
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the board report"),
                                                    str(Path.home() / name), _("PDF (*.pdf)"))
        if path:
            self.save_report(Path(path), year)

    def save_report(self, path: Path, year: int) -> Job:
        """Write the report in the background; the user hears when it is done."""
        db_path, today = self.session.path, self.session.today

        def work(_progress):
            own = open_session(db_path, today=today)
            try:
                path.write_bytes(own.indicators().board_report(year))
            finally:
                own.close()
            return path

        def done(_result) -> None:
            self.notifier.info(self, _("The board report was saved as {file}.").format(
                file=path.name))

        def failed(text: str) -> None:
            self.notifier.error(self, text)

        job = run_with_progress(self, _("Writing the board report…"), work, done, failed)
        self._report_jobs = [*self._report_jobs[-2:], job]
        return job


def _period_label(start: date, end: date, period: Period) -> str:
    if period is Period.YEAR:
        return str(end.year) if (end.month, end.day) == (12, 31) else _month_label(end)
    return _month_label(end)

