"""A finished batch (letters, labels, a list) before it goes to paper: look at it, print
it at actual size, save it, or open it in the PDF reader; then say whether it came out
right, and only then is the batch logged.

Reuse for any printed batch::

    dialog = show_pdf(parent, notifier, pdf_bytes, title=..., file_name="welcome.pdf",
                      summary="12 letters · 2 left out …",
                      question=_("Did the letters print well?"),
                      on_confirmed=lambda: service.record_printed(batch))

``on_confirmed`` runs once, on the GUI thread, after a "yes"; ``recorded`` is emitted after
it. ``choose_printer`` (an attribute) picks the printer; tests replace it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _
from medlemsvard_app.ui.dialogs.common import fit_to_screen
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.widgets.pdf_preview import PdfPreview

#: Pages are drawn to the printer as images of at most this resolution (dots per inch).
RENDER_DPI = 300

#: Copies handed to the PDF reader hold names and addresses: removed when the app quits.
_TEMP_DIRS: list[Path] = []


@atexit.register
def _remove_temp_copies() -> None:
    for folder in _TEMP_DIRS:
        shutil.rmtree(folder, ignore_errors=True)


def last_printer() -> str:
    """The printer last printed to: printer offsets are kept per printer.

    Read from the settings, never from the print system, because asking CUPS for the
    default printer opens a socket to localhost:631 and the app opens no socket until the
    user asks to print.
    """
    return str(QSettings().value("printing/last_printer", "") or "")


def remember_printer(name: str) -> None:
    if name:
        QSettings().setValue("printing/last_printer", name)


def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """The system's print dialog, for A4 at actual size; None if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF()))
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_document(document: QPdfDocument, printer: QPrinter,
                   progress: Callable[[int, int], bool] | None = None) -> bool:
    """Every page at actual size (1 mm on the PDF = 1 mm on paper), from the paper's own
    corner, never scaled to fit: the address must land in the envelope window.
    Returns False when cancelled or when the printer refused to start."""
    printer.setFullPage(True)
    pages = list(range(document.pageCount()))
    if printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = (printer.toPage() or len(pages)) - 1
        pages = [p for p in pages if first <= p <= last]
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return False
    try:
        device_dpi = printer.resolution()
        render_dpi = min(device_dpi, RENDER_DPI)
        for n, index in enumerate(pages):
            if progress is not None and not progress(n, len(pages)):
                printer.abort()
                return False
            if n:
                printer.newPage()
            size = document.pagePointSize(index)
            target = QRectF(0, 0, size.width() / 72 * device_dpi,
                            size.height() / 72 * device_dpi)
            image = document.render(index, QSize(round(size.width() / 72 * render_dpi),
                                                 round(size.height() / 72 * render_dpi)))
            if image.format() != QImage.Format.Format_ARGB32:
                image = image.convertToFormat(QImage.Format.Format_ARGB32)
            painter.fillRect(target, Qt.GlobalColor.white)  # paper, not screen: white in any theme
            painter.drawImage(target, image)
        if progress is not None:
            progress(len(pages), len(pages))
    finally:
        painter.end()
    return True


class PdfPreviewDialog(QDialog):
    """The batch on screen with Print, Save as, Open in the PDF reader and Close."""

    recorded = Signal()

    def __init__(self, pdf: bytes, *, title: str, file_name: str, notifier: Notifier,
                 summary: str = "", question: str | None = None,
                 on_confirmed: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdfPreviewDialog")
        self.notifier = notifier
        self.file_name = file_name
        self.question = question or _("Did it print well?")
        self.on_confirmed = on_confirmed
        self.choose_printer: Callable[[QWidget | None], QPrinter | None] = ask_printer
        self.handed_out = False  # printed, saved or opened: time to ask how it went
        self.confirmed = False
        self._opened_file: Path | None = None

        self.preview = PdfPreview(self)
        self.summary = QLabel(summary)
        self.summary.setObjectName("batchSummary")
        self.summary.setWordWrap(True)
        self.summary.setVisible(bool(summary))
        hint = QLabel(_("Print at actual size (100 %), not “Fit to page”: otherwise the "
                        "address misses the envelope window and labels miss their labels."))
        hint.setObjectName("actualSizeHint")
        hint.setWordWrap(True)
        hint.setProperty("hint", True)  # coloured by ui/style.py, light or dark

        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("saveButton")
        self.open_button = QPushButton(_("&Open in PDF reader"))
        self.open_button.setObjectName("openButton")
        self.close_button = QPushButton(_("Close"))
        self.close_button.setObjectName("closeButton")
        for button in (self.save_button, self.open_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.clicked.connect(lambda _c=False: self.print_pdf())
        self.save_button.clicked.connect(lambda _c=False: self.save_pdf())
        self.open_button.clicked.connect(lambda _c=False: self.open_in_reader())
        self.close_button.clicked.connect(lambda _c=False: self.close())

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        fit_to_screen(self, 760, 900)
        self.preview.set_pdf(pdf)

    # -- the three ways to paper -----------------------------------------------------------
    def print_pdf(self) -> bool:
        printer = self.choose_printer(self)
        if printer is None:
            return False
        pages = self.preview.page_count()
        progress = QProgressDialog(_("Sending the pages to the printer…"), _("Cancel"), 0,
                                   pages, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> bool:
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        ok = print_document(self.preview.document(), printer, step)
        progress.close()
        remember_printer(printer.printerName())
        if not ok:
            if not progress.wasCanceled():
                self.notifier.error(self, _("The printer could not be started."))
            return False
        self.handed_out = True
        self.ask_result()
        return True

    def save_pdf(self) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / self.file_name), _("PDF (*.pdf)"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            target.write_bytes(self.preview.pdf_bytes())
        except OSError as exc:
            self.notifier.error(self, _("Could not write {path}: {reason}").format(
                path=target, reason=exc.strerror or exc))
            return None
        self.handed_out = True
        return target

    def open_in_reader(self) -> Path | None:
        """A temporary copy opened by the system's PDF reader (print from there, also at
        actual size); the question comes when this dialog closes."""
        try:
            folder = Path(tempfile.mkdtemp(prefix="medlemsvard-"))
            _TEMP_DIRS.append(folder)
            target = folder / self.file_name
            target.write_bytes(self.preview.pdf_bytes())
        except OSError as exc:
            self.notifier.error(self, _("Could not write {path}: {reason}").format(
                path=self.file_name, reason=exc.strerror or exc))
            return None
        self._opened_file = target
        self.handed_out = True
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.notifier.error(self, _("No PDF reader could be started. The file is "
                                        "here: {path}").format(path=target))
        return target

    # -- how it went -----------------------------------------------------------------------
    def ask_result(self) -> bool:
        """"Did it print well?" — yes logs the batch (once); no leaves it unlogged."""
        if self.on_confirmed is None or self.confirmed:
            return self.confirmed
        self.handed_out = False  # asked about this print: closing does not ask again
        if not self.notifier.confirm(self, self.question, _("Printed")):
            return False
        try:
            self.on_confirmed()
        except Exception as exc:  # a storage error becomes a sentence
            from medlemsvard_app.i18n.messages import describe

            self.notifier.error(self, describe(exc))
            return False
        self.confirmed = True
        self.recorded.emit()
        return True

    def done(self, result: int) -> None:
        if self.handed_out and not self.confirmed:
            self.ask_result()
        super().done(result)


def show_pdf(parent: QWidget | None, notifier: Notifier, pdf: bytes, *, title: str,
             file_name: str, summary: str = "", question: str | None = None,
             on_confirmed: Callable[[], None] | None = None) -> PdfPreviewDialog:
    """Open the preview dialog (not blocking) and return it."""
    dialog = PdfPreviewDialog(pdf, title=title, file_name=file_name, notifier=notifier,
                              summary=summary, question=question, on_confirmed=on_confirmed,
                              parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.open()
    return dialog
