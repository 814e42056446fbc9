"""Tasks the association needs done, suggestions both ways (members for a task, tasks for a
member) and the offers made with their answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.tasks import (
    Match,
    OfferAnswer,
    Task,
    TaskOffer,
    TaskStatus,
    rank,
    words,
)
from medlemsvard_app.i18n import N_
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.storage.tasks import TaskRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

register_messages({
    "task_untitled": N_("Give the task a title."),
    "task_unknown": N_("There is no task {task}."),
    "offer_before_joined": N_("The offer is dated before the member joined."),
})


class TaskService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = TaskRepository(session.db)

    def today(self) -> date:
        return self.session.today()

    def tasks(self, statuses: tuple[TaskStatus, ...] | None = None) -> list[Task]:
        return self.repo.tasks(statuses)

    def get(self, task_id: int) -> Task:
        task = self.repo.get(task_id)
        if task is None:
            raise DomainError("task_unknown", task=task_id)
        return task

    def save(self, task: Task) -> Task:
        checked = task.check()
        if checked.created_on is None:
            checked.created_on = self.today()
        return self.repo.save(checked)

    def set_status(self, task_id: int, status: TaskStatus) -> Task:
        return self.repo.save(replace(self.get(task_id), status=status))

    def offer_counts(self) -> dict[int, dict[str, int]]:
        return self.repo.offer_counts()

    # -- offers ------------------------------------------------------------------------
    def offer(self, task_id: int, member_id: int, day: date | None = None,
              answer: OfferAnswer = OfferAnswer.THINKING, note: str = "") -> TaskOffer:
        """Record that the task was offered to the member (and what they said, if anything).

        The task's status is the user's to set: a stall may want several people."""
        day = day or self.today()
        task = self.get(task_id)
        member = self.session.members.get(member_id)
        if member is None:
            raise LookupError(member_id)
        if member.joined_on is not None and day < member.joined_on:
            raise DomainError("offer_before_joined")
        answered = None if answer is OfferAnswer.THINKING else day
        del task  # only checked: a task may want several people, so it stays as it is
        return self.repo.save_offer(TaskOffer(task_id, member_id, day, answer, answered,
                                              note.strip()))

    def answer(self, offer: TaskOffer, answer: OfferAnswer, day: date | None = None,
               note: str | None = None) -> TaskOffer:
        """The member's answer to an offer, dated (never before the offer)."""
        day = max(day or self.today(), offer.offered_on)
        updated = replace(offer, answer=answer,
                          answered_on=None if answer is OfferAnswer.THINKING else day,
                          note=offer.note if note is None else note.strip())
        self.repo.save_offer(updated)
        return updated

    def withdraw(self, offer_id: int) -> Changes:
        self.repo.delete_offer(offer_id)
        return Changes()

    def offers_for_task(self, task_id: int) -> list[TaskOffer]:
        return self.repo.offers_for_task(task_id)

    def offers_for_member(self, member_id: int) -> list[TaskOffer]:
        return self.repo.offers_for_member(member_id)

    # -- suggestions -------------------------------------------------------------------
    def suggest_members(self, task_id: int, limit: int = 20, day: date | None = None
                        ) -> list[Match]:
        """Current members whose interests and skills match the task's tags, best first;
        members already offered it are left out.

        Only the member tags that share a word with the task are looked up, so this stays
        quick in a large register."""
        day = day or self.today()
        task = self.get(task_id)
        wanted = words(task.tags) | words([task.title])
        if not wanted:
            return []
        tags = [t for t in self.repo.distinct_tags() if words([t]) & wanted]
        candidates = self.repo.members_with_tags(tags, day)
        offered = {o.member_id for o in self.repo.offers_for_task(task_id)}
        return rank([*task.tags, task.title], candidates.items(), limit, exclude=offered)

    def suggest_tasks(self, member_id: int, limit: int = 10) -> list[Match]:
        """Open tasks matching the member's interests and skills, best first; tasks
        already offered to them are left out."""
        member = self.session.members.get(member_id)
        if member is None:
            return []
        offered = {o.task_id for o in self.repo.offers_for_member(member_id)}
        tasks = [(t.id, [*t.tags, t.title]) for t in self.repo.tasks([TaskStatus.OPEN])
                 if t.id is not None]
        return rank([*member.interests, *member.skills], tasks, limit, exclude=offered)
