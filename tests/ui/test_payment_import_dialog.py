"""The payment import dialog as a volunteer uses it: choose the bank file, look at the
match report, pick who paid where the file is ambiguous, import, save the rest."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from medlemsvard_app.i18n import set_language
from medlemsvard_app.ui.dialogs import payment_import_dialog as pid
from medlemsvard_app.ui.dialogs.payment_import_dialog import (
    PaymentImportDialog,
    PaymentPreviewModel,
)
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

PEOPLE = (
    {"given_name": "Anna", "family_name": "Svensson", "member_number": 1},
    {"given_name": "Lars", "family_name": "Ek", "member_number": 3, "email": "lars@example.se",
     "city": "Uppsala"},
    {"given_name": "Lars", "family_name": "Ek", "member_number": 4, "city": "Enköping"},
    {"given_name": "Björn", "family_name": "Holm", "member_number": 8},
)


@pytest.fixture
def members(session):
    return {m.member_number: m for m in add_members(session, *PEOPLE)}


def _bank_file(session, tmp_path):
    ref = session.dues().reference(1, 2026)
    path = tmp_path / "kontoutdrag.csv"
    path.write_text(
        "Bokföringsdag;Belopp;OCR-nummer;Avsändare;Meddelande\n"
        f"2026-02-17;300,00;{ref};SVENSSON ANNA;\n"          # row 2: by reference
        "2026-02-19;300,00;;Lars Ek;Medlemsavgift 2026\n"     # row 3: two Lars Ek
        "2026-02-20;300,00;;HOLM BJÖRN;\n"                    # row 4: recorded already
        "2026-03-03;300,00;;OKÄND BETALARE;\n"                # row 5: nobody
        "2026-04-15;-245,50;;Clas Ohlson;Kontorsmaterial\n",  # row 6: money out
        encoding="cp1252")
    return path


def _dialog(qtbot, session) -> PaymentImportDialog:
    dialog = PaymentImportDialog(session, notifier=RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose_file(qtbot, dialog, path) -> None:
    """Type the file's location and press Return, as a person without the file dialog."""
    dialog.path_edit.setFocus()
    type_text(qtbot, dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)


def _cell(dialog, file_row: int, column: int) -> str:
    model = dialog.model
    return model.index(model.view_row(file_row), column).data()


def _tick(qtbot, dialog, file_row: int) -> None:
    view, model = dialog.view, dialog.model
    rect = view.visualRect(model.index(model.view_row(file_row), PaymentPreviewModel.COL_INCLUDE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 10, rect.center().y()))


def test_load_resolve_an_ambiguous_row_and_import(qtbot, session, members, tmp_path):
    session.dues().record_payment(members[8].id, 30000, date(2026, 2, 20))
    dialog = _dialog(qtbot, session)
    assert not dialog.import_button.isEnabled()
    _choose_file(qtbot, dialog, _bank_file(session, tmp_path))
    assert dialog.result is None  # Return read the file; it did not press Import too
    assert dialog.summary_label.text() == (
        "1 matched, 1 ambiguous, 1 unmatched, 1 already recorded, 1 invalid")
    assert "Amount from “Belopp”" in dialog.columns_label.text()
    c = PaymentPreviewModel
    assert [_cell(dialog, row, c.COL_STATUS) for row in range(2, 7)] == [
        "✓ Matched", "? Ambiguous", "= Already recorded", "✗ Unmatched", "✗ Invalid"]
    assert _cell(dialog, 2, c.COL_MEMBER) == "1 Anna Svensson"
    assert _cell(dialog, 2, c.COL_HOW) == "by reference"
    assert _cell(dialog, 5, c.COL_MEMBER) == "No member has this name or e-mail address."
    assert _cell(dialog, 6, c.COL_AMOUNT) == "-245,50"
    # Colour as well as words: each status has its own background.
    colours = {dialog.model.index(dialog.model.view_row(r), c.COL_STATUS).data(
        Qt.ItemDataRole.BackgroundRole).color().name() for r in range(2, 7)}
    assert len(colours) == 4  # unmatched and invalid share red
    assert dialog.import_button.text() == "&Import 1 payment"

    combo = dialog.member_combo(3)
    assert combo is not None and combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "— Choose who paid —", "3 Lars Ek (lars@example.se · Uppsala)", "4 Lars Ek (Enköping)"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "4 Lars Ek (Enköping)"
    assert _cell(dialog, 3, c.COL_STATUS) == "✓ Chosen by you"
    assert _cell(dialog, 3, c.COL_PERIODS) == "2026"
    assert dialog.import_button.text() == "&Import 2 payments"
    assert "2 payments will be recorded, SEK600.00 in all." in dialog.chosen_label.text()

    with qtbot.waitSignal(dialog.imported, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.imported == 2
    repo = session.dues().repo
    assert [(p.amount, p.paid_on) for p in repo.payments_for(members[4].id)] == [
        (30000, date(2026, 2, 19))]
    assert len(repo.payments_for(members[1].id)) == 1
    assert repo.payments_for(members[3].id) == []
    assert len(repo.payments_for(members[8].id)) == 1  # not recorded a second time
    assert dialog.result_box.isVisible()
    assert "✓ Recorded 2 payments (SEK600.00)." in dialog.result_label.text()
    assert "2 rows were not recorded" in dialog.result_label.text()
    assert _cell(dialog, 2, c.COL_STATUS) == "✓ Recorded"
    assert not dialog.import_button.isEnabled()


def test_already_recorded_rows_can_be_ticked_and_matched_rows_unticked(qtbot, session, members,
                                                                     tmp_path):
    session.dues().record_payment(members[8].id, 30000, date(2026, 2, 20))
    dialog = _dialog(qtbot, session)
    _choose_file(qtbot, dialog, _bank_file(session, tmp_path))
    _tick(qtbot, dialog, 2)  # leave Anna's row out
    assert not dialog.import_button.isEnabled()
    assert dialog.chosen_label.text().startswith("There is nothing to record.")
    _tick(qtbot, dialog, 4)  # record Björn's again after all
    assert dialog.import_button.text() == "&Import 1 payment"
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    repo = session.dues().repo
    assert repo.payments_for(members[1].id) == []
    assert len(repo.payments_for(members[8].id)) == 2


def test_only_the_rows_that_need_a_decision(qtbot, session, members, tmp_path):
    dialog = _dialog(qtbot, session)
    _choose_file(qtbot, dialog, _bank_file(session, tmp_path))
    qtbot.mouseClick(dialog.attention_check, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.attention_check.height() // 2))
    assert [dialog.model.row_at(i).row for i in range(dialog.model.rowCount())] == [3, 5, 6]
    assert dialog.member_combo(3) is not None  # the drop-down is there in the short list too


def test_selecting_a_row_shows_it_in_full(qtbot, session, members, tmp_path):
    dialog = _dialog(qtbot, session)
    _choose_file(qtbot, dialog, _bank_file(session, tmp_path))
    model = dialog.model
    dialog.view.setCurrentIndex(model.index(model.view_row(3), PaymentPreviewModel.COL_ROW))
    text = dialog.detail_label.text()
    assert text.startswith("Row 3: ? Ambiguous. Several members have this name")
    assert "3 Lars Ek (lars@example.se · Uppsala); 4 Lars Ek (Enköping)" in text


def test_a_wrong_file_gives_a_translated_sentence(qtbot, session, tmp_path):
    set_language("sv")
    path = tmp_path / "medlemmar.csv"
    path.write_text("Förnamn;Efternamn\nAnna;Svensson\n", encoding="utf-8")
    dialog = _dialog(qtbot, session)
    _choose_file(qtbot, dialog, path)
    assert dialog.error.isVisible()
    text = dialog.error.text()
    assert str(path) in text and "Traceback" not in text and "{" not in text
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()
    dialog.load(tmp_path / "finns-inte.csv")
    assert dialog.error.text() == f"Filen {tmp_path / 'finns-inte.csv'} finns inte."


def test_a_large_file_is_read_in_a_job(qtbot, session, members, tmp_path, monkeypatch):
    monkeypatch.setattr(pid, "BACKGROUND_BYTES", 0)
    dialog = _dialog(qtbot, session)
    dialog.load(_bank_file(session, tmp_path))
    assert dialog.model.rowCount() == 0  # not yet: the job is reading
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=10000)
    assert dialog.summary_label.text().startswith("2 matched, 1 ambiguous")


def test_unmatched_rows_are_saved_for_follow_up(qtbot, session, members, tmp_path):
    dialog = _dialog(qtbot, session)
    _choose_file(qtbot, dialog, _bank_file(session, tmp_path))
    assert dialog.follow_up_button.isEnabled()
    out = tmp_path / "uppfoljning.csv"
    assert dialog.save_follow_up(out) == 3
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["3", "5", "6"]
    assert dialog.notifier.messages == [("info", f"Saved 3 rows to {out}.")]
