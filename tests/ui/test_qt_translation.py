"""Qt's own buttons speak the user's language, Norwegian included (Qt ships no nb)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from medlemsvard_app.i18n import set_language
from medlemsvard_app.ui.qt_i18n import install_translators


@pytest.mark.parametrize(("lang", "cancel", "save"), [("nb", "Avbryt", "Lagre"),
                                                      ("sv", "Avbryt", "Spara"),
                                                      ("en", "Cancel", "Save")])
def test_dialog_buttons_are_translated(qapp, qtbot, lang, cancel, save):
    set_language(lang)
    translators = install_translators(qapp, lang)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {cancel, save}
    finally:
        for t in translators:
            qapp.removeTranslator(t)


@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_shortcuts_keep_their_plus_sign(qapp, lang):
    from PySide6.QtGui import QKeySequence

    set_language(lang)
    translators = install_translators(qapp, lang)
    try:
        text = QKeySequence("Ctrl+F").toString(QKeySequence.SequenceFormat.NativeText)
        assert text == "Ctrl+F"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
