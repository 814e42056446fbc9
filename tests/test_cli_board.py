"""``medlemsvard print swot|compass|compass-blank|plan`` and ``medlemsvard compass``, as a
script uses them, with the PDFs read back."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pypdf import PdfReader

from medlemsvard_app.cli import main
from medlemsvard_app.domain.compass import Answer
from medlemsvard_app.domain.swot import Quadrant
from medlemsvard_app.services.session import open_session


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    assert main(["--db", str(path), "--language", "en", "new", "--name", "Föreningen"]) == 0
    capsys.readouterr()
    return path


def _run(capsys, db, *argv, language="en"):
    code = main(["--language", language, "--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _fill(db) -> None:
    session = open_session(db)
    try:
        board = session.board()
        analysis = board.new_swot(date(2026, 10, 1), "Board day")
        analysis.add(Quadrant.STRENGTHS, "Loyal callers")
        analysis.add(Quadrant.THREATS, "Rent goes up – 20 %")
        board.save_swot(analysis)
        first = board.new_assessment(date(2025, 11, 20))
        first.set("welcome.letter", Answer.SOON)
        first.set("care.newsletter", Answer.NOW)
        board.save_assessment(first)
        second = board.new_assessment(date(2026, 11, 20))
        second.set("welcome.letter", Answer.NOW, "since March")
        board.save_assessment(second)
        board.new_plan("", date(2026, 1, 20), example=True)
    finally:
        session.close()


def _text(path) -> tuple[str, PdfReader]:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_nothing_to_print_says_so(capsys, db, tmp_path):
    for kind in ("swot", "compass", "plan"):
        code, _out, err = _run(capsys, db, "print", kind, "--out", str(tmp_path / "x.pdf"))
        assert code == 1 and "no" in err.lower() and "yet" in err
    code, _out, err = _run(capsys, db, "compass")
    assert code == 1 and "no compass assessment yet" in err
    assert not (tmp_path / "x.pdf").exists()


def test_print_every_handout(capsys, db, tmp_path):
    _fill(db)
    out = tmp_path / "swot.pdf"
    code, _o, err = _run(capsys, db, "print", "swot", "--out", str(out))
    assert code == 0 and f"Wrote {out}" in err
    text, reader = _text(out)
    page = reader.pages[0]
    assert len(reader.pages) == 1 and page.mediabox.width > page.mediabox.height  # landscape
    for word in ("Strengths", "Weaknesses", "Opportunities", "Threats", "Loyal callers",
                 "Rent goes up – 20 %", "Board day", "Föreningen", "Internal", "External"):
        assert word in text, word

    code, _o, _e = _run(capsys, db, "print", "compass", "--out", str(tmp_path / "c.pdf"),
                        "--date", "2026-11-25")
    assert code == 0
    text, reader = _text(tmp_path / "c.pdf")
    assert "Association compass" in text and "20 November 2026" in text
    assert "get a welcome letter" in text and "since March" in text
    assert "Since the assessment of 20 November 2025" in text
    assert "Moved from “soon” to “now” (1)" in text
    assert "✔" in text

    code, _o, _e = _run(capsys, db, "print", "compass-blank", "--out", str(tmp_path / "b.pdf"))
    assert code == 0
    text, reader = _text(tmp_path / "b.pdf")
    assert "Date:" in text and "☐" in text and "◯" in text and "✔" not in text
    for area in ("Analyse", "Care", "Welcome", "Recruit", "Evaluate"):
        assert area in text

    code, _o, _e = _run(capsys, db, "print", "plan", "--out", str(tmp_path / "p.pdf"),
                        "--date", "2026-11-25")
    assert code == 0
    text, reader = _text(tmp_path / "p.pdf")
    for heading in ("Overall goal", "Problems and challenges", "Sub-goals", "Activities",
                    "Marketing channels", "Cooperation partners", "Follow-up", "Evaluation"):
        assert heading in text, heading
    assert "0 of 5 activities held by" in text
    assert "10,000" in text or "10 000" in text


def test_print_refuses_to_overwrite_without_yes(capsys, db, tmp_path):
    _fill(db)
    out = tmp_path / "swot.pdf"
    out.write_bytes(b"old")
    code, _o, err = _run(capsys, db, "print", "swot", "--out", str(out))
    assert code == 1 and "--yes" in err and out.read_bytes() == b"old"
    code, _o, _e = _run(capsys, db, "print", "swot", "--out", str(out), "--yes")
    assert code == 0 and out.read_bytes().startswith(b"%PDF")


def test_print_an_unknown_id_or_kind(capsys, db, tmp_path):
    _fill(db)
    code, _o, err = _run(capsys, db, "print", "swot", "--id", "99", "--out",
                         str(tmp_path / "x.pdf"))
    assert code == 1 and "99" in err
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db), "print", "poster", "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2


def test_compass_json(capsys, db):
    _fill(db)
    code, out, _e = _run(capsys, db, "compass", "--json", "--date", "2026-11-25")
    assert code == 0
    data = json.loads(out)
    assert data["assessed_on"] == "2026-11-20" and data["previous_on"] == "2025-11-20"
    items = {i["item"]: i for i in data["items"]}
    assert len(items) == 28
    assert items["welcome.letter"]["answer"] == "now"
    assert items["welcome.letter"]["note"] == "since March"
    assert items["welcome.letter"]["app_sees"] == {"kind": "welcome_letter", "count": 0,
                                                  "total": 0, "view": "welcome"}
    assert items["analyse.media"]["app_sees"] is None
    assert data["progress"]["moved_to_now"] == ["welcome.letter"]
    assert data["progress"]["dropped"] == []  # care.newsletter carried over as "now"
    areas = {a["area"]: a for a in data["areas"]}
    assert areas["welcome"] == {"area": "welcome", "now": 1, "soon": 0, "not_now": 0,
                                "blank": 5}


def test_compass_text(capsys, db):
    _fill(db)
    code, out, _e = _run(capsys, db, "compass", "--date", "2026-11-25")
    assert code == 0
    assert out.startswith("Association compass, assessment of 20 November 2026")
    assert "Welcome: 1 now · 0 soon · 0 not now · 5 blank" in out
    assert "  Now      get a welcome letter (since March)" in out
    assert "The app sees: no new members in the last 90 days." in out
    assert "Since the assessment of 20 November 2025:" in out
    assert "• Moved from “soon” to “now” (1): Our new members get a welcome letter" in out
