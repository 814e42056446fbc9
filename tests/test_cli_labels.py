"""``medlemsvard labels`` and ``medlemsvard lists`` as a script uses them (DESIGN §7)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import pdfplumber
import pytest

from medlemsvard_app.cli import main
from medlemsvard_app.domain.models import Member
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.mailings import MailingRepository


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen"]) == 0
    session = open_session(path)
    try:
        register = session.register()
        people = [("Åsa", "Öberg", "Storgatan 1"), ("Per", "Ek", "Byvägen 3"),
                  ("Anna", "Ek", "Byvägen 3"), ("Hemlig", "Person", "Gatan 9")]
        for i, (given, family, street) in enumerate(people, start=1):
            register.save(Member(given_name=given, family_name=family, street=street,
                                 postal_code="11122", city="Stockholm", member_number=i,
                                 joined_on=date(2020, 1, 1), protected_identity=i == 4))
    finally:
        session.close()
    capsys.readouterr()
    return path


def _run(capsys, db, *argv):
    code = main(["--language", "en", "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_list_sheets_needs_no_database_and_puts_the_id_first(capsys):
    assert main(["--language", "en", "labels", "--list-sheets"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "L7160  Avery L7160, 3×7, 63.5×38.1 mm" in lines
    ids = [line.split("  ", 1)[0] for line in lines]
    assert {"L7160", "L7163", "L7159", "L7162", "70x37", "70x36", "70x42.3", "70x41",
            "105x42.3"} <= set(ids)


def test_list_sheets_as_json(capsys):
    assert main(["labels", "--list-sheets", "--json"]) == 0
    sheets = {s["id"]: s for s in json.loads(capsys.readouterr().out)}
    assert sheets["70x42.3"]["pitch_y"] == pytest.approx(297 / 7, abs=0.001)
    assert sheets["L7160"]["columns"] == 3 and sheets["L7160"]["per_sheet"] == 21


def test_labels_from_the_fifth_label_with_left_out_counts(capsys, db, tmp_path):
    out_pdf = tmp_path / "labels.pdf"
    code, out, err = _run(capsys, db, "labels", "--sheet", "L7160", "--start", "5",
                          "--out", str(out_pdf), "--json", "--mark-sent")
    assert code == 0
    summary = json.loads(out)
    assert summary["labels"] == 3 and summary["pages"] == 1 and summary["start"] == 5
    assert summary["left_out"] == {"protected_identity": 1, "no_post": 0,
                                   "incomplete_address": 0}
    assert "protected identity" in err
    with pdfplumber.open(io.BytesIO(out_pdf.read_bytes())) as doc:
        words = doc.pages[0].extract_words()
    first = min(words, key=lambda w: (round(w["top"]), w["x0"]))
    # label 5 is the middle one of the second row: 7.2 + 66.04 + 5 mm padding from the left
    assert first["x0"] == pytest.approx((7.2 + 66.04 + 5) * 72 / 25.4, abs=0.5)
    session = open_session(db)
    try:
        assert MailingRepository(session.db).recent()[0].kind == "labels"
    finally:
        session.close()


def test_households_share_a_label(capsys, db, tmp_path):
    code, out, _err = _run(capsys, db, "labels", "--sheet", "70x37", "--households",
                           "--out", str(tmp_path / "h.pdf"), "--json")
    assert code == 0 and json.loads(out)["labels"] == 2


def test_an_incomplete_address_means_done_in_part(capsys, db, tmp_path):
    session = open_session(db)
    try:
        session.register().save(Member(given_name="Utan", family_name="Adress",
                                       joined_on=date(2020, 1, 1)))
    finally:
        session.close()
    code, _out, err = _run(capsys, db, "labels", "--sheet", "L7163", "--out",
                           str(tmp_path / "x.pdf"))
    assert code == 1 and "address is incomplete" in err and (tmp_path / "x.pdf").exists()


def test_wrong_usage_and_bad_input(capsys, db, tmp_path):
    code, _out, err = _run(capsys, db, "labels", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "--sheet" in err
    code, _out, err = _run(capsys, db, "labels", "--sheet", "L9999", "--out",
                           str(tmp_path / "x.pdf"))
    assert code == 1 and "L9999" in err
    code, _out, err = _run(capsys, db, "labels", "--sheet", "L7160", "--start", "22",
                           "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "1 to 21" in err
    assert not (tmp_path / "x.pdf").exists()


def test_test_page(capsys, db, tmp_path):
    code, _out, _err = _run(capsys, db, "labels", "--sheet", "L7160", "--test-page",
                            "--out", str(tmp_path / "t.pdf"))
    assert code == 0 and (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


def test_a_member_list_with_chosen_columns(capsys, db, tmp_path):
    out_pdf = tmp_path / "list.pdf"
    code, out, err = _run(capsys, db, "lists", "--columns", "member_number,name,city",
                          "--out", str(out_pdf), "--json")
    assert code == 0
    assert json.loads(out)["rows"] == 3
    with pdfplumber.open(io.BytesIO(out_pdf.read_bytes())) as doc:
        text = doc.pages[0].extract_text()
    assert text.index("Ek, Anna") < text.index("Ek, Per") < text.index("Öberg, Åsa")
    code, _out, err = _run(capsys, db, "lists", "--columns", "name,identity_number",
                           "--out", str(tmp_path / "no.pdf"), "--yes")
    assert code == 1 and "identity_number" in err


def test_the_pdf_commands_do_not_load_qt(db, tmp_path):
    code = ("import sys; from medlemsvard_app.cli import main; "
            f"main(['--db', r'{db}', 'labels', '--sheet', 'L7160', '--out', "
            f"r'{tmp_path / 'q.pdf'}']); "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_list_sheets_with_a_database_shows_its_own_sheets(capsys, db):
    session = open_session(db)
    try:
        session.labels().save_custom_sheet({"description": "Klubbens", "columns": 2, "rows": 7,
                                            "label_width": 99, "label_height": 38,
                                            "left": 5, "top": 15, "pitch_x": 101,
                                            "pitch_y": 38.1})
    finally:
        session.close()
    code, out, _err = _run(capsys, db, "labels", "--list-sheets")
    assert code == 0 and "custom:Klubbens  Klubbens, 2×7, 99×38 mm" in out.splitlines()


def test_a_test_page_needs_no_database(capsys, tmp_path):
    out_pdf = tmp_path / "t.pdf"
    assert main(["--language", "en", "labels", "--sheet", "70x42.3", "--test-page",
                 "--out", str(out_pdf)]) == 0
    with pdfplumber.open(io.BytesIO(out_pdf.read_bytes())) as doc:
        text = doc.pages[0].extract_text()
    assert "Test page: Zweckform 3652, Herma 4616, 3×7, 70×42.3 mm" in text and "21" in text


def test_an_existing_pdf_is_replaced_only_with_yes(capsys, db, tmp_path):
    out_pdf = tmp_path / "old.pdf"
    out_pdf.write_bytes(b"old")
    code, _out, err = _run(capsys, db, "labels", "--sheet", "L7160", "--out", str(out_pdf))
    assert code == 1 and "--yes" in err and out_pdf.read_bytes() == b"old"
    code, _out, _err = _run(capsys, db, "labels", "--sheet", "L7160", "--out", str(out_pdf),
                            "--yes")
    assert code == 0 and out_pdf.read_bytes().startswith(b"%PDF")
