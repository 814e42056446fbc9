"""The indicators on a register small enough to count by hand (the comments show how).

The period is the year ending 2026-06-30: the days (2025-06-30, 2026-06-30].
"""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.indicators import (
    ExitRow,
    FigureSet,
    Flows,
    JoinDay,
    Period,
    StockCounts,
    age_group,
    age_group_limits,
    age_on,
    compute,
    flows_by_period,
    member_counts,
    month_ends,
    period_start,
    tenure_bucket,
)

END = date(2026, 6, 30)

# The register (the storage test builds the same people in SQL):
#   A joined 2010-03-01, born 1950                       own        member
#   B joined 2015-05-05, born 1985-07-01                 recruited  member
#   C joined 2020-01-10, left 2025-09-01 resigned        -          (5 years: "over 5")
#   D joined 2025-08-01, born 2000-02-02 (25 at joining) recruited  member, new
#   E joined 2025-10-10, left 2026-03-01 struck off      own        (35 at joining)
#   F joined 2026-02-02, born 1960-05-05 (65 at joining) -          member, new
#   G joined 2024-09-01, left 2025-08-15 deceased        -          (under a year)
#   H joined 2024-12-01, born 1981-07-01                 own        member
#   J joined 2018-01-01, left 2026-06-30 moved           -          (8 years)
#   K joined 2026-06-30, born 2001-07-01 (24)            recruited  member, new
#   L joined 2025-06-30, born 1999-12-31                 own        member (a year exactly)
JOINS = [
    JoinDay(date(2010, 3, 1), 1, own=1), JoinDay(date(2015, 5, 5), 1, recruited=1),
    JoinDay(date(2018, 1, 1), 1), JoinDay(date(2020, 1, 10), 1),
    JoinDay(date(2024, 9, 1), 1), JoinDay(date(2024, 12, 1), 1, own=1),
    JoinDay(date(2025, 6, 30), 1, own=1), JoinDay(date(2025, 8, 1), 1, recruited=1),
    JoinDay(date(2025, 10, 10), 1, own=1), JoinDay(date(2026, 2, 2), 1),
    JoinDay(date(2026, 6, 30), 1, recruited=1),
]
EXITS = [
    ExitRow(date(2025, 8, 15), "deceased", "under_1", 1),  # G
    ExitRow(date(2025, 9, 1), "resigned", "over_5", 1),  # C
    ExitRow(date(2026, 3, 1), "struck_off", "under_1", 1),  # E
    ExitRow(date(2026, 6, 30), "moved", "over_5", 1),  # J
]
# What one pass over the members gives on 2026-06-30 (members then: A B D F H K L):
STOCK = StockCounts(
    kept=4,  # at the start A B C G H J L (7); of them still in at the end: A B H L
    # ages on 2026-06-30: K 24 | D 26, L 26 | B 40, H 44 | - | A 76, F 66
    ages={("0_25", ""): 1, ("26_35", ""): 2, ("36_50", ""): 2, ("66_plus", ""): 2},
    under_45=5,  # B D H K L
    joined_young=3,  # D 25, E 35, K 24 (F was 65)
    new_members=3,  # joined after 2025-06-30 and still in: D F K
    first_year_cohort=3,  # joined in (2024-06-30, 2025-06-30]: G H L
    first_year_kept=2,  # H and L were still members a year on; G died within the year
)


def figures() -> FigureSet:
    return compute(Period.YEAR, END, Flows(JOINS, EXITS), STOCK)


def test_period_is_the_days_after_its_start_up_to_its_end():
    assert period_start(END, Period.YEAR) == date(2025, 6, 30)
    assert period_start(END, Period.HALF_YEAR) == date(2025, 12, 30)
    assert period_start(END, Period.TWO_MONTHS) == date(2026, 4, 30)
    assert period_start(date(2026, 3, 31), Period.TWO_MONTHS) == date(2026, 1, 31)


def test_member_flow():
    f = figures()
    assert f["members_at_start"] == 7  # A B C G H J L
    assert f["member_count"] == 7  # A B D F H K L (J left on the last day)
    assert f["joined"] == 4  # D E F K (L joined on the day before the period)
    assert f["left"] == 4  # G C E J
    assert f["net_change"] == 0
    assert [f[f"left_{r}"] for r in ("resigned", "struck_off", "deceased", "other")] == \
        [1, 1, 1, 1]  # moved counts as "other"


def test_new_young_and_recruited():
    f = figures()
    assert f["new_under_45"] == 3
    assert f["share_new_under_45"] == pytest.approx(3 / 4)
    assert f["under_45"] == 5 and f["share_under_45"] == pytest.approx(5 / 7)
    assert (f["recruited"], f["joined_own"]) == (2, 1)  # D K | E; F not recorded
    assert f["share_recruited"] == pytest.approx(2 / 3)


def test_retention_tenure_and_ages():
    f = figures()
    assert f["retention"] == pytest.approx(4 / 7)
    assert f["first_year_retention"] == pytest.approx(2 / 3)
    assert [f[f"tenure_{b}"] for b in ("under_1", "1_3", "3_5", "over_5")] == [2, 0, 0, 2]
    assert [f[f"age_{g}"] for g in ("0_25", "26_35", "36_50", "51_65", "66_plus")] == \
        [1, 2, 2, 0, 2]


def test_new_versus_experienced():
    f = figures()
    assert (f["new_members"], f["experienced_members"]) == (3, 4)  # D F K | A B H L
    assert (f["left_new"], f["left_experienced"]) == (2, 2)  # G E | C J
    assert f["share_new"] == pytest.approx(3 / 7)


def test_small_groups_are_hidden_only_outside_the_board():
    f = figures()
    assert f.shown("left_resigned") == 1
    public = f.for_outside()
    assert public.shown("left_resigned") is None  # 1 person
    assert public.shown("member_count") == 7
    assert public.shown("left_deceased") is None
    assert public.shown("age_51_65") == 0  # nobody is not a group of anybody
    assert public.shown("share_recruited") is None  # a share of 3 people
    assert public.shown("retention") == pytest.approx(4 / 7)  # of 7
    assert public.shown("net_change") == 0  # a difference, never hidden
    assert public.as_json()["left_resigned"] is None


def test_members_on_any_day_and_series():
    flows = Flows(JOINS, EXITS)
    assert flows.members_on(date(2009, 12, 31)) == 0
    assert flows.members_on(date(2010, 3, 1)) == 1
    assert member_counts(flows, [date(2025, 6, 30), END]) == [7, 7]
    # G left on 2025-08-15, C on 2025-09-01: two fewer, D joined on 2025-08-01
    assert flows.members_on(date(2025, 9, 1)) == 6
    by_half = flows_by_period(flows, END, Period.HALF_YEAR, 2)
    assert [(p.joined, p.left) for p in by_half] == [(2, 2), (2, 2)]  # D E | F K; G C | E J
    assert month_ends(date(2026, 3, 15), 3) == [date(2026, 1, 31), date(2026, 2, 28),
                                                date(2026, 3, 15)]


def test_ages_and_buckets():
    assert age_on(date(1985, 7, 1), END) == 40
    assert age_on(date(2000, 6, 30), END) == 26
    assert age_on(date(2000, 7, 1), END) == 25
    assert [age_group(a) for a in (0, 25, 26, 35, 36, 50, 51, 65, 66, 99)] == [
        "0_25", "0_25", "26_35", "26_35", "36_50", "36_50", "51_65", "51_65", "66_plus",
        "66_plus"]
    # born after the limit = at most 25 on END
    assert age_group_limits(END)[0] == ("0_25", date(2000, 6, 30))
    assert [tenure_bucket(y) for y in (0, 1, 2, 3, 4, 5, 30)] == [
        "under_1", "1_3", "1_3", "3_5", "3_5", "over_5", "over_5"]


def test_nothing_to_divide_by_gives_no_share():
    f = compute(Period.TWO_MONTHS, END, Flows([], []), StockCounts())
    assert f["member_count"] == 0
    assert f["retention"] is None and f["share_under_45"] is None
    assert f.as_json()["payment_rate"] is None


def test_a_small_part_cannot_be_worked_out_from_the_total():
    """Left 7 = 5 resigned + 2 struck off: hiding the 2 alone gives it away (7 - 5)."""
    from datetime import date

    from medlemsvard_app.domain.indicators import FigureSet, Period

    values = {"left": 7, "left_resigned": 5, "left_struck_off": 2, "left_deceased": 0,
              "left_other": 0}
    figures = FigureSet(Period.YEAR, date(2026, 1, 1), date(2026, 12, 31), values, {})
    assert figures.shown("left_resigned") == 5  # inside the board everything shows
    outside = figures.for_outside()
    assert outside.shown("left") == 7
    assert outside.shown("left_struck_off") is None
    assert outside.shown("left_resigned") is None  # hidden with it
    assert outside.shown("left_deceased") == 0
