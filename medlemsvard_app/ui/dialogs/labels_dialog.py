"""Labels…: pick a sheet, click where to start, make the labels and print them.

The members come from the register (its filter and search, or the selected member). The
work runs off the UI thread with progress and Cancel (ui/workers.py), in a session of its
own; the PDF then opens in the preview (ui/dialogs/pdf_preview_dialog.py), which asks
whether the labels came out well before the batch is logged.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.label_sheets import LabelSheet
from medlemsvard_app.i18n import _, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.dialogs.common import fit_to_screen
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.widgets.sheet_preview import SheetPreview
from medlemsvard_app.ui.workers import run_with_progress


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("hint", True)  # coloured by ui/style.py, light or dark
    return label


def _mm_box(low: float, high: float, step: float = 0.1, decimals: int = 3) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setSuffix(" mm")
    box.setAccelerated(True)
    return box


def left_out_text(left_out) -> str:
    """The members who got no label, one sentence per reason (empty if none)."""
    parts = []
    if left_out.protected_identity:
        parts.append(ngettext("{count} member with protected identity was left out.",
                              "{count} members with protected identity were left out.",
                              left_out.protected_identity).format(
            count=left_out.protected_identity))
    if left_out.no_post:
        parts.append(ngettext("{count} member who prefers e-mail to post was left out.",
                              "{count} members who prefer e-mail to post were left out.",
                              left_out.no_post).format(count=left_out.no_post))
    if left_out.incomplete_address:
        parts.append(ngettext("{count} member got no label: the address is incomplete.",
                              "{count} members got no label: their addresses are incomplete.",
                              left_out.incomplete_address).format(
            count=left_out.incomplete_address))
    return " ".join(parts)


class CustomSheetDialog(QDialog):
    """The association's own label sheet: measure a sheet with a ruler and type it in."""

    def __init__(self, session: Session, notifier: Notifier, sheet: LabelSheet | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.notifier, self.original = session, notifier, sheet
        self.saved_sheet: LabelSheet | None = None
        self.setWindowTitle(_("Your own label sheet"))
        self.name_edit = QLineEdit(sheet.description if sheet else "")
        self.name_edit.setPlaceholderText(_("e.g. Office shop labels 3×8"))
        self.columns = QSpinBox()
        self.columns.setRange(1, 10)
        self.rows = QSpinBox()
        self.rows.setRange(1, 30)
        self.width_box = _mm_box(15, 210)
        self.height_box = _mm_box(15, 297)
        self.left_box = _mm_box(0, 100)
        self.top_box = _mm_box(0, 150)
        self.pitch_x = _mm_box(15, 210)
        self.pitch_y = _mm_box(15, 297)
        base = sheet or LabelSheet("", "", 3, 8, 70, 37, 0, 0, 70, 37)
        self.columns.setValue(base.columns)
        self.rows.setValue(base.rows)
        for box, value in ((self.width_box, base.label_width),
                           (self.height_box, base.label_height), (self.left_box, base.left),
                           (self.top_box, base.top), (self.pitch_x, base.pitch_x),
                           (self.pitch_y, base.pitch_y)):
            box.setValue(value)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name_edit)
        grid = QHBoxLayout()
        grid.addWidget(self.columns)
        grid.addWidget(QLabel(pgettext("label grid", "across")))
        grid.addWidget(self.rows)
        grid.addWidget(QLabel(pgettext("label grid", "down")))
        grid.addStretch(1)
        form.addRow(_("Labels:"), grid)
        form.addRow(_("Label width:"), self.width_box)
        form.addRow(_("Label height:"), self.height_box)
        form.addRow(_("Left margin:"), self.left_box)
        form.addRow(_("Top margin:"), self.top_box)
        form.addRow(_("Distance across:"), self.pitch_x)
        form.addRow(_("Distance down:"), self.pitch_y)
        help_text = _hint(_("Measure from the paper's top-left corner. The distances are "
                            "from the left edge of one label to the left edge of the next, "
                            "and from the top of one to the top of the next: measure over "
                            "the whole sheet and divide, it is more exact."))
        self.error_label = QLabel()
        self.error_label.setProperty("error", True)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.deleted = False
        self.delete_button: QPushButton | None = None
        if sheet is not None and sheet.custom:
            self.delete_button = buttons.addButton(_("&Delete this sheet"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.clicked.connect(lambda _c=False: self.delete())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def data(self) -> dict:
        return {"description": self.name_edit.text().strip(), "columns": self.columns.value(),
                "rows": self.rows.value(), "label_width": self.width_box.value(),
                "label_height": self.height_box.value(), "left": self.left_box.value(),
                "top": self.top_box.value(), "pitch_x": self.pitch_x.value(),
                "pitch_y": self.pitch_y.value()}

    def delete(self) -> None:
        assert self.original is not None
        question = _("Delete the label sheet “{name}”? Labels already printed are not "
                     "affected.").format(name=self.original.description)
        if not self.notifier.confirm(self, question):
            return
        self.session.labels().delete_custom_sheet(self.original.id)
        self.deleted = True
        self.accept()

    def save(self) -> None:
        try:
            self.saved_sheet = self.session.labels().save_custom_sheet(
                self.data(), replaces=self.original.id if self.original else None)
        except DomainError as exc:
            self.error_label.setText(describe(exc))
            return
        self.accept()


class LabelsDialog(QDialog):
    """Sheet, start label, households, printer adjustment; then Make labels."""

    #: a batch was printed and logged
    recorded = Signal()

    def __init__(self, session: Session, notifier: Notifier, member_ids: Sequence[int],
                 selection_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.notifier = session, notifier
        self.member_ids = list(member_ids)
        self.service = session.labels()
        self.result = None
        self.preview_dialog = None
        self.sheet_dialog: CustomSheetDialog | None = None
        self._jobs: list = []
        self.setWindowTitle(_("Address labels"))
        self.setObjectName("labelsDialog")

        count = len(self.member_ids)
        self.who_label = QLabel(ngettext("{count} member: {selection}",
                                         "{count} members: {selection}", count).format(
            count=format_count(count), selection=selection_text))
        self.who_label.setObjectName("labelsWho")
        self.who_label.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setMinimumContentsLength(28)
        self.new_sheet_button = QPushButton(_("Your own sheet…"))
        self.edit_sheet_button = QPushButton(_("Change…"))
        self.sheet_info = _hint()
        self.sheet_info.setObjectName("sheetInfo")
        self.start_spin = QSpinBox()
        self.start_spin.setObjectName("startSpin")
        self.start_spin.setMinimum(1)
        self.households_check = QCheckBox(_("One label per &household"))
        self.households_check.setToolTip(_("Members at the same address share one label, "
                                           "with their names together"))
        self.offset_x = _mm_box(-20, 20, 0.5, 1)
        self.offset_y = _mm_box(-20, 20, 0.5, 1)
        self.offset_x.setToolTip(_("Positive moves the print to the right"))
        self.offset_y.setToolTip(_("Positive moves the print down"))

        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_combo, 1)
        sheet_row.addWidget(self.new_sheet_button)
        sheet_row.addWidget(self.edit_sheet_button)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_spin)
        start_row.addWidget(_hint(_("or click a label in the picture")), 1)
        offset_row = QHBoxLayout()
        offset_row.addWidget(self.offset_x)
        offset_row.addWidget(QLabel(pgettext("printer offset", "to the right")))
        offset_row.addSpacing(8)
        offset_row.addWidget(self.offset_y)
        offset_row.addWidget(QLabel(pgettext("printer offset", "down")))
        offset_row.addStretch(1)

        form = QFormLayout()
        form.addRow(_("Who:"), self.who_label)
        form.addRow(_("Label sheet:"), sheet_row)
        form.addRow("", self.sheet_info)
        form.addRow(_("Start at label:"), start_row)
        form.addRow("", self.households_check)
        printer = QGroupBox(_("Printer adjustment"))
        printer_layout = QVBoxLayout(printer)
        printer_layout.addLayout(offset_row)
        printer_layout.addWidget(_hint(_("If the print lands beside the labels, print the test "
                                         "page on plain paper, hold it against a sheet, and "
                                         "move the print by what you measure.")))
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(printer)
        left.addWidget(_hint(_("Members with protected identity or who prefer e-mail to post "
                               "get no label, nor do members with an incomplete address; they "
                               "are counted for you.")))
        left.addStretch(1)
        self.status_label = QLabel()
        self.status_label.setObjectName("labelsStatus")
        self.status_label.setWordWrap(True)
        left.addWidget(self.status_label)

        self.preview = SheetPreview()
        legend = _hint(_("Crossed out: used already · Lines: this batch · Blank: left free"))
        legend.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(legend)

        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        self.test_button = QPushButton(_("&Test page…"))
        self.test_button.setObjectName("testPageButton")
        self.make_button = QPushButton(_("&Make labels"))
        self.make_button.setObjectName("makeLabelsButton")
        self.make_button.setDefault(True)
        self.close_button = QPushButton(_("Close"))
        for button in (self.test_button, self.close_button, self.new_sheet_button,
                       self.edit_sheet_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        settings = self.service.settings()
        self.offset_x.setValue(settings.offset_x_mm)
        self.offset_y.setValue(settings.offset_y_mm)
        self._fill_sheets(settings.last_sheet or "L7160")
        self.make_button.setEnabled(bool(self.member_ids))

        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._sheet_changed())
        self.start_spin.valueChanged.connect(lambda _v: self._update_preview())
        self.preview.start_clicked.connect(self.start_spin.setValue)
        self.households_check.toggled.connect(lambda _c: self._update_preview())
        self.new_sheet_button.clicked.connect(lambda _c=False: self.edit_sheet(new=True))
        self.edit_sheet_button.clicked.connect(lambda _c=False: self.edit_sheet(new=False))
        self.test_button.clicked.connect(lambda _c=False: self.test_page())
        self.make_button.clicked.connect(lambda _c=False: self.make_labels())
        self.close_button.clicked.connect(self.reject)
        self._sheet_changed()
        fit_to_screen(self, 820, 540)

    # -- sheets -------------------------------------------------------------------------
    def _fill_sheets(self, select: str) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        from babel.numbers import get_decimal_symbol

        from medlemsvard_app.i18n import current_locale

        comma = get_decimal_symbol(current_locale())
        for sheet in self.service.sheets():
            size = sheet.size_text.replace(".", comma)  # 63,5×38,1 mm in Swedish
            text = (f"{sheet.description}, {size}" if not sheet.custom
                    else _("{name} (your own), {size}").format(name=sheet.description,
                                                               size=size))
            self.sheet_combo.addItem(text, sheet)
            if sheet.equivalents:
                self.sheet_combo.setItemData(
                    self.sheet_combo.count() - 1,
                    _("Also sold as {numbers}").format(numbers=sheet.equivalents),
                    Qt.ItemDataRole.ToolTipRole)
        index = next((i for i in range(self.sheet_combo.count())
                      if self.sheet_combo.itemData(i).id == select), 0)
        self.sheet_combo.setCurrentIndex(index)
        self.sheet_combo.blockSignals(False)

    def sheet(self) -> LabelSheet:
        return self.sheet_combo.currentData()

    def select_sheet(self, sheet_id: str) -> None:
        for i in range(self.sheet_combo.count()):
            if self.sheet_combo.itemData(i).id == sheet_id:
                self.sheet_combo.setCurrentIndex(i)
                return

    def _sheet_changed(self) -> None:
        sheet = self.sheet()
        self.start_spin.setMaximum(sheet.per_sheet)
        self.edit_sheet_button.setEnabled(sheet.custom)
        info = _("{columns} × {rows} labels of {width} × {height} mm").format(
            columns=sheet.columns, rows=sheet.rows, width=_mm(sheet.label_width),
            height=_mm(sheet.label_height))
        if sheet.edge_to_edge:
            info += " · " + _("edge to edge: nothing is printed in the outer 5 mm")
        if sheet.equivalents:
            info += " · " + _("also sold as {numbers}").format(numbers=sheet.equivalents)
        self.sheet_info.setText(info)
        self._update_preview()

    def _update_preview(self) -> None:
        sheet = self.sheet()
        start = self.start_spin.value()
        room = sheet.per_sheet - start + 1
        self.preview.set_state(sheet, start, min(len(self.member_ids), room))

    def edit_sheet(self, new: bool) -> None:
        current = self.sheet()
        dialog = CustomSheetDialog(self.session, self.notifier,
                                   None if new or not current.custom else current, self)
        if new and not current.custom:  # start from the chosen sheet's figures
            base = current
            for box, value in ((dialog.width_box, base.label_width),
                               (dialog.height_box, base.label_height),
                               (dialog.left_box, base.left), (dialog.top_box, base.top),
                               (dialog.pitch_x, base.pitch_x), (dialog.pitch_y, base.pitch_y)):
                box.setValue(value)
            dialog.columns.setValue(base.columns)
            dialog.rows.setValue(base.rows)
        self.sheet_dialog = dialog

        def saved() -> None:
            if dialog.deleted:
                self._fill_sheets("L7160")
            elif dialog.saved_sheet is not None:
                self._fill_sheets(dialog.saved_sheet.id)
            self._sheet_changed()

        dialog.accepted.connect(saved)
        dialog.open()

    # -- making -------------------------------------------------------------------------
    def offset(self) -> tuple[float, float]:
        return self.offset_x.value(), self.offset_y.value()

    def _remember(self) -> None:
        try:
            self.service.remember(self.sheet().id, self.offset())
        except Exception as exc:  # noqa: BLE001 - a setting not kept is no reason to stop
            self.status_label.setText(describe(exc))

    def _show_pdf(self, pdf: bytes, title: str, file_name: str, summary: str = "",
                  on_confirmed=None):
        from medlemsvard_app.ui.dialogs.pdf_preview_dialog import show_pdf

        self.preview_dialog = show_pdf(
            self, self.notifier, pdf, title=title, file_name=file_name, summary=summary,
            question=_("Did the labels come out right on the sheet?") if on_confirmed
            else None, on_confirmed=on_confirmed)
        return self.preview_dialog

    def test_page(self) -> None:
        self._remember()
        pdf = self.service.test_page(self.sheet(), start=self.start_spin.value(),
                                     offset=self.offset())
        self._show_pdf(pdf, _("Label test page"), "label-test-page.pdf")

    def make_labels(self) -> None:
        self._remember()
        sheet, start = self.sheet(), self.start_spin.value()
        households, offset = self.households_check.isChecked(), self.offset()
        ids = list(self.member_ids)
        path, today = self.session.path, self.session.today
        passphrase = getattr(self.session, "passphrase", None)

        def work(progress):
            from medlemsvard_app.services.session import open_session

            own = open_session(path, today, passphrase=passphrase, daily_backup=False)
            try:
                return own.labels().make(ids, sheet, start=start, households=households,
                                         offset=offset, progress=progress)
            finally:
                own.close()

        self.make_button.setEnabled(False)
        job = run_with_progress(self, _("Making the labels…"), work, self._made, self._failed)
        job.signals.cancelled.connect(lambda: self.make_button.setEnabled(True))

    def _failed(self, text: str) -> None:
        self.make_button.setEnabled(bool(self.member_ids))
        self.status_label.setText(text)
        self.notifier.error(self, text)

    def _made(self, result) -> None:
        self.make_button.setEnabled(True)
        self.result = result
        labels = ngettext("{count} label", "{count} labels", result.labels).format(
            count=format_count(result.labels))
        sheets = ngettext("{count} sheet", "{count} sheets", result.pages).format(
            count=format_count(result.pages))
        summary = _("{labels} on {sheets}.").format(labels=labels, sheets=sheets)
        left = left_out_text(result.left_out)
        if left:
            summary += " " + left
        self.status_label.setText(summary)

        def confirmed() -> None:
            self.session.labels().record(result)
            self.recorded.emit()

        self._show_pdf(result.pdf, _("Address labels"), "labels.pdf", summary, confirmed)


def _mm(value: float) -> str:
    from babel.numbers import format_decimal

    from medlemsvard_app.i18n import current_locale

    return format_decimal(round(value, 2), locale=current_locale())
