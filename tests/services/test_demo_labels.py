"""The demo's labels and lists: the annual meeting's invitation labels and member list."""

from __future__ import annotations

from datetime import date

from medlemsvard_app.services.demo import create_demo
from medlemsvard_app.storage.mailings import MailingRepository

TODAY = date(2026, 11, 25)


def _batches(path):
    session = create_demo(path, members=150, country="SE", seed=3, today=TODAY, replace=True)
    try:
        mailings = [m for m in MailingRepository(session.db).recent(500)
                    if m.kind in ("labels", "list")]
        labels = session.labels()
        return ([(m.kind, m.template, m.on_date, m.member_count, m.left_out) for m in mailings],
                labels.settings().last_sheet, [s.id for s in labels.custom_sheets()])
    finally:
        session.close()


def test_the_demo_printed_labels_and_a_list_for_the_annual_meeting(tmp_path):
    batches, last_sheet, custom = _batches(tmp_path / "a.sqlite")
    kinds = {b[0]: b for b in batches}
    assert set(kinds) == {"labels", "list"}
    assert kinds["labels"][2] == date(2026, 2, 23) and kinds["labels"][1] == "L7160"
    assert 0 < kinds["labels"][3] < kinds["list"][3]  # no post, no label
    assert last_sheet == "L7160" and custom == ["custom:Kontorsbutikens-3×8"]
    assert _batches(tmp_path / "b.sqlite")[0] == batches  # same seed, same batches
