"""``medlemsvard indicators`` and ``report`` as a script uses them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.services.session import open_session
from tests.storage.test_indicators_storage import build


@pytest.fixture
def db(tmp_path, capsys):
    """The hand-counted register of tests/domain/test_indicators.py."""
    path = tmp_path / "forening.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen"]) == 0
    session = open_session(path, lambda: date(2026, 11, 25))
    try:
        build(session)
    finally:
        session.close()
    capsys.readouterr()
    return path


def test_indicators_json_has_flat_keys_and_fractions(db, capsys):
    assert main(["--db", str(db), "indicators", "--date", "2026-06-30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["period"], data["start"], data["end"]) == ("1y", "2025-06-30", "2026-06-30")
    assert (data["member_count"], data["joined"], data["left"], data["net_change"]) == \
        (7, 4, 4, 0)
    assert data["new_under_45"] == 3
    assert data["share_under_45"] == pytest.approx(5 / 7, abs=1e-4)
    assert data["share_recruited"] == pytest.approx(2 / 3, abs=1e-4)
    assert data["retention"] == pytest.approx(4 / 7, abs=1e-4)
    assert data["first_year_retention"] == pytest.approx(2 / 3, abs=1e-4)
    assert data["bounced"] == 0
    assert data["left_struck_off"] == 1


def test_indicators_for_two_months_as_text(db, capsys):
    assert main(["--db", str(db), "--language", "sv", "indicators", "--date", "2026-06-30",
                 "--period", "2m"]) == 0
    out = capsys.readouterr().out
    assert "2026-04-30" in out.splitlines()[0]
    assert "Traceback" not in out


def test_wrong_period_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "indicators", "--period", "3m"])
    assert exc.value.code == 2


def test_report_writes_a_pdf(db, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["--db", str(db), "--language", "nb", "report", "--year", "2025", "--out",
                 str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["--db", str(db), "report", "--year", "2999", "--out", str(out)]) == 1
    assert "Traceback" not in capsys.readouterr().err
