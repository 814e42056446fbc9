"""The board report as the annual meeting reads it: the year's member flow, small groups
hidden, the indicators against last year, in the user's language."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from medlemsvard_app.documents.board_report import BoardReport, ReportTable, render
from medlemsvard_app.documents.charts import ChartSpec, Series
from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.i18n import set_language
from tests.conftest import add_members


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_render_lays_out_tables_and_charts():
    report = BoardReport(
        "Föreningen Åsen", "Members 2025", "the year 2025", ["A short summary."],
        [ReportTable("Member flow", ["Members", "2024", "2025"],
                     [["Members at the start", "10", "12"], ["    Resigned", "fewer than 5",
                                                             "6"]], emphasis=(0,))],
        [ChartSpec("line", "Members", ["jan", "feb"], [Series("2024", [10, 11]),
                                                        Series("2025", [12, 13])]),
         ChartSpec("bars", "Joined and left", ["2024", "2025"],
                   [Series("Joined", [5, 7]), Series("Left", [0, 3], ["0", "<5"])]),
         ChartSpec("hbars", "Why", ["Resigned", "Deceased"], [Series("Left", [6, 0],
                                                                      ["6", "<5"])])],
        notes=["Groups of fewer than 5 are hidden."], page="Page {page}")
    text = _text(render(report))
    assert "Members 2025" in text and "Föreningen Åsen" in text
    assert "– Resigned" in text and "fewer than 5" in text
    assert "Page 1" in text


def _register(session) -> None:
    people = [{"given_name": f"P{i}", "family_name": "Test", "joined_on": date(2015, 1, 1),
               "birth_date": date(1960, 1, 1)} for i in range(20)]
    people += [{"given_name": f"N{i}", "family_name": "Test", "joined_on": date(2025, 3, 1),
                "birth_date": date(1995, 1, 1)} for i in range(6)]
    people += [{"given_name": "Gone", "family_name": "Test", "joined_on": date(2015, 1, 1),
                "status": MembershipStatus.FORMER, "left_on": date(2025, 6, 1),
                "leave_reason": LeaveReason.DECEASED}]
    add_members(session, *people)


def test_the_service_report_hides_small_groups(session):
    _register(session)
    text = _text(session.indicators().board_report(2025))
    assert "Members and membership 2025" in text
    assert "Member flow" in text
    lines = [t.strip() for t in text.splitlines()]

    def row(label: str) -> list[str]:  # the label's cells: last year, this year
        i = lines.index(label)
        return lines[i + 1:i + 3]

    # one member died in 2025: a group of one, never printed as "1"
    assert row("– Deceased") == ["0", "fewer than 5"]
    assert row("Members at the start of the year") == ["21", "21"]
    assert row("Members at the end of the year") == ["21", "26"]  # 20 + 6 new
    assert row("Joined") == ["0", "6"]
    assert "The indicators compared with last year" in text


def test_the_report_speaks_the_users_language(session):
    _register(session)
    set_language("nb")
    pdf = session.indicators().board_report(2025)
    text = _text(pdf)
    assert "Side 1" in text or "Page 1" in text  # until the catalogs are merged
    assert pdf.startswith(b"%PDF")
