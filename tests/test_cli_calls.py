"""``medlemsvard calls plan|start|log`` as a script uses them."""

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
        for i, joined in enumerate((date(2020, 1, 1), date(2020, 1, 1),
                                    date.today()), start=1):
            register.save(Member(given_name=f"P{i}", family_name="Test", joined_on=joined,
                                 phone=f"070123456{i}"))
        session.calls().add_caller("Karin")
        session.calls().add_caller("Lars")
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_plan_start_and_log(capsys, db):
    code, out, _err = _run(capsys, db, "calls", "plan", "--json")
    assert code == 0
    plan = {p["purpose"]: p for p in json.loads(out)}
    assert plan["new_members"]["size"] == 1 and plan["new_members"]["member_numbers"] == [3]
    assert set(plan) >= {"new_members", "former_members"}
    code, out, err = _run(capsys, db, "calls", "start", "--purpose", "new_members",
                          "--callers", "Karin")
    assert code == 0 and out.strip().isdigit() and "with 1 member" in err
    round_id = int(out)
    code, _out, err = _run(capsys, db, "calls", "log", "--member", "3", "--outcome", "reached",
                           "--mood", "positive", "--satisfaction", "5", "--note", "Glad")
    assert code == 0 and "Recorded the call with P3 Test" in err
    session = open_session(db)
    try:
        [contact] = session.calls().contacts(3)
    finally:
        session.close()
    assert (contact.outcome.value, contact.satisfaction, contact.round_id) == (
        "reached", 5, round_id)


def test_campaign_round_from_a_filter_and_bad_input(capsys, db):
    code, out, _err = _run(capsys, db, "calls", "start", "--purpose", "campaign",
                           "--filter", "current")
    assert code == 0
    code, _out, err = _run(capsys, db, "calls", "start", "--purpose", "invoice_all",
                           "--callers", "Nobody")
    assert code == 1 and "no caller called" in err
    code, _out, err = _run(capsys, db, "calls", "log", "--member", "99", "--outcome", "reached")
    assert code == 1 and "No member has the number 99" in err
    with pytest.raises(SystemExit) as info:
        main(["--language", "en", "--db", str(db), "calls", "log", "--member", "1",
              "--outcome", "maybe"])
    assert info.value.code == 2
