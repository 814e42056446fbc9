"""The view the app opens on: what needs doing today, each part one click from its page.

Cards, not charts: a volunteer opening the laptop wants to know whom to phone, who is
waiting for a welcome, what the dues year does next and what is on this week.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.services.calls import purpose_label
from medlemsvard_app.services.home import HomeService, HomeSnapshot
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.pages.dues_page import next_event_sentence, percent_text
from medlemsvard_app.ui.snapshot_loading import SnapshotLoading

TodayFn = Callable[[], date]


def load_home(path: Path, today: TodayFn) -> HomeSnapshot:
    own = open_session(path, today=today)
    try:
        return HomeService(own).snapshot()
    finally:
        own.close()


class HomeCard(QFrame):
    """A titled card with lines of text and a button to the page it summarises."""

    def __init__(self, key: str, title: str, button_text: str,
                 open_page: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("homeCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton(button_text)
        self.button.setAccessibleName(button_text)
        self.button.clicked.connect(lambda: open_page(key))
        row.addWidget(self.button)
        layout.addLayout(row)

    def set_lines(self, lines: list[str]) -> None:
        self.body.setText("\n".join(lines))
        self.setAccessibleDescription(self.body.text())


class HomePage(SnapshotLoading, QWidget):
    """Today's calls, welcome steps, the dues year, this week's activities, the figures."""

    #: the page to open: calls, dues, welcome, activities, indicators
    open_page = Signal(str)
    #: a snapshot was shown (tests wait for it)
    loaded = Signal()

    load = staticmethod(load_home)

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self._init_loading()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)
        layout.addWidget(self.subheading)
        grid = QGridLayout()
        grid.setSpacing(14)
        emit = self.open_page.emit
        self.cards: dict[str, HomeCard] = {
            "calls": HomeCard("calls", _("Calls to make"), _("Open calls"), emit),
            "welcome": HomeCard("welcome", _("Welcoming new members"), _("Open welcome"), emit),
            "dues": HomeCard("dues", _("The dues year"), _("Open dues"), emit),
            "activities": HomeCard("activities", _("This week"), _("Open activities"), emit),
            "indicators": HomeCard("indicators", _("Members in figures"),
                                   _("Open indicators"), emit),
        }
        for i, key in enumerate(("calls", "welcome", "dues", "activities", "indicators")):
            grid.addWidget(self.cards[key], i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        for card in self.cards.values():
            card.set_lines([_("Loading…")])

    def set_available(self, keys: set[str]) -> None:
        """Hide the cards of pages this window does not have."""
        for key, card in self.cards.items():
            card.setVisible(key in keys)

    # -- showing ---------------------------------------------------------------------------

    def show_snapshot(self, snapshot: HomeSnapshot) -> None:
        self.snapshot = snapshot
        self.heading.setText(snapshot.association)
        self.subheading.setText(_("Today is {date}.").format(
            date=format_date(snapshot.day, "full")))
        self.cards["calls"].set_lines(calls_lines(snapshot))
        self.cards["dues"].set_lines(dues_lines(snapshot))
        self.cards["welcome"].set_lines(welcome_lines(snapshot))
        self.cards["activities"].set_lines(activity_lines(snapshot))
        self.cards["indicators"].set_lines(indicator_lines(snapshot))
        self.loaded.emit()


def calls_lines(snapshot: HomeSnapshot) -> list[str]:
    lines = []
    for work in snapshot.calls:
        title = work.title or purpose_label(work.purpose)
        who = work.caller or _("no caller yet")
        lines.append(ngettext("{round} — {caller}: {count} member left to call",
                              "{round} — {caller}: {count} members left to call",
                              work.left).format(round=title, caller=who,
                                                count=format_count(work.left)))
    for proposal in snapshot.proposals:
        lines.append(ngettext("Time to start: {round} ({count} member)",
                              "Time to start: {round} ({count} members)",
                              proposal.members).format(round=purpose_label(proposal.purpose),
                                                       count=format_count(proposal.members)))
    return lines or [_("No calls are waiting today.")]


def dues_lines(snapshot: HomeSnapshot) -> list[str]:
    overview = snapshot.dues
    if overview is None:
        return [_("No dues figures yet.")]
    lines = []
    if overview.paid_rate is not None:
        line = _("{share} of the members have paid for this year.").format(
            share=percent_text(overview.paid_rate))
        if overview.paid_rate_last_year is not None:
            line += " " + _("Same day last year: {share}.").format(
                share=percent_text(overview.paid_rate_last_year))
        lines.append(line)
    if overview.next is not None:
        lines.append(_("Next: {event}").format(
            event=next_event_sentence(overview.next, snapshot.day)))
    return lines or [_("Nothing is due in the dues year right now.")]


def welcome_lines(snapshot: HomeSnapshot) -> list[str]:
    if not snapshot.new_members:
        return [_("No new members right now: the checklist starts when someone joins.")]
    lines = [ngettext("{count} new member in the welcome period.",
                      "{count} new members in the welcome period.",
                      snapshot.new_members).format(count=format_count(snapshot.new_members))]
    late = snapshot.late_welcome
    if not late:
        lines.append(_("Every welcome step is on time."))
        return lines
    lines.append(ngettext("{count} of them has a step past its date:",
                          "{count} of them have steps past their date:",
                          len(late)).format(count=format_count(len(late))))
    for item in late[:5]:
        lines.append("  • " + ngettext("{name} (joined {date}): {count} step late",
                                       "{name} (joined {date}): {count} steps late",
                                       item.overdue).format(
            name=item.name, date=format_date(item.joined_on), count=item.overdue))
    if len(late) > 5:
        lines.append("  " + _("and {count} more").format(count=format_count(len(late) - 5)))
    return lines


def activity_lines(snapshot: HomeSnapshot) -> list[str]:
    lines = []
    for item in snapshot.week:
        when = format_date(item.on_date, "EEE d MMM")
        if item.starts_at is not None:
            when += " " + item.starts_at.strftime("%H:%M")
        place = f", {item.place}" if item.place else ""
        lines.append(ngettext("{when}: {title}{place} — {count} signed up",
                              "{when}: {title}{place} — {count} signed up",
                              item.signed_up).format(when=when, title=item.title, place=place,
                                                     count=format_count(item.signed_up)))
    if snapshot.reminders_today:
        lines.append(ngettext("{count} member to remind today of tomorrow's activity.",
                              "{count} members to remind today of tomorrow's activity.",
                              snapshot.reminders_today).format(
            count=format_count(snapshot.reminders_today)))
    return lines or [_("Nothing is planned for the next seven days.")]


def indicator_lines(snapshot: HomeSnapshot) -> list[str]:
    head = snapshot.headline
    if head is None or not (head.members or head.joined or head.left):
        return [_("The figures appear once the register has members.")]
    net = head.joined - head.left
    return [
        ngettext("{count} member today.", "{count} members today.", head.members).format(
            count=format_count(head.members)),
        _("Since {date}: {joined} joined, {left} left ({net}).").format(
            date=format_date(head.since, "d MMMM"), joined=format_count(head.joined),
            left=format_count(head.left), net=f"{net:+d}"),
    ]
