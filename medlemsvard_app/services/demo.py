"""A realistic demo association: ``medlemsvard demo`` and the first-run "explore a demo".

Names come from Faker's Swedish and Norwegian locale data (official name statistics; the
Swedish lists carry their frequencies), drawn with one seeded ``random.Random`` so the
same seed and the same day give the same register. Faker is not called per member (that
is slow); its data lists are read once. Faker does not pair postal codes with towns, so a
small table of real towns and their postal-code ranges stands in, weighted as a local
association's register looks: most people in the home town, some around it, a few
further away.

Member ids are assigned in insertion order in the fresh file, so a member recruited by
an earlier member can point at that member's id before both are inserted (checked after
every batch).

The dues history (the calendar, payments, invoices and reminders sent, direct-debit
mandates, exemptions) is drawn by ``demo_dues`` once the members are in, from a random
stream of its own, in the same transaction. Members struck off left on the day the
calendar gives for their missed year, so the history and the register agree.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from faker.providers.address.no_NO import Provider as NoAddress
from faker.providers.address.sv_SE import Provider as SeAddress
from faker.providers.internet.no_NO import Provider as NoInternet
from faker.providers.internet.sv_SE import Provider as SeInternet
from faker.providers.person.no_NO import Provider as NoPerson
from faker.providers.person.sv_SE import Provider as SePerson
from stdnum import luhn
from stdnum.no import kontonr as no_kontonr
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from medlemsvard_app.domain.dues_calendar import default_calendar
from medlemsvard_app.domain.models import (
    Association,
    BoardPost,
    BoardRole,
    Country,
    JoinChannel,
    JoinMethod,
    LeaveReason,
    Member,
    MembershipStatus,
    PreferredChannel,
)
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.services.demo_activities import add_demo_activities
from medlemsvard_app.services.demo_board import add_demo_board
from medlemsvard_app.services.demo_calls import add_demo_calls
from medlemsvard_app.services.demo_dues import demo_dues, struck_off_on
from medlemsvard_app.services.demo_welcome import add_demo_welcome
from medlemsvard_app.services.session import Session, create_session, open_session
from medlemsvard_app.storage import errors
from medlemsvard_app.storage.dues import DuesRepository

ProgressFn = Callable[[int, int], bool]
T = TypeVar("T")

BATCH = 5000
FIRST_BIRTH = date(1935, 1, 1)
LAST_BIRTH = date(2010, 12, 31)
JOIN_YEARS = 15
FORMER_SHARE = 0.12
PROSPECT_SHARE = 0.02


class DemoCancelled(Exception):
    """The progress callback asked to stop; the partial file has been removed."""


# -- towns and postal codes ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Town:
    name: str
    ranges: tuple[tuple[int, int], ...]  # inclusive postal-code ranges (as integers)
    weight: float
    landline: str = ""  # E.164 prefix of the area's fixed numbers, for the odd landline


# Real towns with their real postal-code ranges; the first town of each country is the
# association's home town, the next ones its neighbourhood, then the country at large.
_SE_HOME = _Town("Västerås", ((72130, 72138), (72210, 72248), (72331, 72356), (72460, 72482),
                              (72591, 72598)), 58.0, "+4621")
_SE_TOWNS: tuple[_Town, ...] = (
    _SE_HOME,
    _Town("Köping", ((73130, 73150),), 5.0, "+46221"),
    _Town("Hallstahammar", ((73430, 73440),), 4.0, "+46220"),
    _Town("Sala", ((73330, 73338),), 3.5, "+46224"),
    _Town("Enköping", ((74530, 74539),), 3.5, "+46171"),
    _Town("Surahammar", ((73531, 73535),), 2.0, "+46220"),
    _Town("Arboga", ((73230, 73237),), 2.0, "+46589"),
    _Town("Stockholm", ((11120, 11869),), 6.0),
    _Town("Uppsala", ((75220, 75655),), 2.5),
    _Town("Örebro", ((70210, 70375),), 2.0),
    _Town("Eskilstuna", ((63220, 63519),), 2.0),
    _Town("Göteborg", ((41101, 41878),), 2.0),
    _Town("Malmö", ((21110, 21845),), 1.2),
    _Town("Linköping", ((58220, 58937),), 1.0),
    _Town("Norrköping", ((60210, 60380),), 0.8),
    _Town("Jönköping", ((55302, 55627),), 0.6),
    _Town("Gävle", ((80250, 80649),), 0.6),
    _Town("Karlstad", ((65220, 65639),), 0.5),
    _Town("Växjö", ((35230, 35263),), 0.4),
    _Town("Sundsvall", ((85229, 85653),), 0.4),
    _Town("Umeå", ((90320, 90750),), 0.4),
    _Town("Östersund", ((83130, 83162),), 0.3),
    _Town("Luleå", ((97231, 97754),), 0.3),
)
_NO_HOME = _Town("Drammen", ((3003, 3048),), 55.0, "+4732")
_NO_OSLO = _Town("Oslo", ((150, 198), (250, 287), (350, 379), (450, 491), (550, 598),
                          (650, 698), (750, 791), (850, 891), (950, 990), (1150, 1189),
                          (1250, 1295)), 8.0)
_NO_OSLO_INNER = _Town("Oslo", tuple(r for r in _NO_OSLO.ranges if r[1] < 1000), 1.0)
_NO_TOWNS: tuple[_Town, ...] = (
    _NO_HOME,
    _Town("Lier", ((3400, 3414),), 6.0, "+4732"),
    _Town("Mjøndalen", ((3050, 3051),), 4.0, "+4732"),
    _Town("Hokksund", ((3300, 3303),), 3.0, "+4732"),
    _Town("Kongsberg", ((3611, 3618),), 3.0, "+4732"),
    _Town("Svelvik", ((3060, 3061),), 1.5, "+4733"),
    _Town("Holmestrand", ((3080, 3085),), 1.5, "+4733"),
    _Town("Hønefoss", ((3510, 3520),), 1.5, "+4732"),
    _Town("Tønsberg", ((3103, 3126),), 2.0, "+4733"),
    _NO_OSLO,
    _Town("Bergen", ((5003, 5099),), 2.0),
    _Town("Trondheim", ((7010, 7099),), 1.5),
    _Town("Stavanger", ((4005, 4048),), 1.2),
    _Town("Kristiansand", ((4608, 4632),), 0.8),
    _Town("Fredrikstad", ((1601, 1632),), 1.0),
    _Town("Skien", ((3701, 3736),), 1.0),
    _Town("Lillehammer", ((2609, 2619),), 0.6),
    _Town("Tromsø", ((9006, 9020),), 0.6),
    _Town("Ålesund", ((6002, 6018),), 0.5),
    _Town("Bodø", ((8003, 8016),), 0.5),
)


@cache
def _range_weights(ranges: tuple[tuple[int, int], ...]) -> _Weighted[tuple[int, int]]:
    return _weighted([(r, r[1] - r[0] + 1) for r in ranges])


def _format_postal(code: int, country: str) -> str:
    if country == "SE":
        text = f"{code:05d}"
        return f"{text[:3]} {text[3:]}"
    return f"{code:04d}"


def _postal_code(rng: random.Random, town: _Town, country: str) -> str:
    ranges = town.ranges
    if len(ranges) == 1:
        lo, hi = ranges[0]
    else:
        lo, hi = _range_weights(ranges).pick(rng)
    return _format_postal(rng.randint(lo, hi), country)


# -- per-country word lists ----------------------------------------------------------------

# Norwegian surnames the Faker list lacks, so Æ/Ø/Å sorting and "Øberg"/"Østby" show.
_NO_EXTRA_SURNAMES = ("Øberg", "Østby", "Økland", "Øien", "Østli", "Åsheim", "Ås", "Ærvik",
                      "Aas", "Sætre", "Bjørnstad", "Grønli")
# Norwegian streets: the place-like surnames plus the usual endings ("veien" most of all).
_NO_STREET_ENDINGS = ("veien", "vegen", "gata") + tuple(
    e for e in NoAddress.street_suffixes if e not in ("gata", "roa", "røa", "gropa", "ekra"))
_NO_COMMON_STREETS = ("Storgata", "Kirkegata", "Skolegata", "Stasjonsveien", "Parkveien",
                      "Kongens gate", "Dronningens gate", "Bryggeveien", "Øvre Storgate",
                      "Nedre Storgate", "Åsveien", "Ørnefjellveien")
_SE_COMMON_STREETS = ("Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan",
                      "Östra Ringvägen", "Västra Esplanaden", "Ängsgärdsgatan",
                      "Åsbovägen", "Ödmårdsvägen", "Hantverkargatan")
_FOREIGN_NAMES = {"Ahmed", "Ali", "Nguyen", "Abbas", "Abdi", "Abdullah", "Ahmad", "Ahmadi",
                  "Hassan", "Hussein", "Mohamed", "Mohammed", "Ibrahim", "Omar", "Osman",
                  "Yusuf", "Mohammadi", "Hosseini", "Said", "Khalil", "Warsame", "Farah"}


@dataclass(frozen=True, slots=True)
class _Weighted(Generic[T]):
    """Items with weights, drawn with one ``random()`` and a bisection (fast, seeded)."""

    items: tuple[T, ...]
    cum: tuple[float, ...]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _weighted(pairs: Sequence[tuple[T, float]]) -> _Weighted[T]:
    items = tuple(p[0] for p in pairs)
    return _Weighted(items, tuple(itertools.accumulate(p[1] for p in pairs)))


@dataclass(frozen=True, slots=True)
class _Profile:
    country: str
    towns: tuple[_Town, ...]
    town_cum: tuple[float, ...]
    female: _Weighted
    male: _Weighted
    family: _Weighted
    streets: _Weighted
    mobile_prefixes: _Weighted
    email_domains: _Weighted
    email_fold: tuple[tuple[str, str], ...]
    abroad: str


@cache
def _profile(country: str) -> _Profile:
    if country == "SE":
        female_raw = SePerson.first_names_female
        male_raw = SePerson.first_names_male
        both = set(female_raw) & set(male_raw) - {"Kim"}
        female = _weighted([(n, w) for n, w in female_raw.items() if n not in both])
        male = _weighted(list(male_raw.items()))
        family = _weighted(list(SePerson.last_names.items()))
        prefixes = dict.fromkeys(SeAddress.street_prefixes)  # the list repeats a few
        streets = [(p + s, 1.0) for p in prefixes for s in ("gatan", "vägen", "vägen",
                                                             "stigen", "gränd", "backe")]
        streets += [(s, 6.0) for s in _SE_COMMON_STREETS]
        mobiles = _weighted([("+4670", 40), ("+4673", 25), ("+4676", 20), ("+4672", 10),
                             ("+4679", 5)])
        domains = [(d, 1.0) for d in SeInternet.free_email_domains if d.endswith((".se", ".com"))
                   and d != "googlemail.com"]
        domains += [("gmail.com", 30.0), ("hotmail.com", 12.0), ("outlook.com", 6.0),
                    ("telia.com", 8.0), ("icloud.com", 5.0), ("live.se", 3.0),
                    ("bredband.net", 3.0)]
        return _Profile("SE", _SE_TOWNS, tuple(itertools.accumulate(t.weight for t in _SE_TOWNS)),
                        female, male, family, _weighted(streets), mobiles, _weighted(domains),
                        tuple(SeInternet.replacements) + (("é", "e"), ("ü", "u")), "NO")
    female = _weighted([(n, 1.0) for n in NoPerson.first_names_female])
    male = _weighted([(n, 1.0) for n in NoPerson.first_names_male])
    # The Faker list is alphabetical without frequencies: the -sen names are the common ones.
    surnames = [(n, 3.0 if n.endswith("sen") else 1.5) for n in NoPerson.last_names]
    surnames += [(n, 0.6) for n in _NO_EXTRA_SURNAMES]
    places = [n for n in NoPerson.last_names if not n.endswith("sen") and n not in _FOREIGN_NAMES]
    # "Solbergveien", "Tangenlia"; not "Hagenhagen" or "Bakkebakken".
    streets = [(p + e, 1.0) for p in places for e in _NO_STREET_ENDINGS
               if e[:4] not in p.lower() and p[-2:] != e[0] * 2]
    streets += [(p + "veien", 12.0) for p in places]
    streets += [(s, 8.0) for s in _NO_COMMON_STREETS]
    mobiles = _weighted([("+4790", 14), ("+4791", 10), ("+4792", 12), ("+4793", 10),
                         ("+4795", 10), ("+4797", 10), ("+4798", 10), ("+4799", 8),
                         ("+4740", 8), ("+4741", 8), ("+4746", 6), ("+4747", 6), ("+4748", 6)])
    domains = _weighted([("gmail.com", 35.0), ("hotmail.com", 12.0), ("online.no", 10.0),
                         ("outlook.com", 6.0), ("yahoo.no", 3.0), ("live.no", 3.0),
                         ("icloud.com", 5.0), ("getmail.no", 2.0)])
    no_fold = tuple(NoInternet.replacements) + (("é", "e"),)
    return _Profile("NO", _NO_TOWNS, tuple(itertools.accumulate(t.weight for t in _NO_TOWNS)),
                    female, male, _weighted(surnames), _weighted(streets), mobiles, domains,
                    no_fold, "SE")


# Tags, notes and titles in the association's language (data, not user-interface text).
_INTERESTS = {
    "sv": ("Kampanj", "Studiecirkel", "Sociala medier", "Bakning", "Ekonomi", "Skriva", "Foto",
           "Barnaktiviteter", "Miljö", "Kultur", "Föreläsningar", "Friluftsliv", "Bokbord",
           "Dörrknackning", "Fika och fest", "Mentorskap", "Styrelsearbete", "Musik"),
    "nb": ("Kampanje", "Studiesirkel", "Sosiale medier", "Baking", "Økonomi", "Skriving",
           "Foto", "Barneaktiviteter", "Miljø", "Kultur", "Foredrag", "Friluftsliv", "Stand",
           "Dørbanking", "Dugnad", "Fadderordning", "Styrearbeid", "Musikk"),
    "en": ("Campaigning", "Study circle", "Social media", "Baking", "Finance", "Writing",
           "Photography", "Children's activities", "Environment", "Culture", "Talks",
           "Outdoor life", "Street stall", "Door-knocking", "Parties", "Mentoring",
           "Board work", "Music"),
}
_SKILLS = {
    "sv": ("Ekonomi", "Skriva", "Foto", "Sociala medier", "Bakning", "Webb", "Grafisk form",
           "Ledarskap", "Juridik", "Engelska", "Arabiska", "Körkort", "Snickeri",
           "Föreläsa", "Film", "Data och IT", "Översättning", "Bokföring"),
    "nb": ("Økonomi", "Skriving", "Foto", "Sosiale medier", "Baking", "Nettsider",
           "Grafisk design", "Ledelse", "Juss", "Engelsk", "Arabisk", "Førerkort", "Snekring",
           "Holde foredrag", "Film", "Data og IT", "Oversettelse", "Regnskap"),
    "en": ("Finance", "Writing", "Photography", "Social media", "Baking", "Websites",
           "Graphic design", "Leadership", "Law", "English", "Arabic", "Driving licence",
           "Carpentry", "Public speaking", "Film", "Computers", "Translation", "Bookkeeping"),
}
_NOTES = {
    "sv": ("Vill helst bli uppringd på kvällar.", "Kan hjälpa till med fika på mötena.",
           "Har nyckel till lokalen.", "Vill ha kallelser med vanlig post.",
           "Intresserad av ett styrelseuppdrag.", "Pratar även engelska och arabiska.",
           "Kan skjutsa andra till årsmötet.", "Ring inte före klockan tio.",
           "Träffade oss på bokbordet i centrum."),
    "nb": ("Vil helst bli ringt på kveldstid.", "Kan hjelpe til med kaffe og kaker på møtene.",
           "Har nøkkel til lokalet.", "Vil ha innkallinger i posten.",
           "Interessert i et styreverv.", "Snakker også engelsk og arabisk.",
           "Kan kjøre andre til årsmøtet.", "Ikke ring før klokka ti.",
           "Møtte oss på standen i sentrum."),
    "en": ("Prefers calls in the evening.", "Can help with coffee at meetings.",
           "Has a key to the premises.", "Wants notices by post.",
           "Interested in a board role.", "Also speaks English and Arabic.",
           "Can drive others to the annual meeting.", "Do not call before ten.",
           "Met us at the stall in town."),
}
_LEAVE_NOTES = {
    "sv": {
        LeaveReason.RESIGNED: ("Har inte tid längre.", "Tycker att avgiften är för hög.",
                               "Ville inte säga varför.", "Missnöjd med ett beslut på årsmötet."),
        LeaveReason.STRUCK_OFF: ("Betalade inte avgiften två år i rad.",
                                 "Nåddes inte per telefon."),
        LeaveReason.MOVED: ("Flyttade till {town}.", "Flyttade utomlands."),
        LeaveReason.DECEASED: ("Anhörig meddelade.",),
        LeaveReason.EXPELLED: ("Beslut i styrelsen.",),
        LeaveReason.OTHER: ("Gick över till en annan förening.",),
    },
    "nb": {
        LeaveReason.RESIGNED: ("Har ikke tid lenger.", "Synes kontingenten er for høy.",
                               "Ville ikke si hvorfor.", "Misfornøyd med et vedtak på årsmøtet."),
        LeaveReason.STRUCK_OFF: ("Betalte ikke kontingenten innen fristen.",
                                 "Fikk ikke tak i vedkommende på telefon."),
        LeaveReason.MOVED: ("Flyttet til {town}.", "Flyttet utenlands."),
        LeaveReason.DECEASED: ("Pårørende ga beskjed.",),
        LeaveReason.EXPELLED: ("Vedtak i styret.",),
        LeaveReason.OTHER: ("Gikk over til en annen forening.",),
    },
    "en": {
        LeaveReason.RESIGNED: ("No time any more.", "Finds the dues too high.",
                               "Did not want to say why.",
                               "Unhappy with an annual-meeting decision."),
        LeaveReason.STRUCK_OFF: ("Did not pay for two years running.",
                                 "Could not be reached by phone."),
        LeaveReason.MOVED: ("Moved to {town}.", "Moved abroad."),
        LeaveReason.DECEASED: ("A relative let us know.",),
        LeaveReason.EXPELLED: ("Board decision.",),
        LeaveReason.OTHER: ("Moved to another association.",),
    },
}
_TITLES = {
    "sv": {BoardRole.CHAIR: "Ordförande", BoardRole.VICE_CHAIR: "Vice ordförande",
           BoardRole.TREASURER: "Kassör", BoardRole.MEMBERSHIP_OFFICER: "Medlemsansvarig",
           BoardRole.SECRETARY: "Sekreterare"},
    "nb": {BoardRole.CHAIR: "Leder", BoardRole.VICE_CHAIR: "Nestleder",
           BoardRole.TREASURER: "Kasserer", BoardRole.MEMBERSHIP_OFFICER: "Medlemsansvarlig",
           BoardRole.SECRETARY: "Sekretær"},
    "en": {BoardRole.CHAIR: "Chair", BoardRole.VICE_CHAIR: "Vice chair",
           BoardRole.TREASURER: "Treasurer", BoardRole.MEMBERSHIP_OFFICER: "Membership officer",
           BoardRole.SECRETARY: "Secretary"},
}
_ASSOCIATION_NAMES = {
    "SE": ("Föreningen Framåt {town}", "Föreningen Gemenskap {town}",
           "Lokalföreningen Vår Stad {town}"),
    "NO": ("Lokallaget Framtid {town}", "Foreningen Fellesskap {town}",
           "Lokallaget Fremover {town}"),
}
_SLUG_NAMES = {"SE": ("framat", "gemenskap", "varstad"), "NO": ("framtid", "fellesskap",
                                                                 "fremover")}

_LEAVE_YOUNG = _weighted([
    (LeaveReason.RESIGNED, 42), (LeaveReason.STRUCK_OFF, 36), (LeaveReason.MOVED, 14),
    (LeaveReason.DECEASED, 1), (LeaveReason.OTHER, 5), (LeaveReason.EXPELLED, 1.5)])
_LEAVE_OLD = _weighted([
    (LeaveReason.RESIGNED, 30), (LeaveReason.STRUCK_OFF, 22), (LeaveReason.MOVED, 6),
    (LeaveReason.DECEASED, 38), (LeaveReason.OTHER, 3), (LeaveReason.EXPELLED, 0.5)])
_CHANNELS_RECRUITED = _weighted([
    (JoinChannel.DOOR, 30), (JoinChannel.STALL, 28), (JoinChannel.EVENT, 25),
    (JoinChannel.WEB, 7), (JoinChannel.OTHER, 10)])
_CHANNELS_OWN = _weighted([
    (JoinChannel.WEB, 55), (JoinChannel.EVENT, 17), (JoinChannel.STALL, 13),
    (JoinChannel.OTHER, 12), (JoinChannel.DOOR, 3)])
_INTEREST_COUNT = _weighted([(0, 35), (1, 30), (2, 20), (3, 15)])
_SKILL_COUNT = _weighted([(0, 50), (1, 30), (2, 15), (3, 5)])


@cache
def _channel_choice(phone: bool, email: bool, over_60: bool,
                    over_75: bool) -> _Weighted[PreferredChannel]:
    """How a member wants to be reached: older people more by phone and letter."""
    options: list[tuple[PreferredChannel, float]] = []
    if phone:
        options += [(PreferredChannel.PHONE, 5 if over_60 else 3),
                    (PreferredChannel.SMS, 2 if over_60 else 4)]
    if email:
        options.append((PreferredChannel.EMAIL, 3 if over_60 else 6))
    options.append((PreferredChannel.LETTER, 4 if over_75 else 1))
    return _weighted(options)


# -- people ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _Extra:
    """What the generator knows about a person beyond the Member (not stored)."""

    order: int
    recruiter: bool = False


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@lru_cache(maxsize=8192)
def _fold(text: str, fold: tuple[tuple[str, str], ...]) -> str:
    """A name as it goes into an e-mail address: lower case ASCII, the locale's way."""
    text = text.lower()
    for a, b in fold:
        text = text.replace(a.lower(), b.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", text)


class _Generator:
    def __init__(self, rng: random.Random, country: str, language: str, today: date) -> None:
        self.rng = rng
        self.country = country
        self.language = language
        self.today = today
        self.p = _profile(country)
        self.abroad = _profile(self.p.abroad)
        self.phones: set[str] = set()
        self.emails: set[str] = set()
        self.interests = _INTERESTS[language]
        self.skills = _SKILLS[language]
        self.notes = _NOTES[language]
        self.leave_notes = _LEAVE_NOTES[language]
        last_birth = min(LAST_BIRTH, _years_before(today, 16))
        self.birth_lo = min(FIRST_BIRTH, last_birth).toordinal()
        self.birth_hi = last_birth.toordinal()
        self.join_lo = _years_before(today, JOIN_YEARS).toordinal()
        self.today_ord = today.toordinal()
        self.calendar = default_calendar(country)

    # -- small pieces -----------------------------------------------------------------------
    def town(self, profile: _Profile | None = None) -> _Town:
        p = profile or self.p
        return p.towns[bisect.bisect_right(p.town_cum, self.rng.random() * p.town_cum[-1])]

    def mobile(self, profile: _Profile | None = None) -> str:
        p = profile or self.p
        rng = self.rng
        while True:
            # SE 07x-xxx xx xx (7 digits after the prefix), NO 4x xx xx xx / 9x (6 digits).
            if p.country == "SE":
                number = p.mobile_prefixes.pick(rng) + f"{rng.randrange(10_000_000):07d}"
            else:
                number = p.mobile_prefixes.pick(rng) + f"{rng.randrange(1_000_000):06d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def landline(self, town: _Town) -> str:
        digits = 8  # national significant number: 021-12 34 56, 0221-123 45, 32 12 34 56
        rest = digits - (len(town.landline) - 3)
        while True:
            number = town.landline + str(self.rng.randint(2, 8)) + "".join(
                str(self.rng.randrange(10)) for _ in range(rest - 1))
            if number not in self.phones:
                self.phones.add(number)
                return number

    def street(self, profile: _Profile, town: _Town) -> str:
        rng = self.rng
        number = 1 + min(int(rng.expovariate(1 / 14)), 180)
        text = f"{profile.streets.pick(rng)} {number}"
        if profile.country == "SE":
            if rng.random() < 0.06:
                text += rng.choice("ABC")
            big = town.name in ("Västerås", "Stockholm", "Göteborg", "Malmö", "Uppsala")
            if rng.random() < (0.35 if big else 0.12):
                text += f" lgh {rng.randint(10, 16)}{rng.randint(1, 4):02d}"
        elif rng.random() < 0.15:
            text += rng.choice("AAABBBCCDE")
        return text

    def email(self, given: str, family: str, birth: date, profile: _Profile) -> str:
        rng = self.rng
        first = _fold(given.split(" ")[0].split("-")[0], profile.email_fold) or "post"
        last = _fold(family.split(" ")[0], profile.email_fold) or "medlem"
        style = rng.random()
        if style < 0.45:
            local = f"{first}.{last}"
        elif style < 0.6:
            local = f"{first}{last}"
        elif style < 0.72:
            local = f"{first[0]}.{last}"
        elif style < 0.84:
            local = f"{first}.{last}{birth.year % 100:02d}"
        elif style < 0.92:
            local = f"{first}_{last}"
        else:
            local = f"{first}{birth.year}"
        domain = profile.email_domains.pick(rng)
        address = f"{local}@{domain}"
        while address in self.emails:
            address = f"{local}{rng.randint(1, 999)}@{domain}"
        self.emails.add(address)
        return address

    def birth(self) -> date:
        lo, hi = self.birth_lo, self.birth_hi
        # Weighted to older people, as in most associations: most between 55 and 80.
        return date.fromordinal(int(self.rng.triangular(lo, hi, lo + 0.22 * (hi - lo))))

    def join_date(self, birth: date) -> date:
        rng = self.rng
        earliest = max(self.join_lo, _years_before(birth, -15).toordinal())
        span = self.today_ord - earliest
        if span <= 0:
            return self.today
        # More recent joins are more common (a linear slope plus a flat part).
        x = 1 - rng.random() ** 0.5 if rng.random() < 0.7 else rng.random()
        return date.fromordinal(self.today_ord - int(x * span))

    # -- a person ---------------------------------------------------------------------------
    def person(self, order: int, family: str | None = None,
               home: tuple[str, str, str, str, str] | None = None,
               birth: date | None = None, local: bool = False) -> tuple[Member, _Extra]:
        rng = self.rng
        abroad = not local and home is None and rng.random() < 0.005
        profile = self.abroad if abroad else self.p
        female = rng.random() < 0.54
        names = profile.female if female else profile.male
        given = names.pick(rng)
        call = ""
        if rng.random() < 0.22:
            second = names.pick(rng)
            if second != given and "-" not in given:
                given = f"{given} {second}"
                if rng.random() < 0.35:
                    call = second
        if family is None:
            family = profile.family.pick(rng)
            if profile.country == "SE" and rng.random() < 0.03:
                other = profile.family.pick(rng)
                if other != family:
                    family = f"{family}-{other}" if rng.random() < 0.5 else f"{family} {other}"
        birth = birth or self.birth()
        age = (self.today_ord - birth.toordinal()) // 365
        if home is None:
            town = self.town(profile)
            co = ""
            if rng.random() < 0.025:
                co = f"c/o {profile.female.pick(rng)} {profile.family.pick(rng)}"
            home = (self.street(profile, town), co, _postal_code(rng, town, profile.country),
                    town.name, profile.country)
            landline_town = town
        else:
            landline_town = None
        street, co, postal, city, member_country = home
        m = Member(given_name=given, family_name=family, call_name=call, birth_date=birth,
                   street=street, co=co, postal_code=postal, city=city, country=member_country)
        if rng.random() < (0.8 if age >= 80 else 0.94):
            m.phone = self.mobile(profile)
        if (landline_town is not None and landline_town.landline and age >= 60
                and rng.random() < 0.08):
            m.phone_alt = self.landline(landline_town)
        missing = 0.4 if age >= 80 else 0.2 if age >= 65 else 0.07
        if rng.random() >= missing:
            m.email = self.email(m.given_name, family, birth, profile)
        return m, _Extra(order, recruiter=rng.random() < 0.06)

    def fill_membership(self, m: Member) -> None:
        rng = self.rng
        birth = m.birth_date
        assert birth is not None
        age = (self.today_ord - birth.toordinal()) // 365
        if rng.random() < PROSPECT_SHARE:
            m.status = MembershipStatus.PROSPECT
            m.joined_on = None
            if m.email and rng.random() < 0.7:
                m.newsletter_consent_on = date.fromordinal(self.today_ord - rng.randrange(730))
            m.preferred_channel = PreferredChannel.EMAIL if m.email else PreferredChannel.PHONE
            if rng.random() < 0.5:
                m.notes = self.notes[-1]
            return
        m.joined_on = self.join_date(birth)
        joined = m.joined_on.toordinal()
        if rng.random() < FORMER_SHARE and self.today_ord - joined > 90:
            self._leave(m, age)
        if rng.random() < 0.85:
            m.preferred_channel = _channel_choice(bool(m.phone), bool(m.email), age >= 60,
                                                  age >= 75).pick(rng)
        if m.email and rng.random() < 0.65:
            m.newsletter_consent_on = self._consent_day(joined)
        if m.phone and rng.random() < 0.45:
            m.sms_consent_on = self._consent_day(joined)
        if m.phone and rng.random() < 0.02:
            m.do_not_call = True
        m.interests = rng.sample(self.interests, _INTEREST_COUNT.pick(rng))
        m.skills = rng.sample(self.skills, _SKILL_COUNT.pick(rng))
        if rng.random() < 0.05:
            m.notes = rng.choice(self.notes[:-1])

    def _consent_day(self, joined: int) -> date:
        if self.rng.random() < 0.7:
            return date.fromordinal(joined)
        return date.fromordinal(self.rng.randint(joined, self.today_ord))

    def _leave(self, m: Member, age: int) -> None:
        rng = self.rng
        joined = m.joined_on.toordinal()  # type: ignore[union-attr]
        reason = (_LEAVE_OLD if age >= 75 else _LEAVE_YOUNG).pick(rng)
        left = None
        if reason is LeaveReason.STRUCK_OFF:
            # Struck off for non-payment when the calendar says (June the year after the
            # missed year in Sweden, six months after the due date in Norway; DESIGN §2),
            # for a year after the one the intro fee paid.
            first = self.calendar.intro_periods(date.fromordinal(joined))[-1] + 1
            struck = [struck_off_on(self.calendar, p) for p in range(first, self.today.year + 1)]
            struck = [d for d in struck if d.toordinal() <= self.today_ord]
            if struck:
                left = rng.choice(struck)
            else:
                reason = LeaveReason.RESIGNED
        if left is None:
            # Exits lean towards recent years, like the joins.
            span = self.today_ord - joined - 30
            x = 1 - rng.random() ** 0.7
            left = date.fromordinal(self.today_ord - int(x * span))
        m.status = MembershipStatus.FORMER
        m.left_on = left
        m.leave_reason = reason
        if rng.random() < 0.4:
            note = rng.choice(self.leave_notes[reason])
            m.leave_note = note.format(town=self.town().name)


def _household_home(m: Member) -> tuple[str, str, str, str, str]:
    return (m.street, m.co, m.postal_code, m.city, m.country)


def _generate(rng: random.Random, n: int, country: str, language: str,
              today: date) -> list[Member]:
    gen = _Generator(rng, country, language, today)
    people: list[tuple[Member, _Extra]] = []
    # People to demo searching and sorting with: an Öberg (SE), an Øberg and an Østby (NO).
    showcase = {"SE": ("Öberg", "Åkesson"), "NO": ("Øberg", "Østby")}[country]
    showcase_at = dict(zip(rng.sample(range(n), min(n, len(showcase))), showcase, strict=False))
    shared_email_families = 0
    for i in range(n):
        if i in showcase_at:
            m, extra = gen.person(i, family=showcase_at[i], local=True)
            if country == "NO" and showcase_at[i] == "Øberg":
                # ... who lives in Oslo, so a postal code with a leading zero is always there.
                m.city = _NO_OSLO.name
                m.postal_code = _postal_code(rng, _NO_OSLO_INNER, "NO")
                m.street = gen.street(gen.p, _NO_OSLO)
            people.append((m, extra))
            continue
        if people and rng.random() < 0.12:
            # A household: a partner or a grown child at the same address.
            head = people[rng.randrange(len(people))][0]
            if head.country == country and head.birth_date:
                hb = head.birth_date.toordinal()
                if rng.random() < 0.75:
                    b = hb + rng.randint(-8 * 365, 8 * 365)
                else:
                    b = hb + rng.randint(22 * 365, 36 * 365)
                b = min(max(b, gen.birth_lo), gen.birth_hi)
                family = head.family_name if rng.random() < 0.7 else None
                m, extra = gen.person(i, family=family, home=_household_home(head),
                                      birth=date.fromordinal(b))
                if head.email and rng.random() < 0.2:
                    m.email = head.email  # a family sharing one address
                    shared_email_families += 1
                people.append((m, extra))
                continue
        people.append(gen.person(i))
    if n >= 20 and shared_email_families == 0:
        a, b = people[0][0], people[1][0]
        if a.email:
            b.email = a.email
            b.street, b.co, b.postal_code, b.city = a.street, a.co, a.postal_code, a.city
            b.country = a.country
            b.family_name = a.family_name
    for m, _extra in people:
        gen.fill_membership(m)
    if n >= 20:
        # A few with protected identity, left out of batch mailings.
        for k in rng.sample(range(n), max(1, n // 250)):
            people[k][0].protected_identity = True
    # Member numbers and ids follow the join date; prospects come last.
    far = date.max
    people.sort(key=lambda pe: (pe[0].joined_on or far, pe[1].order))
    _recruitment(rng, people)
    return [m for m, _extra in people]


def _recruitment(rng: random.Random, people: list[tuple[Member, _Extra]]) -> None:
    """Set how each member joined; a recruiter is an earlier member still in then.

    ``recruited_by`` holds the id the recruiter will get: position + 1 in the fresh file.
    """
    recruiters: list[int] = []
    for i, (m, extra) in enumerate(people):
        if m.status is MembershipStatus.PROSPECT:
            continue
        joined = m.joined_on
        recruited = i > 0 and rng.random() < 0.38
        by = None
        if recruited:
            for _try in range(6):
                pool = recruiters if recruiters and rng.random() < 0.6 else None
                j = rng.choice(pool) if pool else rng.randrange(i)
                r = people[j][0]
                if (r.status is not MembershipStatus.PROSPECT and r.joined_on
                        and r.joined_on <= joined  # type: ignore[operator]
                        and (r.left_on is None or r.left_on > joined)):  # type: ignore[operator]
                    by = j + 1
                    break
        if by is not None:
            m.join_method = JoinMethod.RECRUITED
            m.recruited_by = by
            channels = _CHANNELS_RECRUITED
        else:
            m.join_method = JoinMethod.OWN
            channels = _CHANNELS_OWN
        if rng.random() < 0.9:
            m.join_channel = channels.pick(rng)
        if extra.recruiter:
            recruiters.append(i)


# -- the association ------------------------------------------------------------------------

def _luhn_number(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def _valid_number(rng: random.Random, prefix: str, length: int,
                  is_valid: Callable[[str], bool]) -> str:
    while True:
        number = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix)))
        if is_valid(number):
            return number


def _association(rng: random.Random, country: str, language: str, today: date,
                 members: Sequence[Member]) -> Association:
    p = _profile(country)
    home = p.towns[0]
    variant = rng.randrange(len(_ASSOCIATION_NAMES[country]))
    name = _ASSOCIATION_NAMES[country][variant].format(town=home.name)
    slug = f"{_SLUG_NAMES[country][variant]}-{_fold(home.name, p.email_fold)}"
    tld = "se" if country == "SE" else "no"
    gen = _Generator(rng, country, language, today)
    assoc = Association(
        name=name, country=Country(country), language=language,
        street=gen.street(p, home).split(" lgh ")[0], postal_code=_postal_code(rng, home, country),
        city=home.name, email=f"info@{slug}.{tld}", website=f"www.{slug}.{tld}",
    )
    if country == "SE":
        assoc.org_number = se_orgnr.format(_luhn_number(rng, "802", 10))
        bankgiro = _luhn_number(rng, str(rng.randint(5, 9)), 8)
        assoc.bankgiro = f"{bankgiro[:4]}-{bankgiro[4:]}"
        swish = "123" + "".join(str(rng.randrange(10)) for _ in range(7))
        assoc.swish = f"{swish[:3]} {swish[3:6]} {swish[6:8]} {swish[8:]}"
    else:
        assoc.org_number = no_orgnr.format(_valid_number(rng, "9", 9, no_orgnr.is_valid))
        assoc.bank_account = no_kontonr.format(
            _valid_number(rng, str(rng.choice((1503, 1506, 1607, 2050, 3000, 9710))), 11,
                          no_kontonr.is_valid))
        assoc.vipps = str(rng.randint(100000, 999999))
    today_ord = today.toordinal()
    candidates = [
        i for i, m in enumerate(members)
        if m.status is MembershipStatus.MEMBER and m.left_on is None and m.joined_on
        and today_ord - m.joined_on.toordinal() > 2 * 365 and m.phone and m.email
        and not m.protected_identity and not m.do_not_call and m.country == country
        and m.birth_date and 25 <= (today_ord - m.birth_date.toordinal()) // 365 <= 78
    ]
    roles = (BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.TREASURER,
             BoardRole.MEMBERSHIP_OFFICER, BoardRole.SECRETARY)
    titles = _TITLES[language]
    chosen = rng.sample(candidates, min(len(candidates), len(roles)))
    for role, i in zip(roles, chosen, strict=False):
        m = members[i]
        # The settings dialog keeps the board's phones in national format: so do we.
        assoc.board.append(BoardPost(role=role, person_name=m.display_name, title=titles[role],
                                     phone=format_phone(m.phone, country), email=m.email,
                                     member_id=i + 1))
    membership = next((b for b in assoc.board if b.role is BoardRole.MEMBERSHIP_OFFICER), None)
    if membership is not None:
        assoc.phone = membership.phone
    return assoc


# -- the use case ---------------------------------------------------------------------------

def _add_dues(session: Session, people: Sequence[Member], country: str, day: date, seed: int,
              language: str, assoc: Association) -> None:
    """The payment history, notices, mandates and exemptions, in the demo's transaction.

    A random stream of its own, so the members stay the same whatever the dues draw.
    Shares per period are folded once at the end, not per batch (100,000 members).
    """
    rng = random.Random(f"medlemsvard-demo-dues:{seed}:{country}:{language}:{day.isoformat()}")
    board = {post.member_id for post in assoc.board if post.member_id is not None}
    dues = demo_dues(rng, people, country, day, board)
    repo = DuesRepository(session.db, annual_fee=dues.calendar.annual_fee)
    repo.save_calendar_settings(dues.calendar.to_dict())
    for payments, notices in dues.batches():
        repo.add_payments(payments, refresh=False)
        repo.add_notices(notices)
    repo.add_mandate_events(dues.mandate_events())
    repo.add_exemptions(dues.exemptions())
    repo.rebuild_periods()


def _remove_file(path: Path, *, main: bool = True) -> None:
    """Remove a database file with its WAL and shared-memory files (or only those)."""
    sidecars = [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    for p in ([path] if main else []) + sidecars:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def create_demo(path: str | Path, *, members: int = 300, country: str = "SE", seed: int = 1,
                language: str | None = None, today: date | None = None, replace: bool = False,
                progress: ProgressFn | None = None) -> Session:
    """Create a demo association of ``members`` people at ``path`` and return it open.

    Same seed and same ``today`` give the same data. ``progress(done, total)`` is called
    before the first and after every batch; returning False cancels and raises
    ``DemoCancelled``. An existing file is replaced only with ``replace`` (otherwise
    ``storage.errors.AlreadyExists``), and only once the demo is complete: the demo is
    built in a temporary file beside it, so a cancel or a failure leaves the old file as it
    was. The returned session's clock stays the real one unless the demo is made as of
    another day than today.
    """
    if members < 0:
        raise ValueError("members must not be negative")
    country = Country(country).value
    language = language or ("sv" if country == "SE" else "nb")
    if language not in _INTERESTS:
        raise ValueError(f"unknown language {language!r}")
    in_memory = str(path) == ":memory:"
    target = Path(path)
    if not in_memory and target.exists() and target.stat().st_size > 0 and not replace:
        raise errors.AlreadyExists(str(target))
    real_today = date.today()
    day = today or real_today
    clock = (lambda: day) if day != real_today else date.today
    rng = random.Random(f"medlemsvard-demo:{seed}:{country}:{language}:{day.isoformat()}")
    if progress is not None and progress(0, members) is False:
        raise DemoCancelled()
    people = _generate(rng, members, country, language, day)
    assoc = _association(rng, country, language, day, people)
    building = path if in_memory else target.with_name(f".{target.name}.demo-{os.getpid()}")
    if not in_memory:
        _remove_file(Path(building))  # a leftover of an earlier crash
    session: Session | None = None
    try:
        session = create_session(building, assoc.name, country, language, clock)
        with session.db.atomic():
            for start in range(0, members, BATCH):
                batch = people[start:start + BATCH]
                session.members.add_many(batch)
                for k, m in enumerate(batch, start + 1):
                    if m.id != k:
                        raise RuntimeError(f"demo member {k} got id {m.id}")
                done = start + len(batch)
                if progress is not None and progress(done, members) is False:
                    raise DemoCancelled()
            session.association_repo.save(assoc)
            _add_dues(session, people, country, day, seed, language, assoc)
            add_demo_calls(session, people, assoc, day, seed, country)
            add_demo_activities(session, people, assoc, day, seed, country)
            # Last: the welcome progress reads the calls and attendance made above.
            add_demo_welcome(session, people, assoc, day, seed, country)
            from medlemsvard_app.services.demo_letters import add_demo_letters

            add_demo_letters(session, people, assoc, day, seed, country)  # after welcome's
            from medlemsvard_app.services.demo_labels import add_demo_labels

            add_demo_labels(session, people, day)  # the annual meeting's labels and list
            # After everything that reads members: consents, a log, retention run so far.
            from medlemsvard_app.services.demo_privacy import add_demo_privacy

            add_demo_privacy(session, people, assoc, day, seed, country)
            add_demo_board(session, day, seed, language)
            from medlemsvard_app.services.demo_indicators import add_demo_goal

            add_demo_goal(session, day, language)  # the board's member goal
    except BaseException:
        if session is not None:
            session.close()
        if not in_memory:
            _remove_file(Path(building))
        raise
    assert session is not None
    if in_memory:
        return session
    session.close()
    try:
        _remove_file(target, main=False)  # the old file's WAL must not meet the new file
        os.replace(building, target)
    except OSError:
        _remove_file(Path(building))
        raise
    return open_session(target, clock)
