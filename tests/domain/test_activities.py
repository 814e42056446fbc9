"""Activities without a database: kinds, validation, first-timers, the reminder rule, .ics."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from medlemsvard_app.domain.activities import (
    Activity,
    Evaluation,
    Participation,
    first_timers,
    kind_code,
    parse_time,
    to_remind,
    validate_activity,
    validate_evaluation,
)
from medlemsvard_app.domain.errors import DomainError, ValidationError
from medlemsvard_app.domain.icalendar import CalendarEvent, calendar_text, escape_text, fold


def test_kind_code_keeps_suggestions_and_own_words():
    assert kind_code("study_circle") == "study_circle"
    assert kind_code(" Study circle ") == "study_circle"
    assert kind_code("Sopplunch  i parken") == "Sopplunch i parken"


@pytest.mark.parametrize("text,expected", [
    ("18", time(18, 0)), ("1830", time(18, 30)), ("18.30", time(18, 30)),
    ("9:05", time(9, 5)), ("", None), (None, None)])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "18:60", "kväll", "1:2"])
def test_parse_time_refuses(text):
    with pytest.raises(DomainError):
        parse_time(text)


def test_validation_cleans_and_checks():
    clean = validate_activity(Activity("  Medlemsmöte  ", date(2026, 12, 3), kind="Party",
                                       starts_at=time(18), ends_at=time(20), place=" ABF "))
    assert clean.title == "Medlemsmöte" and clean.kind == "party" and clean.place == "ABF"
    with pytest.raises(ValidationError) as err:
        validate_activity(Activity(" ", date(2026, 12, 3), ends_at=time(20)))
    assert err.value.problems == {"title": "activity_title_missing",
                                  "ends_at": "activity_end_without_start"}
    with pytest.raises(ValidationError) as err:
        validate_activity(Activity("Fest", date(2026, 12, 3), starts_at=time(19),
                                   ends_at=time(19)))
    assert err.value.problems == {"ends_at": "activity_end_is_start"}


def test_an_end_before_the_start_is_after_midnight():
    party = Activity("Fest", date(2026, 12, 31), starts_at=time(20), ends_at=time(1))
    assert party.ends() == datetime(2027, 1, 1, 1, 0)


def test_first_timers_are_those_who_never_came_before():
    assert first_timers([1, 2, 3], came_before=[2, 9]) == {1, 3}
    assert first_timers([], came_before=[1]) == set()


def test_the_reminder_list_is_for_the_day_before_and_the_not_yet_reminded():
    meeting = Activity("Möte", date(2026, 11, 26), id=1)
    people = [Participation(1, date(2026, 11, 1)),
              Participation(2, date(2026, 11, 2), reminded_on=date(2026, 11, 25)),
              Participation(3, None, attended=True),  # came without signing up
              Participation(4, date(2026, 11, 20))]
    assert [p.member_id for p in to_remind(meeting, people, date(2026, 11, 25))] == [1, 4]
    assert to_remind(meeting, people, date(2026, 11, 24)) == []
    assert to_remind(meeting, people, date(2026, 11, 26)) == []
    meeting.cancelled = True
    assert to_remind(meeting, people, date(2026, 11, 25)) == []


def test_evaluation_counts_cannot_be_negative():
    with pytest.raises(ValidationError):
        validate_evaluation(Evaluation(1, date(2026, 11, 25), came=-1))
    assert validate_evaluation(Evaluation(1, date(2026, 11, 25), worked=" Fika ")).worked == \
        "Fika"


# -- iCalendar ----------------------------------------------------------------------------------

def test_escaping_text():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_folding_at_75_octets_never_splits_a_character():
    line = "DESCRIPTION:" + "å" * 80
    folded = fold(line)
    parts = folded.split("\r\n")
    assert parts[-1] == ""
    for part in parts[:-1]:
        assert len(part.encode("utf-8")) <= 75
    assert all(p.startswith(" ") for p in parts[1:-1])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts[:-1])) == line


def test_calendar_text_exactly():
    events = [
        CalendarEvent("activity-1-abc@medlemsvard", "Medlemsmöte, höst",
                      datetime(2026, 11, 26, 18, 30), datetime(2026, 11, 26, 20, 0),
                      location="ABF; sal 2", description="Syfte: planera\nvåren"),
        CalendarEvent("activity-2-abc@medlemsvard", "Bokbord", date(2026, 12, 5),
                      cancelled=True),
    ]
    text = calendar_text(events, country="NO", stamp=datetime(2026, 11, 25, 9, 0),
                         name="Laget", prodid="-//Test//EN")
    assert text == "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "X-WR-CALNAME:Laget",
        "BEGIN:VTIMEZONE", "TZID:Europe/Oslo",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
        "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
        "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:activity-1-abc@medlemsvard", "DTSTAMP:20261125T090000Z",
        "DTSTART;TZID=Europe/Oslo:20261126T183000", "DTEND;TZID=Europe/Oslo:20261126T200000",
        "SUMMARY:Medlemsmöte\\, höst", "LOCATION:ABF\\; sal 2",
        "DESCRIPTION:Syfte: planera\\nvåren", "STATUS:CONFIRMED", "TRANSP:OPAQUE",
        "END:VEVENT",
        "BEGIN:VEVENT", "UID:activity-2-abc@medlemsvard", "DTSTAMP:20261125T090000Z",
        "DTSTART;VALUE=DATE:20261205", "DTEND;VALUE=DATE:20261206", "SUMMARY:Bokbord",
        "STATUS:CANCELLED", "TRANSP:TRANSPARENT", "END:VEVENT",
        "END:VCALENDAR", ""])


def test_an_all_day_calendar_has_no_time_zone_and_sweden_is_stockholm():
    text = calendar_text([CalendarEvent("u", "Fest", date(2026, 6, 6))], country="SE",
                         stamp=datetime(2026, 1, 1))
    assert "VTIMEZONE" not in text
    text = calendar_text([CalendarEvent("u", "Fest", datetime(2026, 6, 6, 18))], country="SE",
                         stamp=datetime(2026, 1, 1))
    assert "DTSTART;TZID=Europe/Stockholm:20260606T180000\r\n" in text
    assert "DTEND" not in text.split("BEGIN:VEVENT")[1]
