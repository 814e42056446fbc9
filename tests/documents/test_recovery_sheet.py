"""The recovery sheet keeps every character on the page: a long backups folder (even one
without spaces, / or \\ separated) wraps inside the value column, in sv and nb."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4

from medlemsvard_app.documents.recovery_sheet import (
    MARGIN,
    RecoverySheet,
    _wrap,
    build_recovery_sheet,
)
from medlemsvard_app.documents.styles import fonts
from medlemsvard_app.i18n import set_language
from medlemsvard_app.services import security
from medlemsvard_app.services.session import create_session

DEEP = "/".join(["Medlemsvard_sakerhetskopior_for_foreningen"] * 4)


def _chars_inside(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        page = doc.pages[0]
        outside = [c["text"] for c in page.chars
                   if c["x0"] < MARGIN - 0.5 or c["x1"] > A4[0] - MARGIN + 0.5
                   or c["top"] < 0 or c["bottom"] > page.height]
        assert not outside, f"{len(outside)} characters outside the page margins"
        return page.extract_text() or ""


@pytest.fixture(params=["sv", "nb"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def test_a_long_backups_folder_wraps_inside_the_page(tmp_path, monkeypatch, language):
    monkeypatch.setenv("MEDLEMSVARD_DATA_DIR", str(tmp_path / DEEP))
    monkeypatch.setenv("MEDLEMSVARD_CONFIG_DIR", str(tmp_path / "config"))
    session = create_session(tmp_path / "register.sqlite", "Föreningen Gröna ängen",
                             "SE", language, passphrase="sju små grodor")
    try:
        from medlemsvard_app.services.backups import backup_folder

        folder = str(backup_folder(session.path))
        text = _chars_inside(security.recovery_sheet(session, include_passphrase=True))
    finally:
        session.close()
    assert len(folder) > 150
    assert folder in text.replace("\n", "")  # nothing lost in the breaks
    assert ("Säkerhetskopior:" if language == "sv" else "Sikkerhetskopier:") in text


def test_a_windows_path_and_a_word_without_any_separator_wrap_too():
    windows = "C:\\Users\\" + "\\".join(["Styrelsen_Medlemsvard_Foreningen"] * 5)
    blob = "x" * 300
    sheet = RecoverySheet(title="Recovery sheet for the member register " * 3,
                          intro="Intro.", facts=[("Backups:", windows), ("Other:", blob)],
                          box_label="The passphrase:", advice_title="Where",
                          advice=["Keep it safe."], passphrase="p" * 150, footer="Footer")
    text = _chars_inside(build_recovery_sheet(sheet)).replace("\n", "")
    assert windows in text and blob in text


def test_paths_break_after_a_separator_when_one_is_near():
    regular, _bold = fonts()
    lines = _wrap("/home/" + DEEP + "/backups", regular, 10.5, 300)
    assert len(lines) > 1
    assert all(line.endswith("/") for line in lines[:-1])
