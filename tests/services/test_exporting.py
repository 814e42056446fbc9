"""Exporting members: files Excel opens right, no formulas, no identity numbers, and a file
that imports back into the very same members."""

from __future__ import annotations

import errno
from datetime import date

import pytest
from openpyxl import load_workbook

from medlemsvard_app.domain.cells import cell_text
from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services import exporting
from medlemsvard_app.services.exporting import EXPORT_COLUMNS, ExportError, export_members
from medlemsvard_app.services.importing import (
    commit_import,
    prepare_import,
    read_table,
    suggest_mapping,
)
from medlemsvard_app.services.session import create_session
from tests.conftest import TODAY, add_members

PEOPLE = [
    {"given_name": "Åsa", "family_name": "Öberg", "call_name": "Åsa-Lill",
     "birth_date": date(1950, 3, 1), "street": "Storgatan 1", "co": "c/o Lind",
     "postal_code": "11122", "city": "Stockholm", "phone": "070-123 45 67",
     "phone_alt": "+47 412 34 567", "email": "asa@example.se",
     "joined_on": date(2010, 5, 6), "interests": ["Fika", "Schack"], "skills": ["Ekonomi"]},
    {"given_name": "=HYPERLINK(\"http://x\")", "family_name": "-Ek", "city": "@Lund",
     "street": "+Gata 2", "postal_code": "22100", "email": "ek@example.se"},
    {"given_name": "Kari", "family_name": "Nordmann", "country": "NO", "postal_code": "0150",
     "city": "Oslo", "phone": "+47 412 34 568", "joined_on": date(2015, 1, 1),
     "status": MembershipStatus.FORMER, "left_on": date(2020, 1, 1),
     "leave_reason": LeaveReason.MOVED},
    {"given_name": "Per", "family_name": "Prospekt", "status": MembershipStatus.PROSPECT,
     "joined_on": None},
]


@pytest.fixture
def people(session):
    return add_members(session, *PEOPLE)


def _ids(members):
    return [m.id for m in members]


def _row(member) -> dict[str, object]:
    return {c: getattr(member, c) for c in EXPORT_COLUMNS}


def _rows(members) -> list[dict[str, object]]:
    return sorted((_row(m) for m in members), key=lambda r: str(r["family_name"]))


def test_csv_opens_right_in_nordic_excel(session, people, tmp_path):
    out = tmp_path / "medlemmar.csv"
    result = export_members(session, _ids(people), out)
    assert (result.exported, result.left_out_protected, result.path) == (4, 0, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(EXPORT_COLUMNS)
    asa = lines[1].split(";")
    assert asa[EXPORT_COLUMNS.index("phone")] == "070-123 45 67"  # national, not a formula
    assert asa[EXPORT_COLUMNS.index("phone_alt")] == "'+47 41 23 45 67"  # foreign: with +
    assert asa[EXPORT_COLUMNS.index("postal_code")] == "111 22"
    assert asa[EXPORT_COLUMNS.index("interests")] == "Fika, Schack"
    assert asa[EXPORT_COLUMNS.index("birth_date")] == "1950-03-01"
    ek = lines[2].split(";")
    assert ek[EXPORT_COLUMNS.index("family_name")] == "'-Ek"
    assert ek[EXPORT_COLUMNS.index("city")] == "'@Lund"
    assert ek[EXPORT_COLUMNS.index("street")] == "'+Gata 2"
    assert '"\'=HYPERLINK(""http://x"")"' in lines[2]


def test_no_cell_starts_a_formula(session, people, tmp_path):
    out = tmp_path / "m.csv"
    export_members(session, _ids(people), out)
    table = read_table(out)
    starts = {str(cell)[:1] for row in table.rows for cell in row}
    assert not starts & {"=", "+", "-", "@", "\t", "\r"}
    raw_cells = [c for line in out.read_text("utf-8-sig").splitlines()[1:]
                 for c in line.split(";")]
    assert not [c for c in raw_cells if c[:1] and c[:1] in "=+-@"]


def test_identity_numbers_are_never_exported_and_protected_people_are_left_out(
        session, tmp_path):
    assoc = session.association
    assoc.identity_number_enabled = True
    session.association_repo.save(assoc)
    members = add_members(
        session,
        {"given_name": "Anna", "family_name": "Ek", "identity_number": "19850412-1230"},
        {"given_name": "Hemlig", "family_name": "Person", "protected_identity": True})
    assert members[0].identity_number == "19850412-1230"
    for name in ("m.csv", "m.xlsx"):
        result = export_members(session, _ids(members), tmp_path / name)
        assert (result.exported, result.left_out_protected) == (1, 1)
    text = (tmp_path / "m.csv").read_text("utf-8-sig")
    assert "1230" not in text and "850412" not in text and "Hemlig" not in text
    cells = [c.value for row in load_workbook(tmp_path / "m.xlsx").active.iter_rows()
             for c in row]
    assert not any("1230" in str(v) or v == "Hemlig" for v in cells)
    assert "identity_number" not in EXPORT_COLUMNS


def test_xlsx_has_text_cells_not_formulas_and_keeps_postal_zeros(no_session, tmp_path):
    members = add_members(no_session,
                          {"given_name": "=cmd|' /C calc'!A0", "family_name": "Nordmann",
                           "country": "NO", "postal_code": "0150", "city": "Oslo",
                           "phone": "412 34 567",
                           "member_number": 12, "birth_date": date(1980, 1, 2)},
                          {"given_name": "Ola", "family_name": "Utland", "country": "NO",
                           "phone": "+46 70 123 45 67", "postal_code": "0001"})
    out = tmp_path / "m.xlsx"
    export_members(no_session, _ids(members), out)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header == list(EXPORT_COLUMNS)
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    second = {h: c for h, c in zip(header, sheet[3], strict=True)}
    assert first["given_name"].data_type == "s"
    assert first["given_name"].value == "=cmd|' /C calc'!A0"
    assert first["given_name"].quotePrefix  # Excel shows it as text, even when edited
    assert (first["postal_code"].value, first["postal_code"].data_type) == ("0150", "s")
    assert second["postal_code"].value == "0001"
    assert first["phone"].value == "41 23 45 67"
    assert (second["phone"].value, second["phone"].data_type) == ("+46 70 123 45 67", "s")
    assert first["member_number"].value == 12
    assert first["birth_date"].value.date() == date(1980, 1, 2)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_imports_back_unchanged(session, people, tmp_path, suffix):
    ours = add_members(session, {"given_name": "'=quoted", "family_name": "Kant",
                                 "notes": "not exported"})
    everyone = [*people, *ours]
    out = tmp_path / f"export{suffix}"
    export_members(session, _ids(everyone), out)
    fresh = create_session(tmp_path / "fresh.sqlite", "Ny", "SE", "sv", today=lambda: TODAY)
    try:
        table = read_table(out)
        mapping = suggest_mapping(table.headers)
        assert mapping == {c: c for c in EXPORT_COLUMNS}
        plan = prepare_import(fresh, table, mapping)
        assert plan.invalid_rows == [] and plan.duplicate_rows == []
        result = commit_import(fresh, plan)
        assert result.imported == len(everyone) and result.complete
        register = fresh.register()
        back = register.members(register.search_ids(filters=[], sort="family_name"))
        assert _rows(back) == _rows(everyone)
    finally:
        fresh.close()


def test_norwegian_round_trip_keeps_leading_zeros(no_session, tmp_path):
    members = add_members(no_session,
                          {"given_name": "Kari", "family_name": "Nordmann", "country": "NO",
                           "postal_code": "0150", "city": "Oslo", "phone": "412 34 567"})
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"lag{suffix}"
        export_members(no_session, _ids(members), out)
        fresh = create_session(tmp_path / f"ny{suffix}.sqlite", "Ny", "NO", "nb",
                               today=lambda: TODAY)
        table = read_table(out)
        plan = prepare_import(fresh, table, suggest_mapping(table.headers))
        commit_import(fresh, plan)
        (back,) = fresh.register().members(fresh.register().search_ids())
        fresh.close()
        assert (back.postal_code, back.phone) == ("0150", "+4741234567")


def test_order_of_ids_is_kept(session, people, tmp_path):
    out = tmp_path / "m.csv"
    export_members(session, _ids(reversed(people)), out)
    names = [cell_text(r[EXPORT_COLUMNS.index("family_name")]) for r in read_table(out).rows]
    assert names == ["Prospekt", "Nordmann", "-Ek", "Öberg"]


def test_other_endings_are_refused(session, people, tmp_path):
    with pytest.raises(ExportError) as info:
        export_members(session, _ids(people), tmp_path / "m.ods")
    assert info.value.code == "export_unsupported"
    assert "m.ods" in describe(info.value)
    assert list(tmp_path.glob("m.*")) == []


def test_a_full_disk_leaves_the_old_file_and_no_half_file(session, people, tmp_path,
                                                          monkeypatch):
    out = tmp_path / "m.csv"
    out.write_text("the previous export")

    def half_then_full(path, rows):
        path.write_text("member_number;given_name\n1;Ha")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(exporting._WRITERS, ".csv", half_then_full)
    with pytest.raises(ExportError) as info:
        export_members(session, _ids(people), out)
    assert info.value.code == "export_disk_full"
    assert "disk is full" in describe(info.value)
    assert out.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".m.csv")] == []


def test_a_missing_folder_is_a_clear_error(session, people, tmp_path):
    with pytest.raises(ExportError) as info:
        export_members(session, _ids(people), tmp_path / "no" / "such" / "m.xlsx")
    assert info.value.code == "export_failed"
    assert "m.xlsx" in describe(info.value) and "Traceback" not in describe(info.value)


def test_cancel_writes_no_file(session, people, tmp_path):
    out = tmp_path / "m.csv"
    with pytest.raises(ExportError) as info:
        export_members(session, _ids(people), out, progress=lambda done, total: False)
    assert info.value.code == "export_cancelled"
    assert list(tmp_path.glob("*m.csv*")) == []


def test_progress_reaches_the_total_and_the_export_is_logged(session, people, tmp_path):
    seen = []
    export_members(session, _ids(people), tmp_path / "m.xlsx",
                   progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)
    (action, detail), = session.db.execute(
        "SELECT action, detail FROM audit_log WHERE action = 'export'").fetchall()
    assert "exported=4" in detail and "m.xlsx" in detail
