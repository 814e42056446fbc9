"""A year of activities for the demo: member meetings, a study circle, a summer party, stalls
and new-member meetings, with sign-ups (some from calls), attendance and evaluations; one
new-member meeting tomorrow so the reminder list has people on it, and a few more ahead.

Drawn from a random stream of its own (same seed and day, same activities). A core of
active members comes often, others now and then; the newest members come to a
new-member meeting as their first activity, as the welcome routine hopes.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from datetime import date, time, timedelta

from medlemsvard_app.domain.activities import Activity, ActivityKind, Evaluation, SignUpVia
from medlemsvard_app.domain.models import Association, BoardRole, Member
from medlemsvard_app.storage.activities import ActivityRepository
from medlemsvard_app.storage.calls import CallRepository

_K = ActivityKind

# Titles, places and evaluation notes per demo language (the demo's own words).
_WORDS: dict[str, dict[str, object]] = {
    "sv": {
        "titles": {_K.MEETING: "Medlemsmöte", _K.NEW_MEMBER_MEETING: "Träff för nya medlemmar",
                   _K.STUDY_CIRCLE: "Studiecirkel: så fungerar föreningen",
                   _K.PARTY: "Sommarfest", _K.STALL: "Bokbord på torget",
                   _K.COFFEE: "Fika med nya medlemmar", _K.TALK: "Föredrag: bostadspolitik",
                   _K.FILM_NIGHT: "Filmkväll"},
        "christmas": "Julgröt och årets sista möte",
        "annual": "Årsmöte",
        "places": ["Folkets hus, lilla salen", "ABF-huset", "Stora torget",
                   "Koloniområdet vid ån", "Föreningslokalen"],
        "purpose": {_K.MEETING: "Informera om det som är på gång och samla förslag",
                    _K.NEW_MEMBER_MEETING: "Lära känna nya medlemmar och hitta uppgifter",
                    _K.STUDY_CIRCLE: "Ge medlemmar kunskap om hur föreningen arbetar",
                    _K.PARTY: "Umgås och ha roligt tillsammans",
                    _K.STALL: "Synas, prata med ortsbor och värva medlemmar"},
        "target": {_K.NEW_MEMBER_MEETING: "Medlemmar som gått med det senaste halvåret",
                   _K.STUDY_CIRCLE: "Nya och nyfikna medlemmar", _K.STALL: "Ortsbor"},
        "worked": ["Bra stämning och mycket fika", "Tydlig dagordning", "Alla fick presentera sig",
                   "Många nya ansikten", "Bra läge, många stannade och pratade",
                   "Kort och konkret", "Samåkning ordnades i förväg"],
        "did_not_work": ["Lokalen var för varm", "Kom igång för sent",
                         "För få visste om det i tid", "Ljudet var dåligt",
                         "Regnet höll folk borta", "För lite tid för frågor"],
        "notes": ["Boka lokalen tidigare nästa gång.", "Skicka sms dagen innan.",
                  "Fråga nya medlemmar om de vill hjälpa till.", ""],
    },
    "nb": {
        "titles": {_K.MEETING: "Medlemsmøte", _K.NEW_MEMBER_MEETING: "Møte for nye medlemmer",
                   _K.STUDY_CIRCLE: "Studiesirkel: slik fungerer laget",
                   _K.PARTY: "Sommerfest", _K.STALL: "Stand på torget",
                   _K.COFFEE: "Kaffe med nye medlemmer", _K.TALK: "Foredrag: rettigheter på jobb",
                   _K.FILM_NIGHT: "Filmkveld"},
        "christmas": "Julegrøt og årets siste møte",
        "annual": "Årsmøte",
        "places": ["Folkets hus, lille sal", "Samfunnshuset", "Torget",
                   "Kolonihagen ved elva", "Lagets lokale"],
        "purpose": {_K.MEETING: "Informere om det som skjer og samle forslag",
                    _K.NEW_MEMBER_MEETING: "Bli kjent med nye medlemmer og finne oppgaver",
                    _K.STUDY_CIRCLE: "Gi medlemmene kunnskap om hvordan laget jobber",
                    _K.PARTY: "Være sammen og ha det hyggelig",
                    _K.STALL: "Bli sett, snakke med folk og verve medlemmer"},
        "target": {_K.NEW_MEMBER_MEETING: "Medlemmer som har meldt seg inn det siste halvåret",
                   _K.STUDY_CIRCLE: "Nye og nysgjerrige medlemmer", _K.STALL: "Folk i byen"},
        "worked": ["God stemning og mye kaffe", "Tydelig sakliste", "Alle fikk presentere seg",
                   "Mange nye fjes", "Godt plassert, mange stoppet og pratet",
                   "Kort og konkret", "Samkjøring ble ordnet på forhånd"],
        "did_not_work": ["Lokalet var for varmt", "Kom for sent i gang",
                         "For få visste om det i tide", "Dårlig lyd",
                         "Regnet holdt folk borte", "For lite tid til spørsmål"],
        "notes": ["Bestill lokalet tidligere neste gang.", "Send sms dagen før.",
                  "Spør nye medlemmer om de vil hjelpe til.", ""],
    },
    "en": {
        "titles": {_K.MEETING: "Member meeting", _K.NEW_MEMBER_MEETING: "New members' evening",
                   _K.STUDY_CIRCLE: "Study circle: how the association works",
                   _K.PARTY: "Summer party", _K.STALL: "Stall in the square",
                   _K.COFFEE: "Coffee with new members", _K.TALK: "Talk: housing",
                   _K.FILM_NIGHT: "Film night"},
        "christmas": "Christmas porridge and the year's last meeting",
        "annual": "Annual meeting",
        "places": ["Community hall, small room", "Adult education centre", "Market square",
                   "The allotments by the river", "Our rooms"],
        "purpose": {_K.MEETING: "Tell what is going on and gather ideas",
                    _K.NEW_MEMBER_MEETING: "Get to know new members and find them tasks",
                    _K.STUDY_CIRCLE: "Teach members how the association works",
                    _K.PARTY: "Spend time together", _K.STALL: "Be seen, talk, recruit"},
        "target": {_K.NEW_MEMBER_MEETING: "Members who joined in the last six months",
                   _K.STUDY_CIRCLE: "New and curious members", _K.STALL: "People in town"},
        "worked": ["Good mood and plenty of coffee", "A clear agenda", "Everyone introduced "
                   "themselves", "Many new faces", "A good spot; many stopped to talk",
                   "Short and to the point", "Lifts arranged in advance"],
        "did_not_work": ["The room was too warm", "Started late", "Too few knew in time",
                         "Poor sound", "The rain kept people away", "Too little time for "
                         "questions"],
        "notes": ["Book the room earlier next time.", "Send a text the day before.",
                  "Ask new members if they want to help.", ""],
    },
}


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _plan(day: date) -> list[tuple[ActivityKind, date, time | None, time | None, str]]:
    """(kind, date, start, end, title key) for the year before ``day`` and a little after."""
    out: list[tuple[ActivityKind, date, time | None, time | None, str]] = []
    start = day - timedelta(days=365)
    # Member meetings in January, March (the annual meeting), May, September and November,
    # on the second Tuesday of the month.
    for year in (day.year - 1, day.year):
        for month in (1, 3, 5, 9, 11):
            on = _weekday_on_or_after(date(year, month, 8), 1)
            if start < on < day:
                out.append((_K.MEETING, on, time(18, 30), time(20, 30),
                            "annual" if month == 3 else ""))
    # New-member meetings every two months on a Wednesday; the latest one nine days ago.
    for weeks_ago in (49, 40, 31, 22, 13):
        out.append((_K.NEW_MEMBER_MEETING, _weekday_on_or_after(
            day - timedelta(weeks=weeks_ago), 2), time(18), time(19, 30), ""))
    out.append((_K.NEW_MEMBER_MEETING, day - timedelta(days=9), time(18), time(19, 30), ""))
    # A study circle of four evenings, every second Thursday, about three months ago.
    circle = _weekday_on_or_after(day - timedelta(days=100), 3)
    for i in range(4):
        out.append((_K.STUDY_CIRCLE, circle + timedelta(weeks=2 * i), time(18), time(20), ""))
    # The summer party on the Saturday closest to midsummer's week, stalls on Saturdays.
    for year in (day.year - 1, day.year):
        party = _weekday_on_or_after(date(year, 6, 10), 5)
        if start <= party < day:
            out.append((_K.PARTY, party, time(15), time(22), ""))
    for weeks_ago in (30, 26, 10):
        out.append((_K.STALL, _weekday_on_or_after(day - timedelta(weeks=weeks_ago), 5),
                    time(11), time(14), ""))
    out.append((_K.TALK, _weekday_on_or_after(day - timedelta(days=45), 3), time(19),
                time(20, 30), ""))
    # Ahead: a new-member meeting tomorrow, a coffee and the year's last member meeting.
    out.append((_K.NEW_MEMBER_MEETING, day + timedelta(days=1), time(18), time(19, 30), ""))
    out.append((_K.COFFEE, _weekday_on_or_after(day + timedelta(days=8), 5), time(14),
                time(16), ""))
    out.append((_K.MEETING, _weekday_on_or_after(day + timedelta(days=17), 1), time(18, 30),
                None, "christmas"))
    out.append((_K.FILM_NIGHT, _weekday_on_or_after(day + timedelta(days=40), 4), None, None,
                ""))
    return sorted((p for p in out if p[1] > start), key=lambda p: (p[1], p[2] or time(0)))


def add_demo_activities(session, people: Sequence[Member], assoc: Association, day: date,
                        seed: int, country: str) -> None:
    """Activities, sign-ups, attendance and evaluations, in the demo's transaction."""
    rng = random.Random(f"medlemsvard-demo-activities:{seed}:{country}:{day.isoformat()}")
    words = _WORDS.get(assoc.language, _WORDS["sv"])
    repo = ActivityRepository(session.db)
    calls = CallRepository(session.db)
    board = {post.role: post for post in assoc.board}
    board_ids = [post.member_id for post in assoc.board if post.member_id is not None]
    members = [m for m in people if m.id is not None and m.joined_on is not None
               and m.status.value != "prospect"]
    # The active core: the board and about one in ten; some of the others come now and then.
    pool = [m.id for m in members]
    core = set(board_ids) | set(rng.sample(pool, min(len(pool) // 10, 60)))
    by_join = sorted(members, key=lambda m: (m.joined_on, m.id))
    join_days = [m.joined_on.toordinal() for m in by_join]
    core_members = [m for m in members if m.id in core]
    came_ever: set[int] = set()
    circle: list[Member] = []
    places = words["places"]
    for kind, on, starts, ends, key in _plan(day):
        title = words[key] if key else words["titles"][kind]  # type: ignore[index]
        responsible = board.get(BoardRole.MEMBERSHIP_OFFICER if kind in (
            _K.NEW_MEMBER_MEETING, _K.COFFEE) else BoardRole.CHAIR)
        place = (places[2] if kind is _K.STALL else places[3] if kind is _K.PARTY
                 else places[4] if kind in (_K.COFFEE, _K.FILM_NIGHT)
                 else places[rng.randrange(2)])
        activity = repo.add(Activity(
            title, on, kind.value, starts, ends, place,
            words["purpose"].get(kind, ""), words["target"].get(kind, ""),  # type: ignore[union-attr]
            responsible.person_name if responsible else "",
            responsible.member_id if responsible else None))
        # Who could come that day, found without walking the whole register (a demo may
        # hold 100,000 members): the core, a sample of the others, the newest by join date.
        core_now = [m for m in core_members if m.is_current(on)]
        joined_by = bisect.bisect_right(join_days, on.toordinal())
        if kind is _K.STUDY_CIRCLE:
            # The same group every evening: a few of the core and some newer members.
            if not circle:
                newer = [m for m in by_join[max(0, joined_by - 200):joined_by]
                         if m.is_current(on) and m.id not in core][-60:]
                circle = core_now[:4] + rng.sample(newer, min(len(newer), 7))
            invited = circle
            share = 0.8
            guests = 0
        elif kind in (_K.NEW_MEMBER_MEETING, _K.COFFEE):
            # The newest members (joined in the last three months) who have not been to one.
            since = bisect.bisect_right(join_days, (on - timedelta(days=90)).toordinal())
            recent = [m for m in by_join[since:joined_by]
                      if m.is_current(on) and m.id not in came_ever]
            invited = recent[-40:]
            share = 0.45
            guests = 0
        else:
            share = {_K.MEETING: 0.35, _K.PARTY: 0.4, _K.STALL: 0.08,
                     _K.TALK: 0.18, _K.FILM_NIGHT: 0.1}.get(kind, 0.2)
            wanted = max(3, min(40, len(members) // 60))
            drawn = rng.sample(members, min(len(members), wanted * 3))
            others = [m for m in drawn if m.id not in core and m.is_current(on)][:wanted]
            invited = core_now + others
            guests = rng.randint(2, 9) if kind in (_K.PARTY, _K.TALK) else 0
        invited = invited[:120]
        upcoming = on > day
        came: list[int] = []
        for m in invited:
            if m.id in board_ids and kind is not _K.NEW_MEMBER_MEETING:
                goes = rng.random() < 0.85
            else:
                goes = rng.random() < share
            # Most who come signed up first; some sign up and stay away.
            signs_up = goes and rng.random() < 0.75 or not goes and rng.random() < 0.08
            if upcoming and not signs_up and goes:
                signs_up = rng.random() < 0.5
            if signs_up:
                signed = max(m.joined_on, on - timedelta(days=rng.randint(1, 20)))
                signed = min(signed, day)
                via, contact_id = SignUpVia.LIST, None
                for contact in calls.contacts_for(m.id):
                    if (contact.outcome is not None and contact.outcome.value == "reached"
                            and signed - timedelta(days=30) <= contact.on_date <= signed):
                        via, contact_id, signed = SignUpVia.CALL, contact.id, contact.on_date
                        break
                if via is SignUpVia.LIST and rng.random() < 0.1:
                    via = SignUpVia.CARD
                repo.sign_up(activity.id, m.id, signed, via, contact_id)
                if not upcoming and rng.random() < 0.8:
                    repo.mark_reminded(activity.id, [m.id], on - timedelta(days=1))
            if goes and not upcoming:
                came.append(m.id)
        if upcoming:
            continue
        repo.set_attendance(activity.id, came, guests)
        came_ever.update(came)
        if rng.random() < 0.85 or kind is _K.NEW_MEMBER_MEETING:
            joined = (rng.randint(0, 3) if kind is _K.STALL else
                      rng.randint(0, 1) if kind in (_K.PARTY, _K.TALK) else 0)
            note = rng.choice(words["notes"])  # type: ignore[arg-type]
            repo.save_evaluation(Evaluation(
                activity.id, min(day, on + timedelta(days=rng.randint(1, 6))),
                rng.choice(words["worked"]), rng.choice(words["did_not_work"]),  # type: ignore[arg-type]
                len(came) + guests, joined, note))
