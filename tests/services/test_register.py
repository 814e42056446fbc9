"""Register use cases over a real file."""

from datetime import date

from medlemsvard_app.domain.models import LeaveReason
from tests.conftest import add_members


def test_rejoining_starts_a_new_membership_and_keeps_the_old_one_on_record(session):
    [eva] = add_members(session, {"given_name": "Eva", "family_name": "Lind",
                                  "joined_on": date(2015, 1, 1)})
    register = session.register()
    register.leave(eva.id, date(2018, 3, 1), LeaveReason.MOVED, "Flyttade")
    register.rejoin(eva.id, date(2026, 9, 1))
    back = register.get(eva.id)
    assert (back.status.value, back.joined_on, back.left_on) == ("member", date(2026, 9, 1), None)
    assert register.search_ids(filters=["current"], today=date(2020, 1, 1)) == []
    assert register.search_ids(filters=["new"], today=date(2026, 11, 25)) == [eva.id]
    logged = session.db.execute(
        "SELECT detail FROM audit_log WHERE action = 'rejoin'").fetchone()[0]
    assert "2015-01-01..2018-03-01 moved" in logged
