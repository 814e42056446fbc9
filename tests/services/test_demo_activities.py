"""The demo's activities: a realistic year, the same for the same seed, a reminder list for
tomorrow, and the newest members at their first activity."""

from __future__ import annotations

from datetime import timedelta

import pytest

from medlemsvard_app.domain.activities import ActivityKind
from medlemsvard_app.services.demo import create_demo
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    session = create_demo(tmp_path_factory.mktemp("d") / "se.sqlite", members=400,
                          country="SE", seed=3, today=TODAY)
    yield session
    session.close()


def _summary(session):
    return [(r.activity.on_date, r.activity.kind, r.activity.title, r.signed_up, r.came)
            for r in session.activities().listing()]


def test_a_year_of_activities_of_the_usual_kinds(demo):
    rows = demo.activities().listing()
    kinds = {r.activity.kind for r in rows}
    assert {ActivityKind.MEETING, ActivityKind.STUDY_CIRCLE, ActivityKind.PARTY,
            ActivityKind.STALL, ActivityKind.NEW_MEMBER_MEETING} <= kinds
    past = [r for r in rows if r.activity.on_date < TODAY]
    assert len(past) >= 15
    assert all(r.activity.on_date > TODAY - timedelta(days=366) for r in past)
    assert all(r.came > 0 for r in past)
    assert sum(r.evaluated for r in past) >= len(past) * 0.6
    assert all(r.came == 0 for r in rows if r.activity.on_date > TODAY)


def test_tomorrow_has_people_to_remind_and_sign_ups_came_from_calls(demo):
    reminders = demo.activities().reminders(TODAY)
    assert reminders and all(r.activity.on_date == TODAY + timedelta(days=1) for r in reminders)
    vias = {v for (v,) in demo.db.execute(
        "SELECT DISTINCT signed_up_via FROM activity_people").fetchall()}
    assert {"list", "call"} <= vias
    linked = demo.db.execute("SELECT count(*) FROM activity_people WHERE signed_up_via = 'call' "
                             "AND contact_id IS NOT NULL").fetchone()[0]
    assert linked > 0


def test_the_newest_members_came_to_their_first_activity(demo):
    service = demo.activities()
    newest = [m for m in demo.register().members(demo.register().search_ids("", ["current"]))
              if m.joined_on and m.joined_on > TODAY - timedelta(days=60)]
    first = service.first_attended([m.id for m in newest])
    assert first, "some new members came to a new-member meeting"
    latest = [r.activity for r in service.past(TODAY)
              if r.activity.kind == ActivityKind.NEW_MEMBER_MEETING][0]
    assert service.first_timers(latest.id)


def test_the_same_seed_gives_the_same_activities(demo, tmp_path):
    again = create_demo(tmp_path / "again.sqlite", members=400, country="SE", seed=3,
                        today=TODAY)
    try:
        assert _summary(again) == _summary(demo)
    finally:
        again.close()
