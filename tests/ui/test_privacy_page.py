"""Privacy in the app as a volunteer uses it: the Privacy page (who is due, consents, the
log), the member card's Privacy button (extract, consents, erase), the export warning and
the user's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from medlemsvard_app.domain.models import LeaveReason
from medlemsvard_app.domain.privacy import ConsentPurpose
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.services import audit
from medlemsvard_app.ui.dialogs.consents_dialog import ConsentsDialog
from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog
from medlemsvard_app.ui.dialogs.privacy_export import ExportProtectionDialog
from medlemsvard_app.ui.dialogs.user_name_dialog import (
    UserNameDialog,
    apply_user_name,
    stored_user_name,
)
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.privacy_page import PrivacyPage
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


@pytest.fixture
def formers(session):
    people = add_members(
        session,
        {"given_name": "Ada", "family_name": "Gammal", "email": "ada@example.org"},
        {"given_name": "Bo", "family_name": "Nyss"},
        {"given_name": "Cia", "family_name": "Kvar"})
    register = session.register()
    register.leave(people[0].id, date(2025, 3, 31), LeaveReason.RESIGNED)
    register.leave(people[1].id, date(2026, 9, 30), LeaveReason.MOVED)
    return people


def _page(qtbot, session, notifier=None) -> PrivacyPage:
    page = PrivacyPage(session, notifier or RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def test_the_page_shows_who_is_due_and_anonymises_them(qtbot, session, formers):
    notifier = RecordingNotifier(answer=True)
    page = _page(qtbot, session, notifier)
    assert "12 months after they left" in page.rule_label.text()
    assert page.due_label.text() == "1 person is due to be anonymised today."
    assert _cells(page.due_table) == [["1", "Ada Gammal", "Former member",
                                       format_date(date(2025, 3, 31)), "Resigned",
                                       format_date(date(2026, 3, 31))]]
    assert page.apply_button.text() == "Anonymise 1 person…"
    with qtbot.waitSignal(page.members_changed, timeout=2000):
        _click(qtbot, page.apply_button)
    assert notifier.messages[0][0] == "confirm" and "1 person" in notifier.messages[0][1]
    assert notifier.messages[-1] == ("info", "Anonymised 1 person.")
    assert page.due_table.rowCount() == 0 and not page.apply_button.isEnabled()
    assert session.register().get(formers[0].id).given_name == ""
    # The log tab shows the act, without a name.
    page.tabs.setCurrentIndex(2)
    rows = _cells(page.log_table)
    assert rows[0][2] == "Anonymisation" and "Members: 1" in rows[0][4]
    assert all("Gammal" not in " ".join(r) for r in rows)


def test_a_refusal_changes_nothing(qtbot, session, formers):
    page = _page(qtbot, session, RecordingNotifier(answer=False))
    _click(qtbot, page.apply_button)
    assert page.due_table.rowCount() == 1
    assert session.register().get(formers[0].id).given_name == "Ada"


def test_changing_the_rule_changes_who_is_due(qtbot, session, formers):
    page = _page(qtbot, session)
    page.months_spin.setValue(1)
    _click(qtbot, page.save_rule_button)
    assert session.privacy().rule().months_after_leaving == 1
    assert [r[1] for r in _cells(page.due_table)] == ["Ada Gammal", "Bo Nyss"]
    assert "1 month after they left" in page.rule_label.text()
    _click(qtbot, page.default_rule_button)
    assert page.months_spin.value() == 12


def test_consents_overview_and_log_filter(qtbot, session, formers):
    privacy = session.privacy()
    privacy.give_consent(formers[2].id, ConsentPurpose.PHOTOS, date(2026, 1, 1))
    audit.record(session, "export", {"exported": 3})
    page = _page(qtbot, session)
    page.tabs.setCurrentIndex(1)
    assert ["Photos in our channels", "1", "0"] in _cells(page.consent_table)
    assert page.prospect_label.text() == "Every prospect has a consent on record."
    page.tabs.setCurrentIndex(2)
    index = page.action_combo.findData("export")
    assert index > 0
    page.action_combo.setCurrentIndex(index)
    assert [r[2] for r in _cells(page.log_table)] == ["Export"]
    assert page.log_count.text() == "1 entry"
    _tick(qtbot, page.since_check)
    page.since_edit.setDate(page.since_edit.date().addDays(1))
    assert page.log_table.rowCount() == 0


def _card(qtbot, session, member_id, notifier) -> MemberDialog:
    dialog = MemberDialog(session.register(), session.association,
                          session.register().get(member_id), notifier)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_the_member_card_makes_an_extract_in_one_click(qtbot, session, formers, tmp_path,
                                                       monkeypatch):
    notifier = RecordingNotifier()
    card = _card(qtbot, session, formers[2].id, notifier)
    actions = card.privacy_actions
    assert actions.button.isEnabled() and actions.button.text() == "Pri&vacy"
    target = tmp_path / "utdrag.pdf"
    monkeypatch.setattr(actions, "choose_extract_path", lambda suggested: target)
    actions.extract_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert notifier.messages[-1][0] == "info" and "not encrypted" in notifier.messages[-1][1]
    [entry] = session.privacy().log(action="register_extract")
    assert entry.member_number == formers[2].member_number


def test_a_new_card_has_nothing_to_extract(qtbot, session):
    card = MemberDialog(session.register(), session.association, None, RecordingNotifier())
    qtbot.addWidget(card)
    assert not card.privacy_actions.button.isEnabled()


def test_erasing_from_the_card_says_what_happens_then_closes(qtbot, session, formers):
    notifier = RecordingNotifier(answer=True)
    card = _card(qtbot, session, formers[2].id, notifier)
    with qtbot.waitSignal(card.saved, timeout=2000):
        card.privacy_actions.erase_action.trigger()
    kind, text = notifier.messages[0]
    assert kind == "confirm" and "Erase Cia Kvar (member 3)" in text
    assert "bookkeeping" not in text or "payments" in text  # no payments: no such line
    assert "cannot be undone" in text
    assert not card.isVisible()
    cia = session.register().get(formers[2].id)
    assert (cia.given_name, cia.status.value) == ("", "former")


def test_the_consents_dialog_records_and_withdraws(qtbot, session, formers):
    notifier = RecordingNotifier(answer=True)
    dialog = ConsentsDialog(session, formers[2].id, "Consents of Cia Kvar", notifier)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 0
    dialog.purpose_combo.setCurrentIndex(dialog.purpose_combo.findData("sms"))
    type_text(qtbot, dialog.note_edit, "Sa ja på mötet")
    with qtbot.waitSignal(dialog.changed, timeout=2000):
        _click(qtbot, dialog.add_button)
    assert _cells(dialog.table)[0][0] == "Text messages"
    assert _cells(dialog.table)[0][2] == "in force"
    assert session.register().get(formers[2].id).sms_consent_on == session.today()
    dialog.table.selectRow(0)
    assert dialog.withdraw_button.isEnabled()
    _click(qtbot, dialog.withdraw_button)
    assert _cells(dialog.table)[0][2] != "in force"
    assert session.register().get(formers[2].id).sms_consent_on is None
    # "Other" needs words for what it is for.
    dialog.purpose_combo.setCurrentIndex(dialog.purpose_combo.findData("other"))
    assert dialog.purpose_text.isEnabled()
    _click(qtbot, dialog.add_button)
    assert notifier.messages[-1] == ("error", "Say what the consent is for.")


def test_the_export_warning_offers_an_encrypted_zip(qtbot, tmp_path):
    dialog = ExportProtectionDialog(tmp_path / "medlemmar.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.passphrase_edit.isEnabled()
    _click(qtbot, dialog.ok_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.target, dialog.passphrase) == (tmp_path / "medlemmar.csv", None)

    dialog = ExportProtectionDialog(tmp_path / "medlemmar.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    _tick(qtbot, dialog.zip_check)
    type_text(qtbot, dialog.passphrase_edit, "hemliga ordet")
    type_text(qtbot, dialog.repeat_edit, "hemliga orden")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.error.text() == "The two passphrases differ."
    dialog.repeat_edit.clear()
    type_text(qtbot, dialog.repeat_edit, "hemliga ordet")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert dialog.target == Path(tmp_path / "medlemmar.csv.zip")
    assert dialog.passphrase == "hemliga ordet"


def test_the_user_name_is_asked_once_and_names_the_log(qtbot, session):
    assert not apply_user_name(session)
    dialog = UserNameDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.name_edit, "Åsa Öberg")
    _click(qtbot, dialog.ok_button)
    assert stored_user_name() == "Åsa Öberg" and session.user_name == "Åsa Öberg"
    audit.record(session, "print_batch", {"count": 2})
    assert session.privacy().log(action="print_batch")[0].user_name == "Åsa Öberg"
    session.user_name = ""
    assert apply_user_name(session) and session.user_name == "Åsa Öberg"


def test_the_main_window_has_the_privacy_page_last(qtbot, session):
    from medlemsvard_app.ui.main_window import MainWindow

    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    assert win.nav.item(win.nav.count() - 1).text() == "Privacy"
    assert win.stack.widget(win.nav.count() - 1) is win.privacy_page


def test_the_register_shows_an_anonymised_row_as_such(qtbot, session, formers):
    from medlemsvard_app.ui.models.register_table_model import COLUMNS, RegisterTableModel

    session.privacy().apply_retention()
    model = RegisterTableModel(session.register(), "SE")
    model.set_query(filters=["former"])
    family = COLUMNS.index("family_name")
    shown = {model.data(model.index(r, family)) for r in range(model.rowCount())}
    assert shown == {"(anonymised)", "Nyss"}
