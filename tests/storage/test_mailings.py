from datetime import date

from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from tests.conftest import add_members


def test_first_sent_is_the_earliest_letter_per_member(session):
    ids = [m.id for m in add_members(session, *({"given_name": n, "family_name": "Ek"}
                                                for n in ("Ana", "Bo", "Cia")))]
    repo = MailingRepository(session.db)
    repo.record(Mailing("letter", date(2026, 3, 1), "welcome"), ids[:2])
    repo.record(Mailing("letter", date(2026, 2, 1), "welcome"), ids[1:])
    repo.record(Mailing("labels", date(2026, 1, 1)), ids)
    assert repo.first_sent("letter", "welcome") == {
        ids[0]: date(2026, 3, 1), ids[1]: date(2026, 2, 1), ids[2]: date(2026, 2, 1)}
    assert repo.first_sent("letter", "welcome", [ids[0]]) == {ids[0]: date(2026, 3, 1)}
    assert [m.kind for m in repo.for_member(ids[0])] == ["labels", "letter"]
    assert repo.recent()[0].member_count == 2
