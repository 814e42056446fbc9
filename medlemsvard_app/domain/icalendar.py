"""iCalendar text (RFC 5545) for activities, so the board sees them in their own calendars.

Pure: the stamp, the time zone and every text are passed in. Times are local wall-clock
times with a TZID (Europe/Stockholm or Europe/Oslo) and a VTIMEZONE the zone refers to;
an activity without a start time is an all-day event. Text is escaped, lines are folded at
75 octets without splitting a UTF-8 character, and every line ends in CRLF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

CRLF = "\r\n"
LINE_OCTETS = 75

TIME_ZONES = {"SE": "Europe/Stockholm", "NO": "Europe/Oslo"}

# Sweden and Norway keep Central European time: +01:00, and +02:00 from the last Sunday of
# March at 02:00 to the last Sunday of October at 03:00 (EU rules since 1996).
_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:{tzid}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT: ``start`` is a date (all day) or a local date and time."""

    uid: str
    summary: str
    start: date | datetime
    end: datetime | None = None
    location: str = ""
    description: str = ""
    cancelled: bool = False
    categories: str = ""


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded at 75 octets (§3.1): CRLF and a space before each further
    part, never inside a UTF-8 character; the result ends in CRLF."""
    parts: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space counts
        current.append(ch)
        size += n
    parts.append("".join(current))
    return (CRLF + " ").join(parts) + CRLF


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utc(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def event_lines(event: CalendarEvent, tzid: str, stamp: datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_utc(stamp)}"]
    if isinstance(event.start, datetime):
        lines.append(f"DTSTART;TZID={tzid}:{_local(event.start)}")
        if event.end is not None:
            lines.append(f"DTEND;TZID={tzid}:{_local(event.end)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{_date(event.start)}")
        lines.append(f"DTEND;VALUE=DATE:{_date(event.start + timedelta(days=1))}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.categories:
        lines.append(f"CATEGORIES:{escape_text(event.categories)}")
    lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
    lines.append("TRANSP:OPAQUE" if isinstance(event.start, datetime) else "TRANSP:TRANSPARENT")
    lines.append("END:VEVENT")
    return lines


def calendar_text(events: Sequence[CalendarEvent], *, country: str, stamp: datetime,
                  name: str = "", prodid: str = "-//Medlemsvard//Medlemsvard//EN") -> str:
    """A whole VCALENDAR. ``stamp`` is the moment of export in UTC (DTSTAMP)."""
    tzid = TIME_ZONES.get(country, TIME_ZONES["SE"])
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if any(isinstance(e.start, datetime) for e in events):
        lines.extend(line.format(tzid=tzid) for line in _VTIMEZONE)
    for event in events:
        lines.extend(event_lines(event, tzid, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
