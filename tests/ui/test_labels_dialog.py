"""Labels… and Member list… as a volunteer uses them: from the register, pick a sheet,
click where the used sheet has its first free label, make the labels, say they printed."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from PySide6.QtCore import QPoint, Qt

from medlemsvard_app.domain.calls import RoundPurpose
from medlemsvard_app.storage.mailings import MailingRepository
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.register_page import RegisterPage
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

ADDRESS = {"postal_code": "11122", "city": "Stockholm"}


@pytest.fixture
def page(qtbot, session):
    add_members(session,
                {"given_name": "Åsa", "family_name": "Öberg", "street": "Storgatan 1",
                 "member_number": 1, "phone": "0701234561", **ADDRESS},
                {"given_name": "Anna", "family_name": "Ek", "street": "Byvägen 3",
                 "member_number": 2, "phone": "0701234562", **ADDRESS},
                {"given_name": "Per", "family_name": "Ek", "street": "Byvägen 3",
                 "member_number": 3, "phone": "0701234563", **ADDRESS},
                {"given_name": "Hemlig", "family_name": "Person", "street": "Gatan 9",
                 "member_number": 4, "protected_identity": True, **ADDRESS})
    page = RegisterPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() for p in doc.pages)


def open_labels(qtbot, page):
    action = next(a for a in page.print_menu.actions() if "Labels" in a.text())
    action.trigger()
    dialog = page._dialogs[-1]
    qtbot.waitExposed(dialog)
    return dialog


def test_pick_a_sheet_click_the_start_label_and_make_labels(qtbot, page, session):
    dialog = open_labels(qtbot, page)
    assert "4 members" in dialog.who_label.text() and "Current members" in dialog.who_label.text()
    combo = dialog.sheet_combo
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemData(i).id == "70x37"))
    assert "3 × 8 labels" in dialog.sheet_info.text()
    assert "edge to edge" in dialog.sheet_info.text()
    assert dialog.start_spin.maximum() == 24
    centre = dialog.preview.label_rect(4).center().toPoint()  # the fifth label
    qtbot.mouseClick(dialog.preview, Qt.MouseButton.LeftButton, pos=centre)
    assert dialog.start_spin.value() == 5
    assert dialog.preview.start == 5 and dialog.preview.count == 4
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None, timeout=10000)
    result = dialog.result
    assert result.start == 5 and result.labels == 3 and result.sheet.id == "70x37"
    assert "1 member with protected identity was left out." in dialog.status_label.text()
    text = pdf_text(result.pdf)
    assert "Åsa Öberg" in text and "Hemlig" not in text
    preview = dialog.preview_dialog
    assert "3 labels on 1 sheet" in preview.summary.text()
    preview.handed_out = True  # printed (the print dialog itself is the system's)
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        assert preview.ask_result()
    mailing = MailingRepository(session.db).recent()[0]
    assert mailing.kind == "labels" and mailing.member_count == 3 and mailing.left_out == 1
    assert session.labels().settings().last_sheet == "70x37"  # remembered for next time


def test_households_and_the_test_page(qtbot, page):
    dialog = open_labels(qtbot, page)
    box = dialog.households_check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.households_check.isChecked()
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.labels == 2
    assert "Anna and Per Ek" in pdf_text(dialog.result.pdf)
    dialog.preview_dialog.close()
    dialog.offset_x.setValue(1.5)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    text = pdf_text(dialog.preview_dialog.preview.pdf_bytes())
    assert "Test page" in text and "+1.5 mm to the right" in text
    assert dialog.service.offset() == (1.5, 0.0)


def test_a_sheet_of_your_own(qtbot, page):
    dialog = open_labels(qtbot, page)
    qtbot.mouseClick(dialog.new_sheet_button, Qt.MouseButton.LeftButton)
    editor = dialog.sheet_dialog
    qtbot.waitExposed(editor)
    type_text(qtbot, editor.name_edit, "Kontorets etiketter")
    editor.columns.setValue(2)
    editor.rows.setValue(5)
    editor.width_box.setValue(90)
    editor.height_box.setValue(50)
    editor.pitch_x.setValue(80)  # narrower than a label: refused with a sentence
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "distance across" in editor.error_label.text()
    editor.pitch_x.setValue(100)
    editor.pitch_y.setValue(52)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert dialog.sheet().id == "custom:Kontorets-etiketter"
    assert dialog.start_spin.maximum() == 10 and dialog.edit_sheet_button.isEnabled()
    qtbot.mouseClick(dialog.edit_sheet_button, Qt.MouseButton.LeftButton)
    editor = dialog.sheet_dialog
    assert editor.name_edit.text() == "Kontorets etiketter" and editor.pitch_y.value() == 52
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)  # the notifier says yes
    assert dialog.sheet().id == "L7160"
    assert all(not dialog.sheet_combo.itemData(i).custom
               for i in range(dialog.sheet_combo.count()))


def test_member_list_with_chosen_columns_in_order(qtbot, page, session):
    page.print_member_list()
    dialog = page._dialogs[-1]
    qtbot.waitExposed(dialog)
    columns = dialog.columns_list
    rows = {columns.item(i).data(Qt.ItemDataRole.UserRole): i for i in range(columns.count())}
    email = columns.item(rows["email"])
    rect = columns.visualItemRect(email)
    # Untick the e-mail column by clicking its check box.
    qtbot.mouseClick(columns.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 10, rect.center().y()))
    assert email.checkState() == Qt.CheckState.Unchecked
    columns.setCurrentRow(rows["phone"])
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_columns() == ["member_number", "phone", "name", "address",
                                       "joined_on"]
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    text = pdf_text(dialog.result.pdf)
    header = next(line for line in text.splitlines() if line.startswith("No."))
    assert header.split()[:3] == ["No.", "Phone", "Name"]
    assert text.index("Ek, Anna") < text.index("Ek, Per") < text.index("Öberg, Åsa")
    assert "Hemlig" not in text


def test_phone_lists_of_a_round(qtbot, page, session):
    add_members(session, {"given_name": "Ny", "family_name": "Medlem", "phone": "0709876543",
                          "joined_on": date(2026, 11, 20)})
    calls = session.calls()
    calls.start(RoundPurpose.NEW_MEMBERS, [calls.add_caller("Karin").id])
    page.print_phone_lists()
    dialog = page._dialogs[-1]
    qtbot.waitExposed(dialog)
    assert dialog.round_combo.count() == 1 and dialog.caller_combo.count() == 2
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    text = pdf_text(dialog.result.pdf)
    assert "Karin" in text and "Medlem" in text and "070-987 65 43" in text


def test_several_selected_rows_are_the_selection(qtbot, page):
    table = page.table
    first = table.visualRect(page.model.index(0, 1)).center()
    second = table.visualRect(page.model.index(2, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=second)
    dialog = open_labels(qtbot, page)
    assert "2 members: 2 selected members" in dialog.who_label.text()
    assert len(dialog.member_ids) == 2


def test_the_print_menu_of_the_window_opens_the_dialogs(qtbot, session, page):
    from medlemsvard_app.ui.main_window import MainWindow

    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.show()
    titles = [a.text() for a in win.print_menu.actions()]
    assert titles[:3] == ["&Labels…", "&Member list…", "&Phone lists…"]
    win.nav.setCurrentRow(2)
    win.labels_action.trigger()
    assert win.stack.currentWidget() is win.register_page  # the register's members
    dialog = win.register_page._dialogs[-1]
    assert dialog.objectName() == "labelsDialog" and len(dialog.member_ids) == 4
    dialog.close()
    win.member_list_action.trigger()
    assert win.register_page._dialogs[-1].objectName() == "memberListDialog"
