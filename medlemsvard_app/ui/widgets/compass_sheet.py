"""One compass assessment on screen: the five areas as sections, each item with three
choices (now / soon / not now) and a note, a summary per area, what moved since the
previous assessment, and — beside the items the app can count — what it sees, as a link
to the view that shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.compass import (
    Answer,
    Area,
    Assessment,
    HintFigure,
    items_in,
    progress,
    summarise,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.compass_labels import (
    answer_label,
    answer_short,
    area_label,
    area_lead,
    area_summary_text,
    hint_link_text,
    hint_text,
    item_full_label,
    item_label,
    progress_lines,
)
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.ui.dialogs.common import hint_label
from medlemsvard_app.ui.style import ink_hex, scheme_changed
from medlemsvard_app.ui.widgets.planning_layout import breakable

_ANSWERS = (Answer.NOW, Answer.SOON, Answer.NOT_NOW)
#: the ink (ui/style.py) that fills a chosen answer; the word on it says which it is
_INKS = {Answer.NOW: "good", Answer.SOON: "accent", Answer.NOT_NOW: "neutral"}


def sheet_for_answers() -> str:
    """The answer buttons for the current scheme: unchosen ones on the base colour, the
    chosen one filled with its ink, its word on the base colour (readable in
    light and dark); rebuilt when the scheme switches."""
    rules = []
    for answer, name in _INKS.items():
        colour = ink_hex(name)
        rules.append(f'QPushButton[answer="{answer.value}"] {{ border: 1px solid palette(mid);'
                     " border-radius: 4px; padding: 3px 10px; background: palette(base);"
                     " color: palette(text); }")
        rules.append(f'QPushButton[answer="{answer.value}"]:checked {{ background: {colour};'
                     f" color: palette(base); border-color: {colour}; }}")
    return "\n".join(rules)


class ItemRow:
    """The widgets of one item (kept for tests and for keyboard focus)."""

    def __init__(self, code: str, buttons: dict[Answer, QPushButton], note: QLineEdit,
                 hint: QLabel | None) -> None:
        self.code, self.buttons, self.note, self.hint = code, buttons, note, hint


class CompassSheet(QWidget):
    changed = Signal()
    #: a page key ("welcome", "settings" …) behind a hint's link
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assessment: Assessment | None = None
        self.previous: Assessment | None = None
        self.rows: dict[str, ItemRow] = {}
        self.summary_labels: dict[Area, QLabel] = {}
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        self.progress_box = QFrame()
        self.progress_box.setObjectName("compassProgress")
        self.progress_box.setProperty("panel", True)  # the app sheet's panel, light or dark
        box = QVBoxLayout(self.progress_box)
        self.progress_title = QLabel()
        self.progress_title.setWordWrap(True)
        bold = self.progress_title.font()
        bold.setBold(True)
        self.progress_title.setFont(bold)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.progress_title)
        box.addWidget(self.progress_label)
        outer.addWidget(self.progress_box)
        for area in Area:
            outer.addWidget(self._area(area))
        outer.addStretch(1)
        self.restyle()
        scheme_changed().connect(self.restyle)

    def restyle(self, _dark: bool | None = None) -> None:
        """The answer buttons' colours for the scheme in use (also after a switch)."""
        self.setStyleSheet(sheet_for_answers())

    def _area(self, area: Area) -> QWidget:
        frame = QWidget()
        frame.setObjectName("compassArea")
        column = QVBoxLayout(frame)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        rule = QFrame()  # a line above each area, in the palette's colours
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        column.addWidget(rule)
        grid = QGridLayout()
        column.addLayout(grid)
        grid.setContentsMargins(0, 8, 0, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        head = QHBoxLayout()
        title = QLabel(area_label(area))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setProperty("mvHeading", "130")
        title.setWordWrap(True)
        summary = hint_label("")
        summary.setObjectName(f"summary_{area.value}")
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(summary, 1)
        grid.addLayout(head, 0, 0, 1, 5)
        grid.addWidget(hint_label(area_lead(area)), 1, 0, 1, 5)
        self.summary_labels[area] = summary
        row = 2
        for item in items_in(area):
            text = QLabel(item_label(item.code))
            text.setWordWrap(True)
            text_box = QVBoxLayout()
            text_box.setSpacing(1)
            text_box.addWidget(text)
            hint = None
            if item.hint is not None:
                hint = hint_label("")
                hint.setObjectName(f"hint_{item.code}")
                hint.setTextFormat(Qt.TextFormat.RichText)
                hint.linkActivated.connect(self.link_activated.emit)
                text_box.addWidget(hint)
            grid.addLayout(text_box, row, 0)
            group = QButtonGroup(frame)
            group.setExclusive(True)
            buttons: dict[Answer, QPushButton] = {}
            for col, answer in enumerate(_ANSWERS, start=1):
                button = QPushButton(answer_short(answer))
                button.setCheckable(True)
                button.setAutoDefault(False)
                button.setToolTip(answer_label(answer))
                button.setAccessibleName(f"{item_label(item.code)}: {answer_label(answer)}")
                button.setProperty("answer", answer.value)  # coloured by sheet_for_answers
                group.addButton(button)
                buttons[answer] = button
                button.clicked.connect(lambda _c=False, code=item.code, a=answer:
                                       self._answered(code, a))
                grid.addWidget(button, row, col, Qt.AlignmentFlag.AlignTop)
            note = QLineEdit()
            note.setPlaceholderText(_("Note"))
            note.setAccessibleName(_("Note on “{item}”").format(item=item_label(item.code)))
            note.textEdited.connect(lambda text, code=item.code: self._noted(code, text))
            grid.addWidget(note, row, 4, Qt.AlignmentFlag.AlignTop)
            self.rows[item.code] = ItemRow(item.code, buttons, note, hint)
            row += 1
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(4, 3)
        return frame

    # -- showing ---------------------------------------------------------------------------
    def set_assessment(self, assessment: Assessment | None, previous: Assessment | None,
                       hints: dict[str, HintFigure]) -> None:
        self._loading = True
        self.assessment, self.previous = assessment, previous
        self.setEnabled(assessment is not None)
        for code, row in self.rows.items():
            found = assessment.answers.get(code) if assessment else None
            for answer, button in row.buttons.items():
                group = button.group()
                group.setExclusive(False)
                button.setChecked(found is not None and found.answer is answer)
                group.setExclusive(True)
            row.note.setText(found.note if found else "")
        self.set_hints(hints)
        self._loading = False
        self._update_summaries()

    def set_hints(self, hints: dict[str, HintFigure]) -> None:
        """What the app sees beside its items (counted in the background; may come later)."""
        for code, row in self.rows.items():
            if row.hint is None:
                continue
            figure = hints.get(code)
            if figure is None:
                row.hint.hide()
                continue
            row.hint.setText(f"{_html(hint_text(figure))} <a href=\"{figure.target}\">"
                             f"{_html(hint_link_text(figure.target))}</a>")
            row.hint.show()

    def _answered(self, code: str, answer: Answer) -> None:
        if self._loading or self.assessment is None:
            return
        self.assessment.set(code, answer)
        self._update_summaries()
        self.changed.emit()

    def _noted(self, code: str, text: str) -> None:
        if self._loading or self.assessment is None:
            return
        self.assessment.set_note(code, text)
        self.changed.emit()

    def answer(self, code: str, answer: Answer) -> None:
        """Choose an answer as a click would (used by keyboard shortcuts and tests)."""
        self.rows[code].buttons[answer].click()

    def _update_summaries(self) -> None:
        for summary in summarise(self.assessment):
            self.summary_labels[summary.area].setText(area_summary_text(summary))
        if self.assessment is None or self.previous is None:
            self.progress_title.setText(_("Progress"))
            self.progress_label.setText(
                _("This is the first assessment. Make a new one in six months or a year "
                  "and this box will show what moved.") if self.assessment else
                _("No assessment yet."))
            return
        moved = progress(self.previous, self.assessment)
        self.progress_title.setText(_("Since the assessment of {date}").format(
            date=format_date(self.previous.assessed_on, "long")))
        self.progress_label.setText(breakable("\n".join(
            "• " + line for line in progress_lines(moved, item_full_label))))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
