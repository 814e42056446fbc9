"""Layout helpers for the Planning view, so that it fits beside the navigation at 1366×768 in
long languages and with large text: a row whose second half moves under the first when
there is no room, and text whose very long runs may break.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

#: a run of this many characters without a space may break (a web address, say)
LONG_RUN = 30
_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with invisible break chances in runs longer than :data:`LONG_RUN`: a
    word-wrapped label otherwise insists on the width of its longest word and forces the
    whole page wider than the screen."""

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        return ZERO_WIDTH_SPACE.join(run[i:i + LONG_RUN] for i in range(0, len(run), LONG_RUN))

    return _RUN.sub(split, text)


class ReflowRow(QWidget):
    """Two groups of widgets: side by side when there is room, else the second under the
    first. Callers add their widgets to :attr:`first` and :attr:`second`.

    ``grow`` says which group takes the spare width on one line (0 = the first, e.g. a
    title field before buttons; 1 = the second, e.g. a progress text after fields).
    """

    def __init__(self, grow: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grow = grow
        self._boxes = (QWidget(self), QWidget(self))
        self.first, self.second = QHBoxLayout(self._boxes[0]), QHBoxLayout(self._boxes[1])
        for layout in (self.first, self.second):
            layout.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(6)
        self.two_rows: bool | None = None
        self._place(False)

    def one_row_width(self) -> int:
        """The width both groups want on one line."""
        return (self._boxes[0].sizeHint().width() + self._grid.horizontalSpacing()
                + self._boxes[1].sizeHint().width())

    def _place(self, two_rows: bool) -> None:
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        first, second = self._boxes
        self._grid.removeWidget(first)
        self._grid.removeWidget(second)
        self._grid.addWidget(first, 0, 0)
        if two_rows:
            self._grid.addWidget(second, 1, 0)
            self._grid.setColumnStretch(0, 1)
            self._grid.setColumnStretch(1, 0)
        else:
            self._grid.addWidget(second, 0, 1)
            self._grid.setColumnStretch(0, 1 if self.grow == 0 else 0)
            self._grid.setColumnStretch(1, 1 if self.grow == 1 else 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as the wider group alone: the second group can always go below."""
        own = super().minimumSizeHint()
        width = max(box.minimumSizeHint().width() for box in self._boxes)
        return QSize(width, own.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._place(event.size().width() < self.one_row_width())
        super().resizeEvent(event)
