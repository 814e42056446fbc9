"""``medlemsvard activities add|list|attend|sign-up|export-ics`` as a script uses them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.domain.models import Member
from medlemsvard_app.services.session import open_session


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "F"]) == 0
    session = open_session(path)
    try:
        register = session.register()
        for i in range(1, 4):
            register.save(Member(given_name=f"P{i}", family_name="Test", member_number=i,
                                 joined_on=date(2020, 1, 1)))
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _usage(capsys, db, *argv) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--language", "en", "--db", str(db), *argv])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def _add(capsys, db, *extra) -> int:
    code, out, err = _run(capsys, db, "activities", "add", *extra)
    assert code == 0, err
    return int(out.strip())


def test_add_and_list_as_json(capsys, db):
    first = _add(capsys, db, "--title", "Höstmöte", "--date", "2026-12-03", "--start", "18:30",
                 "--end", "20", "--kind", "meeting", "--place", "ABF")
    _add(capsys, db, "--title", "Cirkel", "--date", "2026-11-01", "--kind", "Study circle")
    _add(capsys, db, "--title", "Soppa", "--date", "2026-12-10", "--kind", "Soppkök")
    code, out, _err = _run(capsys, db, "activities", "list", "--date", "2026-11-25", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["title"] for r in rows] == ["Höstmöte", "Soppa"]
    assert rows[0] == {"id": first, "title": "Höstmöte", "kind": "meeting", "date": "2026-12-03",
                       "starts_at": "18:30", "ends_at": "20:00", "place": "ABF", "purpose": "",
                       "target_group": "", "responsible": "", "cancelled": False, "guests": 0,
                       "signed_up": 0, "came": 0, "evaluated": False}
    assert rows[1]["kind"] == "Soppkök"
    code, out, _err = _run(capsys, db, "activities", "list", "--date", "2026-11-25", "--past",
                           "--json")
    assert [(r["title"], r["kind"]) for r in json.loads(out)] == [("Cirkel", "study_circle")]


def test_add_refuses_bad_input(capsys, db):
    code, _out, err = _run(capsys, db, "activities", "add", "--title", " ", "--date",
                           "2026-12-03")
    assert code == 1 and "title" in err
    code, _out, err = _run(capsys, db, "activities", "add", "--title", "X", "--date",
                           "2026-12-03", "--start", "25:00")
    assert code == 1 and "not a time" in err
    _usage(capsys, db, "activities", "add", "--title", "X", "--date", "nope")


def test_attend_by_date_with_first_timers(capsys, db):
    earlier = _add(capsys, db, "--title", "Fest", "--date", "2026-06-13")
    code, out, err = _run(capsys, db, "activities", "attend", "1", "--date", "2026-06-13",
                          "--json")
    assert code == 0 and json.loads(out) == {"activity_id": earlier, "date": "2026-06-13",
                                             "came": 1, "guests": 0, "first_timers": [1]}
    meeting = _add(capsys, db, "--title", "Möte", "--date", "2026-11-24")
    code, out, err = _run(capsys, db, "activities", "attend", "1", "2,3", "--date",
                          "2026-11-24", "--guests", "2", "--json")
    assert code == 0, err
    assert json.loads(out) == {"activity_id": meeting, "date": "2026-11-24", "came": 3,
                               "guests": 2, "first_timers": [2, 3]}
    assert "First activity for: 2, 3" in err


def test_attend_refuses_unknown_members_and_ambiguous_days(capsys, db):
    _add(capsys, db, "--title", "A", "--date", "2026-11-24")
    code, _out, err = _run(capsys, db, "activities", "attend", "1", "99", "--date",
                           "2026-11-24")
    assert code == 1 and "99" in err and "nothing was recorded" in err
    code, out, _err = _run(capsys, db, "activities", "list", "--all", "--json")
    assert json.loads(out)[0]["came"] == 0
    code, _out, err = _run(capsys, db, "activities", "attend", "1", "--date", "2026-11-27")
    assert code == 1 and "no activity" in err
    second = _add(capsys, db, "--title", "B", "--date", "2026-11-24")
    code, _out, err = _run(capsys, db, "activities", "attend", "1", "--date", "2026-11-24")
    assert code == 1 and "several" in err
    code, _out, err = _run(capsys, db, "activities", "attend", "1", "--activity", str(second))
    assert code == 0, err
    code, _out, err = _run(capsys, db, "activities", "attend", "1", "--activity", "999")
    assert code == 1 and "999" in err
    _usage(capsys, db, "activities", "attend", "--date", "2026-11-24")


def test_sign_up_and_export_ics(capsys, db, tmp_path):
    meeting = _add(capsys, db, "--title", "Möte", "--date", "2026-12-03", "--start", "18")
    code, _out, err = _run(capsys, db, "activities", "sign-up", "1", "2", "--activity",
                           str(meeting))
    assert code == 0 and "2 members" in err
    session = open_session(db)
    try:
        vias = {p.via.value for p in session.activities().repo.people(meeting)}
    finally:
        session.close()
    assert vias == {"cli"}
    out_file = tmp_path / "a.ics"
    code, _out, err = _run(capsys, db, "activities", "export-ics", "--out", str(out_file),
                           "--date", "2026-11-25")
    assert code == 0 and "1 activity" in err
    assert b"SUMMARY:M\xc3\xb6te\r\n" in out_file.read_bytes()
    code, _out, err = _run(capsys, db, "activities", "export-ics", "--out", str(out_file))
    assert code == 1 and "--yes" in err
    code, _out, err = _run(capsys, db, "activities", "export-ics", "--out", str(out_file),
                           "--activity", str(meeting), "--yes")
    assert code == 0


def test_list_as_of_a_day_leaves_out_later_sign_ups(capsys, db):
    meeting = _add(capsys, db, "--title", "Möte", "--date", "2026-12-03")
    session = open_session(db)
    try:
        service = session.activities()
        member = session.register().get_by_number(1)
        service.sign_up(meeting, member.id, day=date(2026, 11, 20))
    finally:
        session.close()
    code, out, _err = _run(capsys, db, "activities", "list", "--date", "2026-11-19", "--json")
    assert code == 0 and json.loads(out)[0]["signed_up"] == 0
    code, out, _err = _run(capsys, db, "activities", "list", "--date", "2026-11-20", "--json")
    assert json.loads(out)[0]["signed_up"] == 1


def test_reminders_for_tomorrow_and_marking_them(capsys, db):
    meeting = _add(capsys, db, "--title", "Möte", "--date", "2026-11-26")
    code, _out, _err = _run(capsys, db, "activities", "sign-up", "1", "3", "--activity",
                            str(meeting))
    assert code == 0
    code, out, _err = _run(capsys, db, "activities", "reminders", "--date", "2026-11-25",
                           "--json")
    assert code == 0
    assert [(r["member_number"], r["name"], r["activity_id"]) for r in json.loads(out)] == [
        (1, "P1 Test", meeting), (3, "P3 Test", meeting)]
    code, _out, err = _run(capsys, db, "activities", "reminders", "--date", "2026-11-25",
                           "--mark")
    assert code == 0 and "2 members" in err
    code, out, _err = _run(capsys, db, "activities", "reminders", "--date", "2026-11-25",
                           "--json")
    assert json.loads(out) == []
