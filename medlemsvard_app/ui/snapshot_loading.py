"""Pages that show a snapshot computed off the UI thread (the Dues and Calls pages).

One job at a time; a newer question while one runs is asked again when it ends, and only
the newest answer is shown. A hidden page waits until it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QShowEvent

from medlemsvard_app.ui.workers import Job


class SnapshotLoading:
    """Mixin for a QWidget page with ``session``, ``notifier`` and ``show_snapshot``."""

    #: Builds the snapshot in a worker thread from the file's path and the clock.
    load: Callable[[Path, Callable[[], date]], Any]
    snapshot: Any

    def _init_loading(self) -> None:
        self.snapshot = None
        self._jobs: list[Job] = []
        self._running = False
        self._again = False
        self._stale = True

    def show_snapshot(self, snapshot: Any) -> None:
        raise NotImplementedError

    def _set_busy(self, busy: bool) -> None:
        """A page with a busy indicator shows it here."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        if self._stale or (self.snapshot is not None
                           and self.snapshot.day != self.session.today()):  # type: ignore[attr-defined]
            self.refresh()

    def refresh(self) -> None:
        """Load a fresh snapshot now if the page is shown, else when it is next shown."""
        self._stale = True
        if not self.isVisible():  # type: ignore[attr-defined]
            return
        if self._running:
            self._again = True  # one job at a time; the newest question wins
            return
        self._stale = False
        self._running = True
        self._set_busy(True)
        session = self.session  # type: ignore[attr-defined]
        load = type(self).load
        job = Job(lambda _progress, path=session.path, today=session.today: load(path, today))
        job.signals.finished.connect(self._loaded)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._job_over)
        # Keep a finished job a while: it may still be returning from run() in its thread.
        self._jobs = [*self._jobs[-2:], job]
        QThreadPool.globalInstance().start(job)

    def is_loading(self) -> bool:
        return self._running

    def _job_over(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()
        if not self._running:
            self._set_busy(False)

    def _failed(self, text: str) -> None:
        self._job_over()
        self.notifier.error(self, text)  # type: ignore[attr-defined]

    def _loaded(self, snapshot: Any) -> None:
        again = self._again
        self._job_over()
        if not again or self.snapshot is None:
            self.show_snapshot(snapshot)  # else a newer snapshot is on its way
