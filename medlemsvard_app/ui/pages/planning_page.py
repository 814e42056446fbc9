"""The Planning view: the board's three tools in tabs — SWOT board, association compass,
action plan — built for a board meeting on a projector.

Saving is automatic: every edit is written a moment after the last keystroke (and at
once when switching analysis, tab or page), and the bar at the bottom says so. "Large
text" scales every font on the page for a projector; it and the guidance boxes are
remembered between sessions (QSettings).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.action_plan import (
    GoalProgress,
    Metric,
    SubGoal,
    counted_window,
    measure,
)
from medlemsvard_app.domain.compass import Assessment, HintFigure
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.plan_labels import guidance
from medlemsvard_app.services.board_tools import (
    BoardFigures,
    BoardService,
    compass_pdf,
    plan_pdf,
    swot_pdf,
)
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import from_qdate, locale_date_format, to_qdate
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.widgets.compass_sheet import CompassSheet
from medlemsvard_app.ui.widgets.plan_editor import PlanEditor
from medlemsvard_app.ui.widgets.planning_layout import ReflowRow, breakable
from medlemsvard_app.ui.widgets.swot_board import SwotBoard
from medlemsvard_app.ui.workers import Job, run_with_progress

SAVE_DELAY_MS = 700
LARGE_FACTOR = 1.45
TOOLS = ("swot", "compass", "plan")
#: Heading sizes in per cent of the text (the ``mvHeading`` property on their labels).
HEADING_SIZES = (125, 130, 135)


def planning_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "Medlemsvard", "medlemsvard")


def _settings_bool(key: str, default: bool) -> bool:
    value = planning_settings().value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


class Guidance(QFrame):
    """A few sentences on what a tool is for, with a button to hide them (remembered)."""

    hidden_changed = Signal(bool)

    def __init__(self, tool: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tool = tool
        self.setObjectName("planningGuidance")
        self.setProperty("panel", True)  # the app sheet's calm panel, light or dark
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 8, 8)
        self.text = QLabel(breakable(guidance(tool)))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide_button = QToolButton()
        self.hide_button.setText(_("Hide"))
        self.hide_button.setToolTip(_("Hide this explanation (“Show guidance” brings it back)"))
        self.hide_button.clicked.connect(lambda: self.set_shown(False))
        row.addWidget(self.text, 1)
        row.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(_settings_bool(f"planning/guidance_{tool}", True))

    def set_shown(self, shown: bool) -> None:
        self.setVisible(shown)
        settings = planning_settings()
        settings.setValue(f"planning/guidance_{self.tool}", shown)
        settings.sync()
        self.hidden_changed.emit(not shown)


class AutoSaver:
    """Saves a moment after the last edit; ``flush`` saves now. ``save`` returns nothing
    and raises a DomainError or StorageError that the page shows."""

    def __init__(self, page: PlanningPage, save: Callable[[], None]) -> None:
        self.page, self.save = page, save
        self.timer = QTimer(page)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.pending = False

    def touch(self) -> None:
        self.pending = True
        self.page.set_save_state("pending")
        self.timer.start()

    def flush(self) -> bool:
        self.timer.stop()
        if not self.pending:
            return True
        try:
            self.save()
        except (DomainError, StorageError) as exc:
            self.page.set_save_state("failed", describe(exc))
            return False
        self.pending = False
        self.page.set_save_state("saved")
        return True


def _picker() -> QComboBox:
    combo = QComboBox()
    combo.setMinimumWidth(240)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(locale_date_format())
    return edit


def _button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _c=False: slot())
    return button


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class PlanningPage(QWidget):
    #: a page key ("welcome", "calls", "activities", "register", "settings") to open
    navigate_requested = Signal(str)

    def __init__(self, session: Session, notifier: Notifier,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier
        self.board: BoardService = session.board()
        #: shows a finished PDF; the letters' preview dialog when it is there (tests swap it)
        self.show_pdf: Callable[[bytes, str, str], None] = self._show_pdf
        self._loaded = False
        # Figures from the register: counted in the background, kept until it changes.
        self._values: dict[tuple[Metric, date, date], tuple[int, int]] = {}
        self._wanted: set[tuple[Metric, date, date]] = set()
        self._hints: dict[str, HintFigure] | None = None
        self._counting = False
        self._jobs: list[Job] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        top = QHBoxLayout()
        self.title = QLabel(_("Planning"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setProperty("mvHeading", "135")
        top.addWidget(self.title)
        top.addStretch(1)
        self.guidance_button = QPushButton(_("Show &guidance"))
        self.guidance_button.setAutoDefault(False)
        self.guidance_button.clicked.connect(lambda _c=False: self.show_guidance())
        self.large_button = QPushButton(_("&Large text"))
        self.large_button.setObjectName("largeText")
        self.large_button.setCheckable(True)
        self.large_button.setToolTip(_("Bigger text for a projector (Ctrl+Shift+L)"))
        self.large_button.toggled.connect(self.set_large_text)
        top.addWidget(self.guidance_button)
        top.addWidget(self.large_button)
        outer.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.guidance: dict[str, Guidance] = {}
        self.tabs.addTab(self._swot_tab(), _("SWOT analysis"))
        self.tabs.addTab(self._compass_tab(), _("Association compass"))
        self.tabs.addTab(self._plan_tab(), _("Action plan"))
        self.tabs.currentChanged.connect(self._tab_changed)
        outer.addWidget(self.tabs, 1)

        self.save_label = QLabel()
        self.save_label.setObjectName("planningSaveState")
        self.save_label.setWordWrap(True)
        outer.addWidget(self.save_label)
        self.set_save_state("idle")

        QShortcut(QKeySequence("Ctrl+Shift+L"), self, activated=self.large_button.toggle)
        self.large_button.setChecked(_settings_bool("planning/large_text", False))
        self._update_guidance_button()

    # -- building the tabs -----------------------------------------------------------------
    def _tab(self, tool: str, toolbar: ReflowRow, body: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        box = Guidance(tool)
        box.hidden_changed.connect(lambda _h: self._update_guidance_button())
        self.guidance[tool] = box
        layout.addWidget(box)
        layout.addWidget(toolbar)
        layout.addWidget(body, 1)
        return page

    def _swot_tab(self) -> QWidget:
        # the fields on the left, the buttons after them or, if there is no room, below
        toolbar = ReflowRow()
        bar, buttons = toolbar.first, toolbar.second
        self.swot_picker = _picker()
        self.swot_picker.setObjectName("swotPicker")
        self.swot_picker.setAccessibleName(_("Analysis"))
        self.swot_picker.activated.connect(lambda _i: self._open_swot(
            self.swot_picker.currentData()))
        self.swot_title = QLineEdit()
        self.swot_title.setPlaceholderText(_("Title, e.g. board day in spring"))
        self.swot_title.setAccessibleName(_("Title"))
        self.swot_title.textEdited.connect(self._swot_details_edited)
        self.swot_date = _date_edit()
        self.swot_date.setAccessibleName(_("Date"))
        self.swot_date.dateChanged.connect(self._swot_details_edited)
        bar.addWidget(QLabel(_("Analysis")))
        bar.addWidget(self.swot_picker)
        bar.addWidget(self.swot_title, 1)
        bar.addWidget(self.swot_date)
        self.new_swot_button = _button(_("&New analysis"), self.new_swot)
        buttons.addWidget(self.new_swot_button)
        self.copy_swot_button = _button(_("New from this one"), self.copy_swot)
        self.copy_swot_button.setToolTip(_("A new analysis dated today with this one's cards, "
                                           "to update rather than start over"))
        buttons.addWidget(self.copy_swot_button)
        buttons.addWidget(_button(_("Delete"), self.delete_swot))
        buttons.addWidget(_button(_("&Print handout…"), self.print_swot))
        buttons.addStretch(1)
        self.swot_board = SwotBoard()
        self.swot_board.changed.connect(lambda: self.swot_saver.touch())
        self.swot_board.problem.connect(lambda text: self.notifier.error(self, text))
        self.swot_saver = AutoSaver(self, self._save_swot)
        return self._tab("swot", toolbar, self.swot_board)

    def _compass_tab(self) -> QWidget:
        toolbar = ReflowRow()
        bar, buttons = toolbar.first, toolbar.second
        self.compass_picker = _picker()
        self.compass_picker.setObjectName("compassPicker")
        self.compass_picker.setAccessibleName(_("Assessment"))
        self.compass_picker.activated.connect(lambda _i: self._open_assessment(
            self.compass_picker.currentData()))
        self.compass_date = _date_edit()
        self.compass_date.setAccessibleName(_("Date"))
        self.compass_date.dateChanged.connect(self._compass_date_edited)
        bar.addWidget(QLabel(_("Assessment")))
        bar.addWidget(self.compass_picker)
        bar.addWidget(self.compass_date)
        bar.addStretch(1)
        self.new_assessment_button = _button(_("&New assessment"), self.new_assessment)
        buttons.addWidget(self.new_assessment_button)
        buttons.addWidget(_button(_("Delete"), self.delete_assessment))
        print_button = QPushButton(_("&Print"))
        menu = QMenu(print_button)
        menu.addAction(_("This assessment…"), self.print_assessment)
        menu.addAction(_("A blank form to fill in by hand…"), self.print_blank_compass)
        print_button.setMenu(menu)
        buttons.addWidget(print_button)
        buttons.addStretch(1)
        self.compass_sheet = CompassSheet()
        self.compass_sheet.changed.connect(lambda: self.compass_saver.touch())
        self.compass_sheet.link_activated.connect(self._link)
        self.compass_saver = AutoSaver(self, self._save_assessment)
        return self._tab("compass", toolbar, _scroll(self.compass_sheet))

    def _plan_tab(self) -> QWidget:
        toolbar = ReflowRow()
        bar, buttons = toolbar.first, toolbar.second
        self.plan_picker = _picker()
        self.plan_picker.setObjectName("planPicker")
        self.plan_picker.setAccessibleName(_("Action plan"))
        self.plan_picker.activated.connect(lambda _i: self._open_plan(
            self.plan_picker.currentData()))
        bar.addWidget(QLabel(_("Plan")))
        bar.addWidget(self.plan_picker)
        bar.addStretch(1)
        self.new_plan_button = QPushButton(_("&New plan"))
        menu = QMenu(self.new_plan_button)
        self.new_empty_action = menu.addAction(_("Empty plan"), lambda: self.new_plan(False))
        self.new_example_action = menu.addAction(_("From the example plan (to adapt)"),
                                                 lambda: self.new_plan(True))
        self.new_plan_button.setMenu(menu)
        buttons.addWidget(self.new_plan_button)
        buttons.addWidget(_button(_("Delete"), self.delete_plan))
        buttons.addWidget(_button(_("&Print plan…"), self.print_plan))
        buttons.addStretch(1)
        self.plan_editor = PlanEditor(self._measure,
                                      self.session.association.currency)
        self.plan_editor.changed.connect(lambda: self.plan_saver.touch())
        self.plan_saver = AutoSaver(self, self._save_plan)
        return self._tab("plan", toolbar, _scroll(self.plan_editor))

    # -- loading ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Figures from the register changed elsewhere: reload when next shown."""
        self._values.clear()
        self._hints = None
        if self.isVisible():
            self.flush()
            self.reload()
        else:
            self._loaded = False

    def reload(self) -> None:
        self._loaded = True
        self._open_swot(None)
        self._open_assessment(None)
        self._open_plan(None)

    def flush(self) -> bool:
        return all([self.swot_saver.flush(), self.compass_saver.flush(),
                    self.plan_saver.flush()])

    def _tab_changed(self, _index: int) -> None:
        self.flush()
        self._update_guidance_button()
        if self.tabs.currentIndex() == 1:
            self._open_assessment(self.compass_sheet.assessment.id
                                  if self.compass_sheet.assessment else None)
        elif self.tabs.currentIndex() == 2:
            self.plan_editor.refresh_progress()

    # -- figures from the register, counted off the UI thread ------------------------------
    def _measure(self, goal: SubGoal) -> GoalProgress | None:
        """A sub-goal's progress if its figure is known; else ask for it (the bar says
        "counting…" until the answer arrives)."""
        if goal.metric is None or goal.target is None:
            return None
        first, last = counted_window(goal, self.session.today())
        key = (goal.metric, first, last)
        if key in self._values:
            value, share_of = self._values[key]
            return measure(goal, value, last, share_of)
        self._wanted.add(key)
        QTimer.singleShot(0, self._count)
        return None

    def figures_pending(self) -> bool:
        return self._counting or bool(self._wanted) or (
            self._hints is None and self.compass_sheet.assessment is not None)

    def _count(self) -> None:
        """One background job at a time: the metric values asked for, and the compass hints
        if they are not known yet (a few hundred ms at 100,000 members)."""
        want_hints = self._hints is None and self.compass_sheet.assessment is not None
        if self._counting or (not self._wanted and not want_hints):
            return
        self._counting = True
        windows = sorted(self._wanted, key=lambda k: (k[0].value, k[1], k[2]))
        self._wanted.clear()
        path, today = self.session.path, self.session.today

        def work(_progress):
            own = open_session(path, today=today, daily_backup=False)
            try:
                return own.board().figures(today(), windows, want_hints)
            finally:
                own.close()

        job = Job(work)
        job.signals.finished.connect(self._counted)
        job.signals.failed.connect(self._count_failed)
        self._jobs = [*self._jobs[-2:], job]
        QThreadPool.globalInstance().start(job)

    def _counted(self, figures: BoardFigures) -> None:
        self._counting = False
        self._values.update(figures.values)
        if figures.hints is not None:
            self._hints = figures.hints
            self.compass_sheet.set_hints(figures.hints)
        self.plan_editor.refresh_progress()
        self._count()  # anything asked for meanwhile

    def _count_failed(self, text: str) -> None:
        self._counting = False
        self._wanted.clear()
        self.notifier.error(self, text)

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[object, str]], current: object) -> None:
        combo.blockSignals(True)
        combo.clear()
        for key, text in entries:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setEnabled(bool(entries))
        combo.blockSignals(False)

    # -- SWOT ------------------------------------------------------------------------------
    def _open_swot(self, analysis_id: int | None) -> None:
        self.swot_saver.flush()
        analysis = self.board.swot(analysis_id)
        entries = [(aid, f"{format_date(day, 'medium')}{' — ' + title if title else ''}")
                   for aid, day, title in self.board.swot_list()]
        self._fill(self.swot_picker, entries, analysis.id if analysis else None)
        for widget in (self.swot_title, self.swot_date):
            widget.blockSignals(True)
        self.swot_title.setText(analysis.title if analysis else "")
        self.swot_date.setDate(to_qdate(analysis.held_on if analysis else self.session.today()))
        for widget in (self.swot_title, self.swot_date, self.copy_swot_button):
            widget.blockSignals(False)
            widget.setEnabled(analysis is not None)
        self.swot_board.set_analysis(analysis)

    def _swot_details_edited(self, *_args: object) -> None:
        analysis = self.swot_board.analysis
        if analysis is None:
            return
        analysis.title = self.swot_title.text().strip()
        analysis.held_on = from_qdate(self.swot_date.date())
        self.swot_saver.touch()

    def _save_swot(self) -> None:
        analysis = self.swot_board.analysis
        if analysis is not None:
            self.board.save_swot(analysis)
            index = self.swot_picker.findData(analysis.id)
            if index >= 0:
                self.swot_picker.setItemText(index, f"{format_date(analysis.held_on, 'medium')}"
                                             f"{' — ' + analysis.title if analysis.title else ''}")

    def new_swot(self) -> None:
        self.swot_saver.flush()
        analysis = self.board.new_swot(self.session.today())
        self._open_swot(analysis.id)
        self.swot_board.inputs[next(iter(self.swot_board.inputs))].setFocus()

    def copy_swot(self) -> None:
        source = self.swot_board.analysis
        if source is None or not self.swot_saver.flush():
            return
        analysis = self.board.new_swot(self.session.today(), source.title, copy_from=source)
        self._open_swot(analysis.id)

    def delete_swot(self) -> None:
        analysis = self.swot_board.analysis
        if analysis is None or analysis.id is None:
            return
        question = ngettext("Delete the analysis of {date} and its {count} card?",
                            "Delete the analysis of {date} and its {count} cards?",
                            len(analysis.cards))
        if not self.notifier.confirm(self, question.format(
                date=format_date(analysis.held_on, "long"), count=len(analysis.cards))):
            return
        self.swot_saver.pending = False
        self.board.delete_swot(analysis.id)
        self._open_swot(None)

    def print_swot(self) -> None:
        analysis = self.swot_board.analysis
        if analysis is None or not self.swot_saver.flush():
            return
        aid = analysis.id
        self._print(lambda own: swot_pdf(own, own.board().swot(aid)), _("SWOT analysis"),
                    _("swot") + f"-{analysis.held_on.isoformat()}.pdf")

    # -- compass ---------------------------------------------------------------------------
    def _open_assessment(self, assessment_id: int | None) -> None:
        self.compass_saver.flush()
        try:
            view = self.board.compass(self.session.today(), assessment_id, with_hints=False)
        except DomainError:
            view = self.board.compass(self.session.today(), with_hints=False)
        every = sorted(self.board.assessments(), key=lambda a: (a.assessed_on, a.id or 0),
                       reverse=True)
        self._fill(self.compass_picker, [(a.id, format_date(a.assessed_on, "medium"))
                                         for a in every],
                   view.latest.id if view.latest else None)
        self.compass_date.blockSignals(True)
        self.compass_date.setDate(to_qdate(view.latest.assessed_on if view.latest
                                           else self.session.today()))
        self.compass_date.blockSignals(False)
        self.compass_date.setEnabled(view.latest is not None)
        self.compass_sheet.set_assessment(view.latest, view.previous, self._hints or {})
        if self._hints is None and view.latest is not None:
            QTimer.singleShot(0, self._count)

    def _compass_date_edited(self, *_args: object) -> None:
        assessment = self.compass_sheet.assessment
        if assessment is None:
            return
        assessment.assessed_on = from_qdate(self.compass_date.date())
        self.compass_saver.touch()

    def _save_assessment(self) -> None:
        assessment = self.compass_sheet.assessment
        if assessment is not None:
            self.board.save_assessment(assessment)

    def new_assessment(self) -> None:
        self.compass_saver.flush()
        fresh = self.board.new_assessment(self.session.today())
        self._open_assessment(fresh.id)

    def delete_assessment(self) -> None:
        assessment: Assessment | None = self.compass_sheet.assessment
        if assessment is None or assessment.id is None:
            return
        if not self.notifier.confirm(self, _("Delete the assessment of {date}?").format(
                date=format_date(assessment.assessed_on, "long"))):
            return
        self.compass_saver.pending = False
        self.board.delete_assessment(assessment.id)
        self._open_assessment(None)

    def print_assessment(self) -> None:
        assessment = self.compass_sheet.assessment
        if assessment is None or not self.compass_saver.flush():
            return
        aid = assessment.id
        self._print(lambda own: compass_pdf(own, own.board().compass(assessment_id=aid).latest),
                    _("Association compass"),
                    _("compass") + f"-{assessment.assessed_on.isoformat()}.pdf")

    def print_blank_compass(self) -> None:
        self._print(lambda own: compass_pdf(own, None), _("Association compass"),
                    _("compass-form") + ".pdf")

    def _link(self, target: str) -> None:
        if target == "plan":
            self.tabs.setCurrentIndex(2)
        else:
            self.navigate_requested.emit(target)

    # -- action plan -----------------------------------------------------------------------
    def _open_plan(self, plan_id: int | None) -> None:
        self.plan_saver.flush()
        plan = self.board.plan(plan_id)
        entries = [(pid, f"{title} ({starts.year}–{ends.year})" if starts.year != ends.year
                    else f"{title} ({starts.year})")
                   for pid, title, starts, ends in self.board.plan_list()]
        self._fill(self.plan_picker, entries, plan.id if plan else None)
        self.plan_editor.set_plan(plan, self.board.held_activities(plan) if plan else [])

    def _save_plan(self) -> None:
        plan = self.plan_editor.plan
        if plan is not None:
            self.board.save_plan(plan)

    def new_plan(self, example: bool) -> None:
        self.plan_saver.flush()
        try:
            plan = self.board.new_plan("" if example else _("Action plan"),
                                       self.session.today(), example=example)
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._open_plan(plan.id)
        self.plan_editor.title_edit.setFocus()

    def delete_plan(self) -> None:
        plan = self.plan_editor.plan
        if plan is None or plan.id is None:
            return
        if not self.notifier.confirm(self, _("Delete the plan “{title}”?").format(
                title=plan.title)):
            return
        self.plan_saver.pending = False
        self.board.delete_plan(plan.id)
        self._open_plan(None)

    def print_plan(self) -> None:
        plan = self.plan_editor.plan
        if plan is None or not self.plan_saver.flush():
            return
        pid = plan.id
        self._print(lambda own: plan_pdf(own, own.board().plan(pid)), plan.title,
                    _("action-plan") + ".pdf")

    # -- printing --------------------------------------------------------------------------
    def _print(self, make: Callable[[Session], bytes], title: str, file_name: str) -> None:
        """Build the PDF off the UI thread from what is saved (the figures take a moment at
        100,000 members), then show it."""
        path, today = self.session.path, self.session.today

        def work(_progress):
            own = open_session(path, today=today, daily_backup=False)
            try:
                return make(own)
            finally:
                own.close()

        run_with_progress(self, _("Preparing the handout…"), work,
                          lambda pdf: self.show_pdf(pdf, title, file_name),
                          lambda text: self.notifier.error(self, text))

    def _show_pdf(self, pdf: bytes, title: str, file_name: str) -> None:
        try:
            from medlemsvard_app.ui.dialogs.pdf_preview_dialog import show_pdf
        except ImportError:
            show_pdf = None
        if show_pdf is not None:
            self._preview = show_pdf(self, self.notifier, pdf, title=title, file_name=file_name)
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, title, str(self.session.path.with_name(file_name)), _("PDF (*.pdf)"))
        if not path:
            return
        try:
            with open(path, "wb") as fh:
                fh.write(pdf)
        except OSError as exc:
            self.notifier.error(self, _("Could not write {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return
        self.notifier.info(self, _("Saved {path}.").format(path=path))

    # -- guidance, text size, save state ---------------------------------------------------
    def show_guidance(self) -> None:
        tool = TOOLS[self.tabs.currentIndex()]
        self.guidance[tool].set_shown(True)

    def _update_guidance_button(self) -> None:
        tool = TOOLS[self.tabs.currentIndex()] if hasattr(self, "tabs") else "swot"
        self.guidance_button.setVisible(self.guidance[tool].isHidden())

    def set_large_text(self, large: bool) -> None:
        settings = planning_settings()
        settings.setValue("planning/large_text", large)
        settings.sync()
        if self.large_button.isChecked() != large:
            self.large_button.setChecked(large)
        self._apply_text_size()

    def _apply_text_size(self) -> None:
        """One style sheet on the page sets every font size (headings keep their larger
        size, marked by the ``mvHeading`` property): widgets added later follow it too, and
        switching back and forth never drifts."""
        sheet = ""
        if self.large_button.isChecked():
            size = QApplication.font().pointSizeF() * LARGE_FACTOR
            rules = [f"* {{ font-size: {size:.1f}pt; }}"]
            rules += [f'QLabel[mvHeading="{p}"] {{ font-size: {size * p / 100:.1f}pt; '
                      f"font-weight: bold; }}" for p in HEADING_SIZES]
            sheet = "\n".join(rules)
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
        for editor in (self.plan_editor.activities, self.plan_editor.channels,
                       self.plan_editor.partners, self.plan_editor.follow_ups):
            editor.fit_height()

    def set_save_state(self, state: str, detail: str = "") -> None:
        if state == "saved":
            text = _("All changes saved ({time}). Saving is automatic.").format(
                time=datetime.now().strftime("%H:%M"))
        elif state == "pending":
            text = _("Saving…")
        elif state == "failed":
            text = _("Not saved: {reason}").format(reason=detail)
        else:
            text = _("Changes are saved automatically as you work.")
        self.save_label.setText(breakable(text))
        failed = state == "failed"
        if self.save_label.property("error") != failed or self.save_label.property("hint") \
                != (not failed):
            # colours from the app sheet (ui/style.py), light or dark; the words say it too
            self.save_label.setProperty("error", failed)
            self.save_label.setProperty("hint", not failed)
            self.save_label.style().unpolish(self.save_label)
            self.save_label.style().polish(self.save_label)

    def today(self) -> date:
        return self.session.today()
