from datetime import datetime, timedelta

from medlemsvard_app.domain.backup_rotation import Rotation, to_delete, to_keep

NOW = datetime(2026, 11, 25, 12, 0)


def test_nothing_to_keep_or_delete_without_backups():
    assert to_keep([], NOW) == set() and to_delete([], NOW) == set()


def test_every_backup_of_the_last_day_is_kept():
    backups = [(i, NOW - timedelta(hours=i)) for i in range(0, 24)]
    assert to_delete(backups, NOW) == set()


def test_a_year_of_daily_backups_keeps_7_days_4_weeks_12_months():
    backups = [(i, NOW - timedelta(days=i)) for i in range(0, 400)]
    kept = to_keep(backups, NOW)
    # the last 7 days, the newest of each of the last 4 ISO weeks, of each of 12 months
    assert set(range(7)) <= kept
    assert len(kept) <= 1 + 7 + 4 + 12
    months = {(NOW - timedelta(days=i)).strftime("%Y-%m") for i in kept}
    assert len(months) == 12
    assert max(kept) < 400 and 399 not in kept


def test_the_newest_of_a_day_is_kept_and_older_ones_go():
    day = NOW - timedelta(days=3)
    backups = [("morning", day.replace(hour=8)), ("evening", day.replace(hour=20)),
               ("today", NOW)]
    assert to_delete(backups, NOW) == {"morning"}


def test_the_newest_backup_survives_even_if_old():
    backups = [("old", NOW - timedelta(days=900))]
    assert to_keep(backups, NOW, Rotation(daily=0, weekly=0, monthly=0)) == {"old"}


def test_weeks_count_only_weeks_that_have_a_backup():
    backups = [(w, NOW - timedelta(weeks=w * 3)) for w in range(10)]
    kept = to_keep(backups, NOW, Rotation(keep_all_hours=0, daily=0, weekly=4, monthly=0))
    assert kept == {0, 1, 2, 3}
