"""The view the app opens on: what needs doing today, each part one click from its page.

Cards, not charts: a volunteer opening the laptop wants to know whom to phone, who is
waiting for a welcome, what the dues year does next and what is on this week.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from functools import partial
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


@dataclass(frozen=True, slots=True)
class CardContent:
    """What one card shows: a headline figure, lines of text, and links that each open
    their own place (a calling queue, an activity)."""

    lines: list[str]
    figure: str = ""
    caption: str = ""
    links: list[tuple[str, Callable[[], None]]] = dataclass_field(default_factory=list)


#: links a card shows at most (a calls card with more queues says "and N more")
MAX_LINKS = 6


class HomeCard(QFrame):
    """A titled card: a big figure, a few lines, links, and a button to its view."""

    def __init__(self, key: str, title: str, button_text: str,
                 open_page: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("homeCard")
        self.setProperty("card", True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        figure_row = QHBoxLayout()
        figure_row.setSpacing(10)
        self.figure = QLabel()
        big = QFont(self.figure.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.figure.setFont(big)
        self.figure.setProperty("tone", "accent")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        figure_row.addWidget(self.figure, 0, Qt.AlignmentFlag.AlignBottom)
        figure_row.addWidget(self.caption, 1)
        layout.addLayout(figure_row)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        # A fixed set of links made before the button, so that Tab reaches them first.
        self._pool: list[QPushButton] = []
        self._actions: list[Callable[[], None]] = []
        for i in range(MAX_LINKS):
            link = QPushButton()
            link.setProperty("link", True)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.setAutoDefault(True)  # Enter follows the link
            link.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            link.clicked.connect(partial(self._follow, i))
            link.hide()
            layout.addWidget(link)
            self._pool.append(link)
        self.links: list[QPushButton] = []
        self.more = QLabel()
        layout.addWidget(self.more)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton(button_text)
        self.button.setAccessibleName(button_text)
        # Enter opens the view too (outside a dialog a button only knows Space).
        self.button.setAutoDefault(True)
        self.button.clicked.connect(lambda: open_page(key))
        row.addWidget(self.button)
        layout.addLayout(row)
        self._show_figure(False)

    def _show_figure(self, shown: bool) -> None:
        self.figure.setVisible(shown)
        self.caption.setVisible(shown)

    def set_lines(self, lines: list[str]) -> None:
        self.set_content(CardContent(lines))

    def set_content(self, content: CardContent) -> None:
        self.figure.setText(content.figure)
        self.caption.setText(content.caption)
        self._show_figure(bool(content.figure))
        self.body.setText("\n".join(content.lines))
        self.body.setVisible(bool(content.lines))
        shown = content.links[:MAX_LINKS]
        self._actions = [action for _text, action in shown]
        for i, link in enumerate(self._pool):
            if i < len(shown):
                link.setText(shown[i][0])
                link.setAccessibleName(shown[i][0])
            link.setVisible(i < len(shown))
        self.links = self._pool[:len(shown)]
        hidden = len(content.links) - len(shown)
        self.more.setText(_("and {count} more").format(count=format_count(hidden))
                          if hidden else "")
        self.more.setVisible(bool(hidden))
        self.setAccessibleDescription(self.text())

    def _follow(self, index: int) -> None:
        if index < len(self._actions):
            self._actions[index]()

    def text(self) -> str:
        """Everything the card says, for screen readers and tests."""
        parts = [f"{self.figure.text()} {self.caption.text()}".strip()] \
            if self.figure.isVisibleTo(self) else []
        parts += [self.body.text()] if self.body.text() else []
        parts += [link.text() for link in self.links]
        return "\n".join(parts)


class HomePage(SnapshotLoading, QWidget):
    """Today's calls, welcome steps, the dues year, this week's activities, the figures."""

    #: the page to open: calls, dues, welcome, activities, indicators
    open_page = Signal(str)
    #: the calls due: a round (id) and its caller's name, for the calls view to open on
    open_round = Signal(int, str)
    #: a snapshot was shown (tests wait for it)
    loaded = Signal()
    #: the empty register's way in: add the first member, or import the list kept today
    add_member = Signal()
    import_list = Signal()

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
        # No Tab stop of its own (it shows none): Tab goes to the cards' buttons, and the
        # area scrolls to the one with the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
        layout.addWidget(self._build_start_card())
        grid = QGridLayout()
        grid.setSpacing(14)
        emit = self.open_page.emit
        self.cards: dict[str, HomeCard] = {
            "calls": HomeCard("calls", _("Calls to make"), _("Open calls"), self._open_calls),
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

    def _open_calls(self, key: str) -> None:
        """The calls view on the first queue with members left to call, else as it is."""
        work = self.snapshot.calls if self.snapshot is not None else []
        if work:
            self.open_round.emit(work[0].round_id, work[0].caller)
        else:
            self.open_page.emit(key)

    def set_available(self, keys: set[str]) -> None:
        """Hide the cards of pages this window does not have."""
        for key, card in self.cards.items():
            card.setVisible(key in keys)

    # -- showing ---------------------------------------------------------------------------

    def _build_start_card(self) -> QFrame:
        """Shown while the register is empty: the two ways a new association begins."""
        self.start_card = QFrame()
        self.start_card.setProperty("panel", True)
        box = QVBoxLayout(self.start_card)
        box.setContentsMargins(18, 14, 18, 14)
        title = QLabel(_("Your register is empty"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        text = QLabel(_("Add your first member by hand, or bring in the list you keep today: "
                        "an Excel or CSV file. Nothing in the file is changed, and you see "
                        "every row before anything is saved."))
        text.setWordWrap(True)
        box.addWidget(text)
        row = QHBoxLayout()
        self.import_button = QPushButton(_("Import your list…"))
        self.import_button.setAutoDefault(True)
        self.import_button.clicked.connect(self.import_list.emit)
        self.add_button = QPushButton(_("Add a member…"))
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self.add_member.emit)
        row.addWidget(self.import_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        box.addLayout(row)
        self.start_card.hide()
        return self.start_card

    def show_snapshot(self, snapshot: HomeSnapshot) -> None:
        self.snapshot = snapshot
        self.heading.setText(snapshot.association)
        head = snapshot.headline
        self.start_card.setVisible(head is not None and not head.members
                                   and not (head.joined or head.left))
        self.subheading.setText(_("Today is {date}.").format(
            date=format_date(snapshot.day, "full")))
        self.cards["calls"].set_content(self.calls_content(snapshot))
        self.cards["dues"].set_content(dues_content(snapshot))
        self.cards["welcome"].set_content(welcome_content(snapshot))
        self.cards["activities"].set_content(self.activity_content(snapshot))
        self.cards["indicators"].set_content(indicator_content(snapshot))
        self.loaded.emit()

    def calls_content(self, snapshot: HomeSnapshot) -> CardContent:
        """One link per caller's queue: the volunteer goes straight to their own list."""
        links: list[tuple[str, Callable[[], None]]] = []
        for work in snapshot.calls:
            title = work.title or purpose_label(work.purpose)
            who = work.caller or _("no caller yet")
            text = ngettext("{round} — {caller}: {count} member left to call",
                            "{round} — {caller}: {count} members left to call",
                            work.left).format(round=title, caller=who,
                                              count=format_count(work.left))
            links.append((text, partial(self.open_round.emit, work.round_id, work.caller)))
        for proposal in snapshot.proposals:
            text = ngettext("Time to start: {round} ({count} member)",
                            "Time to start: {round} ({count} members)",
                            proposal.members).format(round=purpose_label(proposal.purpose),
                                                     count=format_count(proposal.members))
            links.append((text, partial(self.open_page.emit, "calls")))
        if not links:
            return CardContent([_("No calls are waiting today.")])
        left = sum(work.left for work in snapshot.calls)
        if not left:
            return CardContent([], links=links)
        return CardContent([], figure=format_count(left),
                           caption=ngettext("member to call in the rounds under way",
                                            "members to call in the rounds under way", left),
                           links=links)

    def activity_content(self, snapshot: HomeSnapshot) -> CardContent:
        links = [(activity_line(item), partial(self.open_page.emit, "activities"))
                 for item in snapshot.week]
        lines = []
        if snapshot.reminders_today:
            lines.append(ngettext("{count} member to remind today of tomorrow's activity.",
                                  "{count} members to remind today of tomorrow's activity.",
                                  snapshot.reminders_today).format(
                count=format_count(snapshot.reminders_today)))
        if not links and not lines:
            lines = [_("Nothing is planned for the next seven days.")]
        return CardContent(lines, links=links)


def dues_content(snapshot: HomeSnapshot) -> CardContent:
    overview = snapshot.dues
    if overview is None:
        return CardContent([_("No dues figures yet.")])
    lines = []
    figure = caption = ""
    if overview.paid_rate is not None:
        figure = percent_text(overview.paid_rate)
        caption = _("of the members have paid for this year")
        if overview.paid_rate_last_year is not None:
            lines.append(_("Same day last year: {share}.").format(
                share=percent_text(overview.paid_rate_last_year)))
    if overview.next is not None:
        lines.append(_("Next: {event}").format(
            event=next_event_sentence(overview.next, snapshot.day)))
    if not figure and not lines:
        lines = [_("Nothing is due in the dues year right now.")]
    return CardContent(lines, figure=figure, caption=caption)


def welcome_content(snapshot: HomeSnapshot) -> CardContent:
    if not snapshot.new_members:
        return CardContent(
            [_("No new members right now: the checklist starts when someone joins.")])
    figure = format_count(snapshot.new_members)
    caption = ngettext("new member in the welcome period", "new members in the welcome period",
                       snapshot.new_members)
    late = snapshot.late_welcome
    if not late:
        return CardContent([_("Every welcome step is on time.")], figure, caption)
    lines = [ngettext("{count} of them has a step past its date:",
                      "{count} of them have steps past their date:",
                      len(late)).format(count=format_count(len(late)))]
    for item in late[:5]:
        lines.append("  • " + ngettext("{name} (joined {date}): {count} step late",
                                       "{name} (joined {date}): {count} steps late",
                                       item.overdue).format(
            name=item.name, date=format_date(item.joined_on), count=item.overdue))
    if len(late) > 5:
        lines.append("  " + _("and {count} more").format(count=format_count(len(late) - 5)))
    return CardContent(lines, figure, caption)


def activity_line(item) -> str:
    when = format_date(item.on_date, "EEE d MMM")
    if item.starts_at is not None:
        when += " " + item.starts_at.strftime("%H:%M")
    place = f", {item.place}" if item.place else ""
    return ngettext("{when}: {title}{place} — {count} signed up",
                    "{when}: {title}{place} — {count} signed up",
                    item.signed_up).format(when=when, title=item.title, place=place,
                                           count=format_count(item.signed_up))


def indicator_content(snapshot: HomeSnapshot) -> CardContent:
    head = snapshot.headline
    if head is None or not (head.members or head.joined or head.left):
        return CardContent([_("The figures appear once the register has members.")])
    net = head.joined - head.left
    return CardContent(
        [_("Since {date}: {joined} joined, {left} left ({net}).").format(
            date=format_date(head.since, "d MMMM"), joined=format_count(head.joined),
            left=format_count(head.left), net=f"{net:+d}")],
        figure=format_count(head.members),
        caption=ngettext("member today", "members today", head.members))
