from datetime import date

import pytest

from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
from medlemsvard_app.storage.database import open_database
from medlemsvard_app.storage.members import MemberRepository

TODAY = date(2026, 11, 25)


def _repo(tmp_path, country="SE"):
    return MemberRepository(open_database(tmp_path / "m.sqlite", create=True), country)


def _people():
    return [
        Member(given_name="Åsa", family_name="Öberg", city="Västerås", email="asa@ex.se",
               phone="+46701234567", joined_on=date(2015, 1, 1), interests=["Foto"]),
        Member(given_name="Anna", family_name="Andersson", city="Uppsala",
               street="Storgatan 12", joined_on=date(2026, 5, 1)),
        Member(given_name="Bo", family_name="Zetterberg", city="Örebro",
               joined_on=date(2010, 1, 1), status=MembershipStatus.FORMER,
               left_on=date(2020, 1, 1), leave_reason=LeaveReason.MOVED),
        Member(given_name="Ärla", family_name="Ärlig", city="Malmö", joined_on=date(2019, 1, 1)),
    ]


def test_add_many_assigns_numbers_and_keeps_tags(tmp_path):
    repo = _repo(tmp_path)
    added = repo.add_many(_people())
    assert [m.member_number for m in added] == [1, 2, 3, 4]
    again = repo.get(added[0].id)
    assert again.interests == ["Foto"] and again.family_name == "Öberg"


def test_add_many_goes_in_batches_and_reports_progress(tmp_path):
    repo, done = _repo(tmp_path), []
    added = repo.add_many(_people(), progress=done.append, batch=3)
    assert done == [3, 4]
    assert [m.member_number for m in added] == [1, 2, 3, 4] and repo.total() == 4
    assert repo.get(added[3].id).family_name == "Ärlig"


def test_add_many_is_undone_whole_when_progress_raises(tmp_path):
    repo, people = _repo(tmp_path), _people()

    def stop(done):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        repo.add_many(people, progress=stop, batch=2)
    assert repo.total() == 0 and all(m.id is None for m in people)


def test_search_folds_case_of_nordic_letters_and_matches_prefixes(tmp_path):
    repo = _repo(tmp_path)
    repo.add_many(_people())
    names = lambda ids: [repo.get(i).family_name for i in ids]  # noqa: E731
    assert names(repo.query_ids(search="öb", today=TODAY)) == ["Öberg"]
    assert names(repo.query_ids(search="ÖBERG", today=TODAY)) == ["Öberg"]
    assert names(repo.query_ids(search="storg 12", today=TODAY)) == ["Andersson"]
    assert names(repo.query_ids(search="070-123", today=TODAY)) == ["Öberg"]
    assert names(repo.query_ids(search="asa@ex", today=TODAY)) == ["Öberg"]
    assert names(repo.query_ids(search="2", today=TODAY)) == ["Andersson"]  # member number
    assert repo.query_ids(search="nobody", today=TODAY) == []


def test_filters_follow_the_date(tmp_path):
    repo = _repo(tmp_path)
    repo.add_many(_people())
    fam = lambda ids: sorted(repo.get(i).family_name for i in ids)  # noqa: E731
    assert fam(repo.query_ids(filters=["current"], today=TODAY)) == ["Andersson", "Ärlig",
                                                                     "Öberg"]
    assert fam(repo.query_ids(filters=["new"], today=TODAY)) == ["Andersson"]
    assert fam(repo.query_ids(filters=["former"], today=TODAY)) == ["Zetterberg"]
    # As of 2016 Andersson had not joined yet and Zetterberg was still a member.
    assert fam(repo.query_ids(filters=["current"], today=date(2016, 1, 1))) == ["Zetterberg",
                                                                               "Öberg"]


def test_sorting_uses_the_nordic_alphabet(tmp_path):
    repo = _repo(tmp_path)
    repo.add_many(_people())
    ids = repo.query_ids(sort="family_name", today=TODAY)
    assert [repo.get(i).family_name for i in ids] == ["Andersson", "Zetterberg", "Ärlig",
                                                      "Öberg"]
    ids = repo.query_ids(sort="family_name", descending=True, today=TODAY)
    assert repo.get(ids[0]).family_name == "Öberg"
    ids = repo.query_ids(sort="city", today=TODAY)
    assert [repo.get(i).city for i in ids] == ["Malmö", "Uppsala", "Västerås", "Örebro"]


def test_update_refreshes_search_and_tags(tmp_path):
    repo = _repo(tmp_path)
    m = repo.add(Member(given_name="Eva", family_name="Lind", joined_on=TODAY,
                        skills=["Ekonomi"]))
    m.family_name = "Björk"
    m.skills = ["Skriva"]
    repo.update(m)
    assert repo.query_ids(search="lind", today=TODAY) == []
    assert repo.query_ids(search="björk", today=TODAY) == [m.id]
    assert repo.get(m.id).skills == ["Skriva"]


def test_rekey_changes_the_alphabet(tmp_path):
    repo = _repo(tmp_path, "SE")
    repo.add_many([Member(given_name="A", family_name="Ødegaard", joined_on=TODAY),
                   Member(given_name="B", family_name="Ås", joined_on=TODAY)])
    se = [repo.get(i).family_name for i in repo.query_ids(today=TODAY)]
    repo.rekey("NO")
    no = [repo.get(i).family_name for i in repo.query_ids(today=TODAY)]
    assert se == ["Ås", "Ødegaard"] and no == ["Ødegaard", "Ås"]


def test_search_finds_norwegian_letters_typed_without_them(tmp_path):
    repo = _repo(tmp_path, "NO")
    [m] = repo.add_many([Member(given_name="Kari", family_name="Østby", city="Bærum",
                                joined_on=TODAY)])
    for typed in ("øst", "ØSTBY", "ostby", "baer", "bær"):
        assert repo.query_ids(search=typed, today=TODAY) == [m.id], typed
