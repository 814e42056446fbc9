"""Mnemonics (the underlined letter, Alt+letter) are unique wherever they work at the same
time: in each menu, in the menu bar with each page of the main window, and in each dialog
(per tab or wizard page, together with what stays around it), in English, Swedish and
Norwegian (the compiled catalogs, translations/*/LC_MESSAGES/*.mo).

Two controls with the same letter make Alt+letter jump between them instead of acting,
so a keyboard user cannot tell what the key will do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from medlemsvard_app.i18n import set_language
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.qt_i18n import install_translators
from tests.conftest import TODAY, add_members

pytestmark = pytest.mark.gui

LANGUAGES = ("en", "sv", "nb")
_MNEMONIC = re.compile(r"&(?!&)(\w)", re.UNICODE)


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' (lower case), or None."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


Item = tuple[str, str]  # (letter, the text it came from)


def _own_item(widget: QWidget) -> Item | None:
    text = ""
    labelled = isinstance(widget, QLabel) and widget.buddy() is not None
    if isinstance(widget, QAbstractButton) or labelled:
        text = widget.text()  # type: ignore[union-attr]
    elif isinstance(widget, QGroupBox) and widget.isCheckable():
        text = widget.title()
    letter = mnemonic(text) if text else None
    return (letter, text) if letter else None


def groups(root: QWidget) -> list[list[Item]]:
    """Sets of mnemonics active at the same time under ``root``: each page of a tab or
    stacked widget is its own set, joined with everything around it."""
    own: list[Item] = []
    branches: list[list[list[Item]]] = []

    def walk(widget: QWidget) -> None:
        if widget is not root and widget.isWindow():
            return  # another dialog, menu or pop-up
        if widget is not root and not widget.isVisibleTo(root) and widget.isHidden():
            return  # hidden on purpose (a country's fields, an unused choice)
        item = _own_item(widget)
        if item:
            own.append(item)
        if isinstance(widget, QTabWidget):
            bar = widget.tabBar()
            for i in range(bar.count()):
                letter = mnemonic(bar.tabText(i))
                if letter:
                    own.append((letter, bar.tabText(i)))
            branches.append([g for i in range(widget.count()) for g in groups(widget.widget(i))])
            return
        if isinstance(widget, QStackedWidget):
            branches.append([g for i in range(widget.count()) for g in groups(widget.widget(i))])
            return
        for child in widget.children():
            if isinstance(child, QWidget):
                walk(child)

    walk(root)
    if not branches:
        return [own]
    return [own + g for branch in branches for g in branch] or [own]


def clashes(items: list[Item]) -> list[str]:
    seen: dict[str, str] = {}
    found = []
    for letter, text in items:
        if letter in seen and seen[letter] != text:
            found.append(f"'{letter}': {seen[letter]!r} / {text!r}")
        else:
            seen.setdefault(letter, text)
    return found


def widget_clashes(root: QWidget) -> list[str]:
    out: list[str] = []
    for group in groups(root):
        for clash in clashes(group):
            if clash not in out:
                out.append(clash)
    return out


def menu_clashes(window) -> list[str]:
    out: list[str] = []
    bar = window.menuBar()
    titles = [(mnemonic(a.text()), a.text()) for a in bar.actions() if mnemonic(a.text())]
    out += [f"menu bar: {c}" for c in clashes(titles)]  # type: ignore[arg-type]
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            items = [(mnemonic(a.text()), a.text()) for a in menu.actions()
                     if not a.isSeparator() and mnemonic(a.text())]
            out += [f"{action.text()}: {c}" for c in clashes(items)]  # type: ignore[arg-type]
    return out


@pytest.fixture(params=LANGUAGES)
def language(request, qapp):
    lang = request.param
    set_language(lang)
    translators = install_translators(qapp, lang)
    yield lang
    for t in translators:
        QApplication.removeTranslator(t)
    set_language("en")


@pytest.fixture
def member(session):
    return add_members(session, {"given_name": "Karin", "family_name": "Öberg",
                                 "postal_code": "12345", "city": "Stockholm"})[0]


def _dialogs(session, member, tmp_path) -> dict[str, Callable[[], QWidget]]:
    """Every dialog that can be built from a session alone."""
    from medlemsvard_app.ui.dialogs import (
        backups_dialog,
        first_run_dialog,
        first_run_guide,
        import_wizard,
        mandate_dialog,
        member_dialog,
        passphrase_dialog,
        payment_dialog,
        payment_import_dialog,
        privacy_export,
        security_dialog,
        settings_dialog,
        user_name_dialog,
    )

    n = RecordingNotifier()
    a = session.association
    dues = session.dues()
    return {
        "settings": lambda: settings_dialog.SettingsDialog(session, n),
        "first run": lambda: first_run_dialog.FirstRunDialog(tmp_path / "new.sqlite"),
        "start guide (first run)": lambda: first_run_guide.StartGuide(session, n),
        "start guide (again)": lambda: first_run_guide.StartGuide(session, n,
                                                                 first_time=False),
        "member (new)": lambda: member_dialog.MemberDialog(session.register(), a, None, n,
                                                           dues=dues),
        "member (card)": lambda: member_dialog.MemberDialog(session.register(), a, member,
                                                            n, dues=dues),
        "member leaves": lambda: member_dialog.LeaveDialog(session.register(), member, n),
        "payment": lambda: payment_dialog.PaymentDialog(dues, member, a.currency,
                                                        a.country.value),
        "mandate": lambda: mandate_dialog.MandateDialog(dues, member, a.country.value,
                                                        a.currency),
        "exemption": lambda: mandate_dialog.ExemptionDialog(dues, member),
        "import members": lambda: import_wizard.ImportWizard(session, n),
        "import payments": lambda: payment_import_dialog.PaymentImportDialog(
            session, notifier=n),
        "security": lambda: security_dialog.SecurityDialog(session, n),
        "backups": lambda: backups_dialog.BackupsDialog(session, n),
        "new passphrase": lambda: passphrase_dialog.NewPassphraseDialog(ask_current=True),
        "passphrase": lambda: passphrase_dialog.PassphraseDialog(Path(session.path)),
        "export protection": lambda: privacy_export.ExportProtectionDialog(
            tmp_path / "members.csv"),
        "user name": lambda: user_name_dialog.UserNameDialog(session),
    }


#: English clashes in other features' views, reported to their owners; a clash not listed
#: here fails the test. (place, clash) -> whose it is
KNOWN: dict[tuple[str, str], str] = {
    ("member (new)", "'t': 'Con&tacts' / 'Ci&ty:'"): "member dialog / contacts tab",
    ("member (new)", "'t': 'Con&tacts' / 'No&tes:'"): "member dialog / contacts tab",
    ("member (new)", "'m': '&Membership' / '&Mentor'"): "member dialog / welcome",
    ("member (card)", "'t': 'Con&tacts' / 'Ci&ty:'"): "member dialog / contacts tab",
    ("member (card)", "'t': 'Con&tacts' / 'No&tes:'"): "member dialog / contacts tab",
    ("member (card)", "'m': '&Membership' / '&Mentor'"): "member dialog / welcome",
    ("new passphrase", "'r': '&Repeat it:' / 'Make a &recovery sheet to print and keep (the "
     "passphrase is written on it by hand)'"): "encryption",
    ("Welcome", "'m': '&Members' / 'Joined this &month'"): "welcome page",
    ("Welcome", "'c': '&Checklist' / 'Show &closed'"): "welcome page",
    ("Activities", "'p': '&Print' / '&Past'"): "activities page",
    ("Activities", "'m': '&Members' / '&Mark chosen as reminded'"): "activities page",
    ("Letters", "'t': '&Template:' / '&Text:'"): "letters page",
    ("Letters", "'m': '&Members' / '&Make letters…'"): "letters page",
    ("Planning", "'p': '&Print' / '&Print handout…'"): "planning page",
    ("Planning", "'p': '&Print' / '&Print plan…'"): "planning page",
    ("Indicators", "'p': '&Print' / '&Period'"): "indicators page",
    ("Privacy", "'f': '&File' / '&From'"): "privacy page",
    # the new Edit menu (lead, undo) against older pages' letters
    ("Welcome", "'e': '&Edit' / '&Edit…'"): "welcome page / Edit menu",
    ("Letters", "'e': '&Edit' / '&Envelope:'"): "letters page / Edit menu",
    ("Indicators", "'e': '&Edit' / '&ending on'"): "indicators page / Edit menu",
}


def test_mnemonic_parser():
    assert mnemonic("&Save") == "s"
    assert mnemonic("Save &&Close") is None
    assert mnemonic("Re&move") == "m"
    assert mnemonic("Öppna &ärende") == "ä"


def test_dialog_mnemonics_are_unique(qtbot, session, member, tmp_path, language):
    problems: dict[str, list[str]] = {}
    for name, make in _dialogs(session, member, tmp_path).items():
        dialog = make()
        qtbot.addWidget(dialog)
        found = [c for c in widget_clashes(dialog)
                 if language != "en" or (name, c) not in KNOWN]
        if found:
            problems[name] = found
        dialog.deleteLater()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_main_window_mnemonics_are_unique(qtbot, session, member, language):
    from medlemsvard_app.domain.activities import Activity
    from medlemsvard_app.ui.main_window import MainWindow

    # an activity, so the Activities page shows its detail (tabs, buttons) too
    session.activities().save(Activity("Medlemsmöte", TODAY, "meeting", place="ABF"))
    window = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_page_by_key("activities")
    qtbot.waitUntil(lambda: window.activities_page.current_id() is not None, timeout=10000)
    problems = menu_clashes(window)
    place = window.nav.item  # the page's title in the navigation
    titles = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()
              if mnemonic(a.text())]
    for i in range(window.stack.count()):
        page = window.stack.widget(i)
        for group in groups(page):
            for clash in clashes(titles + group):  # type: ignore[operator]
                key = (place(i).text(), clash)
                text = f"{key[0]}: {clash}"
                if (language != "en" or key not in KNOWN) and text not in problems:
                    problems.append(text)
    assert not problems, "\n".join(problems)
