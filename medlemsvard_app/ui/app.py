"""The GUI's composition root: language, Qt translators, the association file, the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from medlemsvard_app.i18n import _, normalise_language, set_language, system_language
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.paths import default_database_path, resources_dir
from medlemsvard_app.services.session import Session, create_session, open_session
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.main_thread_gc import MainThreadCollector
from medlemsvard_app.ui.main_window import MainWindow, app_settings
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.qt_i18n import install_translators
from medlemsvard_app.ui.style import apply_style
from medlemsvard_app.ui.workers import Job, run_with_progress


def peek_language(path: Path) -> str | None:
    """The association's language, read before any window exists (None if unreadable)."""
    if not path.exists():
        return None
    try:
        session = open_session(path)
    except StorageError:
        return None
    try:
        return session.association.language
    finally:
        session.close()


class Application:
    """Owns the open association and swaps it when the user opens or creates another."""

    def __init__(self, qapp: QApplication, notifier: Notifier | None = None) -> None:
        self.qapp = qapp
        self.notifier = notifier or Notifier()
        self.window: MainWindow | None = None
        self.session: Session | None = None
        self._keep: list[QWidget] = []
        self._jobs: list[Job] = []  # a running job must outlive the call that started it
        from medlemsvard_app.ui.security_flow import SecurityFlow

        self.security = SecurityFlow(self)  # passphrases, one window per file, idle lock

    def start(self, path: Path) -> None:
        if path.exists():
            self.open(path)
        else:
            self.first_run(path)

    def open(self, path: Path, passphrase: str | None = None) -> bool:
        from medlemsvard_app.storage.errors import PassphraseNeeded, WrongPassphrase

        if not self.security.acquire(path):
            if self.window is None:
                self.first_run(default_database_path())
            return False
        try:
            # the day's backup is made beside the window (ui/security_flow.py)
            session = open_session(path, passphrase=passphrase, daily_backup=False)
        except (PassphraseNeeded, WrongPassphrase) as exc:
            self.security.ask_passphrase(path, exc)
            return False
        except StorageError as exc:
            if self.session is None or Path(self.session.path).resolve() != Path(path).resolve():
                self.security.release(path)
            self.notifier.error(self.window, describe(exc))
            if self.window is None:
                self.first_run(default_database_path())
            return False
        self._show_session(session)
        return True

    def _show_session(self, session: Session, ask_name: bool = True) -> None:
        """Show ``session`` in a new window; ``ask_name=False`` when a first run's own
        sequence (recovery sheet, guide) asks for the user's name at its end instead."""
        old_window, old_session = self.window, self.session
        self.session = session
        self.window = MainWindow(session, self.notifier)
        self.window.open_requested.connect(self.open)
        self.window.new_requested.connect(lambda: self.first_run(default_database_path()))
        self.window.show()
        self.security.attach(self.window, session)
        if ask_name:
            self.ask_user_name_when_free()  # once per computer, for the audit log
        settings = app_settings()
        settings.setValue("last_database", str(session.path))
        settings.sync()
        if old_window is not None:
            old_window.save_layout()
            old_window.close()
            old_window.deleteLater()
        if old_session is not None:
            old_session.close()

    def first_run(self, default_path: Path) -> None:
        from medlemsvard_app.ui.dialogs.first_run_dialog import FirstRunDialog

        dialog = FirstRunDialog(default_path, self.window)
        self._keep.append(dialog)
        dialog.accepted.connect(lambda: self._first_run_chosen(dialog))
        dialog.rejected.connect(self._first_run_cancelled)
        dialog.show()

    def _first_run_cancelled(self) -> None:
        if self.window is None:
            self.qapp.quit()

    def _first_run_chosen(self, dialog) -> None:
        path = Path(dialog.path)
        if dialog.choice == "open":
            self.open(path)
        elif dialog.choice == "create":
            passphrase = getattr(dialog, "passphrase", None) or None
            try:
                if not self.security.acquire(path):
                    self.first_run(path)
                    return
                session = create_session(path, dialog.name, dialog.country, dialog.language,
                                         passphrase=passphrase)
            except StorageError as exc:
                self.notifier.error(self.window, describe(exc))
                self.first_run(path)
                return
            self._show_session(session, ask_name=False)
            self._after_create(bool(passphrase and getattr(dialog, "wants_sheet", False)))
        elif dialog.choice == "demo":
            self._make_demo(dialog, path)

    def _after_create(self, wants_sheet: bool) -> None:
        """A new association's first steps, one window at a time: the recovery sheet (it
        matters most, and its save dialog waits for an answer), then the start guide, then
        (only if this computer has no name yet) the name for the audit log."""
        if wants_sheet:
            self.security.save_recovery_sheet()  # returns once saved or cancelled
        guide = self.start_guide()
        if guide is not None:
            # Deferred: a guide finished with "set a passphrase" opens Security first.
            guide.finished.connect(lambda _result: QTimer.singleShot(
                0, self.ask_user_name_when_free))
        else:
            self.ask_user_name_when_free()

    def ask_user_name_when_free(self) -> None:
        """Ask this computer's user name for the audit log unless it is known; while
        another dialog is up (Security after the guide), ask once that one has closed, so
        no two questions ever stand on top of each other."""
        from medlemsvard_app.ui.dialogs.user_name_dialog import (
            UserNameDialog,
            apply_user_name,
            ask_user_name_once,
        )

        window, session = self.window, self.session
        if window is None or session is None or apply_user_name(session):
            return
        busy = [d for d in window.findChildren(QDialog) if d.isVisible() and d.isModal()]
        if any(isinstance(d, UserNameDialog) for d in busy):
            return  # already asking
        if busy:
            busy[-1].finished.connect(lambda _result: QTimer.singleShot(
                0, self.ask_user_name_when_free))
            return
        ask_user_name_once(window)

    def start_guide(self) -> QDialog | None:
        """The first run's next steps (logo, dues, board, passphrase, backups), skippable."""
        from medlemsvard_app.ui.dialogs.first_run_guide import StartGuide

        if self.session is None or self.window is None:
            return None
        guide = StartGuide(self.session, self.notifier, first_time=True, parent=self.window)
        self._keep.append(guide)
        guide.saved.connect(self.window._after_settings)
        guide.security_requested.connect(self.security.show_security)
        guide.open()
        return guide

    def _make_demo(self, dialog, path: Path) -> None:
        from datetime import date

        from medlemsvard_app.services.demo import create_demo

        count, country = int(dialog.demo_members), dialog.country
        language = getattr(dialog, "language", None)

        def work(progress):
            session = create_demo(path, members=count, country=country, seed=1,
                                  language=language, today=date.today(), replace=True,
                                  progress=progress)
            session.close()
            return path

        def failed(text: str) -> None:
            self.notifier.error(self.window, text)
            if self.window is None:
                self.first_run(default_database_path())

        self._jobs.append(run_with_progress(self.window, _("Creating the demo association…"),
                                            work, lambda p: self.open(Path(p)), failed))


def _resolve_path(db_path: Path | None) -> Path:
    if db_path is not None:
        return Path(db_path)
    last = app_settings().value("last_database")
    if isinstance(last, str) and last and Path(last).exists():
        return Path(last)
    return default_database_path()


def run_gui(db_path: Path | None = None, language: str | None = None,
            quit_after_ms: int | None = None) -> int:
    """Start the desktop app (``medlemsvard gui``); returns the exit code.

    ``quit_after_ms`` is for smoke tests of a bundle: the visible windows' titles are
    printed and the app quits, so a script can tell that the window really opened.
    """
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("Medlemsvård")
    qapp.setOrganizationName("Medlemsvard")
    qapp.setDesktopFileName("medlemsvard")  # Wayland finds the menu entry's icon by this
    icon = resources_dir() / "icons" / "medlemsvard.png"
    if icon.exists():
        qapp.setWindowIcon(QIcon(str(icon)))
    path = _resolve_path(db_path)
    lang = (normalise_language(language) or peek_language(path) or system_language() or "en")
    set_language(lang)
    install_translators(qapp, lang)  # type: ignore[arg-type]
    apply_style(qapp)  # type: ignore[arg-type]
    from medlemsvard_app.ui.text_size import restore_text_scale

    restore_text_scale(qapp)  # type: ignore[arg-type] - the larger text chosen last time
    collector = MainThreadCollector(qapp)  # noqa: F841 - lives as long as the app
    app = Application(qapp)  # type: ignore[arg-type]
    app.start(path)
    if quit_after_ms is not None:
        def report_and_quit() -> None:
            for widget in qapp.topLevelWidgets():
                if widget.isVisible() and widget.windowTitle():
                    print(widget.windowTitle(), flush=True)
            qapp.quit()

        QTimer.singleShot(max(0, quit_after_ms), report_and_quit)
    return qapp.exec()
