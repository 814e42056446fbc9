"""The import dialogs in a dark system theme: row colours come from ui/style.py when the
model is asked (not once at start-up), and text reads on its background (WCAG 4.5:1) in
dark and in light. The printing and passphrase dialogs have no colour of their own."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs import import_wizard as iw
from medlemsvard_app.ui.dialogs.import_wizard import ImportWizard
from medlemsvard_app.ui.dialogs.payment_import_dialog import PaymentImportDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.contrast import contrast

pytestmark = pytest.mark.gui

HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")








def _cell_colours(model: QAbstractItemModel) -> list[tuple[str, QColor, QColor, bool]]:
    """(where, text, background, coloured?) of every cell, as the view would paint it."""
    palette = QApplication.palette()
    found = []
    for row in range(model.rowCount()):
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for column in range(columns):
            index = model.index(row, column)
            back = index.data(Qt.ItemDataRole.BackgroundRole)
            fore = index.data(Qt.ItemDataRole.ForegroundRole)
            found.append((f"row {row} column {column} {index.data()!r}",
                          fore.color() if fore is not None else palette.text().color(),
                          back.color() if back is not None else palette.base().color(),
                          back is not None))
    return found


def _assert_readable(model: QAbstractItemModel, dark: bool) -> list[QColor]:
    """Every cell's text on its background at 4.5:1; returns the coloured backgrounds."""
    coloured = []
    for where, fore, back, tinted in _cell_colours(model):
        assert contrast(fore, back) >= 4.5, (
            f"{where}: {fore.name()} on {back.name()} ({contrast(fore, back):.2f}:1)")
        if tinted:
            coloured.append(back)
            assert (back.lightness() < 128) == dark, f"{where}: {back.name()} in the wrong scheme"
    return coloured


def _no_hex_colours(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()}: {w.styleSheet()}"
            for w in [root, *root.findChildren(QWidget)] if HEX.search(w.styleSheet())]


def test_import_wizard_rows_read_in_dark_and_light(qtbot, session, tmp_path, dark):
    add_members(session, {"given_name": "Karin", "family_name": "Öberg",
                          "email": "karin@example.se", "birth_date": date(1985, 4, 12)})
    source = tmp_path / "medlemmar.csv"
    source.write_text(
        "Förnamn;Efternamn;Födelsedatum;Postnr;E-post\n"
        "Karin;Öberg;1985-04-12;12345;karin@example.se\n"   # already in the register
        "Nils;Öberg;2010-01-01;12345;karin@example.se\n"    # shares an e-mail
        ";;;0123;\n"                                         # broken: no name, bad code
        "Åsa;Lind;1990-13-45;75320;asa@example.se\n"         # broken: no such date
        "Bo;Ek;1950-05-05;75320;bo@example.se\n", encoding="utf-8")
    wizard = ImportWizard(session, RecordingNotifier())
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.file_page.path_edit.setText(str(source))
    assert not _no_hex_colours(wizard)
    assert wizard.file_page.info_box.property("panel") == "good"
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == iw.PAGE_PREVIEW
    page = wizard.preview_page
    assert page.counts()["invalid"] == 2

    in_dark = _assert_readable(page.model, dark=True)
    assert len({c.name() for c in in_dark}) >= 4  # error row, error cell, duplicate, shared
    lines = _cell_colours(page.problems_model)  # errors in red, notes in plain text
    assert len({fore.name() for _where, fore, _back, _tinted in lines}) == 2
    _assert_readable(page.problems_model, dark=True)
    assert not _no_hex_colours(wizard)
    wizard.grab()  # paints in dark without trouble

    style.apply_scheme(dark, False)  # the same model, asked again, follows the switch
    in_light = _assert_readable(page.model, dark=False)
    assert {c.name() for c in in_light}.isdisjoint({c.name() for c in in_dark})


def _bank_file(session, tmp_path):
    ref = session.dues().reference(1, 2026)
    path = tmp_path / "kontoutdrag.csv"
    path.write_text(
        "Bokföringsdag;Belopp;OCR-nummer;Avsändare;Meddelande\n"
        f"2026-02-17;300,00;{ref};SVENSSON ANNA;\n"          # matched by reference
        "2026-02-19;300,00;;Lars Ek;Medlemsavgift 2026\n"     # two Lars Ek: ambiguous
        "2026-02-20;300,00;;HOLM BJÖRN;\n"                    # recorded already
        "2026-03-03;300,00;;OKÄND BETALARE;\n"                # nobody
        "2026-03-04;x;;Någon;\n"                              # no amount
        "2026-04-15;-245,50;;Clas Ohlson;Kontorsmaterial\n",  # money out
        encoding="cp1252")
    return path


def test_payment_import_rows_read_in_dark_and_light(qtbot, session, tmp_path, dark):
    people = add_members(
        session, {"given_name": "Anna", "family_name": "Svensson", "member_number": 1},
        {"given_name": "Lars", "family_name": "Ek", "member_number": 3, "city": "Uppsala"},
        {"given_name": "Lars", "family_name": "Ek", "member_number": 4, "city": "Enköping"},
        {"given_name": "Björn", "family_name": "Holm", "member_number": 8})
    session.dues().record_payment(people[3].id, 30000, date(2026, 2, 20))
    dialog = PaymentImportDialog(session, notifier=RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(_bank_file(session, tmp_path))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 6)

    in_dark = _assert_readable(dialog.model, dark=True)
    assert len({c.name() for c in in_dark}) >= 6  # four status cells and their row tints
    assert not _no_hex_colours(dialog)
    dialog.view.selectRow(0)
    assert dialog.detail_label.isVisible() and dialog.detail_label.property("panel") is True

    style.apply_scheme(dark, False)
    in_light = _assert_readable(dialog.model, dark=False)
    assert {c.name() for c in in_light}.isdisjoint({c.name() for c in in_dark})


def test_printing_and_passphrase_dialogs_have_no_colours_of_their_own(qtbot, session, dark):
    from reportlab.pdfgen import canvas

    from medlemsvard_app.ui.dialogs.labels_dialog import LabelsDialog
    from medlemsvard_app.ui.dialogs.member_list_dialog import MemberListDialog
    from medlemsvard_app.ui.dialogs.passphrase_dialog import NewPassphraseDialog
    from medlemsvard_app.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog

    ids = [m.id for m in add_members(session, {"given_name": "Karin", "family_name": "Öberg"})]
    buffer = BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Karin Öberg")
    sheet.save()
    passphrase = NewPassphraseDialog()
    dialogs = [passphrase,
               LabelsDialog(session, RecordingNotifier(), ids, "all"),
               MemberListDialog(session, RecordingNotifier(), ids, [], "all"),
               PdfPreviewDialog(buffer.getvalue(), title="Labels", file_name="labels.pdf",
                                notifier=RecordingNotifier())]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert not _no_hex_colours(dialog), type(dialog).__name__
    warning = passphrase.findChild(QWidget, "noBackDoor")
    assert warning.property("panel") == "warn"
    back, text = warning.palette().window().color(), warning.palette().windowText().color()
    assert back.lightness() < 128 and contrast(text, back) >= 4.5  # the sheet's warn panel


# -- long words: nothing cut at the dialogs' own sizes on a 1366×768 screen ---------------------
@pytest.fixture(params=["xx", "sv", "nb"])
def language(request, monkeypatch):
    """The stretching pseudo-locale ("xx"), Swedish and Norwegian."""
    import medlemsvard_app.i18n as i18n
    from tests.ui.test_pseudo_locale import PseudoTranslations

    if request.param == "xx":
        monkeypatch.setattr(i18n, "_translations", PseudoTranslations())
    else:
        i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _cut(widget: QWidget, name: str) -> list[str]:
    from tests.ui.test_pseudo_locale import clipped

    QApplication.processEvents()
    need = widget.minimumSizeHint()
    found = [f"{name}: {p}" for p in clipped(widget)]
    if need.width() > 1366 or need.height() > 740 or widget.width() > 1366:
        found.append(f"{name}: needs {need.width()}×{need.height()}, is {widget.width()} wide")
    return found


def test_no_text_is_cut_in_the_import_and_printing_dialogs(qtbot, session, tmp_path, language):
    from medlemsvard_app.ui.dialogs.labels_dialog import LabelsDialog
    from medlemsvard_app.ui.dialogs.member_list_dialog import MemberListDialog, PhoneListDialog

    people = add_members(
        session, {"given_name": "Anna", "family_name": "Svensson", "member_number": 1},
        {"given_name": "Karin", "family_name": "Öberg", "email": "karin@example.se",
         "birth_date": date(1985, 4, 12)})
    problems: list[str] = []
    source = tmp_path / "medlemmar.csv"
    source.write_text(
        "Förnamn;Efternamn;Födelsedatum;Postnr;E-post\n"
        "Karin;Öberg;1985-04-12;12345;karin@example.se\n"
        "Nils;Öberg;2010-01-01;12345;karin@example.se, nils.oberg.langt.namn@example.se\n"
        ";;;0123;\n"
        "Bo;Ek;1950-05-05;75320;bo@example.se\n", encoding="utf-8")
    wizard = ImportWizard(session, RecordingNotifier())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(source))
    problems += _cut(wizard, "wizard file page")
    for name in ("map page", "preview page"):
        wizard.button(QWizard.WizardButton.NextButton).click()
        problems += _cut(wizard, f"wizard {name}")
    wizard.preview_page.skip_invalid_check.setChecked(True)
    wizard.preview_page.allow_shared_check.setChecked(True)
    QApplication.processEvents()
    problems += _cut(wizard, "wizard preview page, ticked")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == iw.PAGE_RESULT)
    problems += _cut(wizard, "wizard result page")

    dialog = PaymentImportDialog(session, notifier=RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.show()
    problems += _cut(dialog, "payment import, empty")
    dialog.load(_bank_file(session, tmp_path))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 6)
    dialog.view.selectRow(3)
    problems += _cut(dialog, "payment import, read")

    ids = [p.id for p in people]
    for name, printing in (
            ("member list", MemberListDialog(session, RecordingNotifier(), ids, [], "all")),
            ("labels", LabelsDialog(session, RecordingNotifier(), ids, "all")),
            ("phone lists", PhoneListDialog(session, RecordingNotifier()))):
        qtbot.addWidget(printing)
        printing.show()
        problems += _cut(printing, name)
    assert not problems, "\n".join(problems)
