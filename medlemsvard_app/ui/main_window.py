"""The main window: navigation, menus and the status bar only; pages do the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.dialogs.common import TITLE_BAR, available_geometry, fit_to_screen
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.pages.activities_page import ActivitiesPage
from medlemsvard_app.ui.pages.calls_page import CallsPage
from medlemsvard_app.ui.pages.dues_page import DuesPage
from medlemsvard_app.ui.pages.home_page import HomePage
from medlemsvard_app.ui.pages.indicators_page import IndicatorsPage
from medlemsvard_app.ui.pages.letters_page import LettersPage
from medlemsvard_app.ui.pages.planning_page import PlanningPage
from medlemsvard_app.ui.pages.privacy_page import PrivacyPage
from medlemsvard_app.ui.pages.register_page import RegisterPage
from medlemsvard_app.ui.pages.welcome_page import WelcomePage
from medlemsvard_app.ui.workers import run_with_progress

#: Below this free screen height (px) the window opens maximised (a 1366×768 laptop).
SMALL_SCREEN_HEIGHT = 800


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "Medlemsvard", "medlemsvard")


class MainWindow(QMainWindow):
    #: asks the application to switch to another association file
    open_requested = Signal(object)
    new_requested = Signal()
    #: File → Security… and File → Backups… (handled by ui/security_flow.py)
    security_requested = Signal()
    backups_requested = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None) -> None:
        super().__init__()
        self.session = session
        self.notifier = notifier or Notifier()
        self._jobs: list = []
        self._dialogs: list[QWidget] = []
        self.setWindowTitle(_("{association} — Medlemsvård").format(
            association=session.association.name))
        self.setMinimumSize(QSize(900, 560))

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Home first: the day's work from every routine, each a click from its page.
        self.home_page = HomePage(session, self.notifier)
        self._add_page(_("Home"), self.home_page)
        self.register_page = RegisterPage(session, self.notifier)
        self._add_page(_("Register"), self.register_page)
        self.dues_page = DuesPage(session, self.notifier)
        self._add_page(_("Dues"), self.dues_page)
        self.calls_page = CallsPage(session, self.notifier)
        self._add_page(_("Calls"), self.calls_page)
        self.welcome_page = WelcomePage(session, self.notifier)
        self._add_page(_("Welcome"), self.welcome_page)
        self.activities_page = ActivitiesPage(session, self.notifier)
        self._add_page(_("Activities"), self.activities_page)
        self.letters_page = LettersPage(session, self.notifier)
        self._add_page(_("Letters"), self.letters_page)
        self.planning_page = PlanningPage(session, self.notifier)
        self._add_page(_("Planning"), self.planning_page)
        self.indicators_page = IndicatorsPage(session, self.notifier)
        self._add_page(_("Indicators"), self.indicators_page)
        self.privacy_page = PrivacyPage(session, self.notifier)  # stays last (after Indicators)
        self._add_page(_("Privacy"), self.privacy_page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self._fit_navigation()
        self.home_page.open_page.connect(self.open_page_by_key)
        self.home_page.open_round.connect(self.open_calls_round)
        self.home_page.add_member.connect(self.new_member)
        self.home_page.import_list.connect(self.import_members)
        #: edits of members and dues, wherever they are made
        self._edits = (self.register_page.members_changed, self.register_page.dues_changed,
                       self.dues_page.members_changed, self.dues_page.dues_changed,
                       self.calls_page.members_changed, self.calls_page.dues_changed)
        for source in (*self._edits, self.activities_page.activities_changed,
                       self.letters_page.letters_recorded):
            source.connect(self.home_page.refresh)
        # The count of current members changes with edits, not with searching.
        self.register_page.members_changed.connect(self.update_status)
        # The dues page loads in the background when shown; edits elsewhere mark it stale.
        self.register_page.members_changed.connect(self.dues_page.refresh)
        self.register_page.dues_changed.connect(self.dues_page.refresh)
        self.dues_page.member_activated.connect(self.open_member)
        self.dues_page.members_changed.connect(self.update_status)
        self.dues_page.members_changed.connect(self.register_page.refresh)
        self.dues_page.dues_changed.connect(self.register_page.refresh)
        # The calls page, like the dues page: stale after edits elsewhere, and its calls
        # (do not call, interests, a direct-debit form) reach the register and dues.
        for source in (self.register_page.members_changed, self.register_page.dues_changed,
                       self.dues_page.members_changed, self.dues_page.dues_changed):
            source.connect(self.calls_page.refresh)
        self.calls_page.member_activated.connect(self.open_member)
        self.calls_page.members_changed.connect(self.register_page.refresh)
        self.calls_page.dues_changed.connect(self.register_page.refresh)
        self.calls_page.dues_changed.connect(self.dues_page.refresh)
        # The welcome grid reloads whenever it is shown (calls, letters and attendance
        # tick its steps); a member opened from it is the register's card.
        self.welcome_page.member_activated.connect(self.open_member)
        self.register_page.members_changed.connect(self.welcome_page.refresh)
        # Activities: attendance ticks the welcome checklist's first meeting.
        self.activities_page.member_activated.connect(self.open_member)
        self.activities_page.activities_changed.connect(self.welcome_page.refresh)
        # Letters: counts follow the register; a printed batch ticks the welcome letter.
        self.register_page.members_changed.connect(self.letters_page.refresh)
        self.letters_page.letters_recorded.connect(self.welcome_page.refresh)
        self.register_page.letter_requested.connect(self.letter_to_members)
        # Planning: sub-goal figures and compass hints follow the register; a hint's link
        # opens the view it counts from.
        self.register_page.members_changed.connect(self.planning_page.refresh)
        self.planning_page.navigate_requested.connect(self.open_page_by_key)
        # Indicators: stale after any change to members, dues, calls or activities.
        for source in (self.register_page.members_changed, self.register_page.dues_changed,
                       self.dues_page.members_changed, self.dues_page.dues_changed,
                       self.calls_page.members_changed, self.calls_page.dues_changed,
                       self.activities_page.activities_changed,
                       self.privacy_page.members_changed):
            source.connect(self.indicators_page.refresh)
        # Privacy: who is due follows the register; anonymising changes the register.
        self.register_page.members_changed.connect(self.privacy_page.refresh)
        self.privacy_page.members_changed.connect(self.register_page.refresh)
        self.privacy_page.members_changed.connect(self.update_status)
        # The audit log names this computer's user (asked once: ui/app.py).
        from medlemsvard_app.ui.dialogs.user_name_dialog import apply_user_name

        apply_user_name(session)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        # Ctrl+Z acts only while Edit → Undo is enabled: follow each edit that leaves a
        # step to undo (a member, a payment, a call: the calls page reloads after one).
        for source in (*self._edits, self.calls_page.loaded):
            source.connect(self._update_undo)
        self.welcome_page.marked.connect(self._update_undo)  # a welcome tick can be undone
        self.update_status()
        self._restore_layout()

    def _fit_navigation(self) -> None:
        """Wide enough for the longest view name in this language ("Välkomnande")."""
        self.nav.ensurePolished()  # the sheet's larger navigation font, not the default
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.nav.item(r).text())
                      for r in range(self.nav.count())), default=0)
        self.nav.setFixedWidth(max(150, widest + 56))

    def _add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(QListWidgetItem(title))
        self.stack.addWidget(page)

    def open_page_by_key(self, key: str) -> None:
        """Open a view named by a stable key (links from the compass); a view this build
        does not have is ignored."""
        if key == "settings":
            self.open_settings()
            return
        titles = {"home": _("Home"), "register": _("Register"), "dues": _("Dues"),
                  "calls": _("Calls"),
                  "welcome": _("Welcome"), "activities": _("Activities"),
                  "letters": _("Letters"), "planning": _("Planning"),
                  "indicators": _("Indicators"), "privacy": _("Privacy")}
        title = titles.get(key)
        for row in range(self.nav.count()):
            if self.nav.item(row).text() == title:
                self.open_row(row)
                return

    def open_row(self, row: int) -> None:
        """A view opened by its key (Ctrl+1 …) or a link: the keyboard goes with it, to
        the place its work starts. Arrowing in the navigation list leaves the focus there."""
        self.nav.setCurrentRow(row)
        page = self.stack.widget(row)
        starts = {self.calls_page: self.calls_page.focus_work,
                  self.welcome_page: self.welcome_page.grid.setFocus,
                  self.activities_page: self.activities_page.tree.setFocus}
        if page in starts:
            starts[page]()
            return
        focused = self.focusWidget()
        if focused is not None and page.isAncestorOf(focused) and focused.isVisible():
            return
        # The first widget of the view that takes Tab, as Qt's stack does for a view shown
        # while the focus was in the one before.
        widget = page.nextInFocusChain()
        while widget is not page and widget is not None:
            if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not isinstance(widget, QScrollArea)):  # a frame, not a control
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def open_calls_round(self, round_id: int, caller: str) -> None:
        """Home's calls due: the calls view on that round and caller's queue."""
        self.show_page(self.calls_page)
        self.calls_page.open_round(round_id, caller)

    # -- menus ---------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.new_association_action = self._action(_("New association…"), self.new_requested.emit)
        self.open_action = self._action(_("&Open association…"), self.open_file,
                                        QKeySequence.StandardKey.Open)
        self.import_action = self._action(_("&Import members…"), self.import_members, "Ctrl+I")
        self.import_payments_action = self._action(_("Import &payments…"),
                                                   self.import_payments)
        self.export_action = self._action(_("&Export register…"), self.export_members, "Ctrl+E")
        self.settings_action = self._action(_("Association &settings…"), self.open_settings,
                                            "Ctrl+,")
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.backups_action = self._action(_("&Backups…"), self.backups_requested.emit)
        self.security_action = self._action(_("Securit&y…"), self.security_requested.emit)
        for action in (self.new_association_action, self.open_action, None, self.import_action,
                       self.import_payments_action, self.export_action, None,
                       self.settings_action, self.security_action, self.backups_action, None,
                       self.quit_action):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)

        members_menu = bar.addMenu(_("&Members"))
        self.find_action = self._action(_("&Find member"), self.focus_search,
                                        QKeySequence.StandardKey.Find)
        self.new_member_action = self._action(_("&New member…"), self.new_member,
                                              QKeySequence.StandardKey.New)
        self.open_member_action = self._action(_("&Open member card"),
                                               self.register_page.open_selected, "Ctrl+O")
        self.open_member_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.leave_action = self._action(_("Member &leaves…"), self.register_page.leave_selected)
        for action in (self.find_action, self.new_member_action, self.open_member_action,
                       self.leave_action):
            members_menu.addAction(action)

        edit_menu = bar.addMenu(_("&Edit"))
        self.undo_action = self._action(_("&Undo"), self.undo_last, QKeySequence.StandardKey.Undo)
        edit_menu.addAction(self.undo_action)
        edit_menu.aboutToShow.connect(self._update_undo)
        self._update_undo()

        # Print: labels and lists of the register's members as shown (issue 6).
        self.print_menu = bar.addMenu(_("&Print"))
        self.labels_action = self._action(_("&Labels…"), lambda: self._print("labels"))
        self.member_list_action = self._action(_("&Member list…"),
                                               lambda: self._print("member_list"))
        self.phone_lists_action = self._action(_("&Phone lists…"),
                                               lambda: self._print("phone_lists"))
        for action in (self.labels_action, self.member_list_action, self.phone_lists_action):
            self.print_menu.addAction(action)

        view_menu = bar.addMenu(_("&View"))
        self.larger_text_action = self._action(_("&Larger text"), self.larger_text,
                                               QKeySequence.StandardKey.ZoomIn)
        self.normal_text_action = self._action(_("&Normal text size"), self.normal_text,
                                               "Ctrl+0")
        view_menu.addAction(self.larger_text_action)
        view_menu.addAction(self.normal_text_action)

        help_menu = bar.addMenu(_("&Help"))
        self.help_action = self._action(_("&Help for this view"), self.show_help,
                                        QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = self._action(_("&Keyboard shortcuts"), self.show_shortcuts,
                                             "Ctrl+F1")
        self.about_action = self._action(_("&About Medlemsvård"), self.show_about)
        for action in (self.help_action, self.shortcuts_action, None, self.about_action):
            if action is None:
                help_menu.addSeparator()
            else:
                help_menu.addAction(action)
        # Ctrl+1 … Ctrl+9: the views in the order of the navigation list.
        self.page_actions = []
        for row in range(min(self.nav.count(), 9)):
            action = self._action(self.nav.item(row).text(),
                                  lambda _c=False, r=row: self.open_row(r),
                                  f"Ctrl+{row + 1}")
            self.addAction(action)
            self.page_actions.append(action)

    # -- actions -------------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def focus_search(self) -> None:
        self.show_page(self.register_page)
        self.register_page.focus_search()

    def new_member(self) -> None:
        self.show_page(self.register_page)
        self.register_page.new_member()

    def _print(self, kind: str) -> QWidget:
        """Labels or a list of the members the register shows (its filter and search)."""
        self.show_page(self.register_page)
        return {"labels": self.register_page.print_labels,
                "member_list": self.register_page.print_member_list,
                "phone_lists": self.register_page.print_phone_lists}[kind]()

    def open_member(self, member_id: int) -> None:
        """The member card, as the register opens it: its edits and payments reach the
        dues page through the register page's signals."""
        self.register_page.open_member(member_id)

    def letter_to_members(self, member_ids: list) -> None:
        """"Letter to selected…" in the register: the Letters page with that selection."""
        self.letters_page.use_selection(member_ids)
        self.nav.setCurrentRow(self.stack.indexOf(self.letters_page))

    def import_payments(self) -> None:
        self.dues_page.import_payments()

    def open_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open association"), str(self.session.path.parent),
            _("Medlemsvård databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.open_requested.emit(Path(path))

    def open_settings(self) -> None:
        from medlemsvard_app.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.session, self.notifier, self)
        dialog.saved.connect(self._after_settings)
        self._show(dialog)

    def _after_settings(self) -> None:
        self.setWindowTitle(_("{association} — Medlemsvård").format(
            association=self.session.association.name))
        self.register_page.model.home_country = self.session.association.country.value
        self.register_page.refresh()
        self.dues_page.model.home_country = self.session.association.country.value
        self.dues_page.refresh()  # the dues calendar may have changed
        self.calls_page.refresh()

    def import_members(self) -> None:
        from medlemsvard_app.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.session, self.notifier, self)
        wizard.imported.connect(lambda _r: self.register_page.refresh())
        wizard.imported.connect(lambda _r: self.dues_page.refresh())
        wizard.imported.connect(lambda _r: self.calls_page.refresh())
        self._show(wizard)

    def export_members(self) -> None:
        from medlemsvard_app.services.exporting import export_members

        # Excel reads a CSV's 0150 as the number 150: Norwegian postal codes keep their
        # zero only in a workbook, so Norway gets XLSX first.
        csv_filter = _("CSV for Excel (*.csv)")
        xlsx_filter = _("Excel workbook (*.xlsx)")
        norway = self.session.association.country.value == "NO"
        suggested = str(self.session.path.with_name(
            _("members") + (".xlsx" if norway else ".csv")))
        filters = [xlsx_filter, csv_filter] if norway else [csv_filter, xlsx_filter]
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export register"), suggested, ";;".join(filters))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            target = target.with_suffix(".xlsx" if "xlsx" in _filter else ".csv")
        # Warn that the file is readable by anyone; offer an encrypted ZIP (issue 9).
        from medlemsvard_app.ui.dialogs.privacy_export import ask_export_protection

        protection = ask_export_protection(self, target)
        if protection is None:
            return
        target, zip_passphrase = protection
        ids = self.register_page.model.member_ids()
        db_path = self.session.path
        user_name = self.session.user_name

        def work(progress):
            from medlemsvard_app.services.session import open_session

            own = open_session(db_path)
            own.user_name = user_name
            try:
                return export_members(own, ids, target, progress=progress,
                                      zip_passphrase=zip_passphrase)
            finally:
                own.close()

        def done(result) -> None:
            text = ngettext("Exported {count} member to {path}.",
                            "Exported {count} members to {path}.", result.exported).format(
                count=format_count(result.exported), path=result.path)
            if result.left_out_protected:
                text += " " + ngettext(
                    "{count} member with protected identity was left out.",
                    "{count} members with protected identity were left out.",
                    result.left_out_protected).format(count=result.left_out_protected)
            self.statusBar().showMessage(text, 10000)
            self.notifier.info(self, text)

        run_with_progress(self, _("Exporting the register…"), work, done,
                          lambda text: self.notifier.error(self, text))

    def show_about(self) -> QWidget:
        from medlemsvard_app.ui.dialogs.help_dialog import AboutDialog

        dialog = AboutDialog(self)
        self._show(dialog)
        return dialog

    #: the help text key of each page, by its place in the navigation list
    def current_help_key(self) -> str:
        page = self.stack.currentWidget()
        keys = {self.home_page: "home", self.register_page: "register",
                self.dues_page: "dues", self.calls_page: "calls",
                self.welcome_page: "welcome", self.activities_page: "activities",
                self.letters_page: "letters", self.planning_page: "planning",
                self.indicators_page: "indicators", self.privacy_page: "privacy"}
        return keys.get(page, "home")

    def show_help(self) -> QWidget:
        from medlemsvard_app.ui.dialogs.help_dialog import HelpDialog

        dialog = HelpDialog(self.current_help_key(), self)
        self._show(dialog)
        return dialog

    def show_shortcuts(self) -> QWidget:
        from medlemsvard_app.ui.dialogs.help_dialog import (
            ShortcutsDialog,
            shortcut_rows,
            view_key_rows,
        )

        actions = [*self.findChildren(QAction)]
        dialog = ShortcutsDialog(shortcut_rows(actions) + view_key_rows(), self)
        self._show(dialog)
        return dialog

    # -- text size -----------------------------------------------------------------------
    def larger_text(self) -> float:
        """One step larger, round to normal after the largest (projectors, tired eyes)."""
        from medlemsvard_app.ui.text_size import apply_text_scale, current_scale, next_scale

        factor = apply_text_scale(QApplication.instance(), next_scale(current_scale()))
        self._fit_navigation()
        self.statusBar().showMessage(_("Text size: {percent} %").format(
            percent=round(factor * 100)), 4000)
        return factor

    def normal_text(self) -> float:
        from medlemsvard_app.ui.text_size import apply_text_scale

        factor = apply_text_scale(QApplication.instance(), 1.0)
        self._fit_navigation()
        return factor

    # -- undo ----------------------------------------------------------------------------
    def _update_undo(self) -> None:
        step = self.session.undo_step
        self.undo_action.setEnabled(step is not None)
        self.undo_action.setText(step.label if step is not None else _("&Undo"))

    def undo_last(self) -> None:
        from medlemsvard_app.services.undo import undo_last

        if self.session.undo_step is None:
            return
        try:
            changes = undo_last(self.session)
        except Exception as exc:  # noqa: BLE001 - a sentence for the user, never a traceback
            self.notifier.error(self, describe(exc))
            self._update_undo()
            return
        self._update_undo()
        self.statusBar().showMessage(_("Undone."), 5000)
        if changes.members:
            self.register_page.refresh()
            self.update_status()
        if changes.dues:
            self.register_page.refresh()
            self.dues_page.refresh()
        self.calls_page.refresh()
        self.welcome_page.refresh()
        self.home_page.refresh()

    def _show(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(  # type: ignore[attr-defined]
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        dialog.open()  # type: ignore[attr-defined]

    def update_status(self) -> None:
        current = self.session.register().count(["current"])
        self.status_label.setText(ngettext(
            "{count} current member", "{count} current members", current).format(
            count=format_count(current)) + "   ·   " + str(self.session.path))

    # -- layout memory -------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = app_settings()
        geometry = settings.value("main/geometry")
        area = available_geometry(self)
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
            # Saved on a big monitor, opened on a laptop: keep the status bar on screen.
            if not self.isMaximized() and (
                    self.width() > area.width()
                    or self.height() + TITLE_BAR > area.height()):
                fit_to_screen(self, self.width(), self.height())
        else:
            fit_to_screen(self, 1280, 760)
            if area.height() < SMALL_SCREEN_HEIGHT:  # a laptop: use all of it
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = settings.value("main/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        header = settings.value("register/header")
        if isinstance(header, QByteArray | bytes):
            self.register_page.table.horizontalHeader().restoreState(header)
            hdr = self.register_page.table.horizontalHeader()
            self.register_page.model.sort(hdr.sortIndicatorSection(), hdr.sortIndicatorOrder())

    def save_layout(self) -> None:
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("register/header",
                          self.register_page.table.horizontalHeader().saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_layout()
        super().closeEvent(event)


