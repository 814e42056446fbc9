"""Undo for the last edit of a member, a payment or a call log entry (issue 10).

One step, not a history: volunteers want "oops, not that one" right after a click, and a
single step can be checked safely. A step is undone only while the thing it changed is
still as the edit left it; anything later in between and the step refuses, so undo never
throws away someone else's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.i18n import N_
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.services.changes import Changes

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session


register_messages({
    "undo_nothing": N_("There is nothing to undo."),
    "undo_stale": N_("That change cannot be undone: it has been changed again since."),
})


@dataclass(frozen=True, slots=True)
class UndoStep:
    #: what the Edit menu says, e.g. "Undo the edit of Anna Lind"
    label: str
    #: True while the change is still in place (nothing has touched it since)
    still_current: Callable[[], bool]
    revert: Callable[[], Changes]


def remember(session: Session, step: UndoStep) -> None:
    session.undo_step = step


def forget(session: Session) -> None:
    session.undo_step = None


def undo_last(session: Session) -> Changes:
    """Revert the last remembered edit; DomainError ``undo_stale`` if it changed since."""
    step = session.undo_step
    if step is None:
        raise DomainError("undo_nothing")
    session.undo_step = None
    if not step.still_current():
        raise DomainError("undo_stale")
    return step.revert()
