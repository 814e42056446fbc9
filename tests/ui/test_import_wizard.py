"""The import wizard as a volunteer uses it: choose a file, match columns, fix a row, import."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QLineEdit, QProgressDialog, QPushButton, QWizard

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


def _cell(page, row: int, field: str):
    model = page.model
    return model.index(row, PreviewModel.FIXED + [c.field for c in model.columns].index(field))


def _type_in_cell(qtbot, page, row: int, field: str, text: str) -> QLineEdit:
    """Double-click a cell of the preview and type the new value (not committed yet)."""
    view = page.preview_view
    index = _cell(page, row, field)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    type_text(qtbot, editor, text)
    return editor


def _edit_cell(qtbot, page, row: int, field: str, text: str) -> None:
    """Double-click a cell of the preview, type the new value and press Return."""
    editor = _type_in_cell(qtbot, page, row, field, text)
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


# --------------------------------------------------------------------------- jobs
@pytest.fixture
def gate():
    """An event a patched service call waits on; opened at the end whatever happens, and
    the jobs are let finish before the widgets go."""
    event = threading.Event()
    yield event
    event.set()
    QThreadPool.globalInstance().waitForDone(10000)


def _large_csv(path, rows: int = 3000, bad: int = 7):
    """A list big enough to be read and checked in jobs; Anna Lind (row index ``bad``) has
    a bad postal code."""
    lines = ["Förnamn;Efternamn;Postnr;Ort;E-post"]
    for i in range(rows):
        family, postal = ("Lind", "0123") if i == bad else (f"Berg {i}", str(10000 + i))
        lines.append(f"Anna;{family};{postal};Stad;anna.{i}@example.se")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= iw.BACKGROUND_BYTES and rows >= iw.BACKGROUND_ROWS
    return path


def _visible_progress(wizard) -> QProgressDialog | None:
    shown = [d for d in wizard.findChildren(QProgressDialog) if d.isVisible()]
    return shown[-1] if shown else None


def test_a_large_file_is_read_and_checked_off_the_ui_thread(qtbot, session, tmp_path,
                                                            monkeypatch):
    source = _large_csv(tmp_path / "stor.csv")
    main = threading.get_ident()
    read_threads: list[int] = []
    prepare_threads: list[int] = []
    ticks: list[int] = []
    ticks_while_checking: list[int] = []
    real_read, real_prepare = iw.read_table, iw.prepare_import

    def read(path):
        read_threads.append(threading.get_ident())
        return real_read(path)

    def prepare(*args, **kwargs):
        prepare_threads.append(threading.get_ident())
        before = len(ticks)
        time.sleep(0.3)  # the UI thread must go on meanwhile
        plan = real_prepare(*args, **kwargs)
        ticks_while_checking.append(len(ticks) - before)
        return plan

    monkeypatch.setattr(iw, "read_table", read)
    monkeypatch.setattr(iw, "prepare_import", prepare)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    wizard = _wizard(qtbot, session)
    wizard.file_page.path_edit.setText(str(source))
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    assert "3,000 rows" in wizard.file_page.info_label.text()
    assert read_threads and main not in read_threads
    _next(qtbot, wizard)
    assert wizard.currentId() == iw.PAGE_MAP
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == iw.PAGE_PREVIEW, timeout=10000)
    assert len(prepare_threads) == 1 and main not in prepare_threads
    assert ticks_while_checking[0] > 0  # the window stayed alive while the rows were checked
    page = wizard.preview_page
    assert page.counts()["invalid"] == 1
    assert page.attention_check.isChecked()  # only the row with the error is listed
    _tick(qtbot, page.skip_invalid_check)
    assert _import_button(wizard).isEnabled()

    # Two quick corrections: the Import button waits, and one check covers both.
    model = page.model
    columns = [c.field for c in model.columns]
    for field, text in (("postal_code", "22100"), ("city", "Lund")):
        index = model.index(0, PreviewModel.FIXED + columns.index(field))
        assert model.setData(index, text)
    assert page.checking()
    assert not _import_button(wizard).isEnabled()  # the plan shown has not seen the edits
    assert page.checking_bar.isVisible()
    qtbot.waitUntil(lambda: not page.checking(), timeout=10000)
    assert len(prepare_threads) == 2 and main not in prepare_threads
    assert page.counts()["invalid"] == 0
    assert _import_button(wizard).isEnabled()
    assert not page.checking_bar.isVisible()

    result = _finish_import(qtbot, wizard)
    assert (result.imported, result.skipped_invalid) == (3000, 0)
    fixed = session.register().members(session.register().search_ids("Lind"))
    assert [(m.postal_code, m.city) for m in fixed] == [("221 00", "Lund")]


def test_an_edit_made_while_checking_is_checked_too(qtbot, session, tmp_path, gate,
                                                    monkeypatch):
    real_prepare = iw.prepare_import
    calls: list[int] = []

    def prepare(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the first check after an edit waits for the test
            gate.wait(10)
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(iw, "prepare_import", prepare)
    source = tmp_path / "list.csv"
    source.write_text(CSV, encoding="utf-8")
    wizard = _wizard(qtbot, session)
    page = _to_preview(qtbot, wizard, source)
    _edit_cell(qtbot, page, 1, "postal_code", "2210")  # still wrong
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    _edit_cell(qtbot, page, 1, "postal_code", "22100")  # corrected while the check runs
    gate.set()
    qtbot.waitUntil(lambda: not page.checking(), timeout=5000)
    assert len(calls) == 3
    assert page.counts()["invalid"] == 0  # the result of the stale check was not shown
    assert _import_button(wizard).isEnabled()


def test_cancelling_the_check_of_a_large_file_stays_on_the_page(qtbot, session, tmp_path, gate,
                                                                monkeypatch):
    real_prepare = iw.prepare_import

    def slow_prepare(*args, **kwargs):
        gate.wait(10)
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(iw, "prepare_import", slow_prepare)
    source = _large_csv(tmp_path / "stor.csv")
    wizard = _wizard(qtbot, session)
    wizard.file_page.path_edit.setText(str(source))
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: _visible_progress(wizard) is not None, timeout=5000)
    dialog = _visible_progress(wizard)
    assert dialog.labelText() == "Checking 3,000 rows…"
    job = wizard._jobs[-1]
    _click(qtbot, dialog.findChild(QPushButton))  # Cancel
    assert wizard.currentId() == iw.PAGE_MAP and wizard.plan is None
    with qtbot.waitSignal(job.signals.cancelled, timeout=10000):
        gate.set()
    assert wizard.currentId() == iw.PAGE_MAP and wizard.plan is None
    assert _visible_progress(wizard) is None

    _next(qtbot, wizard)  # trying again checks the rows again
    qtbot.waitUntil(lambda: wizard.currentId() == iw.PAGE_PREVIEW, timeout=10000)
    assert wizard.preview_page.counts()["total"] == 3000


def test_cancelling_the_reading_of_a_large_file_stays_on_the_page(qtbot, session, tmp_path, gate,
                                                                  monkeypatch):
    real_read = iw.read_table
    calls: list[int] = []

    def slow_read(path):
        calls.append(1)
        if len(calls) == 1:
            gate.wait(10)
        return real_read(path)

    monkeypatch.setattr(iw, "read_table", slow_read)
    source = _large_csv(tmp_path / "stor.csv")
    wizard = _wizard(qtbot, session)
    wizard.file_page.path_edit.setText(str(source))
    dialog = _visible_progress(wizard)
    assert dialog is not None and dialog.labelText() == "Reading stor.csv…"
    job = wizard._jobs[-1]
    _click(qtbot, dialog.findChild(QPushButton))  # Cancel
    with qtbot.waitSignal(job.signals.cancelled, timeout=10000):
        gate.set()
    assert wizard.currentId() == iw.PAGE_FILE and wizard.table is None
    assert not wizard.file_page.info_box.isVisible()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # Next reads it again
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == iw.PAGE_MAP, timeout=10000)
    assert len(wizard.table.rows) == 3000 and len(calls) == 2


def test_a_check_coming_back_while_typing_waits_for_the_editor(qtbot, session, tmp_path, gate,
                                                               monkeypatch):
    real_prepare = iw.prepare_import
    calls: list[int] = []

    def prepare(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            gate.wait(10)
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(iw, "prepare_import", prepare)
    source = tmp_path / "list.csv"
    source.write_text(CSV, encoding="utf-8")
    wizard = _wizard(qtbot, session)
    page = _to_preview(qtbot, wizard, source)
    _edit_cell(qtbot, page, 1, "postal_code", "22100")
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    job = page._recheck_job
    # The user is typing in the next cell when the check comes back.
    editor = _type_in_cell(qtbot, page, 0, "city", "Umeå")
    with qtbot.waitSignal(job.signals.finished, timeout=5000):
        gate.set()
    qtbot.wait(50)
    assert editor.isVisible() and editor.text() == "Umeå"  # not reset under the user's hands
    assert page.checking() and not _import_button(wizard).isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.checking(), timeout=5000)
    assert page.counts()["invalid"] == 0 and len(calls) == 3
    assert page.model.data(_cell(page, 0, "city")) == "Umeå"
    assert _import_button(wizard).isEnabled()


def test_the_preview_masks_identity_numbers(qtbot, session, tmp_path):
    """Identity numbers are masked on screen (DOMAIN §6): the date part only."""
    source = tmp_path / "medlemmar.csv"
    source.write_text("Förnamn;Efternamn;Personnummer\nAnna;Ek;19850412-3788\n",
                      encoding="utf-8")
    page = _to_preview(qtbot, _wizard(qtbot, session), source)
    index = _cell(page, 0, "identity_number")
    assert page.model.data(index) == "19850412-****"
    assert page.model.data(index, Qt.ItemDataRole.EditRole) == "19850412-3788"
