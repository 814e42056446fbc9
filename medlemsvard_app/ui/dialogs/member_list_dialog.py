"""Member list… and Phone lists…: choose what goes on the paper, then preview and print.

The member list takes the register's current selection (filter and search); its columns
are ticked and put in order here and remembered on this computer. A phone list is made
per caller of a calling round. Both are made off the UI thread and shown in the PDF
preview, which asks whether they printed well before the list is logged.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.services.member_lists import COLUMNS, DEFAULT_COLUMNS, column_title
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.dialogs.common import fit_to_screen
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.workers import run_with_progress

_COLUMNS_KEY = "lists/columns"


def _settings() -> QSettings:
    from medlemsvard_app.ui.main_window import app_settings  # the app's one settings file

    return app_settings()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("hint", True)  # coloured by ui/style.py, light or dark
    return label


def _worker_session(session: Session):
    """What a job needs to open its own connection to the same file."""
    return session.path, session.today, getattr(session, "passphrase", None)


def _open_own(path, today, passphrase):
    from medlemsvard_app.services.session import open_session

    return open_session(path, today, passphrase=passphrase, daily_backup=False)


def _left_out_text(result) -> str:
    parts = []
    if result.left_out_protected:
        parts.append(ngettext("{count} member with protected identity was left out.",
                              "{count} members with protected identity were left out.",
                              result.left_out_protected).format(
            count=result.left_out_protected))
    if result.left_out_do_not_call:
        parts.append(ngettext("{count} member who does not want to be called was left out.",
                              "{count} members who do not want to be called were left out.",
                              result.left_out_do_not_call).format(
            count=result.left_out_do_not_call))
    return " ".join(parts)


class _PrintingDialog(QDialog):
    recorded = Signal()

    def __init__(self, session: Session, notifier: Notifier, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session, self.notifier = session, notifier
        self.result = None
        self.preview_dialog = None
        self._jobs: list = []
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.make_button = QPushButton()
        self.make_button.setDefault(True)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.make_button.clicked.connect(lambda _c=False: self.make())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.make_button)
        row.addWidget(self.close_button)
        return row

    def _run(self, label: str, work) -> None:
        self.make_button.setEnabled(False)
        job = run_with_progress(self, label, work, self._made, self._failed)
        job.signals.cancelled.connect(lambda: self.make_button.setEnabled(True))

    def _failed(self, text: str) -> None:
        self.make_button.setEnabled(True)
        self.status_label.setText(text)
        self.notifier.error(self, text)

    def _made(self, result) -> None:
        from medlemsvard_app.ui.dialogs.pdf_preview_dialog import show_pdf

        self.make_button.setEnabled(True)
        self.result = result
        summary = ngettext("{count} member on the list.", "{count} members on the list.",
                           result.rows).format(count=format_count(result.rows))
        left = _left_out_text(result)
        if left:
            summary += " " + left
        self.status_label.setText(summary)

        def confirmed() -> None:
            self.session.lists().record(result)
            self.recorded.emit()

        self.preview_dialog = show_pdf(
            self, self.notifier, result.pdf, title=self.windowTitle(),
            file_name=self.file_name, summary=summary,
            question=_("Did the list print well?"), on_confirmed=confirmed)

    file_name = "list.pdf"

    def make(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class MemberListDialog(_PrintingDialog):
    """The columns (ticked, in order) and a title; the members come from the register."""

    file_name = "member-list.pdf"

    def __init__(self, session: Session, notifier: Notifier, member_ids: Sequence[int],
                 filters: Sequence[str], selection_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, notifier, parent)
        self.member_ids = list(member_ids)
        self.filters = list(filters)
        self.selection_text = selection_text
        self.setWindowTitle(_("Member list"))
        self.setObjectName("memberListDialog")
        count = len(self.member_ids)
        who = QLabel(ngettext("{count} member: {selection}", "{count} members: {selection}",
                              count).format(count=format_count(count), selection=selection_text))
        who.setWordWrap(True)
        self.title_edit = QLineEdit(_("Member list"))
        self.title_edit.setObjectName("listTitle")
        self.columns_list = QListWidget()
        self.columns_list.setObjectName("listColumns")
        self.columns_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.columns_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        saved = _settings().value(_COLUMNS_KEY, "")
        chosen = [c for c in str(saved or "").split(",") if c in COLUMNS] or \
            list(DEFAULT_COLUMNS)
        for code in [*chosen, *(c for c in COLUMNS if c not in chosen)]:
            item = QListWidgetItem(column_title(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if code in chosen
                               else Qt.CheckState.Unchecked)
            self.columns_list.addItem(item)
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move &down"))
        for button in (self.up_button, self.down_button):
            button.setAutoDefault(False)
        self.up_button.clicked.connect(lambda _c=False: self.move(-1))
        self.down_button.clicked.connect(lambda _c=False: self.move(1))
        moves = QVBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.columns_list, 1)
        columns.addLayout(moves)

        country = session.association.country.value
        order = (_("Sorted by family name, then given name: … x y z å ä ö.") if country == "SE"
                 else _("Sorted by family name, then given name: … x y z æ ø å."))
        form = QFormLayout()
        form.addRow(_("Who:"), who)
        form.addRow(_("Title:"), self.title_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Columns (tick them, and drag or move them into order):")))
        layout.addLayout(columns, 1)
        layout.addWidget(_hint(order + " " + _("Members with protected identity are left "
                                               "out. With many columns the page turns to "
                                               "landscape.")))
        self.make_button.setText(_("&Make list"))
        self.make_button.setObjectName("makeListButton")
        self.make_button.setEnabled(bool(self.member_ids))
        layout.addLayout(self._buttons())
        fit_to_screen(self, 520, 560)

    def chosen_columns(self) -> list[str]:
        return [self.columns_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.columns_list.count())
                if self.columns_list.item(i).checkState() == Qt.CheckState.Checked]

    def move(self, step: int) -> None:
        row = self.columns_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns_list.count():
            return
        item = self.columns_list.takeItem(row)
        self.columns_list.insertItem(target, item)
        self.columns_list.setCurrentRow(target)

    def make(self) -> None:
        columns = self.chosen_columns()
        if not columns:
            self.status_label.setText(_("Tick at least one column."))
            return
        settings = _settings()
        settings.setValue(_COLUMNS_KEY, ",".join(columns))
        ids, title, selection = list(self.member_ids), self.title_edit.text().strip(), \
            self.selection_text
        where = _worker_session(self.session)

        def work(progress):
            own = _open_own(*where)
            try:
                return own.lists().make(member_ids=ids, columns=columns, title=title,
                                        selection_text=selection, progress=progress)
            finally:
                own.close()

        self._run(_("Making the list…"), work)


class PhoneListDialog(_PrintingDialog):
    """A calling round and one caller (or all): a list per caller to phone from."""

    file_name = "phone-lists.pdf"

    def __init__(self, session: Session, notifier: Notifier,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, notifier, parent)
        self.setWindowTitle(_("Phone lists"))
        self.setObjectName("phoneListDialog")
        self.round_combo = QComboBox()
        self.round_combo.setObjectName("roundCombo")
        self.caller_combo = QComboBox()
        self.caller_combo.setObjectName("callerCombo")
        from medlemsvard_app.services.calls import purpose_label

        calls = session.calls()
        for rnd in session.lists().rounds():
            size = len(calls.repo.round_assignment(rnd.id))
            text = _("{title}, started {date} ({count})").format(
                title=rnd.title or purpose_label(rnd.purpose),
                date=format_date(rnd.started_on, "medium"),
                count=ngettext("{count} member", "{count} members", size).format(
                    count=format_count(size)))
            self.round_combo.addItem(text, rnd.id)
        self.round_combo.currentIndexChanged.connect(lambda _i: self._fill_callers())
        form = QFormLayout()
        form.addRow(_("Calling round:"), self.round_combo)
        form.addRow(_("Caller:"), self.caller_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        empty = self.round_combo.count() == 0
        layout.addWidget(_hint(
            _("No calling round has been started yet: start one on the Calls page.") if empty
            else _("Each caller gets their own pages: name, phone numbers and room for "
                   "notes. Members who do not want to be called are left out.")))
        layout.addStretch(1)
        self.make_button.setText(_("&Make phone lists"))
        self.make_button.setObjectName("makePhoneListsButton")
        self.make_button.setEnabled(not empty)
        layout.addLayout(self._buttons())
        self._fill_callers()
        self.resize(520, 220)

    def _fill_callers(self) -> None:
        self.caller_combo.clear()
        self.caller_combo.addItem(_("Every caller"), None)
        round_id = self.round_combo.currentData()
        if round_id is None:
            return
        calls = self.session.calls()
        assigned = set(calls.repo.round_assignment(round_id).values())
        for caller in calls.repo.callers(active_only=False):
            if caller.id in assigned:
                self.caller_combo.addItem(caller.name, caller.id)

    def make(self) -> None:
        round_id, caller_id = self.round_combo.currentData(), self.caller_combo.currentData()
        where = _worker_session(self.session)

        def work(progress):
            own = _open_own(*where)
            try:
                return own.lists().phone_lists(round_id, caller_id, progress=progress)
            finally:
                own.close()

        self._run(_("Making the phone lists…"), work)
