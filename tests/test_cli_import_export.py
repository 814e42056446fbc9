"""``medlemsvard import`` and ``export`` as a script or a person at a terminal uses them."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from medlemsvard_app.cli import main

GOOD = ("Fornavn;Etternavn;Postnr;Sted;Mobil;E-post\n"
        "Kari;Nordmann;150;Oslo;412 34 567;kari@example.no\n"
        "Ola;Hansen;0001;Oslo;;ola@example.no\n")
BAD_ROW = "Per;Berg;abc;Oslo;;per@example.no\n"


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "lag.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Laget",
                 "--country", "NO"]) == 0
    capsys.readouterr()
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--language", "en", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _file(tmp_path, text: str, name: str = "medlemmer.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _listed(capsys, db) -> list[dict]:
    code, out, _err = _run(capsys, "--db", str(db), "members", "--json", "--filter", "current",
                           "--filter", "former", "--filter", "prospect")
    assert code == 0
    return json.loads(out)


def test_a_clean_file_imports_completely(capsys, db, tmp_path):
    code, _out, err = _run(capsys, "--db", str(db), "import", str(_file(tmp_path, GOOD)))
    assert code == 0
    assert "Imported 2 members." in err
    people = {(p["given_name"], p["postal_code"], p["phone"]) for p in _listed(capsys, db)}
    assert people == {("Kari", "0150", "41 23 45 67"), ("Ola", "0001", "")}


def test_a_bad_row_stops_everything_and_says_where_and_why(capsys, db, tmp_path):
    path = _file(tmp_path, GOOD + BAD_ROW)
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path))
    assert code == 1
    assert ("Row 4, Postal code: A Norwegian postal code has four digits, like 0150. "
            "(value 'abc')") in err
    assert "Nothing was imported" in err and "--skip-invalid" in err
    assert _listed(capsys, db) == []


def test_skip_invalid_imports_the_rest_and_exits_one(capsys, db, tmp_path):
    path = _file(tmp_path, GOOD + BAD_ROW)
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path), "--skip-invalid")
    assert code == 1
    assert "Imported 2 members." in err and "Skipped 1 row with errors" in err
    assert sorted(p["given_name"] for p in _listed(capsys, db)) == ["Kari", "Ola"]


def test_running_an_import_again_creates_nobody_twice(capsys, db, tmp_path):
    path = _file(tmp_path, GOOD)
    assert _run(capsys, "--db", str(db), "import", str(path))[0] == 0
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path))
    assert code == 1
    assert "Row 2: Already in the register as Kari Nordmann, member 1" in err
    assert "Imported 0 members." in err
    assert len(_listed(capsys, db)) == 2


def test_a_shared_email_needs_allow_duplicates(capsys, db, tmp_path):
    text = GOOD + "Kåre;Nordmann;150;Oslo;;kari@example.no\n"
    path = _file(tmp_path, text)
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path))
    assert code == 1
    assert "Row 4, E-mail: The e-mail address is also used on row 2" in err
    assert "--allow-duplicates" in err
    assert len(_listed(capsys, db)) == 2
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path), "--allow-duplicates")
    assert code == 1  # the first two are now already in the register
    assert sorted(p["given_name"] for p in _listed(capsys, db)) == ["Kari", "Kåre", "Ola"]


def test_map_names_columns_the_app_does_not_know(capsys, db, tmp_path):
    path = _file(tmp_path, "Kolonne A;Kolonne B;Skostørrelse\nKari;Nordmann;38\n")
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path))
    assert code == 1 and "No column of the file holds names" in err
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path),
                           "--map", "kolonne a=given_name", "--map", "Kolonne B=family_name")
    assert code == 0, err
    assert "Columns not imported (no matching field): Skostørrelse" in err
    assert [p["family_name"] for p in _listed(capsys, db)] == ["Nordmann"]


@pytest.mark.parametrize("option, says", [
    ("Nope=given_name", "has no column 'Nope'"),
    ("Fornavn=shoe_size", "'shoe_size' is not a field"),
    ("Fornavn", "has no column"),
])
def test_a_bad_map_is_wrong_usage(capsys, db, tmp_path, option, says):
    code, _out, err = _run(capsys, "--db", str(db), "import", str(_file(tmp_path, GOOD)),
                           "--map", option)
    assert code == 2 and says in err
    assert _listed(capsys, db) == []


def test_date_is_the_join_date_for_rows_without_one(capsys, db, tmp_path):
    code, _out, _err = _run(capsys, "--db", str(db), "import", str(_file(tmp_path, GOOD)),
                            "--date", "2024-02-29")
    assert code == 0
    assert {p["joined_on"] for p in _listed(capsys, db)} == {"2024-02-29"}


@pytest.mark.parametrize("content, says", [
    (None, "There is no file at"),
    (b"", "is empty"),
    (b"\x00\x01\x02binary\x00\xff" * 100, "is not a CSV or Excel file"),
])
def test_bad_files_give_a_message_not_a_traceback(capsys, db, tmp_path, content, says):
    path = tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    code, _out, err = _run(capsys, "--db", str(db), "import", str(path))
    assert code == 1 and says in err and str(path) in err


def test_an_excel_file_with_norwegian_postal_codes_comes_back_with_its_zeros(
        capsys, db, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Fornavn", "Etternavn", "Postnummer", "Poststed", "Fødselsdato"])
    sheet.append(["Kari", "Nordmann", 150, "Oslo", 29221])
    sheet.append(["Ola", "Hansen", 1, "Oslo", None])
    source = tmp_path / "liste.xlsx"
    workbook.save(source)
    assert _run(capsys, "--db", str(db), "import", str(source))[0] == 0
    out = tmp_path / "ut.xlsx"
    code, _out, err = _run(capsys, "--db", str(db), "export", "--out", str(out))
    assert code == 0 and "Exported 2 members" in err
    fresh = tmp_path / "ny.sqlite"
    _run(capsys, "--db", str(fresh), "new", "--name", "Ny", "--country", "NO")
    assert _run(capsys, "--db", str(fresh), "import", str(out))[0] == 0
    people = {(p["given_name"], p["postal_code"], p["birth_date"]) for p in _listed(capsys, fresh)}
    assert people == {("Kari", "0150", "1980-01-01"), ("Ola", "0001", None)}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_json(capsys, db, tmp_path, suffix):
    text = GOOD + "=Formel;-Minus;0150;@Oslo;+46 70 123 45 67;f@example.no\n"
    assert _run(capsys, "--db", str(db), "import", str(_file(tmp_path, text)))[0] == 0
    out = tmp_path / f"ut{suffix}"
    assert _run(capsys, "--db", str(db), "export", "--out", str(out))[0] == 0
    fresh = tmp_path / "ny.sqlite"
    _run(capsys, "--db", str(fresh), "new", "--name", "Ny", "--country", "NO")
    assert _run(capsys, "--db", str(fresh), "import", str(out))[0] == 0
    assert _listed(capsys, fresh) == _listed(capsys, db)


def test_export_refuses_other_endings_and_missing_folders(capsys, db, tmp_path):
    code, _out, err = _run(capsys, "--db", str(db), "export", "--out", str(tmp_path / "x.ods"))
    assert code == 2 and ".csv or .xlsx" in err
    code, _out, err = _run(capsys, "--db", str(db), "export",
                           "--out", str(tmp_path / "nowhere" / "x.csv"))
    assert code == 1 and "could not be written" in err
    assert not (tmp_path / "nowhere").exists()


def test_a_locked_database_is_reported_and_nothing_is_written(tmp_path, capsys):
    # The app's own SQLite: two copies of SQLite in one process do not see each other's locks.
    from medlemsvard_app.cli import main
    from medlemsvard_app.storage.driver import sqlite3

    db = tmp_path / "locked.sqlite"
    assert main(["new", "--db", str(db), "--name", "Klubben", "--country", "SE"]) == 0
    source = tmp_path / "in.csv"
    source.write_text("Förnamn;Efternamn\nAnna;Berg\n", encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        capsys.readouterr()
        assert main(["import", str(source), "--db", str(db), "--language", "en"]) == 1
        err = capsys.readouterr().err
        assert "in use by another program" in err and "Traceback" not in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert main(["members", "--db", str(db), "--json", "--filter", "current"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_members_as_of_a_date_shows_who_was_a_member_then(tmp_path, capsys):
    import json

    from medlemsvard_app.cli import main
    from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
    from medlemsvard_app.services.session import create_session

    db = tmp_path / "a.sqlite"
    session = create_session(db, "Klubben", "SE", "sv")
    from datetime import date

    session.register().save(Member(given_name="Eva", family_name="Lind",
                                   joined_on=date(2013, 1, 1), status=MembershipStatus.FORMER,
                                   left_on=date(2019, 6, 15), leave_reason=LeaveReason.MOVED))
    session.close()
    capsys.readouterr()
    assert main(["members", "--db", str(db), "--json", "--date", "2015-01-01"]) == 0
    [eva] = json.loads(capsys.readouterr().out)
    assert (eva["status"], eva["left_on"], eva["leave_reason"]) == ("member", None, None)
    assert main(["members", "--db", str(db), "--json", "--filter", "former"]) == 0
    [eva] = json.loads(capsys.readouterr().out)
    assert (eva["status"], eva["left_on"], eva["leave_reason"]) == ("former", "2019-06-15",
                                                                    "moved")


def test_export_does_not_overwrite_without_yes(tmp_path, capsys):
    from medlemsvard_app.cli import main

    db = tmp_path / "a.sqlite"
    assert main(["new", "--db", str(db), "--name", "Klubben"]) == 0
    out = tmp_path / "out.csv"
    out.write_text("keep me")
    assert main(["export", "--db", str(db), "--out", str(out)]) == 1
    assert out.read_text() == "keep me"
    assert main(["export", "--db", str(db), "--out", str(out), "--yes"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("member_number;")


def test_export_as_of_a_date_writes_members_as_they_were(tmp_path, capsys):
    from datetime import date

    from medlemsvard_app.cli import main
    from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
    from medlemsvard_app.services.session import create_session

    db = tmp_path / "a.sqlite"
    session = create_session(db, "Klubben", "SE", "sv")
    session.register().save(Member(given_name="Eva", family_name="Lind",
                                   joined_on=date(2013, 1, 1), status=MembershipStatus.FORMER,
                                   left_on=date(2019, 6, 15), leave_reason=LeaveReason.MOVED))
    session.close()
    out = tmp_path / "then.csv"
    assert main(["export", "--db", str(db), "--out", str(out), "--date", "2015-01-01"]) == 0
    header, row = out.read_text(encoding="utf-8-sig").splitlines()
    cells = dict(zip(header.split(";"), row.split(";"), strict=True))
    assert (cells["status"], cells["left_on"], cells["leave_reason"]) == ("member", "", "")


def test_json_output_survives_a_console_that_cannot_encode_names(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from medlemsvard_app.domain.models import Member
    from medlemsvard_app.services.session import create_session

    db = tmp_path / "a.sqlite"
    session = create_session(db, "Klubben", "SE", "sv")
    session.register().save(Member(given_name="Łukasz", family_name="Wałęsa"))
    session.close()
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for extra in (["--json"], []):
        out = subprocess.run([sys.executable, "-m", "medlemsvard_app", "members", "--db",
                              str(db), *extra], capture_output=True, env=env)
        assert out.returncode == 0, out.stderr
        assert b"Traceback" not in out.stderr
    assert json.loads(subprocess.run(
        [sys.executable, "-m", "medlemsvard_app", "members", "--db", str(db), "--json"],
        capture_output=True, env=env).stdout.decode("utf-8"))[0]["given_name"] == "Łukasz"


def test_usage_errors_and_help_speak_the_chosen_language(capsys):
    import pytest

    from medlemsvard_app.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--language", "sv", "members", "--filter", "bogus"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "användning:" in err and "ogiltigt val" in err
    with pytest.raises(SystemExit):
        main(["--language", "nb", "--help"])
    assert "vis denne hjelpeteksten og avslutt" in capsys.readouterr().out
