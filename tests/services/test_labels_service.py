"""Labels for a selection: who is left out and why, households, sheets, the mailing log."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.households import Person, household_name
from medlemsvard_app.domain.label_sheets import parse_sheets, sheet_from_dict
from medlemsvard_app.services.labels import Cancelled, builtin_sheets
from medlemsvard_app.storage.mailings import MailingRepository
from tests.conftest import add_members

ADDRESS = {"street": "Byvägen 3", "postal_code": "44455", "city": "Alingsås"}


def texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [p.extract_text() for p in doc.pages]


@pytest.fixture
def people(session):
    return add_members(
        session,
        {"given_name": "Anna", "family_name": "Ek", "member_number": 1, **ADDRESS},
        {"given_name": "Per", "family_name": "Ek", "member_number": 2, **ADDRESS},
        {"given_name": "Lisa", "family_name": "Lind", "member_number": 3,
         "street": "BYVÄGEN  3", "postal_code": "444 55", "city": "ALINGSÅS"},
        {"given_name": "Östen", "family_name": "Åberg", "member_number": 4,
         "street": "Torget 1", "postal_code": "11122", "city": "Stockholm"},
        {"given_name": "Hemlig", "family_name": "Person", "member_number": 5,
         "protected_identity": True, **ADDRESS},
        {"given_name": "Utan", "family_name": "Adress", "member_number": 6},
        {"given_name": "Kari", "family_name": "Nordmann", "member_number": 7,
         "street": "Karl Johans gate 32", "postal_code": "0161", "city": "Oslo",
         "country": "NO"},
    )


def test_protected_identity_and_incomplete_addresses_are_left_out_and_counted(session,
                                                                              people):
    labels = session.labels()
    result = labels.make(labels.select(), "L7160")
    assert result.labels == 5
    assert result.left_out.protected_identity == 1
    assert result.left_out.incomplete_address == 1
    assert result.left_out.total == 2
    text = texts(result.pdf)[0]
    assert "Hemlig" not in text and "Utan" not in text
    assert "Östen Åberg" in text and "111 22 STOCKHOLM" in text
    assert "NO-0161 Oslo" in text and "NORGE" in text  # abroad, seen from Sweden


def test_members_who_prefer_email_get_no_label(session, people):
    from medlemsvard_app.domain.models import PreferredChannel

    add_members(session, {"given_name": "Epost", "family_name": "Gärna", **ADDRESS,
                          "email": "epost@example.org",
                          "preferred_channel": PreferredChannel.EMAIL})
    labels = session.labels()
    result = labels.make(labels.select(), "L7160")
    assert result.left_out.no_post == 1 and "Epost" not in texts(result.pdf)[0]


def test_no_identity_number_is_ever_printed(session):
    assoc = session.association
    assoc.identity_number_enabled = True
    assoc.identity_number_purpose = "Medlemsavgift via förbundet"
    session.save_association(assoc)
    anna, = add_members(session, {"given_name": "Anna", "family_name": "Ek", **ADDRESS,
                                  "identity_number": "191212121212",
                                  "birth_date": date(1912, 12, 12)})
    assert session.register().get(anna.id).identity_number  # kept in the register
    labels = session.labels()
    text = texts(labels.make(labels.select(), "L7160").pdf)[0]
    assert "Anna Ek" in text and "1212" not in text and "1912" not in text


def test_one_label_per_household_joins_the_names(session, people):
    labels = session.labels()
    result = labels.make(labels.select(), "L7160", households=True)
    text = texts(result.pdf)[0]
    # Anna, Per (Ek) and Lisa (Lind) share an address written three ways.
    assert "Anna and Per Ek, Lisa Lind" in text
    assert result.labels == 3
    assert sorted(result.member_ids) == sorted(m.id for m in people if m.member_number in
                                               (1, 2, 3, 4, 7))


def test_household_names_in_swedish_and_norwegian():
    assert household_name([Person("Anna", "Ek"), Person("Per", "Ek")], "och") == \
        "Anna och Per Ek"
    assert household_name([Person("Anna", "Ek"), Person("Per", "Ek")], "og") == "Anna og Per Ek"
    assert household_name([Person("Anna", "Ek"), Person("Per", "Ek"), Person("Lisa", "Ek")],
                          "og") == "Anna, Per og Lisa Ek"
    assert household_name([Person("Anna", "Ek"), Person("Per", "Lind")], "och") == \
        "Anna Ek, Per Lind"
    assert household_name([Person("Anna", "Ek"), Person("Per", "Lind"), Person("Lisa", "Ek")],
                          "och") == "Anna och Lisa Ek, Per Lind"
    assert household_name([Person("Anna", "Ek"), Person("Anna", "Ek")], "och") == "Anna Ek"


def test_start_position_and_pages(session):
    add_members(session, *[{"given_name": f"Namn{i:02d}", "family_name": "Ek", **ADDRESS,
                            "street": f"Gatan {i}"} for i in range(30)])
    labels = session.labels()
    result = labels.make(labels.select(), "L7160", start=19)  # 3 left on the first sheet
    assert result.pages == 3  # 3 + 21 + 6
    pages = texts(result.pdf)
    assert len(pages) == 3
    assert pages[0].count("ALINGSÅS") == 3
    assert pages[1].count("ALINGSÅS") == 21
    with pytest.raises(DomainError) as err:
        labels.make(labels.select(), "L7160", start=22)
    assert err.value.code == "label_start_invalid"


def test_nobody_to_label_is_an_error_not_an_empty_pdf(session):
    add_members(session, {"given_name": "Utan", "family_name": "Adress"})
    labels = session.labels()
    with pytest.raises(DomainError) as err:
        labels.make(labels.select(), "L7160")
    assert err.value.code == "labels_nobody"


def test_cancel_stops_the_batch(session, people):
    labels = session.labels()
    with pytest.raises(Cancelled):
        labels.make(labels.select(), "L7160", progress=lambda done, total: False)


def test_recording_logs_a_labels_mailing(session, people):
    labels = session.labels()
    result = labels.make(labels.select(["current"]), "70x37")
    mailing_id = labels.record(result)
    mailing = MailingRepository(session.db).recent()[0]
    assert mailing.id == mailing_id and mailing.kind == "labels"
    assert mailing.template == "70x37" and mailing.member_count == 5 and mailing.left_out == 2


def test_every_sheet_in_the_resource_is_valid_and_on_the_page():
    sheets = builtin_sheets()
    ids = {s.id for s in sheets}
    assert {"L7160", "L7163", "L7159", "L7162", "70x37", "70x36", "70x42.3", "70x41",
            "105x42.3"} <= ids
    for s in sheets:
        last = s.rect(s.per_sheet - 1)
        assert last[0] + last[2] <= 210.05 and last[1] + last[3] <= 297.05
    edge = next(s for s in sheets if s.id == "70x42.3")
    assert abs(edge.rect(edge.per_sheet - 1)[1] + edge.label_height - 297) < 0.01
    assert next(s for s in sheets if s.id == "70x37").pitch_y == 37.125


def test_a_sheet_that_leaves_the_page_is_refused():
    with pytest.raises(DomainError) as err:
        sheet_from_dict({"id": "x", "columns": 3, "rows": 8, "label_width": 70,
                         "label_height": 40, "left": 0, "top": 0, "pitch_x": 70,
                         "pitch_y": 40})
    assert err.value.code == "label_sheet_off_page"
    with pytest.raises(DomainError):
        parse_sheets('[{"id": "y", "columns": 2, "rows": 2, "label_width": 90, '
                     '"label_height": 40, "left": 0, "top": 0, "pitch_x": 80, "pitch_y": 40}]')


def test_custom_sheets_are_kept_in_the_file(session):
    labels = session.labels()
    sheet = labels.save_custom_sheet({"description": "Klubbens etiketter", "columns": 2,
                                      "rows": 5, "label_width": 90, "label_height": 50,
                                      "left": 10, "top": 20, "pitch_x": 100, "pitch_y": 52})
    assert sheet.id == "custom:Klubbens-etiketter" and sheet.custom
    assert labels.sheet("Klubbens etiketter") == sheet
    assert sheet in session.labels().sheets()
    labels.remember(sheet.id, (1.0, -0.5))
    assert labels.settings().last_sheet == sheet.id
    assert labels.offset() == (1.0, -0.5)
    labels.delete_custom_sheet(sheet.id)
    assert sheet not in labels.sheets()
    with pytest.raises(DomainError):
        labels.sheet("Klubbens etiketter")


def test_test_page_is_not_logged(session):
    labels = session.labels()
    assert labels.test_page("L7163").startswith(b"%PDF")
    assert MailingRepository(session.db).recent() == []
