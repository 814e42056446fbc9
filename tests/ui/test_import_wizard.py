"""The import wizard as a volunteer uses it: choose a file, match columns, fix a row, import."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QWizard

from medlemsvard_app.ui.dialogs import import_wizard as iw
from medlemsvard_app.ui.dialogs.import_wizard import ImportWizard, PreviewModel
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

CSV = (
    "Förnamn;Efternamn;Postnr;Ort;E-post;Skostorlek\n"
    "Karin;Öberg;12345;Stockholm;karin@example.se;38\n"
    "Lena;Ek;0123;Lund;lena@example.se;39\n"
    "Åsa;Lind;75320;Uppsala;asa@example.se;40\n"
)


def _wizard(qtbot, session) -> ImportWizard:
    wizard = ImportWizard(session, RecordingNotifier())
    qtbot.addWidget(wizard)
    wizard.open()
    return wizard


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _next(qtbot, wizard) -> None:
    _click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def _to_preview(qtbot, wizard, path) -> iw.PreviewPage:
    wizard.file_page.path_edit.setText(str(path))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    _next(qtbot, wizard)
    assert wizard.currentId() == iw.PAGE_MAP
    _next(qtbot, wizard)
    assert wizard.currentId() == iw.PAGE_PREVIEW
    return wizard.preview_page


def _import_button(wizard):
    return wizard.button(QWizard.WizardButton.CommitButton)


def _edit_cell(qtbot, page, row: int, field: str, text: str) -> None:
    """Double-click a cell of the preview, type the new value and press Return."""
    view, model = page.preview_view, page.model
    column = PreviewModel.FIXED + [c.field for c in model.columns].index(field)
    index = model.index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _finish_import(qtbot, wizard):
    with qtbot.waitSignal(wizard.imported, timeout=10000) as blocker:
        _click(qtbot, _import_button(wizard))
    qtbot.waitUntil(lambda: wizard.result_page.done, timeout=5000)
    return blocker.args[0]


def _family_names(session) -> list[str]:
    register = session.register()
    return [m.family_name for m in register.members(register.search_ids())]


def test_fix_a_row_in_place_then_import(qtbot, session, tmp_path):
    source = tmp_path / "medlemmar.csv"
    source.write_text(CSV, encoding="cp1252")
    wizard = _wizard(qtbot, session)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.path_edit.setText(str(source))
    info = wizard.file_page.info_label.text()
    assert "Windows-1252" in info and "semicolons" in info and "3 rows" in info
    _next(qtbot, wizard)

    mapping = wizard.map_page.mapping()
    assert mapping == {"Förnamn": "given_name", "Efternamn": "family_name",
                       "Postnr": "postal_code", "Ort": "city", "E-post": "email",
                       "Skostorlek": None}
    _next(qtbot, wizard)
    page = wizard.preview_page
    assert page.summary_label.text().startswith("3 rows in the file · 2 ready · 1 with errors")
    assert page.problems_model.stringList() == [
        "Row 3, Postal code: A Swedish postal code has five digits, like 123 45. "
        "(value '0123')"]
    assert page.model.status_text(page.model.result_at(1)) == "Error: not imported"
    assert not _import_button(wizard).isEnabled()  # an error and no skip chosen
    assert page.skip_invalid_check.isVisible()

    _edit_cell(qtbot, page, 1, "postal_code", "22100")
    qtbot.waitUntil(lambda: page.counts()["invalid"] == 0, timeout=3000)
    assert page.problems_model.stringList() == []
    assert _import_button(wizard).isEnabled()
    assert not source.read_text(encoding="cp1252").count("22100")  # the file is untouched

    result = _finish_import(qtbot, wizard)
    assert (result.imported, result.skipped_invalid) == (3, 0)
    assert "Imported 3 members." in wizard.result_page.result_label.text()
    assert _family_names(session) == ["Ek", "Lind", "Öberg"]
    lena = session.register().members(session.register().search_ids("Lena"))[0]
    assert lena.postal_code == "221 00"
    assert lena.city == "Lund"


def test_skipping_rows_with_errors_is_an_explicit_choice(qtbot, session, tmp_path):
    source = tmp_path / "list.csv"
    source.write_text(CSV.replace("Åsa;Lind", ";"), encoding="utf-8-sig")
    wizard = _wizard(qtbot, session)
    page = _to_preview(qtbot, wizard, source)
    assert page.counts()["invalid"] == 2
    lines = page.problems_model.stringList()
    assert "Row 4: The row has neither a given name nor a family name." in lines
    assert not _import_button(wizard).isEnabled()
    assert "2 rows have errors" in page.blocked_label.text()
    _tick(qtbot, page.skip_invalid_check)
    assert _import_button(wizard).isEnabled()
    result = _finish_import(qtbot, wizard)
    assert (result.imported, result.skipped_invalid) == (1, 2)
    text = wizard.result_page.result_label.text()
    assert "Skipped 2 rows with errors, as you chose: rows 3, 4." in text
    assert _family_names(session) == ["Öberg"]


def test_people_already_in_the_register_and_shared_emails(qtbot, session, tmp_path):
    add_members(session, {"given_name": "Karin", "family_name": "Öberg",
                          "email": "karin@example.se", "birth_date": date(1985, 4, 12)})
    source = tmp_path / "family.csv"
    source.write_text(
        "Förnamn,Efternamn,Födelsedatum,E-post\n"
        "Karin,Öberg,1985-04-12,karin@example.se\n"
        "Nils,Öberg,2010-01-01,karin@example.se\n"
        "Bo,Ek,1950-05-05,bo@example.se\n", encoding="utf-8")
    wizard = _wizard(qtbot, session)
    page = _to_preview(qtbot, wizard, source)
    counts = page.counts()
    assert (counts["duplicates"], counts["shared"], counts["ready"]) == (1, 1, 1)
    assert page.model.status_text(page.model.result_at(0)) == "Already member no. 1"
    assert page.model.status_text(page.model.result_at(1)) == "Shares e-mail with no. 1"
    assert page.allow_shared_check.isVisible()
    _tick(qtbot, page.allow_shared_check)
    result = _finish_import(qtbot, wizard)
    assert (result.imported, result.skipped_duplicates, result.shared_email_imported) == (2, 1, 1)
    assert sorted(_family_names(session)) == ["Ek", "Öberg", "Öberg"]


def test_columns_are_matched_by_the_user(qtbot, session, tmp_path):
    source = tmp_path / "odd.csv"
    source.write_text("Vem;Var\nKarin Öberg;Umeå\nBo Ek;Lund\n", encoding="utf-8")
    wizard = _wizard(qtbot, session)
    wizard.file_page.path_edit.setText(str(source))
    _next(qtbot, wizard)
    page = wizard.map_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no names yet
    assert "holds the names" in page.status_label.text()
    page.set_field("Vem", "full_name")
    page.set_field("Var", "city")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # choosing a field already used moves it, so no field comes from two columns
    page.set_field("Var", "full_name")
    assert page.mapping() == {"Vem": None, "Var": "full_name"}
    assert "instead of “Vem”" in page.status_label.text()
    page.set_field("Vem", "full_name")
    page.set_field("Var", "city")
    _next(qtbot, wizard)
    result = _finish_import(qtbot, wizard)
    assert result.imported == 2
    karin = session.register().members(session.register().search_ids("Karin"))[0]
    assert (karin.given_name, karin.family_name, karin.city) == ("Karin", "Öberg", "Umeå")


def test_a_file_that_cannot_be_read_is_explained(qtbot, session, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    wizard = _wizard(qtbot, session)
    wizard.file_page.path_edit.setText(str(empty))
    assert "is empty" in wizard.file_page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert session.register().total() == 0


def test_excel_with_norwegian_postal_codes_keeps_the_zeros(qtbot, no_session, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fornavn", "Etternavn", "Postnummer", "Poststed"])
    sheet.append(["Kari", "Nordmann", 150, "Oslo"])
    sheet.append(["Ola", "Ødegård", 5003, "Bergen"])
    source = tmp_path / "medlemmer.xlsx"
    book.save(source)
    wizard = _wizard(qtbot, no_session)
    wizard.file_page.path_edit.setText(str(source))
    assert "Excel workbook" in wizard.file_page.info_label.text()
    page = _to_preview(qtbot, wizard, source)
    assert page.counts()["invalid"] == 0
    _finish_import(qtbot, wizard)
    register = no_session.register()
    codes = {m.family_name: m.postal_code for m in register.members(register.search_ids())}
    assert codes == {"Nordmann": "0150", "Ødegård": "5003"}


def test_preview_model_is_a_proper_model(qtmodeltester, session, tmp_path):
    from medlemsvard_app.services.importing import prepare_import, read_table, suggest_mapping

    source = tmp_path / "m.csv"
    source.write_text(CSV, encoding="utf-8")
    table = read_table(source)
    plan = prepare_import(session, table, suggest_mapping(table.headers))
    model = PreviewModel()
    model.set_plan(table, plan, only_attention=False)
    qtmodeltester.check(model)
    model.set_plan(table, plan, only_attention=True)
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_escape_while_importing_cancels_instead_of_hiding_the_import(qtbot, session, tmp_path,
                                                                     monkeypatch):
    import time

    from medlemsvard_app.services.importing import ImportCancelled

    def slow_commit(own, plan, *, skip_invalid, allow_duplicates, progress):
        deadline = time.monotonic() + 10
        while progress(0, 1) and time.monotonic() < deadline:
            time.sleep(0.01)
        raise ImportCancelled()

    monkeypatch.setattr(iw, "commit_import", slow_commit)
    source = tmp_path / "list.csv"
    source.write_text(CSV.replace("0123", "22100"), encoding="utf-8")
    wizard = _wizard(qtbot, session)
    _to_preview(qtbot, wizard, source)
    _click(qtbot, _import_button(wizard))
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.result_page.done, timeout=5000)
    assert "cancelled" in wizard.result_page.error.text()
    assert _family_names(session) == []
