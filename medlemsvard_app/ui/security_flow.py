"""The app's security chores, kept out of ui/app.py: passphrase prompts when opening, one
window per file, the idle lock, the Security and Backups dialogs, re-keying and restoring.

One window per file: a lock file beside the register (QLockFile, which notices a lock
left by a crashed process) stops a second window of the app from opening the same
register, because two windows would each show a stale picture of the other's changes.
Command-line runs alongside a window are safe: SQLite's own locking serialises writes, and
each command is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QFileDialog

from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services import backups, security
from medlemsvard_app.storage import errors

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session
    from medlemsvard_app.ui.app import Application


def lock_file_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + ".lock")


class SecurityFlow:
    def __init__(self, app: Application) -> None:
        self.app = app
        self._locks: dict[str, QLockFile] = {}
        self.idle = None
        self.window_lock = None

    # -- one window per file ---------------------------------------------------------------
    def acquire(self, path: Path) -> bool:
        key = str(Path(path).resolve())
        if key in self._locks:
            return True
        lock = QLockFile(str(lock_file_path(Path(path).resolve())))
        if not lock.tryLock(0):
            if lock.error() == QLockFile.LockError.LockFailedError:
                self.app.notifier.error(self.app.window,
                                        describe(errors.AlreadyOpen(str(path))))
                return False
            return True  # a folder we cannot write to: the opening itself will say so
        self._locks[key] = lock
        return True

    def release(self, path: Path | None) -> None:
        if path is None:
            return
        lock = self._locks.pop(str(Path(path).resolve()), None)
        if lock is not None:
            lock.unlock()

    def release_all_but(self, path: Path) -> None:
        keep = str(Path(path).resolve())
        for key in [k for k in self._locks if k != keep]:
            self._locks.pop(key).unlock()

    # -- opening ---------------------------------------------------------------------------
    def ask_passphrase(self, path: Path, exc: errors.StorageError) -> None:
        """Ask for the passphrase (again, saying why after a wrong one), then open."""
        from medlemsvard_app.ui.dialogs.passphrase_dialog import PassphraseDialog

        problem = describe(exc) if isinstance(exc, errors.WrongPassphrase) else ""
        dialog = PassphraseDialog(path, self.app.window, problem=problem)
        self.app._keep.append(dialog)
        dialog.accepted.connect(lambda: self.app.open(path, dialog.passphrase))
        dialog.rejected.connect(lambda: self._passphrase_cancelled())
        dialog.show()

    def _passphrase_cancelled(self) -> None:
        if self.app.window is None:
            from medlemsvard_app.paths import default_database_path

            self.app.first_run(default_database_path())

    def attach(self, window, session: Session) -> None:
        """Wire a new main window: menus, idle lock, a word about a failed backup."""
        from medlemsvard_app.ui.idle_lock import IdleWatcher
        from medlemsvard_app.ui.lock_screen import WindowLock

        self.release_all_but(session.path)
        window.security_requested.connect(self.show_security)
        window.backups_requested.connect(self.show_backups)
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        self.window_lock = None
        if session.passphrase:
            self.window_lock = WindowLock(window, session.passphrase,
                                          on_unlocked=lambda: self.idle and self.idle.restart())
            self.idle = IdleWatcher(self.app.qapp, security.load_settings().idle_minutes)
            self.idle.idle.connect(self.window_lock.lock)
        if session.backup_problem is not None:
            self._backup_failed(describe(session.backup_problem))
        self._daily_backup(session)

    def _backup_failed(self, reason: str) -> None:
        self.app.notifier.error(self.app.window, _(
            "Today's backup could not be made: {reason} Check the backup folder under "
            "File → Security.").format(reason=reason))

    def _daily_backup(self, session: Session) -> None:
        """The day's first backup, made beside the window (a big register takes seconds):
        a second connection reads a consistent snapshot while the window goes on."""
        from medlemsvard_app.services.session import open_session

        path, passphrase = session.path, session.passphrase

        def work(_progress):
            own = open_session(path, passphrase=passphrase, daily_backup=False)
            try:
                return backups.daily_backup(own)
            finally:
                own.close()

        self._start(work, lambda _result: None, self._backup_failed)

    def _start(self, fn, done, failed, label: str = ""):
        """Run ``fn`` in the thread pool; with ``label`` a progress dialog without Cancel
        (a re-keying or restore must finish) keeps the user informed."""
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QProgressDialog

        from medlemsvard_app.ui.workers import Job

        dialog = None
        if label:
            dialog = QProgressDialog(label, "", 0, 0, self.app.window)
            dialog.setCancelButton(None)
            dialog.setWindowTitle(_("Please wait"))
            dialog.setMinimumDuration(300)
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            dialog.show()
        job = Job(fn)

        def finish(result) -> None:
            if dialog is not None:
                dialog.close()
            done(result)

        def fail(text: str) -> None:
            if dialog is not None:
                dialog.close()
            failed(text)

        job.signals.finished.connect(finish)
        job.signals.failed.connect(fail)
        self.app._jobs.append(job)
        QThreadPool.globalInstance().start(job)
        return job

    # -- dialogs ---------------------------------------------------------------------------
    def show_security(self) -> None:
        from medlemsvard_app.ui.dialogs.security_dialog import SecurityDialog

        dialog = SecurityDialog(self.app.session, self.app.notifier, self.app.window)
        dialog.passphrase_change_requested.connect(self.change_passphrase)
        dialog.recovery_sheet_requested.connect(self.save_recovery_sheet)
        dialog.settings_saved.connect(self._settings_saved)
        self.app._keep.append(dialog)
        dialog.open()

    def _settings_saved(self) -> None:
        if self.idle is not None:
            self.idle.set_minutes(security.load_settings().idle_minutes)

    def show_backups(self) -> None:
        from medlemsvard_app.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.app.session, self.app.notifier, self.app.window)
        dialog.restore_requested.connect(self.restore)
        self.app._keep.append(dialog)
        dialog.open()

    def save_recovery_sheet(self, target: Path | None = None) -> Path | None:
        session = self.app.session
        if session is None:
            return None
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(
                self.app.window, _("Save the recovery sheet"),
                str(Path.home() / _("recovery-sheet.pdf")), _("PDF files (*.pdf)"))
            if not name:
                return None
            target = Path(name)
        try:
            target.write_bytes(security.recovery_sheet(session))
        except OSError as exc:
            self.app.notifier.error(self.app.window, describe(exc))
            return None
        self.app.notifier.info(self.app.window, _(
            "The recovery sheet is saved in {path}. Print it, write the passphrase in the box "
            "by hand, keep it somewhere safe, and delete the file.").format(path=target))
        return target

    # -- re-keying and restoring (the register is closed meanwhile) --------------------------
    def _close_session(self) -> tuple[Path, str, str | None]:
        session = self.app.session
        assert session is not None
        path, user, passphrase = session.path, session.user_name, session.passphrase
        # Nothing may read the file while it is swapped: the window goes (its layout kept)
        # and a new one opens afterwards.
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        self.window_lock = None
        window = self.app.window
        if window is not None:
            window.save_layout()
            window.close()
            window.deleteLater()
        self.app.window = None
        self.app.session = None
        session.close()
        return path, user, passphrase

    def change_passphrase(self, old: str | None, new: str | None, wants_sheet: bool) -> bool:
        import hmac

        session = self.app.session
        if session is None:
            return False
        if old is not None and not hmac.compare_digest(
                old.encode("utf-8"), (session.passphrase or "").encode("utf-8")):
            self.app.notifier.error(self.app.window, describe(
                errors.WrongPassphrase(str(session.path))))
            return False
        path, user, current = self._close_session()
        action = ("passphrase_set" if current is None else
                  "passphrase_remove" if new is None else "passphrase_change")

        def work(_progress):
            rekeyed = security.change_passphrase(path, current, new)
            security.log_event(path, new, action, {"backups_rekeyed": rekeyed},
                               user_name=user)
            return rekeyed

        def done(_rekeyed) -> None:
            self.app.open(path, new)
            if new is not None:
                self.app.notifier.info(self.app.window, _(
                    "The register is now encrypted with the new passphrase, and so are its "
                    "backups. There is no way to open them without it."))
                if wants_sheet:
                    self.save_recovery_sheet()

        def failed(text: str) -> None:
            self.app.notifier.error(self.app.window, text)
            # Old or new, the file in place is whole (the swap is one rename): open it.
            if not security.is_encrypted(path):
                self.app.open(path, None)
            else:  # asks for the passphrase should the new one be in place already
                self.app.open(path, new if current is None else current)

        self._start(work, done, failed, _("Encrypting the register and its backups…")
                    if new is not None else _("Decrypting the register and its backups…"))
        return True

    def restore(self, backup: Path, backup_passphrase: str | None) -> bool:
        path, user, current = self._close_session()

        def work(_progress):
            backups.restore(path, backup, current_passphrase=current,
                            backup_passphrase=backup_passphrase)
            security.log_event(path, backup_passphrase, "restore",
                               {"backup": Path(backup).name}, user_name=user)

        def done(_result) -> None:
            self.app.open(path, backup_passphrase)
            text = _("The backup was restored. The register as it was before is kept among "
                     "the backups.")
            if backup_passphrase != current:
                text += " " + (_("The register now opens with the passphrase the backup had.")
                               if backup_passphrase else
                               _("The backup was not encrypted, so the register is not "
                                 "encrypted now either; switch encryption on under File → "
                                 "Security."))
            self.app.notifier.info(self.app.window, text)

        def failed(text: str) -> None:
            self.app.notifier.error(self.app.window, text)
            self.app.open(path, current)

        self._start(work, done, failed, _("Restoring the backup…"))
        return True
