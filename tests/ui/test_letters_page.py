"""The Letters page as a volunteer uses it: pick a letter, add a field and see it in the
sample letter, see who gets it and who is left out, make the letters, print them, and
answer "did it print well?" — only a yes logs the batch."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter

from medlemsvard_app.domain.models import PreferredChannel
from medlemsvard_app.storage.mailings import MailingRepository
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.letters_page import LettersPage
from tests.conftest import TODAY, add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def people(session):
    def addr(i: int) -> dict:
        return {"street": f"Gatan {i}", "postal_code": "11122", "city": "Stockholm",
                "joined_on": date(2026, 10, 1)}

    return add_members(
        session,
        {"given_name": "Åsa", "family_name": "Öberg", "member_number": 1, **addr(1)},
        {"given_name": "Máret", "family_name": "Áŋŋir", "member_number": 2, **addr(2)},
        {"given_name": "Hemlig", "family_name": "Person", "member_number": 3, **addr(3),
         "protected_identity": True},
        {"given_name": "Eva", "family_name": "Post", "member_number": 4, **addr(4),
         "email": "eva@example.se", "preferred_channel": PreferredChannel.EMAIL})


@pytest.fixture
def page(qtbot, session, people):
    page = LettersPage(session, RecordingNotifier(answer=True))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.preview.loaded, timeout=10000):
        page.show()
    qtbot.waitUntil(lambda: page.count_label.text() == "2 letters", timeout=10000)
    return page


def test_the_count_explains_who_is_left_out(page):
    text = page.left_out_label.text()
    assert "2 left out" in text
    assert "1 with protected identity" in text and "1 who prefers e-mail to post" in text


def test_choosing_a_template_and_inserting_a_field_updates_the_preview(qtbot, page):
    page.template_combo.setFocus()
    with qtbot.waitSignal(page.preview.loaded, timeout=10000):
        page.template_combo.setCurrentIndex(page.template_combo.findData("thanks"))
    assert page.subject_edit.text() == "Tack för att du är med!"
    assert "Tack för att du är med!" in _pdf_text(page.preview.pdf_bytes())

    # Type at the end of the text, then insert the membership number field.
    qtbot.mouseClick(page.body_edit.viewport(), Qt.MouseButton.LeftButton)
    page.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(page.body_edit, Qt.Key.Key_Return)
    qtbot.keyClick(page.body_edit, Qt.Key.Key_Return)
    type_text(qtbot, page.body_edit, "Ditt nummer: ")
    page.field_combo.setCurrentIndex(page.field_combo.findData("member_number"))
    with qtbot.waitSignal(page.preview.loaded, timeout=10000):
        qtbot.mouseClick(page.insert_button, Qt.MouseButton.LeftButton)
    assert page.body_edit.toPlainText().endswith("Ditt nummer: {member_number}")
    assert "Ditt nummer: 1" in _pdf_text(page.preview.pdf_bytes())  # the sample member
    # Saved a moment after the typing stopped: the association's own wording now.
    assert page.letters.is_customised("thanks", "sv")
    assert page.reset_button.isEnabled()


def test_an_unknown_field_is_pointed_out(qtbot, page):
    page.subject_edit.setFocus()
    page.subject_edit.end(False)
    type_text(qtbot, page.subject_edit, " {förnamn}")
    assert page.unknown_label.isVisible()
    assert "{förnamn}" in page.unknown_label.text()
    page.subject_edit.backspace()
    assert not page.unknown_label.isVisible()


def test_reset_brings_back_the_apps_text(qtbot, page):
    page.subject_edit.setFocus()
    with qtbot.waitSignal(page.preview.loaded, timeout=10000):
        type_text(qtbot, page.subject_edit, "!!")
    assert page.letters.is_customised("welcome", "sv")  # saved once the typing stopped
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.subject_edit.text() == "Välkommen till {association}!"
    assert not page.letters.is_customised("welcome", "sv")


def test_make_print_and_log_after_a_yes(qtbot, page, session, people, tmp_path):
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=20000)
    dialog = page.dialog
    assert "2 letters" in dialog.summary.text() and "2 left out" in dialog.summary.text()
    assert dialog.preview.page_count() == 2
    text = _pdf_text(dialog.preview.pdf_bytes())
    assert "Åsa Öberg" in text and "Máret Áŋŋir" in text and "Hemlig" not in text

    target = tmp_path / "printed.pdf"

    def printer(_parent):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(target))
        return p

    dialog.choose_printer = printer
    with qtbot.waitSignal(dialog.recorded, timeout=20000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert ("confirm", "Did the 2 letters print well? If you say yes, they are logged as "
                       "sent today.") in page.notifier.messages
    assert len(PdfReader(str(target)).pages) == 2  # printed at A4, page for page
    sent = MailingRepository(session.db).first_sent("letter", "welcome")
    assert sent == {people[0].id: TODAY, people[1].id: TODAY}
    dialog.close()


def test_a_no_logs_nothing(qtbot, page, session):
    page.notifier.answer = False
    page.make_letters()
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=20000)
    page.dialog.handed_out = True  # as if opened in the PDF reader
    page.dialog.close()
    assert MailingRepository(session.db).recent() == []


def test_letter_to_selected_from_the_register(qtbot, page, people):
    with qtbot.waitSignal(page.preview.loaded, timeout=10000, raising=False):
        page.use_selection([people[0].id, people[2].id])
    assert page.selection_combo.currentData() == "selected"
    qtbot.waitUntil(lambda: page.count_label.text() == "1 letter", timeout=10000)
    assert "1 with protected identity" in page.left_out_label.text()


def test_envelope_and_offset_are_remembered_and_the_calibration_page_shows(qtbot, page,
                                                                            session):
    page.envelope_combo.setCurrentIndex(page.envelope_combo.findData("SE-H2"))
    page.offset_x.setValue(1.5)
    assert session.letters().envelope().id == "SE-H2"
    assert session.letters().offset(page.printer) == (1.5, 0.0)
    qtbot.mouseClick(page.calibration_button, Qt.MouseButton.LeftButton)
    assert page.dialog.preview.page_count() == 1
    assert "+1,5" in _pdf_text(page.dialog.preview.pdf_bytes())
    page.dialog.close()
    assert MailingRepository(session.db).recent() == []


def test_letter_to_selected_in_the_register_opens_the_letters_page(qtbot, session, people):
    from PySide6.QtCore import QItemSelectionModel

    from medlemsvard_app.ui.main_window import MainWindow

    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    register = win.register_page
    table, model = register.table, register.model
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().clearSelection()
    for member in (people[0], people[1]):
        table.selectionModel().select(model.index(model.row_of(member.id), 0), flags)
    assert register.letter_button.isEnabled()
    qtbot.mouseClick(register.letter_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.letters_page
    assert win.letters_page.selection_combo.currentData() == "selected"
    qtbot.waitUntil(lambda: win.letters_page.count_label.text() == "2 letters", timeout=10000)
    assert sorted(win.letters_page.selected_ids) == sorted([people[0].id, people[1].id])


def test_who_is_left_out_by_name(qtbot, page):
    assert page.who_button.isEnabled()
    qtbot.mouseClick(page.who_button, Qt.MouseButton.LeftButton)
    kind, text = page.notifier.messages[-1]
    assert kind == "info"
    assert "Protected identity:\n  Hemlig Person (3)" in text
    assert "Prefer e-mail to post:\n  Eva Post (4)" in text


def test_text_typed_just_before_switching_template_is_kept(qtbot, page):
    page.subject_edit.setFocus()
    type_text(qtbot, page.subject_edit, " Hjärtligt!")
    page.template_combo.setCurrentIndex(page.template_combo.findData("thanks"))
    assert page.letters.template("welcome", "sv").subject == \
        "Välkommen till {association}! Hjärtligt!"
    assert page.subject_edit.text() == "Tack för att du är med!"


def test_a_no_after_printing_is_not_asked_again_on_closing(qtbot, page, session, tmp_path):
    page.notifier.answer = False
    page.make_letters()
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=20000)
    dialog = page.dialog

    def printer(_parent):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(tmp_path / "p.pdf"))
        return p

    dialog.choose_printer = printer
    assert dialog.print_pdf()
    dialog.close()
    assert [kind for kind, _text in page.notifier.messages].count("confirm") == 1
    assert MailingRepository(session.db).recent() == []
