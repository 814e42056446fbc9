"""An open association file and the services over it: the composition root without Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from medlemsvard_app.domain.dues_calendar import starting_calendar
from medlemsvard_app.domain.models import Association, Country
from medlemsvard_app.storage import errors
from medlemsvard_app.storage.association import AssociationRepository
from medlemsvard_app.storage.database import Database, open_database
from medlemsvard_app.storage.dues import DuesRepository
from medlemsvard_app.storage.members import MemberRepository
from medlemsvard_app.storage.transaction import transaction

TodayFn = Callable[[], date]


@dataclass
class Session:
    path: Path
    db: Database
    today: TodayFn = field(default=date.today)

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

    def register(self):  # -> RegisterService (import here avoids a cycle)
        from medlemsvard_app.services.register import RegisterService

        return RegisterService(self)

    def close(self) -> None:
        self.db.close()


def open_session(path: str | Path, today: TodayFn = date.today) -> Session:
    """Open an existing association file (migrating it forward after a backup)."""
    db = open_database(path)
    repo = AssociationRepository(db)
    if not repo.exists():
        db.close()
        raise errors.NotADatabase(str(path), "no association")
    return Session(Path(path), db, today)


def create_session(path: str | Path, name: str, country: str = "SE", language: str = "sv",
                   today: TodayFn = date.today, *, replace: bool = False) -> Session:
    """Create a new, empty association file; refuses to overwrite an existing one."""
    p = Path(path)
    if str(path) != ":memory:" and p.exists() and p.stat().st_size > 0:
        if not replace:
            raise errors.AlreadyExists(str(path))
        p.unlink()
        for suffix in ("-wal", "-shm"):
            extra = p.with_name(p.name + suffix)
            if extra.exists():
                extra.unlink()
    db = open_database(path, create=True)
    AssociationRepository(db).save(Association(name=name.strip(), country=Country(country),
                                               language=language))
    # A new association follows dues from the first year it can, with its country's
    # defaults (the settings say which year; the dues view says so too).
    DuesRepository(db).save_calendar_settings(starting_calendar(country, today()).to_dict())
    return Session(p, db, today)
