"""The main window: navigation, menus and the status bar only; pages do the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from medlemsvard_app import __version__
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.pages.calls_page import CallsPage
from medlemsvard_app.ui.pages.dues_page import DuesPage
from medlemsvard_app.ui.pages.register_page import RegisterPage
from medlemsvard_app.ui.workers import run_with_progress


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "Medlemsvard", "medlemsvard")


class MainWindow(QMainWindow):
    #: asks the application to switch to another association file
    open_requested = Signal(object)
    new_requested = Signal()

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
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.register_page = RegisterPage(session, self.notifier)
        self._add_page(_("Register"), self.register_page)
        self.dues_page = DuesPage(session, self.notifier)
        self._add_page(_("Dues"), self.dues_page)
        self.calls_page = CallsPage(session, self.notifier)
        self._add_page(_("Calls"), self.calls_page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
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

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self.update_status()
        self._restore_layout()

    def _add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(QListWidgetItem(title))
        self.stack.addWidget(page)

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
        for action in (self.new_association_action, self.open_action, None, self.import_action,
                       self.import_payments_action, self.export_action, None,
                       self.settings_action, None, self.quit_action):
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

        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About Medlemsvård"), self.show_about))

    # -- actions -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.register_page.focus_search()

    def new_member(self) -> None:
        self.nav.setCurrentRow(0)
        self.register_page.new_member()

    def open_member(self, member_id: int) -> None:
        """The member card, as the register opens it: its edits and payments reach the
        dues page through the register page's signals."""
        self.register_page.open_member(member_id)

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
        ids = self.register_page.model.member_ids()
        db_path = self.session.path

        def work(progress):
            from medlemsvard_app.services.session import open_session

            own = open_session(db_path)
            try:
                return export_members(own, ids, target, progress=progress)
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

    def show_about(self) -> None:
        self.notifier.info(self, _(
            "Medlemsvård {version}\n\nLooks after the members of your association, on this "
            "computer only: nothing is sent anywhere.\n\nDatabase: {path}").format(
            version=__version__, path=self.session.path), _("About Medlemsvård"))

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
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
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


