"""An open association file and the services over it: the composition root without Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from medlemsvard_app.domain.dues_calendar import starting_calendar
from medlemsvard_app.domain.models import Association, Country
from medlemsvard_app.storage import errors
from medlemsvard_app.storage.association import AssociationRepository
from medlemsvard_app.storage.database import Database, open_database
from medlemsvard_app.storage.dues import DuesRepository
from medlemsvard_app.storage.encryption import (
    held_passphrase,
    hold_passphrase,
    is_encrypted,
    release_passphrase,
)
from medlemsvard_app.storage.members import MemberRepository
from medlemsvard_app.storage.transaction import transaction

if TYPE_CHECKING:
    from medlemsvard_app.services.undo import UndoStep

TodayFn = Callable[[], date]


@dataclass
class Session:
    path: Path
    db: Database
    today: TodayFn = field(default=date.today)
    # Who the audit log names: the app asks once per machine; the CLI uses the login name.
    user_name: str = ""
    # An encrypted file's passphrase, in memory only: backups, the lock screen, re-opening.
    passphrase: str | None = field(default=None, repr=False)
    #: the last edit that Edit → Undo can take back (services/undo.py)
    undo_step: UndoStep | None = field(default=None, repr=False)
    # Why the backup on opening could not be made (None when it was, or was not due).
    backup_problem: Exception | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.association_repo = AssociationRepository(self.db)
        assoc = self.association_repo.get()
        self.members = MemberRepository(self.db, assoc.country.value)

    @property
    def association(self) -> Association:
        return self.association_repo.get()

    def save_association(self, assoc: Association) -> None:
        """Save the settings; a new country re-sorts names in the same transaction."""
        country_changed = assoc.country.value != self.members.country
        with transaction(self.db):
            self.association_repo.save(assoc)
            if country_changed:
                self.members.rekey(assoc.country.value)

    def dues(self):  # -> DuesService
        from medlemsvard_app.services.dues import DuesService

        return DuesService(self)

    def calls(self):  # -> CallService
        from medlemsvard_app.services.calls import CallService

        return CallService(self)

    def letters(self):  # -> LetterService
        from medlemsvard_app.services.letters import LetterService

        return LetterService(self)

    def activities(self):  # -> ActivityService
        from medlemsvard_app.services.activities import ActivityService

        return ActivityService(self)

    def privacy(self):  # -> PrivacyService
        from medlemsvard_app.services.privacy import PrivacyService

        return PrivacyService(self)

    def board(self):  # -> BoardService (SWOT, compass, action plan)
        from medlemsvard_app.services.board_tools import BoardService

        return BoardService(self)

    def welcome(self):  # -> WelcomeService (the new members' checklist)
        from medlemsvard_app.services.welcome import WelcomeService

        return WelcomeService(self)

    def tasks(self):  # -> TaskService (tasks, suggestions, offers)
        from medlemsvard_app.services.tasks import TaskService

        return TaskService(self)

    def indicators(self):  # -> IndicatorService (figures, goals, board report)
        from medlemsvard_app.services.indicators import IndicatorService

        return IndicatorService(self)

    def labels(self):  # -> LabelService (address labels on label sheets)
        from medlemsvard_app.services.labels import LabelService

        return LabelService(self)

    def lists(self):  # -> MemberListService (member lists, phone lists per caller)
        from medlemsvard_app.services.member_lists import MemberListService

        return MemberListService(self)

    def register(self):  # -> RegisterService (import here avoids a cycle)
        from medlemsvard_app.services.register import RegisterService

        return RegisterService(self)

    def close(self) -> None:
        self.db.close()
        if self.passphrase is not None:
            release_passphrase(self.path)
            self.passphrase = None


def open_session(path: str | Path, today: TodayFn = date.today, *,
                 passphrase: str | None = None, daily_backup: bool = False) -> Session:
    """Open an existing association file (migrating it forward after a backup).

    ``passphrase`` opens an encrypted file (PassphraseNeeded / WrongPassphrase otherwise).
    With ``daily_backup`` (the command line, and the window beside its opening) the first
    opening of a day makes a backup (services/backups.py); a failing backup does not stop
    the opening but is kept in ``backup_problem`` for the window to show. Pages re-opening
    the file in the background leave it alone.
    """
    from medlemsvard_app.services import backups

    p = Path(path)
    # A page loading in the background opens the file the window has open: same passphrase.
    passphrase = passphrase or held_passphrase(p)

    def before_migration(db: Database, name: str) -> None:
        backups.backup_db(db, p, "before_migration", encrypted=passphrase is not None)

    db = open_database(path, passphrase=passphrase, before_migration=before_migration)
    repo = AssociationRepository(db)
    if not repo.exists():
        db.close()
        raise errors.NotADatabase(str(path), "no association")
    session = Session(p, db, today, passphrase=passphrase if is_encrypted(p) else None)
    if session.passphrase is not None:
        hold_passphrase(p, session.passphrase)
    if daily_backup:
        try:
            backups.daily_backup(session)
        except (errors.StorageError, OSError) as exc:
            session.backup_problem = exc
    return session


def create_session(path: str | Path, name: str, country: str = "SE", language: str = "sv",
                   today: TodayFn = date.today, *, replace: bool = False,
                   passphrase: str | None = None) -> Session:
    """Create a new, empty association file; refuses to overwrite an existing one.

    With ``passphrase`` the file is encrypted from its first byte.
    """
    p = Path(path)
    if str(path) != ":memory:" and p.exists() and p.stat().st_size > 0:
        if not replace:
            raise errors.AlreadyExists(str(path))
        p.unlink()
        for suffix in ("-wal", "-shm"):
            extra = p.with_name(p.name + suffix)
            if extra.exists():
                extra.unlink()
    db = open_database(path, create=True, passphrase=passphrase)
    AssociationRepository(db).save(Association(name=name.strip(), country=Country(country),
                                               language=language))
    # A new association follows dues from the first year it can, with its country's
    # defaults (the settings say which year; the dues view says so too).
    DuesRepository(db).save_calendar_settings(starting_calendar(country, today()).to_dict())
    if passphrase:
        hold_passphrase(p, passphrase)
    return Session(p, db, today, passphrase=passphrase or None)
