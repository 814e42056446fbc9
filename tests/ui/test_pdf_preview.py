"""The PDF preview shared by letters, labels and lists: pages, zoom, a message instead."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from medlemsvard_app.ui.widgets.pdf_preview import PdfPreview

pytestmark = pytest.mark.gui


def _pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4)
    for n in range(pages):
        c.drawString(72, 720, f"Sida {n + 1} – åäö")
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_pages_counted_stepped_and_cleared(qtbot):
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(500, 600)
    preview.show()
    with qtbot.waitSignal(preview.loaded) as loaded:
        preview.set_pdf(_pdf(3))
    assert loaded.args == [3]
    assert preview.page_count() == 3 and preview.page_label.text() == "Page 1 of 3"
    assert preview.stack.currentWidget() is preview.view
    preview.zoom.setCurrentIndex(preview.zoom.findText("100 %"))
    assert preview.view.zoomFactor() == 1.0
    preview.clear("Choose a template")
    assert preview.page_count() == 0 and preview.pdf_bytes() == b""
    assert preview.stack.currentWidget() is preview.message
    assert preview.message.text() == "Choose a template"


def test_bytes_that_are_no_pdf_say_so(qtbot):
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_pdf(b"not a pdf")
    assert preview.page_count() == 0
    assert preview.message.text() == "The document could not be shown."
    assert preview.message.alignment() & Qt.AlignmentFlag.AlignCenter
