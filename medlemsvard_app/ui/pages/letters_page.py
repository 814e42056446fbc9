"""The Letters page: choose a letter and its language, reword it with merge fields and see
one sample letter as it will print, choose who gets it (with who is left out and why),
the envelope and the printer's correction, then make the letters in the background and
print them from the preview dialog, which asks whether they printed well before the
batch is logged.

The sample letter is drawn off the UI thread, a moment after the typing stops; who gets a
letter is counted off the UI thread too (100,000 current members take a moment).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.documents.letter import build_letters
from medlemsvard_app.domain.envelopes import MAX_OFFSET_MM, PRESETS
from medlemsvard_app.domain.letters import FIELDS, LANGUAGES, TEMPLATE_IDS, LetterTemplate
from medlemsvard_app.i18n import _, current_language, ngettext
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.letters import (
    NEW_WITHOUT_WELCOME,
    LetterBatch,
    Recipients,
    envelope_label,
    field_label,
    left_out_text,
    template_label,
)
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.ui.dialogs.common import hint_label
from medlemsvard_app.ui.dialogs.pdf_preview_dialog import (
    PdfPreviewDialog,
    last_printer,
    show_pdf,
)
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.workers import Job, run_with_progress

#: Quiet time after the last key before the sample letter is drawn again (ms).
PREVIEW_DELAY_MS = 350
SELECTED = "selected"


def language_name(code: str) -> str:
    return {"sv": _("Swedish"), "nb": _("Norwegian (bokmål)"), "en": _("English")}[code]


def selection_choices() -> list[tuple[str, str]]:
    """(code, words) of the ready selections; register filter names underneath."""
    return [
        ("current", _("Current members")),
        (NEW_WITHOUT_WELCOME, _("New members without a welcome letter")),
        ("new", _("New, last 12 months")),
        ("unpaid", _("Current members who have not paid")),
        ("direct_debit", _("Members who pay by direct debit")),
        ("former", _("Former members")),
    ]


class _Latest:
    """Runs one background job at a time per purpose and hands back only the newest
    answer; an older job's answer is dropped."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.generation = 0
        self.jobs: list[Job] = []

    def run(self, fn: Callable[[Any], Any], done: Callable[[Any], None],
            failed: Callable[[str], None]) -> None:
        self.generation += 1
        mine = self.generation
        job = Job(lambda _progress: fn(None))

        def wanted() -> bool:  # the newest answer, and the page still exists
            return mine == self.generation and shiboken6.isValid(self.owner)

        job.signals.finished.connect(lambda r: done(r) if wanted() else None)
        job.signals.failed.connect(lambda t: failed(t) if wanted() else None)
        job.signals.finished.connect(lambda _r, j=job: self._forget(j))
        job.signals.failed.connect(lambda _t, j=job: self._forget(j))
        self.jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def _forget(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)

    def busy(self) -> bool:
        return bool(self.jobs)


class LettersPage(QWidget):
    """See the module docstring."""

    #: a batch was logged (the welcome checklist and the member cards show it)
    letters_recorded = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.letters = session.letters()
        self.selected_ids: list[int] = []
        self.recipients: Recipients | None = None
        self.dialog: PdfPreviewDialog | None = None
        self.last_batch: LetterBatch | None = None
        self._loading = False
        self._dirty = False
        #: the user picked who gets it: a template change no longer picks for them
        self._selection_chosen = False
        self._loaded: tuple[str, str] | None = None
        self._jobs: list[Job] = []
        self._previews = _Latest(self)
        self._counts = _Latest(self)
        self.printer = last_printer()
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self._stale = True  # counted and drawn when first shown, not at start-up
        self._connect()
        self._load_template()
        self._load_print_settings()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("letterTemplate")
        for tid in TEMPLATE_IDS:
            self.template_combo.addItem(template_label(tid), tid)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("letterLanguage")
        for code in LANGUAGES:
            self.language_combo.addItem(language_name(code), code)
        default_language = self.session.association.language
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(
            default_language if default_language in LANGUAGES else current_language())))

        self.subject_edit = QLineEdit()
        self.subject_edit.setObjectName("letterSubject")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("letterBody")
        self.body_edit.setTabChangesFocus(True)
        self.signature_edit = QPlainTextEdit()
        self.signature_edit.setObjectName("letterSignature")
        self.signature_edit.setTabChangesFocus(True)
        self.signature_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self._last_text_edit: QLineEdit | QPlainTextEdit = self.body_edit

        self.field_combo = QComboBox()
        self.field_combo.setObjectName("letterField")
        for name in FIELDS:
            self.field_combo.addItem(f"{field_label(name)}  {{{name}}}", name)
        self.insert_button = QPushButton(_("&Insert field"))
        self.insert_button.setObjectName("insertField")
        self.insert_button.setAutoDefault(False)
        self.unknown_label = QLabel()
        self.unknown_label.setObjectName("unknownFields")
        self.unknown_label.setProperty("error", True)
        self.unknown_label.setWordWrap(True)
        self.unknown_label.setVisible(False)
        self.state_label = hint_label("")
        self.state_label.setObjectName("templateState")
        self.reset_button = QPushButton(_("&Reset to the app's text"))
        self.reset_button.setObjectName("resetTemplate")
        self.reset_button.setAutoDefault(False)

        letter_box = QGroupBox(_("Letter"))
        form = QFormLayout()
        form.addRow(_("&Template:"), self.template_combo)
        form.addRow(_("L&anguage:"), self.language_combo)
        form.addRow(_("&Subject:"), self.subject_edit)
        text_layout = QVBoxLayout(letter_box)
        text_layout.addLayout(form)
        body_label = QLabel(_("Te&xt:"))
        body_label.setBuddy(self.body_edit)
        text_layout.addWidget(body_label)
        text_layout.addWidget(self.body_edit, 1)
        signature_label = QLabel(_("Si&gnature:"))
        signature_label.setBuddy(self.signature_edit)
        text_layout.addWidget(signature_label)
        text_layout.addWidget(self.signature_edit)
        insert_row = QHBoxLayout()
        insert_row.addWidget(self.field_combo, 1)
        insert_row.addWidget(self.insert_button)
        text_layout.addLayout(insert_row)
        text_layout.addWidget(self.unknown_label)
        state_row = QHBoxLayout()
        state_row.addWidget(self.state_label, 1)
        state_row.addWidget(self.reset_button)
        text_layout.addLayout(state_row)

        # Who gets it.
        self.selection_combo = QComboBox()
        self.selection_combo.setObjectName("letterSelection")
        for code, words in selection_choices():
            self.selection_combo.addItem(words, code)
        self.count_label = QLabel()
        self.count_label.setObjectName("letterCount")
        self.count_label.setWordWrap(True)
        self.left_out_label = hint_label("")
        self.left_out_label.setObjectName("letterLeftOut")
        who_box = QGroupBox(_("Who gets it"))
        who = QVBoxLayout(who_box)
        who.addWidget(self.selection_combo)
        who.addWidget(self.count_label)
        left_row = QHBoxLayout()
        left_row.addWidget(self.left_out_label, 1)
        self.who_button = QPushButton(_("&Who?"))
        self.who_button.setObjectName("whoIsLeftOut")
        self.who_button.setAutoDefault(False)
        self.who_button.setToolTip(_("The names of those left out, to reach them another way"))
        self.who_button.setEnabled(False)
        left_row.addWidget(self.who_button, 0)
        who.addLayout(left_row)

        # Envelope and printer.
        self.envelope_combo = QComboBox()
        self.envelope_combo.setObjectName("envelopePreset")
        for p in PRESETS:
            self.envelope_combo.addItem(envelope_label(p.id), p.id)
        self.offset_x = self._offset_spin("offsetX")
        self.offset_y = self._offset_spin("offsetY")
        self.calibration_button = QPushButton(_("Print a &calibration page…"))
        self.calibration_button.setObjectName("calibrationButton")
        self.calibration_button.setAutoDefault(False)
        envelope_box = QGroupBox(_("Envelope and printer"))
        env = QFormLayout(envelope_box)
        env.addRow(_("&Envelope:"), self.envelope_combo)
        offsets = QHBoxLayout()
        offsets.addWidget(QLabel(_("right")))
        offsets.addWidget(self.offset_x)
        offsets.addWidget(QLabel(_("down")))
        offsets.addWidget(self.offset_y)
        offsets.addStretch(1)
        env.addRow(_("Printer correction:"), offsets)
        env.addRow(hint_label(_("If the calibration page comes out shifted, move everything "
                                "by the difference (in mm; negative = left or up).")))
        env.addRow(self.calibration_button)

        self.make_button = QPushButton(_("Make &letters…"))
        self.make_button.setObjectName("makeLetters")
        self.make_button.setDefault(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(letter_box, 1)
        left_layout.addWidget(who_box)
        left_layout.addWidget(envelope_box)
        left_layout.addWidget(self.make_button)

        from medlemsvard_app.ui.widgets.pdf_preview import PdfPreview

        self.preview = PdfPreview(compact=True)
        self.preview.setObjectName("letterPreview")
        preview_box = QGroupBox(_("Preview (one sample letter)"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([470, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(splitter)

    def _offset_spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setSuffix(" mm")
        return spin

    def _connect(self) -> None:
        self.template_combo.currentIndexChanged.connect(lambda _i: self._load_template())
        self.language_combo.currentIndexChanged.connect(lambda _i: self._load_template())
        for edit in (self.subject_edit, self.body_edit, self.signature_edit):
            edit.textChanged.connect(self._text_changed)
            edit.installEventFilter(self)
        self.insert_button.clicked.connect(lambda _c=False: self.insert_field())
        self.reset_button.clicked.connect(lambda _c=False: self.reset_template())
        self.selection_combo.currentIndexChanged.connect(
            lambda _i: None if self._stale else self.update_count())  # counted when shown
        self.selection_combo.activated.connect(lambda _i: self._selection_was_chosen())
        self.envelope_combo.currentIndexChanged.connect(lambda _i: self._print_settings())
        self.offset_x.valueChanged.connect(lambda _v: self._print_settings())
        self.offset_y.valueChanged.connect(lambda _v: self._print_settings())
        self.calibration_button.clicked.connect(lambda _c=False: self.print_calibration())
        self.who_button.clicked.connect(lambda _c=False: self.show_left_out())
        self.make_button.clicked.connect(lambda _c=False: self.make_letters())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.update_count()
            self.schedule_preview(now=True)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush()  # another page, or the window closing: keep what was typed
        super().hideEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusIn and watched in (
                self.subject_edit, self.body_edit, self.signature_edit):
            self._last_text_edit = watched
        return super().eventFilter(watched, event)

    # -- the text --------------------------------------------------------------------------
    def template_id(self) -> str:
        return self.template_combo.currentData()

    def language(self) -> str:
        return self.language_combo.currentData()

    def current_template(self) -> LetterTemplate:
        return LetterTemplate(self.template_id(), self.language(), self.subject_edit.text(),
                              self.body_edit.toPlainText(), self.signature_edit.toPlainText())

    def _selection_was_chosen(self) -> None:
        self._selection_chosen = True

    def _default_selection(self) -> None:
        """Welcome letters go to new members who have not had one (not to everyone, which
        sent 190 letters by mistake); other letters to the current members. Only until the
        user picks the recipients themselves."""
        if self._selection_chosen:
            return
        wanted = NEW_WITHOUT_WELCOME if self.template_id() == "welcome" else "current"
        index = self.selection_combo.findData(wanted)
        if index >= 0:
            self.selection_combo.setCurrentIndex(index)

    def _load_template(self) -> None:
        self._default_selection()
        self.flush()  # the text typed for the template shown until now
        tpl = self.letters.template(self.template_id(), self.language())
        self._loaded = (tpl.template, self.language())
        self._loading = True
        try:
            self.subject_edit.setText(tpl.subject)
            self.body_edit.setPlainText(tpl.body)
            self.signature_edit.setPlainText(tpl.signature)
        finally:
            self._loading = False
        self._show_state()
        self._check_fields()
        self.schedule_preview(now=True)

    def _text_changed(self) -> None:
        if self._loading:
            return
        self._check_fields()
        self._dirty = True
        self.schedule_preview()

    def flush(self) -> None:
        """Save the text typed since the last save (a moment after typing stops, and
        before another template is shown): the association's own wording."""
        if not self._dirty or self._loaded is None:
            return
        self._dirty = False
        subject, body, signature = (self.subject_edit.text(), self.body_edit.toPlainText(),
                                    self.signature_edit.toPlainText())
        try:
            self.letters.save_template(LetterTemplate(*self._loaded, subject, body,
                                                      signature))
        except Exception as exc:  # a full disk or a locked file: say so, keep the text
            self.notifier.error(self, describe(exc))
            return
        self._show_state()

    def _show_state(self) -> None:
        custom = self.letters.is_customised(self.template_id(), self.language())
        self.state_label.setText(_("Your own wording, saved as you type.") if custom
                                 else _("The app's own text. Edit it to make it yours."))
        self.reset_button.setEnabled(custom)

    def _check_fields(self) -> None:
        unknown = self.letters.unknown_fields(self.current_template())
        if unknown:
            names = ", ".join(f"{{{n}}}" for n in unknown)
            self.unknown_label.setText(ngettext(
                "Unknown field {fields}: it prints as written. Choose a field from the list.",
                "Unknown fields {fields}: they print as written. Choose fields from the list.",
                len(unknown)).format(fields=names))
        self.unknown_label.setVisible(bool(unknown))

    def insert_field(self, name: str | None = None) -> None:
        """Put ``{field}`` at the cursor of the text box used last."""
        name = name or self.field_combo.currentData()
        token = f"{{{name}}}"
        edit = self._last_text_edit
        if isinstance(edit, QLineEdit):
            edit.insert(token)
        else:
            edit.insertPlainText(token)
        edit.setFocus()

    def reset_template(self) -> None:
        self.flush()
        if not self.notifier.confirm(self, _(
                "Put back the app's own text for this letter in this language? Your wording "
                "is removed.")):
            return
        self.letters.reset_template(self.template_id(), self.language())
        self._dirty = False
        self._load_template()

    # -- the preview -----------------------------------------------------------------------
    def schedule_preview(self, now: bool = False) -> None:
        if self._stale:
            return  # drawn when the page is shown
        self.preview.set_busy(True)
        if now:
            self._timer.start(0)
        else:
            self._timer.start()

    def update_preview(self) -> None:
        """Gather the sample letter here (quick reads), draw it in the background."""
        self.flush()
        try:
            head, letters, layout = self.letters.preview_parts(
                self.current_template(), preset_id=self.envelope_combo.currentData(),
                offset=(self.offset_x.value(), self.offset_y.value()))
        except Exception as exc:
            self.preview.set_busy(False)
            self.preview.clear(describe(exc))
            return

        def draw(_none: Any) -> bytes:
            return build_letters(head, letters, layout)

        def done(pdf: bytes) -> None:
            self.preview.set_busy(False)
            self.preview.set_pdf(pdf)

        def failed(text: str) -> None:
            self.preview.set_busy(False)
            self.preview.clear(text)

        self._previews.run(draw, done, failed)

    # -- who gets it -----------------------------------------------------------------------
    def use_selection(self, member_ids: Sequence[int]) -> None:
        """Letters for the members selected in the register ("Letter to selected…")."""
        self.selected_ids = list(member_ids)
        self._selection_chosen = True
        index = self.selection_combo.findData(SELECTED)
        words = ngettext("Selected in the register ({count} member)",
                         "Selected in the register ({count} members)",
                         len(self.selected_ids)).format(
            count=format_count(len(self.selected_ids)))
        if index < 0:
            self.selection_combo.addItem(words, SELECTED)
            index = self.selection_combo.count() - 1
        else:
            self.selection_combo.setItemText(index, words)
        if self.selection_combo.currentIndex() == index:
            self.update_count()
        else:
            self.selection_combo.setCurrentIndex(index)

    def selection(self) -> tuple[list[str], list[int] | None]:
        code = self.selection_combo.currentData()
        if code == SELECTED:
            return [], list(self.selected_ids)
        return [code], None

    def update_count(self) -> None:
        filters, ids = self.selection()
        path, today = self.session.path, self.session.today
        self.count_label.setText(_("Counting…"))
        self.left_out_label.setText("")

        def count(_none: Any) -> Recipients:
            own = open_session(path, today=today, daily_backup=False)
            try:
                return own.letters().recipients(filters, ids)
            finally:
                own.close()

        self._counts.run(count, self._show_count,
                         lambda text: self.count_label.setText(text))

    def _show_count(self, recipients: Recipients) -> None:
        self.recipients = recipients
        n = len(recipients.member_ids)
        self.count_label.setText(ngettext("{count} letter", "{count} letters", n).format(
            count=format_count(n)))
        self.left_out_label.setText(left_out_text(recipients.left_out))
        self.who_button.setEnabled(recipients.left_out.total > 0)
        self.make_button.setEnabled(True)

    def show_left_out(self) -> str:
        """Who is left out and why, by name: protected identities are handled by hand."""
        if self.recipients is None:
            return ""
        left = self.recipients.left_out
        register = self.session.register()
        sections = []
        for title, ids in ((_("Protected identity"), left.protected),
                           (_("Prefer e-mail to post"), left.no_post),
                           (_("Address incomplete"), left.incomplete)):
            if not ids:
                continue
            names = [f"{m.display_name} ({m.member_number})" if m.member_number
                     else m.display_name for m in register.members(list(ids[:40]))]
            if len(ids) > 40:
                names.append(_("and {count} more").format(count=format_count(len(ids) - 40)))
            sections.append(title + ":\n" + "\n".join("  " + n for n in names))
        text = "\n\n".join(sections)
        self.notifier.info(self, text, _("Left out of these letters"))
        return text

    def refresh(self) -> None:
        """Members or dues changed elsewhere: count again, redraw the sample (now if the
        page is shown, else when it is)."""
        if not self.isVisible():
            self._stale = True
            return
        self.update_count()
        self.schedule_preview()

    # -- envelope and printer --------------------------------------------------------------
    def _load_print_settings(self) -> None:
        self._loading = True
        try:
            self.envelope_combo.setCurrentIndex(
                max(0, self.envelope_combo.findData(self.letters.envelope().id)))
            x, y = self.letters.offset(self.printer)
            self.offset_x.setValue(x)
            self.offset_y.setValue(y)
        finally:
            self._loading = False

    def _print_settings(self) -> None:
        if self._loading:
            return
        try:
            self.letters.set_envelope(self.envelope_combo.currentData())
            self.letters.set_offset(self.printer, self.offset_x.value(), self.offset_y.value())
        except Exception as exc:
            self.notifier.error(self, describe(exc))
        self.schedule_preview()

    def print_calibration(self) -> PdfPreviewDialog:
        pdf = self.letters.calibration((self.offset_x.value(), self.offset_y.value()),
                                       language=self.language())
        self.dialog = show_pdf(self, self.notifier, pdf, title=_("Calibration page"),
                               file_name=_("calibration") + ".pdf")
        return self.dialog

    # -- making the letters ----------------------------------------------------------------
    def make_letters(self) -> Job | None:
        self.flush()
        tpl = self.current_template()
        filters, ids = self.selection()
        path, today = self.session.path, self.session.today
        preset_id = self.envelope_combo.currentData()
        offset = (self.offset_x.value(), self.offset_y.value())
        if ids is not None and not ids:
            self.notifier.info(self, _("No members are selected in the register."))
            return None

        def work(progress) -> LetterBatch:
            own = open_session(path, today=today, daily_backup=False)
            try:
                service = own.letters()
                chosen = service.recipients(filters, ids)
                return service.make(tpl, chosen.member_ids, left_out=chosen.left_out,
                                    preset_id=preset_id, offset=offset, progress=progress)
            finally:
                own.close()

        job = run_with_progress(self, _("Making the letters…"), work, self._made,
                                lambda text: self.notifier.error(self, text))
        self._jobs.append(job)
        return job

    def _made(self, batch: LetterBatch) -> None:
        self.last_batch = batch
        n = len(batch.member_ids)
        if n == 0:
            self.notifier.info(self, _("No one in this selection gets a letter.") + " "
                               + left_out_text(batch.left_out))
            return
        summary = ngettext("{count} letter", "{count} letters", n).format(
            count=format_count(n)) + " · " + left_out_text(batch.left_out)
        name = template_label(batch.template)
        self.dialog = show_pdf(
            self, self.notifier, batch.pdf, title=name, summary=summary,
            file_name=f"{batch.template}-{batch.day.isoformat()}.pdf",
            question=ngettext("Did the letter print well? If you say yes, it is logged as "
                              "sent today.",
                              "Did the {count} letters print well? If you say yes, they are "
                              "logged as sent today.", n).format(count=format_count(n)),
            on_confirmed=lambda: self._record(batch))

    def _record(self, batch: LetterBatch) -> None:
        self.letters.record_printed(replace(batch, pdf=b""))
        self.letters_recorded.emit()
        self.update_count()
