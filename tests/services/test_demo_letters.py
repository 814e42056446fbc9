"""The demo's printed letters: welcome letters through the year and the spring reminder,
each batch screened as a real one is, the same for the same seed."""

from __future__ import annotations

import pytest

from medlemsvard_app.services.demo import create_demo
from medlemsvard_app.storage.mailings import MailingRepository
from tests.conftest import TODAY


def _letters(session) -> list[tuple]:
    mailings = MailingRepository(session.db)
    out = []
    for m in mailings.recent(500):
        if m.kind != "letter":
            continue
        ids = tuple(r[0] for r in session.db.execute(
            "SELECT member_id FROM mailing_members WHERE mailing_id = ? ORDER BY member_id",
            [m.id]))
        out.append((m.on_date, m.template, m.member_count, m.left_out, ids))
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    session = create_demo(tmp_path_factory.mktemp("demo") / "d.sqlite", members=400,
                          country="SE", seed=4, today=TODAY)
    yield session
    session.close()


def test_welcome_letters_through_the_year_and_a_spring_reminder(demo):
    letters = _letters(demo)
    welcome = [x for x in letters if x[1] == "welcome"]
    reminders = [x for x in letters if x[1] == "dues_reminder"]
    assert len({on.month for on, *_rest in welcome}) >= 6
    assert len(reminders) == 1 and reminders[0][0].month in (3, 4, 5)
    assert all(on < TODAY for on, *_rest in letters)
    # Every batch of ours (the welcome weeks of the last 90 days are demo_welcome's) left
    # out whom the app leaves out; each member had one welcome letter.
    service = demo.letters()
    welcomed: list[int] = []
    for on, template, count, _left, ids in letters:
        assert count == len(ids)
        if template == "welcome":
            welcomed += ids
        if template == "welcome" and (TODAY - on).days < 90:
            continue
        for m in demo.register().members(list(ids)):
            assert service.why_left_out(m) is None, (template, m.display_name)
    assert len(welcomed) == len(set(welcomed))


def test_same_seed_same_letters(tmp_path):
    def build(name):
        s = create_demo(tmp_path / f"{name}.sqlite", members=250, country="NO", seed=9,
                        today=TODAY)
        try:
            return _letters(s)
        finally:
            s.close()

    assert build("a") == build("b")
