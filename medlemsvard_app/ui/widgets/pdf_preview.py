"""A PDF on screen (QtPdf from the PySide6-Pdf wheel): pages one under another, zoom, the
page count, and a message in place of the pages while there is nothing (yet) to show.

Used by the letters page's live preview and by the preview dialog of every printed batch
(letters, labels, lists). The bytes are held in memory, never written to disk here.

API: ``set_pdf(bytes)``, ``clear(message)``, ``set_busy(bool)``, ``pdf_bytes()``,
``page_count()``, ``document()``; signal ``loaded(int pages)``.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _
from medlemsvard_app.ui import style

#: (label, zoom mode, factor) offered in the zoom box; "fit width" is the default.
_ZOOMS = ((None, QPdfView.ZoomMode.FitToWidth, 1.0),
          (None, QPdfView.ZoomMode.FitInView, 1.0),
          ("50 %", QPdfView.ZoomMode.Custom, 0.5),
          ("75 %", QPdfView.ZoomMode.Custom, 0.75),
          ("100 %", QPdfView.ZoomMode.Custom, 1.0),
          ("150 %", QPdfView.ZoomMode.Custom, 1.5),
          ("200 %", QPdfView.ZoomMode.Custom, 2.0))


class PdfPreview(QWidget):
    """Shows PDF bytes; the pages scroll, the bar says "page 2 of 14" and zooms."""

    loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self._data = b""
        self._buffer: QBuffer | None = None
        self._document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setDocument(self._document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self._view_background()
        style.scheme_changed().connect(self._view_background)

        self.message = QLabel()
        self.message.setObjectName("pdfMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setProperty("hint", True)  # coloured by ui/style.py, light or dark
        self.message.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.page_label = QLabel()
        self.page_label.setObjectName("pdfPages")
        self.busy_label = QLabel(_("Updating…"))
        self.busy_label.setProperty("hint", True)
        self.busy_label.setVisible(False)
        self.zoom = QComboBox()
        self.zoom.setObjectName("pdfZoom")
        for label, _mode, _factor in _ZOOMS:
            self.zoom.addItem(label or "")
        self.zoom.setItemText(0, _("Fit width"))
        self.zoom.setItemText(1, _("Whole page"))
        self.zoom.setAccessibleName(_("Zoom"))
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip(_("Previous page"))
        previous.clicked.connect(lambda _c=False: self._step(-1))
        following = QToolButton()
        following.setText("▼")
        following.setToolTip(_("Next page"))
        following.clicked.connect(lambda _c=False: self._step(1))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(previous)
        bar.addWidget(following)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.busy_label)
        bar.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4 if compact else 6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.clear("")

    # -- API -------------------------------------------------------------------------------
    def _view_background(self, _dark: bool = False) -> None:
        """A neutral mid-grey around the white pages, as PDF readers have; a darker one in
        the dark scheme (the style's axis ink), so the pages do not glare. QPdfView paints
        that area with its palette's Dark role (black in a dark palette)."""
        for widget in (self.view, self.view.viewport()):
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Dark, style.ink("axis"))
            widget.setPalette(palette)

    def set_pdf(self, data: bytes) -> None:
        """Show these PDF bytes; keeps the page the reader was on when it still exists."""
        page = self.view.pageNavigator().currentPage() if self._data else 0
        self._document.close()
        old = self._buffer
        self._data = bytes(data)
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(self._data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document.load(self._buffer)
        if old is not None:
            old.close()
        pages = self._document.pageCount()
        if self._document.status() != QPdfDocument.Status.Ready or pages == 0:
            self.clear(_("The document could not be shown."))
            return
        self.stack.setCurrentWidget(self.view)
        if 0 < page < pages:
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator()
                                           .currentZoom())
        self._show_page(self.view.pageNavigator().currentPage())
        self.loaded.emit(pages)

    def clear(self, message: str = "") -> None:
        """No document: the message in its place (e.g. "Choose a template")."""
        self._document.close()
        self._data = b""
        self.message.setText(message)
        self.stack.setCurrentWidget(self.message)
        self.page_label.setText("")

    def set_busy(self, busy: bool) -> None:
        """"Updating…" beside the zoom while a new version is being made."""
        self.busy_label.setVisible(busy)

    def pdf_bytes(self) -> bytes:
        return self._data

    def page_count(self) -> int:
        return self._document.pageCount() if self._data else 0

    def document(self) -> QPdfDocument:
        return self._document

    # -- internals -------------------------------------------------------------------------
    def _show_page(self, page: int) -> None:
        pages = self.page_count()
        self.page_label.setText(_("Page {page} of {pages}").format(page=page + 1, pages=pages)
                                if pages else "")

    def _step(self, delta: int) -> None:
        pages = self.page_count()
        if not pages:
            return
        nav = self.view.pageNavigator()
        target = min(max(nav.currentPage() + delta, 0), pages - 1)
        nav.jump(target, QPointF(), nav.currentZoom())

    def _zoom_changed(self, index: int) -> None:
        _label, mode, factor = _ZOOMS[index]
        self.view.setZoomMode(mode)
        if mode is QPdfView.ZoomMode.Custom:
            self.view.setZoomFactor(factor)
