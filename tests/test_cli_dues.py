"""``medlemsvard pay``, ``dues`` and ``strike-off`` as a script or a person uses them."""

from __future__ import annotations

import builtins
import io
import json
import sys
from datetime import date

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.domain.dues_calendar import with_changes
from medlemsvard_app.domain.dues_state import DuesState
from medlemsvard_app.domain.models import Member
from medlemsvard_app.services.session import open_session

DAY = date(2026, 11, 25)
ALL_STATES = {s.value for s in DuesState}


@pytest.fixture
def db(tmp_path, capsys):
    """Three members joined in 2020 (numbers 1-3) and one joined in November 2026 (4);
    dues tracked from 2025, so an unpaid 2025 counts."""
    path = tmp_path / "forening.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen",
                 "--country", "SE"]) == 0
    session = open_session(path, lambda: DAY)
    try:
        register = session.register()
        for given, family, joined in (("Anna", "Berg", date(2020, 1, 1)),
                                      ("Bo", "Ek", date(2020, 1, 1)),
                                      ("Cecilia", "Åkesson", date(2020, 1, 1)),
                                      ("Dan", "Öst", date(2026, 11, 1))):
            register.save(Member(given_name=given, family_name=family, joined_on=joined))
        dues = session.dues()
        dues.save_calendar(with_changes(dues.calendar(), tracked_from=2025))
    finally:
        session.close()
    capsys.readouterr()
    return path


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def _run(capsys, db, *argv: str) -> tuple[int, str, str]:
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _json(capsys, db, *argv: str):
    code, out, err = _run(capsys, db, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def _member(capsys, db, number: int, day: str) -> dict:
    return _json(capsys, db, "dues", "--member", str(number), "--date", day)


def _pay_both_years(capsys, db, number: int) -> None:
    for year, day in (("2025", "2025-02-20"), ("2026", "2026-02-20")):
        code, _out, err = _run(capsys, db, "pay", "--member", str(number), "--amount", "360",
                               "--date", day, "--year", year)
        assert code == 0, err


# -- pay -------------------------------------------------------------------------------------

def test_pay_records_a_payment_and_says_what_it_recorded(capsys, db):
    code, out, err = _run(capsys, db, "pay", "--member", "1", "--amount", "360,50",
                          "--date", "2026-03-02", "--method", "swish")
    assert code == 0 and out == ""
    assert "Recorded" in err and "360.50" in err and "Anna Berg (member 1)" in err
    # Anna missed 2025 (dues are followed from 2025): one fee pays that year first.
    assert "for 2025" in err and "2 March 2026" in err and "Swish" in err
    session = open_session(db)
    try:
        [payment] = session.dues().repo.payments_for(1)
    finally:
        session.close()
    assert payment.amount == 36050 and payment.paid_on == date(2026, 3, 2)
    assert (payment.period_from, payment.period_to) == (2025, 2025)
    assert payment.method.value == "swish"


def test_pay_defaults_to_the_year_invoiced_and_bank_giro(capsys, db):
    assert _run(capsys, db, "pay", "--member", "2", "--amount", "360", "--date",
                "2025-01-20")[0] == 0
    assert _run(capsys, db, "pay", "--member", "2", "--amount", "360.00", "--date",
                "2025-02-20")[0] == 0
    session = open_session(db)
    try:
        payments = session.dues().repo.payments_for(2)
    finally:
        session.close()
    # In January the 2024 invoice is the latest one out; from February 2025's.
    assert [(p.period_from, p.method.value) for p in payments] == [
        (2024, "bank_giro"), (2025, "bank_giro")]


def test_year_chooses_the_period(capsys, db):
    assert _run(capsys, db, "pay", "--member", "3", "--amount", "360", "--date", "2026-11-20",
                "--year", "2027")[0] == 0
    session = open_session(db)
    try:
        [payment] = session.dues().repo.payments_for(3)
    finally:
        session.close()
    assert (payment.period_from, payment.period_to) == (2027, 2027)


@pytest.mark.parametrize("argv, says", [
    (["--member", "99", "--amount", "360"], "No member has the number 99."),
    (["--member", "1", "--amount", "abc"], "“abc” is not an amount"),
    (["--member", "1", "--amount", "0"], "The amount must be more than zero."),
    (["--member", "1", "--amount", "360", "--date", "2199-01-01"], "in the future"),
    (["--member", "1", "--amount", "360", "--year", "1800"], "are not valid"),
])
def test_bad_input_is_exit_one_with_a_sentence(capsys, db, argv, says):
    code, _out, err = _run(capsys, db, "pay", *argv)
    assert code == 1
    assert says in err
    session = open_session(db)
    try:
        assert session.dues().repo.payment_count() == 0
    finally:
        session.close()


@pytest.mark.parametrize("argv", [
    ["--member", "1"],
    ["--amount", "360"],
    ["--member", "1", "--amount", "360", "--method", "bitcoin"],
    ["--member", "1", "--amount", "360", "--date", "25/11/2026"],
])
def test_wrong_usage_is_exit_two(capsys, db, argv):
    with pytest.raises(SystemExit) as exc:
        main(["--language", "en", "--db", str(db), "pay", *argv])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


# -- dues ------------------------------------------------------------------------------------

def test_dues_counts_every_state_as_json(capsys, db):
    _pay_both_years(capsys, db, 1)
    data = _json(capsys, db, "dues", "--date", "2026-11-25")
    assert set(data) == {"date", "current", "states", "bounced", "paid_rate",
                         "paid_rate_last_year", "next"}
    assert data["date"] == "2026-11-25" and data["current"] == 4
    assert set(data["states"]) == ALL_STATES
    assert sum(data["states"].values()) == 4
    # Anna paid both years; Bo and Cecilia missed 2025 (struck-off date 1 June 2026 passed);
    # Dan joined in November and has his first invoice.
    assert data["states"]["paid"] == 1 and data["states"]["to_strike_off"] == 2
    assert data["states"]["invoiced"] == 1
    assert data["bounced"] == 0 and data["paid_rate"] == 0.25
    assert data["next"] == {"date": "2027-02-01", "event": "invoice", "period": 2027,
                            "members": 4}


def test_dues_as_text_is_an_aligned_table(capsys, db):
    _pay_both_years(capsys, db, 1)
    code, out, _err = _run(capsys, db, "dues", "--date", "2026-11-25")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Dues on 25 November 2026: 4 current members"
    rows = {line.strip().rsplit("  ", 1)[0].strip(): line.rsplit(" ", 1)[1] for line in lines[1:]
            if line.startswith("  ")}
    assert rows["Paid"] == "1" and rows["To be struck off"] == "2" and rows["Invoiced"] == "1"
    assert rows["Payment rate"] == "25%"
    assert len({len(line) for line in lines[1:] if line.startswith("  ")}) == 1  # aligned
    assert lines[-1].startswith("Next: Invoice 2027 on 1 February 2027")


def test_date_means_as_of_that_day(capsys, db):
    assert _run(capsys, db, "pay", "--member", "1", "--amount", "360", "--date", "2026-03-02",
                "--year", "2026")[0] == 0
    assert _run(capsys, db, "pay", "--member", "1", "--amount", "360", "--date", "2025-02-20",
                "--year", "2025")[0] == 0
    # The day before the payment it does not count yet: the invoice is out.
    before = _member(capsys, db, 1, "2026-03-01")
    assert before["state"] == "invoiced" and before["reason"] == "invoice_out"
    assert before["period"] == 2026 and before["unpaid_since"] == 2026
    assert before["next_change"] == {"date": "2026-04-01", "state": "reminder_1"}
    after = _member(capsys, db, 1, "2026-03-02")
    assert after["state"] == "paid" and after["reason"] == "paid"
    assert after["unpaid_since"] is None
    assert after["next_change"] == {"date": "2027-02-01", "state": "invoiced"}
    # The counts follow the same rule.
    assert _json(capsys, db, "dues", "--date", "2026-03-01")["states"]["paid"] == 0
    assert _json(capsys, db, "dues", "--date", "2026-03-02")["states"]["paid"] == 1


def test_one_members_state_and_why(capsys, db):
    data = _member(capsys, db, 2, "2026-11-25")
    assert set(data) == {"member_number", "state", "bounced", "reason", "explanation",
                         "period", "unpaid_since", "next_change"}
    assert data["member_number"] == 2
    assert data["state"] == "to_strike_off" and data["reason"] == "strike_off_due"
    assert data["unpaid_since"] == 2025 and data["bounced"] is False
    assert "Unpaid since 2025" in data["explanation"]
    two_year = _member(capsys, db, 2, "2026-03-10")
    assert two_year["state"] == "two_year_invoice" and two_year["reason"] == "missed_period"
    assert two_year["next_change"] == {"date": "2026-06-01", "state": "to_strike_off"}


def test_one_members_state_as_text(capsys, db):
    code, out, _err = _run(capsys, db, "dues", "--member", "2", "--date", "2026-03-10")
    assert code == 0
    assert out.splitlines()[0] == "Bo Ek (member 2) on 10 March 2026"
    assert "Two-year invoice" in out and "2025 was never paid" in out
    assert "1 June 2026: To be struck off" in out


def test_a_member_not_current_that_day(capsys, db):
    data = _member(capsys, db, 4, "2026-10-01")
    assert data["state"] is None and data["reason"] == "not_current"
    assert data["bounced"] is False and data["next_change"] is None
    assert "joined on 1 November 2026" in data["explanation"]
    code, _out, err = _run(capsys, db, "dues", "--member", "12")
    assert code == 1 and "No member has the number 12." in err


# -- strike-off ------------------------------------------------------------------------------

def _former(capsys, db) -> list[dict]:
    return _json(capsys, db, "members", "--filter", "former", "--date", "2026-11-25")


def test_strike_off_refuses_without_yes_then_works_with_it(capsys, db, no_terminal):
    _pay_both_years(capsys, db, 1)
    code, out, err = _run(capsys, db, "strike-off", "--date", "2026-11-25")
    assert code == 1
    assert "2 members are due to be struck off; nothing was changed. Add --yes" in err
    assert [line.split("\t")[0] for line in out.splitlines()] == ["2", "3"]
    assert _former(capsys, db) == []

    listed = _json(capsys, db, "strike-off", "--date", "2026-11-25", "--yes")
    assert [m["member_number"] for m in listed] == [2, 3]
    assert {m["status"] for m in listed} == {"member"}  # as they were when listed
    capsys.readouterr()
    former = _former(capsys, db)
    assert [(m["member_number"], m["leave_reason"], m["left_on"]) for m in former] == [
        (2, "struck_off", "2026-11-25"), (3, "struck_off", "2026-11-25")]
    # The history stays, and nobody is left to strike off.
    assert _member(capsys, db, 2, "2026-11-24")["state"] == "to_strike_off"
    code, out, err = _run(capsys, db, "strike-off", "--date", "2026-11-25")
    assert code == 0 and out == "" and "Nobody is due to be struck off" in err


def test_strike_off_as_of_an_earlier_day(capsys, db, no_terminal):
    # On 31 May 2026 the strike-off date (1 June) has not come: nobody is due yet.
    code, out, err = _run(capsys, db, "strike-off", "--date", "2026-05-31", "--yes")
    assert code == 0 and out == "" and "Nobody" in err
    assert _json(capsys, db, "strike-off", "--date", "2026-06-01", "--yes") != []
    assert {m["left_on"] for m in _former(capsys, db)} == {"2026-06-01"}


def test_strike_off_asks_at_a_terminal(capsys, db, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    questions = []
    answers = iter(["n", "j"])

    def answer(prompt: str = "") -> str:
        questions.append(prompt)
        return next(answers)

    monkeypatch.setattr(builtins, "input", answer)
    code, _out, err = _run(capsys, db, "strike-off", "--date", "2026-11-25")
    assert code == 1 and "Nothing was changed." in err
    assert questions == ["Strike off 3 members on 25 November 2026? [y/N] "]
    assert _former(capsys, db) == []
    code, _out, err = _run(capsys, db, "strike-off", "--date", "2026-11-25")
    assert code == 0 and "Struck off 3 members on 25 November 2026" in err
    assert len(_former(capsys, db)) == 3


def test_strike_off_in_the_future_is_refused(capsys, db, no_terminal):
    code, _out, err = _run(capsys, db, "strike-off", "--date", "2199-06-01", "--yes")
    assert code == 1 and "is in the future" in err
    with pytest.raises(SystemExit) as info:  # out of range: wrong usage, no traceback
        main(["--language", "en", "--db", str(db), "dues", "--date", "9999-12-31"])
    assert info.value.code == 2
    assert _former(capsys, db) == []


# -- dues filters on members and export ------------------------------------------------------

def test_members_and_export_take_the_dues_filters(capsys, db, tmp_path):
    _pay_both_years(capsys, db, 1)

    def numbers(*filters: str) -> list[int]:
        argv = ["members", "--date", "2026-11-25"]
        for f in filters:
            argv += ["--filter", f]
        return sorted(m["member_number"] for m in _json(capsys, db, *argv))

    assert numbers("paid") == [1]
    assert numbers("unpaid") == [2, 3, 4]
    assert numbers("to_strike_off") == [2, 3]
    assert numbers("invoiced", "paid") == [1, 4]
    assert numbers("bounced") == [] and numbers("direct_debit") == []
    out = tmp_path / "unpaid.csv"
    code, _out, err = _run(capsys, db, "export", "--out", str(out), "--filter", "to_strike_off",
                           "--date", "2026-11-25")
    assert code == 0 and "Exported 2 members" in err
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "members", "--filter", "behind"])
    assert exc.value.code == 2


def test_paying_for_a_former_member_says_so(capsys, db):
    from medlemsvard_app.domain.models import LeaveReason

    session = open_session(db, lambda: DAY)
    try:
        session.register().leave(3, date(2026, 6, 1), LeaveReason.RESIGNED)
    finally:
        session.close()
    code, _out, err = _run(capsys, db, "pay", "--member", "3", "--amount", "360",
                           "--date", "2026-03-02")
    assert code == 0 and "is not a member (left 1 June 2026)" in err
