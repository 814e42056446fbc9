"""The demo's newest members have realistic welcome progress, the same for the same seed."""

from __future__ import annotations

from medlemsvard_app.domain.welcome import Fact, StepState
from medlemsvard_app.services.demo import create_demo
from tests.conftest import TODAY


def _progress(path):
    session = create_demo(path, members=1500, country="SE", seed=3, today=TODAY)
    try:
        overview = session.welcome().overview(TODAY)
        tasks = session.tasks().tasks()
        offers = [o for t in tasks for o in session.tasks().offers_for_task(t.id)]
        return overview, tasks, offers
    finally:
        session.close()


def test_the_demo_has_welcome_progress(tmp_path):
    overview, tasks, offers = _progress(tmp_path / "a.sqlite")
    rows = overview.rows
    assert len(rows) >= 20
    states = [s for r in rows for s in r.steps]
    by_state = {st: sum(1 for s in states if s.state is st) for st in StepState}
    assert by_state[StepState.DONE] > 0 and by_state[StepState.OVERDUE] > 0
    assert by_state[StepState.SKIPPED] >= 1 and by_state[StepState.NOT_YET] > 0
    done_by = {s.evidence.fact for s in states
               if s.state is StepState.DONE and s.evidence is not None}
    assert {Fact.LETTER, Fact.CALL, Fact.MENTOR, Fact.TASK} <= done_by
    # Not everyone is done: some new members are behind on letter or call.
    assert any(r.state("letter").state is StepState.OVERDUE for r in rows)
    assert sum(1 for r in rows if r.mentor is not None) >= 2
    assert len(tasks) == 5 and len(offers) >= 3
    assert {o.answer.value for o in offers} >= {"accepted"}
    # Older members are not on the checklist.
    assert all((TODAY - r.member.joined_on).days <= 90 for r in rows)


def test_the_same_seed_gives_the_same_progress(tmp_path):
    first = _progress(tmp_path / "a.sqlite")[0]
    second = _progress(tmp_path / "b.sqlite")[0]
    assert [(r.member.id, [(s.step, s.state, s.done_on) for s in r.steps])
            for r in first.rows] == \
        [(r.member.id, [(s.step, s.state, s.done_on) for s in r.steps]) for r in second.rows]
