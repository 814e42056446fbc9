"""The SWOT board: four quadrants of cards to add, edit, reorder and move, by mouse
(drag and drop) or keyboard (Ctrl+Up/Down within a field, Ctrl+Shift+arrows to the
next field, Delete, F2 to edit).

Every move goes through ``SwotAnalysis`` (domain/swot.py); the lists are redrawn from it,
so what is shown is always what will be saved. The board emits ``changed`` and the page
saves.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.swot import GRID, Quadrant, SwotAnalysis, SwotCard, neighbour
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.compass_labels import (
    external_label,
    internal_label,
    quadrant_label,
    quadrant_placeholder,
    quadrant_question,
)
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.ui.dialogs.common import hint_label
from medlemsvard_app.ui.style import ink_hex, scheme_changed, tone

CARD_MIME = "application/x-medlemsvard-swot-card"
_KEY = Qt.ItemDataRole.UserRole

#: A tint per field (a status tone of ui/style.py, light or dark); the titles say which is
#: which, so colour is never the only cue.
TONES = {Quadrant.STRENGTHS: "good", Quadrant.WEAKNESSES: "bad",
         Quadrant.OPPORTUNITIES: "info", Quadrant.THREATS: "warn"}


def _mix(back: QColor, fore: QColor, share: float) -> str:
    """``share`` of ``fore`` over ``back``: a field's border, calmer than its text colour."""
    return QColor.fromRgbF(*(b + (f - b) * share for b, f in (
        (back.redF(), fore.redF()), (back.greenF(), fore.greenF()),
        (back.blueF(), fore.blueF())))).name()


def board_sheet() -> str:
    """The fields' tints and the cards (on the base colour with the text colour) for the
    current scheme; rebuilt when it switches."""
    rules = []
    for quadrant, name in TONES.items():
        back, fore = tone(name)
        rules.append(f"QListWidget#swot_{quadrant.value} {{ background: {back.name()};"
                     f" border: 1px solid {_mix(back, fore, 0.35)}; border-radius: 6px; }}")
    rules.append("QListWidget::item { background: palette(base); color: palette(text);"
                 " border: 1px solid palette(mid); border-radius: 5px; padding: 5px;"
                 " margin: 2px 4px; }")
    rules.append(f"QListWidget::item:selected {{ background: palette(base);"
                 f" color: palette(text); border: 2px solid {ink_hex('accent')}; }}")
    return "\n".join(rules)


class QuadrantList(QListWidget):
    """One field's cards. Drags carry the card's key; a drop asks the board to move it."""

    card_dropped = Signal(int, object, int)  # card key, target quadrant, row
    key_command = Signal(object, int, int)  # (kind, d_row, d_col) for the board to carry out
    move_requested = Signal(object)  # the current card to another quadrant (context menu)

    def __init__(self, quadrant: Quadrant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quadrant = quadrant
        self.setObjectName(f"swot_{quadrant.value}")
        self.setAccessibleName(quadrant_label(quadrant))
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(1)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        # colours: the board's sheet (board_sheet), which follows light and dark

    # -- drag and drop ---------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [CARD_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt override
        data = QMimeData()
        if items:
            data.setData(CARD_MIME, str(items[0].data(_KEY)).encode())
            data.setText(items[0].text())
        return data

    def startDrag(self, actions) -> None:  # noqa: N802 - Qt override
        """Our own drag: the board redraws the lists after a drop, so Qt must not remove
        the dragged row from the source afterwards (as its default move would)."""
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(CARD_MIME):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        data = event.mimeData()
        if not data.hasFormat(CARD_MIME):
            event.ignore()
            return
        try:
            key = int(bytes(data.data(CARD_MIME).data()).decode())
        except ValueError:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.card_dropped.emit(key, self.quadrant, self.row_at(event.position().toPoint()))

    def row_at(self, pos: QPoint) -> int:
        """The row a card dropped at ``pos`` (viewport coordinates) goes to."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    # -- mouse: the same commands in a context menu -----------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        item = self.itemAt(event.pos())
        if item is None:
            return
        self.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(_("Edit"), lambda: self.editItem(item))
        menu.addAction(_("Move up"), lambda: self.key_command.emit("within", -1, 0))
        menu.addAction(_("Move down"), lambda: self.key_command.emit("within", 1, 0))
        move_to = menu.addMenu(_("Move to"))
        for other in Quadrant:
            if other is not self.quadrant:
                move_to.addAction(quadrant_label(other),
                                  lambda q=other: self.move_requested.emit(q))
        menu.addSeparator()
        menu.addAction(_("Delete"), lambda: self.key_command.emit("delete", 0, 0))
        menu.exec(event.globalPos())

    # -- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        arrows = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0),
                  Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if ctrl and event.key() in arrows and self.currentItem() is not None:
            d_row, d_col = arrows[event.key()]
            if shift:
                self.key_command.emit("quadrant", d_row, d_col)
            elif d_col == 0:
                self.key_command.emit("within", d_row, 0)
            event.accept()
            return
        if ctrl and event.key() == Qt.Key.Key_Z:
            self.key_command.emit("undo", 0, 0)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentItem() is not None \
                and self.state() != QAbstractItemView.State.EditingState:
            self.key_command.emit("delete", 0, 0)
            event.accept()
            return
        super().keyPressEvent(event)


class SwotBoard(QWidget):
    """The four fields of one analysis; ``set_analysis`` shows one, ``changed`` says it was
    edited."""

    changed = Signal()
    #: a sentence for the user (a card that could not be saved as typed)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analysis: SwotAnalysis | None = None
        self._cards: dict[int, SwotCard] = {}
        self._next_key = 1
        self._deleted: tuple[SwotCard, Quadrant, int] | None = None
        self.lists: dict[Quadrant, QuadrantList] = {}
        self.inputs: dict[Quadrant, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.row_labels = []
        for row, text in enumerate((internal_label(), external_label())):
            label = QLabel(text)
            label.setObjectName("swotRowLabel")
            label.setProperty("hint", True)  # muted text from the app sheet
            label.setWordWrap(True)
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
            grid.addWidget(label, row * 2, 0, 1, 2)
            self.row_labels.append(label)
        for quadrant, (row, col) in GRID.items():
            grid.addWidget(self._field(quadrant), row * 2 + 1, col)
            grid.setRowStretch(row * 2 + 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.restyle()
        scheme_changed().connect(self.restyle)

    def restyle(self, _dark: bool | None = None) -> None:
        """The fields' tints for the scheme in use (also after a switch)."""
        self.setStyleSheet(board_sheet())

    def _field(self, quadrant: Quadrant) -> QWidget:
        frame = QFrame()
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        title = QLabel(quadrant_label(quadrant))
        title.setObjectName("swotTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setProperty("mvHeading", "130")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(hint_label(quadrant_question(quadrant)))
        cards = QuadrantList(quadrant)
        cards.card_dropped.connect(self._dropped)
        cards.key_command.connect(lambda kind, r, c, q=quadrant: self._key_command(q, kind, r, c))
        cards.move_requested.connect(lambda target, q=quadrant: self._move_current(q, target))
        cards.itemChanged.connect(self._edited)
        layout.addWidget(cards, 1)
        entry = QLineEdit()
        entry.setObjectName(f"swotAdd_{quadrant.value}")
        entry.setPlaceholderText(quadrant_placeholder(quadrant))
        entry.setAccessibleName(quadrant_placeholder(quadrant))
        entry.returnPressed.connect(lambda q=quadrant: self.add_from_input(q))
        layout.addWidget(entry)
        title.setBuddy(entry)
        self.lists[quadrant] = cards
        self.inputs[quadrant] = entry
        return frame

    # -- showing ---------------------------------------------------------------------------
    def set_analysis(self, analysis: SwotAnalysis | None) -> None:
        self.analysis = analysis
        self._deleted = None
        self.setEnabled(analysis is not None)
        self._redraw()

    def _key_of(self, card: SwotCard) -> int:
        for key, known in self._cards.items():
            if known is card:
                return key
        key = self._next_key
        self._next_key += 1
        self._cards[key] = card
        return key

    def _redraw(self, select: SwotCard | None = None) -> None:
        for quadrant, widget in self.lists.items():
            widget.blockSignals(True)
            widget.clear()
            if self.analysis is not None:
                for card in self.analysis.in_quadrant(quadrant):
                    item = QListWidgetItem(card.text)
                    item.setData(_KEY, self._key_of(card))
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable
                                  | Qt.ItemFlag.ItemIsDragEnabled)
                    widget.addItem(item)
                    if card is select:
                        widget.setCurrentItem(item)
            widget.blockSignals(False)
        if select is not None:
            self.lists[select.quadrant].setFocus()

    def cards_shown(self, quadrant: Quadrant) -> list[str]:
        widget = self.lists[quadrant]
        return [widget.item(i).text() for i in range(widget.count())]

    def current_card(self) -> SwotCard | None:
        for widget in self.lists.values():
            if widget.hasFocus() and widget.currentItem() is not None:
                return self._cards.get(widget.currentItem().data(_KEY))
        return None

    # -- the model API the mouse and keyboard use ------------------------------------------
    def add_card(self, quadrant: Quadrant, text: str) -> SwotCard | None:
        if self.analysis is None:
            return None
        try:
            card = self.analysis.add(quadrant, text)
        except DomainError as exc:
            self.problem.emit(describe(exc))
            return None
        self._redraw()
        self.lists[quadrant].setCurrentRow(self.lists[quadrant].count() - 1)
        self.changed.emit()
        return card

    def add_from_input(self, quadrant: Quadrant) -> None:
        entry = self.inputs[quadrant]
        if entry.text().strip() and self.add_card(quadrant, entry.text()) is not None:
            entry.clear()

    def move_card(self, card: SwotCard, quadrant: Quadrant, index: int | None = None) -> bool:
        if self.analysis is None or not self.analysis.move_to(card, quadrant, index):
            return False
        self._redraw(select=card)
        self.changed.emit()
        return True

    def move_within(self, card: SwotCard, delta: int) -> bool:
        if self.analysis is None or not self.analysis.move_within(card, delta):
            return False
        self._redraw(select=card)
        self.changed.emit()
        return True

    def delete_card(self, card: SwotCard) -> None:
        if self.analysis is None:
            return
        quadrant = card.quadrant
        row = next(i for i, c in enumerate(self.analysis.in_quadrant(quadrant)) if c is card)
        self.analysis.remove(card)
        self._deleted = (card, quadrant, row)
        self._redraw()
        widget = self.lists[quadrant]
        if widget.count():
            widget.setCurrentRow(min(row, widget.count() - 1))
        widget.setFocus()
        self.changed.emit()

    def undo_delete(self) -> bool:
        """Put the last deleted card back where it was (Ctrl+Z)."""
        if self._deleted is None or self.analysis is None:
            return False
        card, quadrant, row = self._deleted
        self._deleted = None
        self.analysis.cards.append(card)
        self.analysis.move_to(card, quadrant, row)
        self._redraw(select=card)
        self.changed.emit()
        return True

    def _dropped(self, key: int, quadrant: Quadrant, row: int) -> None:
        card = self._cards.get(key)
        if card is None or self.analysis is None or not any(c is card for c in
                                                             self.analysis.cards):
            return
        if card.quadrant is quadrant:
            # Dropping below itself in the same field: the card leaves its row first.
            own = self.analysis.in_quadrant(quadrant)
            old = next(i for i, c in enumerate(own) if c is card)
            if row > old:
                row -= 1
        self.move_card(card, quadrant, row)

    def _key_command(self, quadrant: Quadrant, kind: str, d_row: int, d_col: int) -> None:
        if kind == "undo":
            self.undo_delete()
            return
        item = self.lists[quadrant].currentItem()
        card = self._cards.get(item.data(_KEY)) if item is not None else None
        if card is None:
            return
        if kind == "within":
            self.move_within(card, d_row)
        elif kind == "quadrant":
            target = neighbour(card.quadrant, d_row, d_col)
            if target is not card.quadrant:
                self.move_card(card, target)
        elif kind == "delete":
            self.delete_card(card)

    def _move_current(self, quadrant: Quadrant, target: Quadrant) -> None:
        item = self.lists[quadrant].currentItem()
        card = self._cards.get(item.data(_KEY)) if item is not None else None
        if card is not None:
            self.move_card(card, target)

    def _edited(self, item: QListWidgetItem) -> None:
        card = self._cards.get(item.data(_KEY))
        if card is None:
            return
        from medlemsvard_app.domain.swot import clean_card_text

        try:
            text = clean_card_text(item.text())
        except DomainError as exc:
            self.problem.emit(describe(exc))
            self._redraw(select=card)
            return
        if text != card.text:
            card.text = text
            self.changed.emit()
        if item.text() != text:
            self._redraw(select=card)
