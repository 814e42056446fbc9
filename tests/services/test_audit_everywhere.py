"""Every service writes the audit log through services.audit.record: each entry carries the
user's name, and its detail holds counts and codes, never a person's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medlemsvard_app.domain.activities import Activity
from medlemsvard_app.domain.calls import RoundPurpose
from medlemsvard_app.domain.projection import Goal, GoalMetric
from medlemsvard_app.services import audit
from tests.conftest import add_members

SERVICES = Path(__file__).resolve().parents[2] / "medlemsvard_app" / "services"


def test_no_service_writes_the_log_around_audit_record():
    offenders = [p.name for p in SERVICES.glob("*.py")
                 if "association_repo.log(" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_entries_carry_the_user_name_and_no_names(session, tmp_path):
    session.user_name = "Kassören Kim"
    people = add_members(session, {"given_name": "Greta", "family_name": "Garbosson",
                                   "member_number": 7, "joined_on": date(2026, 11, 1),
                                   "phone": "0701234567"})
    calls = session.calls()
    caller = calls.add_caller("Åsa Ringer").id
    calls.start(RoundPurpose.NEW_MEMBERS, [caller], member_ids=[people[0].id])
    activities = session.activities()
    meeting = activities.save(Activity("Höstmöte", date(2026, 12, 3)))
    activities.export_ics(tmp_path / "a.ics")
    activities.delete(meeting.id)
    indicators = session.indicators()
    goal, _changes = indicators.save_goal(Goal(GoalMetric.MEMBERS, 10, date(2026, 12, 31)))
    indicators.delete_goal(goal.id)
    indicators.board_report(2025)
    session.dues().record_payment(people[0].id, 36000, date(2026, 11, 20))

    wanted = {"call_round", "activities_ics", "activity_deleted", "goal", "goal_deleted",
              "print", "payment"}
    found = {e.action: e for e in audit.entries(session) if e.action in wanted}
    assert set(found) == wanted
    for entry in found.values():
        assert entry.user_name == "Kassören Kim", entry.action
        for word in ("Greta", "Garbosson", "Åsa", "Höstmöte"):
            assert word not in entry.detail
    assert found["call_round"].data["members"] == 1
    assert found["activities_ics"].data == {"activities": 1, "file": "a.ics"}
    assert found["print"].data == {"document": "board_report", "year": 2025}
    assert found["payment"].member_number == 7
