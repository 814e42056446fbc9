"""Notices when nobody has touched the app for a while (the idle lock's clock).

An event filter on the QApplication restarts a timer on every key, click, wheel or mouse
movement in any window of the app; when the timer runs out, ``idle`` is emitted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, qapp: QApplication, minutes: int) -> None:
        super().__init__(qapp)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)
        qapp.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """0 switches the lock off."""
        self.minutes = max(0, int(minutes))
        self.set_interval_ms(self.minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self.timer.stop()
        self.timer.setInterval(ms)
        if ms > 0:
            self.timer.start()

    def restart(self) -> None:
        if self.timer.interval() > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if event.type() in _ACTIVITY and self.timer.interval() > 0:
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
