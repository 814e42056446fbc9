"""The demo association: realistic, valid, country-specific and the same for the same seed."""

from __future__ import annotations

import io
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from stdnum import luhn
from stdnum.no import kontonr
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from medlemsvard_app import cli
from medlemsvard_app.domain.dues_state import DuesState
from medlemsvard_app.domain.models import BoardRole, Country, MembershipStatus
from medlemsvard_app.domain.payment_details import (
    NORMALISERS,
    PAYMENT_FIELDS,
    normalise_org_number,
)
from medlemsvard_app.domain.validation import (
    format_phone,
    normalise_email,
    normalise_phone,
    normalise_postal_code,
    validate_member,
)
from medlemsvard_app.services import demo
from medlemsvard_app.services.demo import DemoCancelled, create_demo
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage import errors
from medlemsvard_app.storage.members import MemberRepository

TODAY = date(2026, 11, 25)


def _everyone(session):
    register = session.register()
    return register.members(register.search_ids("", [], today=TODAY))


@pytest.fixture(scope="module")
def se_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("se") / "demo.sqlite"
    session = create_demo(path, members=2000, country="SE", seed=7, today=TODAY)
    people = _everyone(session)
    assoc = session.association
    session.close()
    return path, people, assoc


@pytest.fixture(scope="module")
def no_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("no") / "demo.sqlite"
    session = create_demo(path, members=2000, country="NO", seed=7, today=TODAY)
    people = _everyone(session)
    assoc = session.association
    session.close()
    return path, people, assoc


def _members_json(path, *filters: str) -> list[dict]:
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = out
    try:
        args = ["members", "--db", str(path), "--json", "--date", TODAY.isoformat()]
        for f in filters:
            args += ["--filter", f]
        assert cli.main(args) == 0
    finally:
        sys.stdout = old
    return json.loads(out.getvalue())


# -- determinism -----------------------------------------------------------------------------

def test_same_seed_and_day_give_the_same_data(tmp_path):
    for name in ("a", "b"):
        create_demo(tmp_path / f"{name}.sqlite", members=400, country="SE", seed=5,
                    today=TODAY).close()
    for f in ("current", "former", "prospect"):
        a = _members_json(tmp_path / "a.sqlite", f)
        assert a == _members_json(tmp_path / "b.sqlite", f)
        assert a
    sa, sb = open_session(tmp_path / "a.sqlite"), open_session(tmp_path / "b.sqlite")
    try:
        assert sa.association == sb.association
        full_a = [replace(m, id=None) for m in _everyone(sa)]
        full_b = [replace(m, id=None) for m in _everyone(sb)]
        assert full_a == full_b
    finally:
        sa.close()
        sb.close()


def test_another_seed_gives_other_people(tmp_path):
    create_demo(tmp_path / "a.sqlite", members=200, seed=1, today=TODAY).close()
    create_demo(tmp_path / "b.sqlite", members=200, seed=2, today=TODAY).close()
    assert _members_json(tmp_path / "a.sqlite") != _members_json(tmp_path / "b.sqlite")


# -- counts and mix --------------------------------------------------------------------------

def test_counts_and_mix_of_statuses(se_demo):
    _path, people, _assoc = se_demo
    assert len(people) == 2000
    status = Counter(m.status for m in people)
    numbered = sorted(m.member_number for m in people if m.member_number is not None)
    assert numbered == list(range(1, 2001 - status[MembershipStatus.PROSPECT]))
    assert all(m.member_number is None for m in people if m.status is MembershipStatus.PROSPECT)
    assert 0.08 * 2000 < status[MembershipStatus.FORMER] < 0.16 * 2000
    assert 10 <= status[MembershipStatus.PROSPECT] <= 80
    year_ago = TODAY - timedelta(days=365)
    new = [m for m in people if m.is_current(TODAY) and m.joined_on > year_ago]
    assert len(new) > 50
    reasons = Counter(m.leave_reason for m in people if m.leave_reason)
    assert {"resigned", "struck_off", "deceased", "moved"} <= {r.value for r in reasons}
    assert reasons.most_common(1)[0][0].value in ("resigned", "struck_off")
    assert any(m.leave_note for m in people)
    assert any(m.call_name for m in people)
    assert any(m.co.startswith("c/o ") for m in people)
    assert any(m.interests for m in people) and any(m.skills for m in people)
    assert any(m.notes for m in people)
    assert any(m.do_not_call for m in people)
    assert 1 <= sum(m.protected_identity for m in people) <= 20
    assert any(not m.email for m in people)
    emails = Counter(m.email for m in people if m.email)
    assert 1 <= sum(1 for n in emails.values() if n > 1) <= 100  # a few families share one
    assert any(m.newsletter_consent_on for m in people)
    assert any(m.sms_consent_on for m in people)


def test_the_filters_show_people(se_demo):
    path, _people, _assoc = se_demo
    assert _members_json(path, "new")
    assert _members_json(path, "former")
    assert _members_json(path, "prospect")
    assert len(_members_json(path)) > 1500


# -- validity --------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["se_demo", "no_demo"])
def test_every_member_passes_validation_unchanged(which, request):
    _path, people, assoc = request.getfixturevalue(which)
    for m in people:
        checked = validate_member(replace(m, interests=list(m.interests), skills=list(m.skills)),
                                  home_country=assoc.country.value, today=TODAY,
                                  identity_enabled=False)
        assert checked.phone == m.phone
        assert checked.phone_alt == m.phone_alt
        assert checked.postal_code == m.postal_code
        assert checked.email == m.email
        assert checked.given_name == m.given_name and checked.family_name == m.family_name
        assert checked.street == m.street and checked.city == m.city
        assert checked.interests == m.interests and checked.skills == m.skills


@pytest.mark.parametrize("which", ["se_demo", "no_demo"])
def test_dates_are_in_order(which, request):
    _path, people, _assoc = request.getfixturevalue(which)
    by_id = {m.id: m for m in people}
    fifteen_years_ago = TODAY.replace(year=TODAY.year - 15)
    for m in people:
        assert date(1935, 1, 1) <= m.birth_date <= date(2010, 12, 31)
        if m.status is MembershipStatus.PROSPECT:
            assert m.joined_on is None and m.recruited_by is None
            continue
        assert fifteen_years_ago <= m.joined_on <= TODAY
        assert (m.joined_on - m.birth_date).days >= 15 * 365
        if m.status is MembershipStatus.FORMER:
            assert m.joined_on < m.left_on <= TODAY
            assert m.leave_reason is not None
        else:
            assert m.left_on is None and m.leave_reason is None
        for consent in (m.newsletter_consent_on, m.sms_consent_on):
            assert consent is None or m.joined_on <= consent <= TODAY
        if m.recruited_by is not None:
            assert m.join_method.value == "recruited"
            recruiter = by_id[m.recruited_by]
            assert recruiter.joined_on <= m.joined_on
            assert recruiter.left_on is None or recruiter.left_on > m.joined_on
        else:
            assert m.join_method is None or m.join_method.value == "own"
    recruited = sum(1 for m in people if m.recruited_by)
    assert 0.2 * len(people) < recruited < 0.5 * len(people)
    # Member numbers follow the join date.
    members = sorted((m for m in people if m.joined_on), key=lambda m: m.member_number)
    assert [m.joined_on for m in members] == sorted(m.joined_on for m in members)


def test_dates_follow_the_given_day(tmp_path):
    day = date(2016, 3, 1)
    session = create_demo(tmp_path / "old.sqlite", members=300, seed=3, today=day)
    try:
        assert session.today() == day
        for m in _everyone(session):
            assert (day - m.birth_date).days >= 16 * 365
            assert m.joined_on is None or m.joined_on <= day
            assert m.left_on is None or m.left_on <= day
    finally:
        session.close()


# -- country specifics -----------------------------------------------------------------------

def test_swedish_demo(se_demo):
    _path, people, assoc = se_demo
    local = [m for m in people if m.country == "SE"]
    assert len(local) > 0.98 * len(people)
    for m in local:
        assert re.fullmatch(r"[1-9]\d\d \d\d", m.postal_code)
        assert m.phone == "" or re.fullmatch(r"\+467[02369]\d{7}", m.phone)
    towns = Counter(m.city for m in local)
    assert towns.most_common(1)[0][0] == "Västerås"
    assert towns["Västerås"] > 0.4 * len(local)
    assert {"Stockholm", "Köping"} <= set(towns)
    families = {m.family_name for m in people}
    assert "Öberg" in families
    assert any(f[0] in "ÅÄÖ" for f in families)
    assert any(" lgh " in m.street for m in people)
    assert any(re.search(r"\d", m.street) for m in people)
    assert {"Kampanj", "Studiecirkel", "Bakning"} & {t for m in people for t in m.interests}
    assert any(m.phone_alt.startswith("+4621") for m in people)
    # The association: name, address, payment details, board.
    assert assoc.country is Country.SE and assoc.language == "sv"
    assert "Västerås" in assoc.name
    assert re.fullmatch(r"7[23]\d \d\d", assoc.postal_code) and assoc.city == "Västerås"
    assert se_orgnr.is_valid(assoc.org_number) and assoc.org_number.startswith("802")
    assert luhn.is_valid(assoc.bankgiro.replace("-", ""))
    assert re.fullmatch(r"123 \d{3} \d\d \d\d", assoc.swish)
    assert not assoc.vipps and not assoc.bank_account


def test_norwegian_demo(no_demo):
    _path, people, assoc = no_demo
    local = [m for m in people if m.country == "NO"]
    for m in local:
        assert re.fullmatch(r"\d{4}", m.postal_code)
        assert m.phone == "" or re.fullmatch(r"\+47[49]\d{7}", m.phone)
    assert any(m.postal_code.startswith("0") for m in local)
    towns = Counter(m.city for m in local)
    assert towns.most_common(1)[0][0] == "Drammen"
    families = {m.family_name for m in people}
    assert {"Øberg", "Østby"} <= families
    assert any(f[0] in "ÆØÅ" for f in families)
    assert any(any(c in m.given_name for c in "æøåÆØÅ") for m in people)
    tags = {t for m in people for t in m.interests + m.skills}
    assert {"Kampanje", "Dugnad", "Økonomi"} & tags
    assert not {"Kampanj", "Bakning"} & tags
    assert assoc.country is Country.NO and assoc.language == "nb"
    assert "Drammen" in assoc.name
    assert no_orgnr.is_valid(assoc.org_number)
    assert kontonr.is_valid(assoc.bank_account)
    assert re.fullmatch(r"\d{6}", assoc.vipps)
    assert not assoc.bankgiro and not assoc.swish


@pytest.mark.parametrize("which", ["se_demo", "no_demo"])
def test_association_details_are_as_the_settings_dialog_keeps_them(which, request):
    _path, _people, assoc = request.getfixturevalue(which)
    country = assoc.country.value
    for name in PAYMENT_FIELDS[country]:
        value = getattr(assoc, name)
        if name != "plusgiro":
            assert value
        assert NORMALISERS[name](value) == value
    assert normalise_org_number(assoc.org_number, country) == assoc.org_number
    assert normalise_postal_code(assoc.postal_code, country) == assoc.postal_code
    assert normalise_email(assoc.email) == assoc.email
    assert format_phone(normalise_phone(assoc.phone, country), country) == assoc.phone
    for post in assoc.board:
        assert format_phone(normalise_phone(post.phone, country), country) == post.phone


@pytest.mark.parametrize("which", ["se_demo", "no_demo"])
def test_board_posts_point_at_current_members(which, request):
    _path, people, assoc = request.getfixturevalue(which)
    by_id = {m.id: m for m in people}
    roles = {p.role for p in assoc.board}
    assert {BoardRole.CHAIR, BoardRole.TREASURER, BoardRole.MEMBERSHIP_OFFICER,
            BoardRole.SECRETARY} <= roles
    for post in assoc.board:
        m = by_id[post.member_id]
        assert m.is_current(TODAY)
        assert post.person_name == m.display_name
        assert post.phone == format_phone(m.phone, assoc.country.value)
        assert post.email == m.email
        assert post.title


def test_language_choice_sets_tags_and_titles(tmp_path):
    session = create_demo(tmp_path / "en.sqlite", members=300, country="NO", language="en",
                          today=TODAY)
    try:
        assoc = session.association
        assert assoc.language == "en"
        assert {p.title for p in assoc.board} & {"Chair", "Treasurer"}
        tags = {t for m in _everyone(session) for t in m.interests}
        assert "Campaigning" in tags or "Baking" in tags
    finally:
        session.close()


def test_tiny_and_empty_demos(tmp_path):
    session = create_demo(tmp_path / "empty.sqlite", members=0, today=TODAY)
    assert session.members.total() == 0
    assert session.association.board == []
    session.close()
    session = create_demo(tmp_path / "one.sqlite", members=1, country="NO", today=TODAY)
    [m] = _everyone(session)
    assert m.family_name in ("Øberg", "Østby")
    session.close()


# -- replacing, cancelling -------------------------------------------------------------------

def test_refuses_to_overwrite_without_replace(tmp_path):
    path = tmp_path / "x.sqlite"
    create_demo(path, members=10, today=TODAY).close()
    with pytest.raises(errors.AlreadyExists):
        create_demo(path, members=10, today=TODAY)
    create_demo(path, members=20, today=TODAY, replace=True).close()
    session = open_session(path)
    assert session.members.total() == 20
    session.close()


def test_progress_and_cancel_remove_the_partial_file(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "BATCH", 50)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return True

    create_demo(tmp_path / "ok.sqlite", members=120, today=TODAY, progress=progress).close()
    assert calls == [(0, 120), (50, 120), (100, 120), (120, 120)]

    path = tmp_path / "cancelled.sqlite"
    with pytest.raises(DemoCancelled):
        create_demo(path, members=120, today=TODAY, progress=lambda done, total: done < 50)
    assert not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.sqlite"]

    # Cancelling a replacement leaves the old file as it was.
    before = (tmp_path / "ok.sqlite").read_bytes()
    with pytest.raises(DemoCancelled):
        create_demo(tmp_path / "ok.sqlite", members=120, today=TODAY, replace=True,
                    progress=lambda done, total: done < 100)
    assert (tmp_path / "ok.sqlite").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.sqlite"]


def test_a_failure_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(self, members):
        raise errors.DiskFull(str(tmp_path), "disk full")

    monkeypatch.setattr(MemberRepository, "add_many", broken)
    with pytest.raises(errors.DiskFull):
        create_demo(tmp_path / "x.sqlite", members=30, today=TODAY)
    assert list(tmp_path.iterdir()) == []


# -- command line ----------------------------------------------------------------------------

def test_cli_demo_norway(tmp_path, capsys):
    path = tmp_path / "no.sqlite"
    assert cli.main(["demo", "--db", str(path), "--members", "200", "--country", "NO",
                     "--seed", "3"]) == 0
    assert "200" in capsys.readouterr().err
    assert cli.main(["members", "--db", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    session = open_session(path)
    try:
        assert len(listed) == session.register().count(["current"])
        assert session.members.total() == 200
    finally:
        session.close()
    assert 150 < len(listed) < 200
    assert all(re.fullmatch(r"\d{4}", m["postal_code"]) for m in listed if m["country"] == "NO")
    assert {m["status"] for m in listed} == {"member"}


def test_cli_demo_refuses_to_overwrite_without_yes(tmp_path, capsys, monkeypatch):
    path = tmp_path / "d.sqlite"
    assert cli.main(["demo", "--db", str(path), "--members", "30"]) == 0
    before = path.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    assert cli.main(["demo", "--db", str(path), "--members", "40"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert cli.main(["demo", "--db", str(path), "--members", "40", "--yes"]) == 0
    session = open_session(path)
    assert session.members.total() == 40
    session.close()


# -- dues history ----------------------------------------------------------------------------

def _dues_rows(path) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    """Payments, notices, mandate events and exemptions as plain rows (ids included)."""
    session = open_session(path)
    try:
        db = session.db
        return (db.execute("SELECT id, member_id, paid_on, amount, period_from, period_to, "
                           "method, kind, reference FROM payments ORDER BY id").fetchall(),
                db.execute("SELECT member_id, period, stage, sent_on, amount, reference, "
                           "channel FROM dues_notices ORDER BY id").fetchall(),
                db.execute("SELECT member_id, changed_on, status, kind, payer_number, "
                           "monthly_amount FROM mandate_events ORDER BY id").fetchall(),
                db.execute("SELECT member_id, kind, from_on, until_on FROM dues_exemptions "
                           "ORDER BY id").fetchall())
    finally:
        session.close()


def _overview(path, day=TODAY):
    session = open_session(path, lambda: day)
    try:
        return session.dues().overview(day), session.dues().calendar()
    finally:
        session.close()


@pytest.mark.parametrize("members", [300, 2000])
def test_every_dues_state_shows_in_a_swedish_demo(tmp_path, members):
    path = tmp_path / "d.sqlite"
    create_demo(path, members=members, country="SE", seed=1, today=TODAY).close()
    overview, calendar = _overview(path)
    assert set(overview.counts) == set(DuesState), overview.counts
    assert overview.bounced > 0
    assert calendar.tracked_from == TODAY.year - 5
    assert calendar.annual_fee > 0 and calendar.period.value == "calendar_year"
    # Realistic: most have paid (or pay by direct debit), a few are behind.
    assert 0.8 < overview.paid_rate < 0.97
    share = overview.counts[DuesState.DIRECT_DEBIT] / overview.current
    assert 0.07 < share < 0.16
    assert overview.counts[DuesState.PAID] > overview.current / 2


def test_a_norwegian_demo_shows_every_state_its_calendar_allows(no_demo):
    path, _people, _assoc = no_demo
    overview, calendar = _overview(path)
    assert calendar.strike_off_months == 6
    # Six months after the 1 March due date is 1 September, before the October reminder:
    # in late November nobody can be at the third reminder or owe a two-year invoice.
    possible = set(DuesState) - {DuesState.REMINDER_3, DuesState.TWO_YEAR_INVOICE}
    assert set(overview.counts) == possible, overview.counts
    assert overview.bounced > 0
    _payments, _notices, events, _exemptions = _dues_rows(path)
    assert {e[3] for e in events} == {"avtalegiro"}


@pytest.mark.parametrize("day", [date(2026, 2, 20), date(2026, 4, 20), date(2026, 8, 10),
                                 date(2027, 1, 10)])
def test_the_states_follow_the_demo_day(tmp_path, day):
    path = tmp_path / "d.sqlite"
    create_demo(path, members=400, country="SE", seed=2, today=day).close()
    overview, _calendar = _overview(path, day)
    counts = overview.counts
    for state in (DuesState.PAID, DuesState.DIRECT_DEBIT, DuesState.EXEMPT,
                  DuesState.TO_STRIKE_OFF, DuesState.INVOICED):
        assert counts.get(state), (state, counts)
    # The reminder the calendar has reached shows; one not yet sent does not.
    if date(day.year, 2, 1) <= day < date(day.year, 4, 1):
        assert counts[DuesState.INVOICED] > overview.current / 4
        assert DuesState.REMINDER_1 not in counts
    elif day.month in (4, 5, 6):
        assert counts[DuesState.REMINDER_1] > 5
    elif day.month in (7, 8, 9):
        assert counts[DuesState.REMINDER_2] > 5


def test_the_dues_history_is_the_same_for_the_same_seed_and_day(tmp_path):
    for name in ("a", "b"):
        create_demo(tmp_path / f"{name}.sqlite", members=500, country="SE", seed=4,
                    today=TODAY).close()
    a, b = _dues_rows(tmp_path / "a.sqlite"), _dues_rows(tmp_path / "b.sqlite")
    assert a == b
    assert all(a)
    create_demo(tmp_path / "c.sqlite", members=500, country="SE", seed=5, today=TODAY).close()
    assert _dues_rows(tmp_path / "c.sqlite")[0] != a[0]


@pytest.mark.parametrize("which", ["se_demo", "no_demo"])
def test_payments_and_notices_fit_each_member(which, request):
    path, people, assoc = request.getfixturevalue(which)
    by_id = {m.id: m for m in people}
    payments, notices, events, exemptions = _dues_rows(path)
    _overview_now, calendar = _overview(path)
    fee = calendar.annual_fee
    for _pid, member_id, paid_on, amount, start, end, method, kind, reference in payments:
        m = by_id[member_id]
        paid_on = date.fromisoformat(paid_on)
        assert m.joined_on <= paid_on <= TODAY
        assert m.left_on is None or paid_on < m.left_on
        assert start >= m.joined_on.year  # never for a period before joining
        assert start >= calendar.tracked_from - 1 and end <= TODAY.year + 1
        assert m.status is not MembershipStatus.PROSPECT
        if method == "direct_debit":
            assert paid_on.day == 28 and amount == fee // 12 and start == end == paid_on.year
        elif kind == "intro":
            assert amount == calendar.intro_fee
        if method == "bank_giro" and kind != "other":
            assert reference
    for member_id, _period, stage, sent_on, _amount, reference, _channel in notices:
        m = by_id[member_id]
        sent_on = date.fromisoformat(sent_on)
        assert m.joined_on <= sent_on <= TODAY
        assert m.left_on is None or sent_on < m.left_on
        assert reference
        if stage == "invoice" and sent_on != m.joined_on:
            assert (sent_on.month, sent_on.day) == (2, 1)
    # Direct debit: active, a few forms sent or cancelled; the right kind for the country.
    statuses = Counter(e[2] for e in events)
    assert statuses["active"] > 0.07 * len(people)
    assert statuses["form_sent"] > statuses["active"]  # every mandate starts as a form
    assert statuses["cancelled"] >= 1
    kinds = Counter(e[1] for e in exemptions)
    assert kinds["honorary"] >= 3
    assert all(by_id[e[0]].is_current(TODAY) for e in exemptions)
    assert assoc.country.value in ("SE", "NO")


def test_struck_off_members_stopped_paying_when_the_calendar_says(se_demo):
    path, people, _assoc = se_demo
    payments, notices, _events, _exemptions = _dues_rows(path)
    _overview_now, calendar = _overview(path)
    paid: dict[int, set[int]] = {}
    for _pid, member_id, _on, _amount, start, end, *_rest in payments:
        paid.setdefault(member_id, set()).update(range(start, end + 1))
    struck = [m for m in people if m.leave_reason and m.leave_reason.value == "struck_off"]
    assert len(struck) > 20
    for m in struck:
        missed = m.left_on.year - 1  # Sweden: struck off in June the year after
        assert m.left_on >= calendar.strike_off_on(calendar.due_on(missed))
        assert missed > calendar.intro_periods(m.joined_on)[-1]  # the intro fee was paid
        assert not paid.get(m.id, set()) & {missed, missed + 1}
    # ... and were sent a two-year invoice if their missed year was tracked.
    two_year = {n[0] for n in notices if n[2] == "two_year_invoice"}
    tracked = [m for m in struck if m.left_on.year - 1 >= calendar.tracked_from
               and m.joined_on.year < m.left_on.year - 1]
    assert tracked and all(m.id in two_year for m in tracked)


def test_the_demo_has_past_calling_rounds_with_outcomes(tmp_path):
    from medlemsvard_app.domain.calls import RoundPurpose

    day = date(2026, 11, 25)
    session = create_demo(tmp_path / "calls.sqlite", members=400, today=day)
    try:
        calls = session.calls()
        rounds = calls.repo.rounds()
        purposes = {r.purpose for r in rounds}
        assert {RoundPurpose.INVOICE_ALL, RoundPurpose.REMINDER_UNPAID} <= purposes
        invoice = next(r for r in rounds if r.purpose is RoundPurpose.INVOICE_ALL)
        overview = calls.overview(invoice.id)
        assert overview["called"] > 0 and overview["reached"] > overview.get("no_answer", 0)
        assert all(r.started_on <= day for r in rounds)
        # Members keep their caller from one round to the next.
        first, second = [r for r in reversed(rounds)
                         if r.purpose is RoundPurpose.INVOICE_ALL][:2]
        a, b = calls.repo.round_assignment(first.id), calls.repo.round_assignment(second.id)
        shared = set(a) & set(b)
        assert shared and all(a[m] == b[m] for m in shared)
    finally:
        session.close()
