"""``medlemsvard welcome``: each new member's steps with the state codes of DESIGN §7."""

from __future__ import annotations

import json
from datetime import date

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.welcome import Mark
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.mailings import Mailing, MailingRepository

DAY = date(2026, 11, 25)


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "F"]) == 0
    session = open_session(path, today=lambda: DAY)
    try:
        register = session.register()
        new, _c = register.save(Member(given_name="Åsa", family_name="Nyström", member_number=7,
                                       joined_on=date(2026, 11, 1)))
        register.save(Member(given_name="Old", family_name="Timer", member_number=8,
                             joined_on=date(2019, 5, 1)))
        MailingRepository(session.db).record(Mailing("letter", date(2026, 11, 4), "welcome"),
                                             [new.id])
        session.welcome().mark(new.id, "coffee", Mark.SKIPPED, date(2026, 11, 20),
                               "Abroad until spring")
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_json_lists_each_new_members_steps(capsys, db):
    code, out, _err = _run(capsys, db, "welcome", "--date", "2026-11-25", "--json")
    assert code == 0
    data = json.loads(out)
    assert [m["member_number"] for m in data] == [7]
    member = data[0]
    assert member["given_name"] == "Åsa" and member["joined_on"] == "2026-11-01"
    assert member["mentor"] is None
    steps = {s["step"]: s for s in member["steps"]}
    assert steps["letter"] == {"step": "letter", "title": "Welcome letter sent",
                               "state": "done", "due_on": "2026-11-08",
                               "done_on": "2026-11-04", "how": "letter", "note": ""}
    assert steps["call"]["state"] == "overdue"
    assert steps["mentor"]["state"] == "due"
    assert steps["first_activity"]["state"] == "not_yet"
    assert steps["coffee"]["state"] == "skipped"
    assert steps["coffee"]["how"] == "marked"
    assert steps["coffee"]["note"] == "Abroad until spring"
    assert {s["state"] for s in member["steps"]} <= {"done", "due", "overdue", "not_yet",
                                                     "skipped"}


def test_as_of_an_earlier_day(capsys, db):
    code, out, _err = _run(capsys, db, "welcome", "--date", "2026-11-03", "--json")
    assert code == 0
    steps = {s["step"]: s["state"] for s in json.loads(out)[0]["steps"]}
    assert steps["letter"] == "due"  # printed on the 4th: not yet seen
    assert steps["coffee"] == "not_yet"  # skipped on the 20th


def test_text_output_and_filters(capsys, db):
    code, out, _err = _run(capsys, db, "welcome", "--date", "2026-11-25")
    assert code == 0
    assert "Åsa Nyström" in out and "Overdue" in out and "Old Timer" not in out
    assert "overdue" not in out and "not_yet" not in out  # words, not codes
    code, out, _err = _run(capsys, db, "welcome", "--date", "2026-11-25", "--overdue", "--json")
    assert [m["member_number"] for m in json.loads(out)] == [7]
    code, _out, err = _run(capsys, db, "welcome", "--date", "2026-11-25", "--member", "8")
    assert code == 1 and "not a new member" in err
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "welcome", "--date", "2026-13-01"])
    assert exc.value.code == 2


def test_imported_members_who_joined_lately_get_the_checklist(capsys, tmp_path):
    path = tmp_path / "i.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "I"]) == 0
    source = tmp_path / "in.csv"
    source.write_text("Förnamn;Efternamn;Inträdesdatum\nNy;Medlem;2026-10-20\n"
                      "Gammal;Medlem;2025-01-10\n", encoding="utf-8")
    code, _out, err = _run(capsys, path, "import", str(source))
    assert code == 0, err
    code, out, _err = _run(capsys, path, "welcome", "--date", "2026-11-25", "--json")
    assert [m["given_name"] for m in json.loads(out)] == ["Ny"]
