"""Long work off the UI thread: a job reports progress, can be cancelled, and hands its
result back on the GUI thread. Jobs never touch widgets; they get plain data or open
their own database connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import describe

ProgressFn = Callable[[int, int], bool]


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Job(QRunnable):
    """Runs ``fn(progress)`` in the thread pool; ``progress(done, total)`` returns False once
    the user cancelled, and ``fn`` should then stop and roll back."""

    def __init__(self, fn: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except Exception as exc:  # shown to the user as a sentence, never a traceback
            if self._cancel.is_set():
                self.signals.cancelled.emit()  # the job stopped because we asked it to
            else:
                self.signals.failed.emit(describe(exc))
            return
        if self._cancel.is_set():
            self.signals.cancelled.emit()
        else:
            self.signals.finished.emit(result)


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[[ProgressFn], Any],
                      on_done: Callable[[Any], None],
                      on_failed: Callable[[str], None]) -> Job:
    """Start a job with a modal progress dialog that has a Cancel button."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setMinimumDuration(300)
    # Window-modal: nothing else writes to the file while a job does.
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(fn)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finish(result: object) -> None:
        dialog.close()
        on_done(result)

    def fail(text: str) -> None:
        dialog.close()
        on_failed(text)

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    job.signals.cancelled.connect(dialog.close)
    dialog.canceled.connect(job.cancel)
    dialog.show()
    QThreadPool.globalInstance().start(job)
    parent_jobs = getattr(parent, "_jobs", None)
    if isinstance(parent_jobs, list):
        parent_jobs.append(job)
    return job
