"""The member card as a volunteer uses it: type, tick, pick, save, and read what it says."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from medlemsvard_app.domain.models import (
    JoinChannel,
    JoinMethod,
    LeaveReason,
    MembershipStatus,
    PreferredChannel,
)
from medlemsvard_app.i18n import set_language
from medlemsvard_app.i18n.messages import message
from medlemsvard_app.storage.errors import DatabaseLocked
from medlemsvard_app.ui.dialogs import member_dialog as md
from medlemsvard_app.ui.dialogs.member_dialog import LeaveDialog, MemberDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _open(qtbot, session, member=None, notifier=None) -> MemberDialog:
    dialog = MemberDialog(session.register(), session.association, member,
                          notifier or RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    """Click a check box or radio button on its indicator, as a person does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_add_a_member_by_typing(qtbot, session):
    dialog = _open(qtbot, session)
    assert dialog.windowTitle() == "New member"
    type_text(qtbot, dialog.given_name_edit, "Åsa")
    type_text(qtbot, dialog.family_name_edit, "Öberg")
    qtbot.keyClicks(dialog.street_edit, "Storgatan 1")
    qtbot.keyClicks(dialog.postal_code_edit, "12345")
    type_text(qtbot, dialog.city_edit, "Västerås")
    qtbot.keyClicks(dialog.phone_edit, "070-123 45 67")
    qtbot.keyClicks(dialog.email_edit, "asa@Example.SE")
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        _click(qtbot, dialog.save_button)
    saved = blocker.args[0]
    assert not dialog.isVisible()
    stored = session.register().get(saved.id)
    assert (stored.given_name, stored.family_name) == ("Åsa", "Öberg")
    assert stored.postal_code == "123 45"
    assert stored.phone == "+46701234567"
    assert stored.email == "asa@example.se"
    assert stored.member_number == 1
    assert stored.status is MembershipStatus.MEMBER
    assert stored.joined_on == session.today()


def test_errors_show_next_to_each_field_and_nothing_is_saved(qtbot, session):
    notifier = RecordingNotifier()
    dialog = _open(qtbot, session, notifier=notifier)
    qtbot.keyClicks(dialog.postal_code_edit, "0123")
    qtbot.keyClicks(dialog.email_edit, "kalle@")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.errors.label("given_name").text() == "Enter a given name or a family name."
    assert dialog.errors.label("postal_code").text() == message("postal_code_invalid_se")
    assert dialog.errors.label("email").text() == "This is not a valid e-mail address."
    assert dialog.errors.label("postal_code").isVisibleTo(dialog)
    assert not dialog.errors.label("phone").isVisibleTo(dialog)
    assert dialog.tabs.currentIndex() == md.TAB_DETAILS
    assert dialog.focusWidget() is dialog.given_name_edit
    assert session.register().total() == 0
    # The entered data is still there to be corrected.
    assert dialog.email_edit.text() == "kalle@"
    dialog.postal_code_edit.clear()
    qtbot.keyClicks(dialog.postal_code_edit, "41319")
    dialog.email_edit.clear()
    qtbot.keyClicks(dialog.email_edit, "kalle@example.se")
    qtbot.keyClicks(dialog.given_name_edit, "Kalle")
    _click(qtbot, dialog.save_button)
    assert session.register().total() == 1
    assert notifier.messages == []


def test_norwegian_postal_code_error_is_in_norwegian(qtbot, no_session):
    set_language("nb")
    dialog = _open(qtbot, no_session)
    qtbot.keyClicks(dialog.given_name_edit, "Kari")
    qtbot.keyClicks(dialog.postal_code_edit, "12345")
    _click(qtbot, dialog.save_button)
    shown = dialog.errors.label("postal_code").text()
    assert shown == message("postal_code_invalid_no")
    assert "0150" in shown
    assert no_session.register().total() == 0


def test_fields_are_checked_as_the_user_leaves_them(qtbot, session):
    dialog = _open(qtbot, session)
    qtbot.keyClicks(dialog.phone_edit, "12")
    dialog.phone_edit.editingFinished.emit()
    assert dialog.errors.label("phone").text() == "This is not a valid phone number."
    dialog.phone_edit.clear()
    qtbot.keyClicks(dialog.phone_edit, "0701234567")
    dialog.phone_edit.editingFinished.emit()
    assert dialog.errors.label("phone").text() == ""
    assert dialog.phone_edit.text() == "070-123 45 67"  # tidied to the national format
    qtbot.keyClicks(dialog.postal_code_edit, "75320")
    dialog.postal_code_edit.editingFinished.emit()
    assert dialog.postal_code_edit.text() == "753 20"
    # Changing the member's country re-checks the postal code by that country's rule.
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("NO"))
    assert dialog.errors.label("postal_code").text() == message("postal_code_invalid_no")


def test_editing_shows_phone_in_national_format_and_keeps_number(qtbot, session):
    (member,) = add_members(session, {"given_name": "Bo", "family_name": "Ek",
                                      "phone": "+46701234567"})
    dialog = _open(qtbot, session, member)
    assert dialog.windowTitle() == "Member card"
    assert dialog.phone_edit.text() == "070-123 45 67"
    assert dialog.member_number_edit.text() == str(member.member_number)
    assert dialog.member_number_edit.isReadOnly()
    dialog.family_name_edit.clear()
    qtbot.keyClicks(dialog.family_name_edit, "Eklund")
    _click(qtbot, dialog.save_button)
    stored = session.register().get(member.id)
    assert stored.family_name == "Eklund"
    assert stored.phone == "+46701234567"
    assert stored.member_number == member.member_number


def test_membership_consent_and_tags(qtbot, session):
    (recruiter,) = add_members(session, {"given_name": "Östen", "family_name": "Berg",
                                         "city": "Umeå"})
    # a tag that already exists is offered for completion
    add_members(session, {"given_name": "X", "family_name": "Y", "interests": ["valarbete"]})
    dialog = _open(qtbot, session)
    qtbot.keyClicks(dialog.given_name_edit, "Lisa")
    dialog.tabs.setCurrentIndex(md.TAB_MEMBERSHIP)
    _tick(qtbot, dialog.join_recruited_radio)
    type_text(qtbot, dialog.recruiter_edit, "Öst")
    choices = dialog.recruiter_model.stringList()
    assert choices and choices[0].startswith("Östen Berg (no. 1)")
    dialog.recruiter_completer.activated[str].emit(choices[0])
    assert dialog.recruiter_edit.text().startswith("Östen Berg")
    dialog.join_channel_combo.setCurrentIndex(dialog.join_channel_combo.findData("stall"))
    dialog.joined_on_edit.setDate(QDate(2024, 3, 1))

    dialog.tabs.setCurrentIndex(md.TAB_CONTACT)
    dialog.preferred_channel_combo.setCurrentIndex(
        dialog.preferred_channel_combo.findData("email"))
    _tick(qtbot, dialog.newsletter_consent.check)
    dialog.newsletter_consent.date_edit.setDate(QDate(2024, 3, 2))
    _tick(qtbot, dialog.do_not_call_check.check)

    dialog.tabs.setCurrentIndex(md.TAB_TAGS)
    assert "valarbete" in dialog.interests_editor.completer.model().stringList()
    qtbot.keyClicks(dialog.interests_editor.input_edit, "valarbete")
    _click(qtbot, dialog.interests_editor.add_button)
    qtbot.keyClicks(dialog.interests_editor.input_edit, "studiecirklar")
    qtbot.keyClick(dialog.interests_editor.input_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.skills_editor.input_edit, "bokföring"[:3])
    type_text(qtbot, dialog.skills_editor.input_edit, "föring")
    _click(qtbot, dialog.skills_editor.add_button)
    assert dialog.isVisible()  # Return in the tag field adds a tag; it does not save
    assert dialog.interests_editor.tags() == ["studiecirklar", "valarbete"]

    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        _click(qtbot, dialog.save_button)
    stored = session.register().get(blocker.args[0].id)
    assert stored.join_method is JoinMethod.RECRUITED
    assert stored.recruited_by == recruiter.id
    assert stored.join_channel is JoinChannel.STALL
    assert stored.joined_on == date(2024, 3, 1)
    assert stored.preferred_channel is PreferredChannel.EMAIL
    assert stored.newsletter_consent_on == date(2024, 3, 2)
    assert stored.sms_consent_on is None
    assert stored.do_not_call is True
    assert stored.interests == ["studiecirklar", "valarbete"]
    assert stored.skills == ["bokföring"]


def test_remove_a_tag(qtbot, session):
    (member,) = add_members(session, {"given_name": "Bo", "interests": ["a", "b"]})
    dialog = _open(qtbot, session, member)
    editor = dialog.interests_editor
    editor.list_view.setCurrentIndex(editor.model.index(0, 0))
    _click(qtbot, editor.remove_button)
    _click(qtbot, dialog.save_button)
    assert session.register().get(member.id).interests == ["b"]


def test_recruiter_typed_but_not_picked_is_an_error(qtbot, session):
    dialog = _open(qtbot, session)
    qtbot.keyClicks(dialog.given_name_edit, "Lisa")
    dialog.tabs.setCurrentIndex(md.TAB_MEMBERSHIP)
    _tick(qtbot, dialog.join_recruited_radio)
    qtbot.keyClicks(dialog.recruiter_edit, "nobody")
    dialog.tabs.setCurrentIndex(md.TAB_DETAILS)
    _click(qtbot, dialog.save_button)
    assert dialog.tabs.currentIndex() == md.TAB_MEMBERSHIP
    assert "Pick the recruiting member" in dialog.errors.label("recruited_by").text()
    assert session.register().total() == 0


def test_taken_member_number_is_refused(qtbot, session):
    add_members(session, {"given_name": "Bo", "family_name": "Ek"})
    dialog = _open(qtbot, session)
    assert dialog.member_number_edit.placeholderText() == "Next free: 2"
    qtbot.keyClicks(dialog.given_name_edit, "Al")
    qtbot.keyClicks(dialog.member_number_edit, "1")
    _click(qtbot, dialog.save_button)
    assert "already belongs to Bo Ek" in dialog.errors.label("member_number").text()
    dialog.member_number_edit.clear()
    qtbot.keyClicks(dialog.member_number_edit, "40")
    _click(qtbot, dialog.save_button)
    assert session.register().repo.get_by_number(40).given_name == "Al"


def test_member_leaves_then_rejoins(qtbot, session):
    (member,) = add_members(session, {"given_name": "Åke", "family_name": "Lund"})
    notifier = RecordingNotifier()
    dialog = _open(qtbot, session, member, notifier)
    dialog.tabs.setCurrentIndex(md.TAB_MEMBERSHIP)
    assert dialog.status_value.text() == "Member"
    assert dialog.leave_button.isVisibleTo(dialog)
    assert not dialog.former_box.isVisibleTo(dialog)
    _click(qtbot, dialog.leave_button)
    leave = dialog.leave_dialog
    assert leave is not None and leave.isVisible()
    assert leave.date_edit.date() == QDate(2026, 11, 25)  # today by default
    _click(qtbot, leave.ok_button)  # no reason chosen yet
    assert leave.reason_error.text() == message("leave_reason_missing")
    leave.date_edit.setDate(QDate(2026, 10, 1))
    leave.reason_combo.setCurrentIndex(leave.reason_combo.findData("moved"))
    qtbot.keyClicks(leave.note_edit, "Moved to Oslo")
    with qtbot.waitSignal(leave.saved, timeout=2000):
        _click(qtbot, leave.ok_button)
    stored = session.register().get(member.id)
    assert stored.status is MembershipStatus.FORMER
    assert stored.left_on == date(2026, 10, 1)
    assert stored.leave_reason is LeaveReason.MOVED
    assert stored.leave_note == "Moved to Oslo"
    assert session.register().total() == 1  # nothing deleted
    # The card now shows the former member with a summary and Rejoin.
    assert dialog.status_value.text() == "Former member"
    assert dialog.former_box.isVisibleTo(dialog)
    assert "Moved away" in dialog.former_summary.text()
    assert "Moved to Oslo" in dialog.former_summary.text()
    assert not dialog.leave_box.isVisibleTo(dialog)
    _click(qtbot, dialog.rejoin_button)
    assert notifier.messages[-1][0] == "confirm"
    stored = session.register().get(member.id)
    assert stored.status is MembershipStatus.MEMBER
    assert stored.left_on is None
    assert dialog.status_value.text() == "Member"


def test_leave_before_join_date_is_explained(qtbot, session):
    (member,) = add_members(session, {"given_name": "Åke", "joined_on": date(2020, 1, 1)})
    leave = LeaveDialog(session.register(), member, RecordingNotifier())
    qtbot.addWidget(leave)
    leave.open()
    leave.date_edit.setDate(QDate(2019, 1, 1))
    leave.reason_combo.setCurrentIndex(leave.reason_combo.findData("resigned"))
    _click(qtbot, leave.ok_button)
    assert leave.isVisible()
    assert leave.date_error.text() == message("left_before_joined")
    assert session.register().get(member.id).status is MembershipStatus.MEMBER


def test_storage_error_keeps_the_dialog_and_the_data(qtbot, session, monkeypatch):
    notifier = RecordingNotifier()
    dialog = _open(qtbot, session, notifier=notifier)
    qtbot.keyClicks(dialog.given_name_edit, "Greta")

    def locked(_member):
        raise DatabaseLocked(str(session.path))

    monkeypatch.setattr(dialog.register, "save", locked)
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.given_name_edit.text() == "Greta"
    assert notifier.messages and notifier.messages[0][0] == "error"
    assert "in use by another program" in notifier.messages[0][1]


def test_cancel_with_changes_asks_first(qtbot, session):
    notifier = RecordingNotifier(answer=False)
    dialog = _open(qtbot, session, notifier=notifier)
    _click(qtbot, dialog.cancel_button)  # nothing typed: closes at once
    assert not dialog.isVisible()
    dialog = _open(qtbot, session, notifier=notifier)
    qtbot.keyClicks(dialog.given_name_edit, "Greta")
    _click(qtbot, dialog.cancel_button)
    assert dialog.isVisible()
    assert notifier.messages[-1][0] == "confirm"


def _enable_privacy_fields(session) -> None:
    assoc = session.association
    assoc.identity_number_enabled = True
    assoc.identity_number_purpose = "Tax deduction for gifts"
    assoc.gender_enabled = True
    session.association_repo.save(assoc)


def test_identity_number_is_masked_and_gives_the_birth_date(qtbot, session):
    _enable_privacy_fields(session)
    dialog = _open(qtbot, session)
    qtbot.keyClicks(dialog.given_name_edit, "Eva")
    dialog.tabs.setCurrentIndex(md.TAB_PRIVACY)
    assert dialog.identity_edit is not None and dialog.gender_combo is not None
    qtbot.keyClicks(dialog.identity_edit, "850412-1230")
    dialog.identity_edit.editingFinished.emit()
    assert dialog.identity_edit.text() == "19850412-****"
    assert dialog.identity_edit.isReadOnly()
    assert dialog.birth_date_edit.value() == date(1985, 4, 12)
    _click(qtbot, dialog.identity_show_button)
    assert dialog.identity_edit.text() == "19850412-1230"
    _click(qtbot, dialog.identity_show_button)
    assert dialog.identity_edit.text() == "19850412-****"
    dialog.gender_combo.setCurrentIndex(dialog.gender_combo.findData("female"))
    _tick(qtbot, dialog.protected_check.check)
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        _click(qtbot, dialog.save_button)
    stored = session.register().get(blocker.args[0].id)
    assert stored.identity_number == "19850412-1230"
    assert stored.birth_date == date(1985, 4, 12)
    assert stored.gender.value == "female"
    assert stored.protected_identity is True


def test_bad_identity_number_is_shown_on_the_privacy_tab(qtbot, session):
    _enable_privacy_fields(session)
    dialog = _open(qtbot, session)
    qtbot.keyClicks(dialog.given_name_edit, "Eva")
    dialog.tabs.setCurrentIndex(md.TAB_PRIVACY)
    qtbot.keyClicks(dialog.identity_edit, "850412-1234")
    dialog.tabs.setCurrentIndex(md.TAB_DETAILS)
    _click(qtbot, dialog.save_button)
    assert dialog.tabs.currentIndex() == md.TAB_PRIVACY
    assert dialog.errors.label("identity_number").text() == message("identity_invalid")
    assert session.register().total() == 0


def test_privacy_fields_absent_unless_switched_on(qtbot, session):
    dialog = _open(qtbot, session)
    assert dialog.identity_edit is None
    assert dialog.gender_combo is None
