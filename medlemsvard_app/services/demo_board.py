"""The board's tools in the demo: a SWOT analysis from this autumn's board day, two compass
assessments a year apart (so progress shows), and this year's action plan, started from
the example plan, with sub-goals set against the demo register so the bars are part way.

Deterministic for a seed and a day. The texts are in the demo's language (the demo may
be made in Swedish by a program running in English), so they are looked up in that
language's catalog rather than the running one.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from babel.support import NullTranslations, Translations

from medlemsvard_app.domain.action_plan import ActivityStatus, Metric, SubGoal
from medlemsvard_app.domain.compass import ITEMS, Answer, Assessment
from medlemsvard_app.domain.swot import Quadrant, SwotAnalysis
from medlemsvard_app.i18n import DOMAIN
from medlemsvard_app.paths import translations_dir
from medlemsvard_app.services.board_tools import BoardService, example_plan
from medlemsvard_app.storage import board_tools as figures

_SWOT: dict[str, dict[Quadrant, tuple[str, ...]]] = {
    "sv": {
        Quadrant.STRENGTHS: ("En trogen kärna som ställer upp år efter år",
                             "Vi ringer alla nya medlemmar inom några veckor",
                             "Bra kontakt med studieförbundet",
                             "Välbesökta öppna möten i folkets hus"),
        Quadrant.WEAKNESSES: ("Få medlemmar under 35", "Samma fem personer gör det mesta",
                              "Nyhetsbrevet kommer ojämnt",
                              "Vi vet för lite om vad medlemmarna vill göra"),
        Quadrant.OPPORTUNITIES: ("Nytt bostadsområde i norra delen av kommunen",
                                 "Valår: fler är intresserade av politik",
                                 "Gymnasiets temadag om demokrati"),
        Quadrant.THREATS: ("Andra föreningar har möten samma kvällar",
                           "Lokalhyran höjs nästa år",
                           "Många aktiva flyttar efter studierna"),
    },
    "nb": {
        Quadrant.STRENGTHS: ("En trofast kjerne som stiller opp år etter år",
                             "Vi ringer alle nye medlemmer innen noen uker",
                             "God kontakt med studieforbundet",
                             "Godt besøkte åpne møter på folkets hus"),
        Quadrant.WEAKNESSES: ("Få medlemmer under 35", "De samme fem gjør det meste",
                              "Nyhetsbrevet kommer ujevnt",
                              "Vi vet for lite om hva medlemmene vil gjøre"),
        Quadrant.OPPORTUNITIES: ("Nytt boligfelt i nordre del av kommunen",
                                 "Valgår: flere er interessert i politikk",
                                 "Videregående skoles temadag om demokrati"),
        Quadrant.THREATS: ("Andre lag har møter de samme kveldene",
                           "Leien for lokalet øker neste år",
                           "Mange aktive flytter etter studiene"),
    },
    "en": {
        Quadrant.STRENGTHS: ("A loyal core that turns up year after year",
                             "We phone every new member within a few weeks",
                             "Good contact with the adult education association",
                             "Well attended open meetings at the community centre"),
        Quadrant.WEAKNESSES: ("Few members under 35", "The same five people do most things",
                              "The newsletter comes out unevenly",
                              "We know too little about what members want to do"),
        Quadrant.OPPORTUNITIES: ("A new housing area in the north of the town",
                                 "An election year: more people care about politics",
                                 "The upper secondary school's day on democracy"),
        Quadrant.THREATS: ("Other groups meet on the same evenings",
                           "The rent for our rooms goes up next year",
                           "Many active members move away after their studies"),
    },
}
#: Activity kinds (from the activities list) that suit a recruiting plan.
_RECRUITING_KINDS = ("stall", "talk", "party", "film_night", "open_meeting")
_SWOT_TITLE = {"sv": "Styrelsedag i höstas", "nb": "Styredag i høst", "en": "Autumn board day"}

#: Last year's answers: (now, soon); the rest "not now".
_BEFORE_NOW = ("analyse.know_members", "analyse.overview", "analyse.activity_plan",
               "care.newsletter", "care.know_how_to_help", "welcome.letter",
               "recruit.membership_officer", "recruit.activities", "evaluate.use_lessons")
_BEFORE_SOON = ("analyse.member_skills", "analyse.partners", "care.lead_activities",
                "welcome.board_call", "welcome.ask_wants", "welcome.ask_skills",
                "recruit.action_plan", "recruit.target_groups", "evaluate.each_activity",
                "evaluate.satisfaction")
#: This year: what came true, what is newly planned, and one routine that slipped.
_NOW_ADDED = ("analyse.member_skills", "welcome.board_call", "welcome.ask_wants",
              "recruit.action_plan", "evaluate.each_activity", "analyse.partners")
_NEW_SOON = ("care.targeted_mailings", "welcome.meeting_invite", "recruit.working_group")
_SLIPPED = ("care.newsletter",)
_NOTES = {
    "sv": {"care.newsletter": "Redaktören flyttade i våras; vi behöver en ny",
           "welcome.meeting_invite": "Första träffen för nya planeras till februari"},
    "nb": {"care.newsletter": "Redaktøren flyttet i vår; vi trenger en ny",
           "welcome.meeting_invite": "Første treff for nye planlegges i februar"},
    "en": {"care.newsletter": "The editor moved in the spring; we need a new one",
           "welcome.meeting_invite": "The first new-member evening is planned for February"},
}


def _translator(language: str):
    loaded = Translations.load(str(translations_dir()), [language], DOMAIN)
    return loaded if isinstance(loaded, Translations) else NullTranslations()


def add_demo_board(session, day: date, seed: int, language: str) -> None:
    """A SWOT, two compass assessments and an action plan, in the demo's transaction."""
    rng = random.Random(f"medlemsvard-demo-board:{seed}:{language}:{day.isoformat()}")
    language = language if language in _SWOT else "en"
    board = BoardService(session)
    _add_swot(board, day, language, rng)
    _add_compass(board, day, language)
    _add_plan(session, board, day, language)


def _add_swot(board: BoardService, day: date, language: str, rng: random.Random) -> None:
    held = day - timedelta(days=rng.randint(40, 70))
    analysis = SwotAnalysis(held, _SWOT_TITLE[language])
    for quadrant, texts in _SWOT[language].items():
        for text in texts:
            analysis.add(quadrant, text)
    board.save_swot(analysis)


def _add_compass(board: BoardService, day: date, language: str) -> None:
    latest_day = day - timedelta(days=12)
    before_day = latest_day - timedelta(days=364)
    before = Assessment(before_day)
    for item in ITEMS:
        answer = (Answer.NOW if item.code in _BEFORE_NOW else
                  Answer.SOON if item.code in _BEFORE_SOON else Answer.NOT_NOW)
        before.set(item.code, answer)
    board.save_assessment(before)
    latest = before.started_from(latest_day)
    for code in _NOW_ADDED:
        latest.set(code, Answer.NOW)
    for code in _NEW_SOON:
        latest.set(code, Answer.SOON)
    for code in _SLIPPED:
        latest.set(code, Answer.SOON)
    for code, note in _NOTES[language].items():
        latest.set_note(code, note)
    board.save_assessment(latest)


def _add_plan(session, board: BoardService, day: date, language: str) -> None:
    """This year's plan, adopted in January, with targets a little above where the
    register stood then, so the demo shows goals part way, one reached."""
    from medlemsvard_app.i18n import plan_labels

    start = date(day.year, 1, 20) if day >= date(day.year, 2, 1) else date(day.year - 1, 1, 20)
    tr = _translator(language)
    texts = plan_labels.example_texts(tr.gettext)
    plan = example_plan(start, texts)
    more = list(texts["more_goals"])  # type: ignore[call-overload]
    year_end = date(start.year, 12, 31)
    db = session.db
    members_then = figures.count_members(db, start, start)
    members_now = figures.count_members(db, start, day)
    under, known = figures.share_under_45(db, start, start)
    share_then = round(100 * under / known) if known else 0
    attended = figures.count_members_attended(db, date(start.year, 1, 1), day)
    plan.goals = [
        plan.goals[0],
        SubGoal(plan.goals[1].text, Metric.NEW_MEMBERS, 20, year_end),
        SubGoal(more[0], Metric.MEMBERS, max(round(members_then * 1.05), members_now + 8),
                year_end),
        SubGoal(more[1], Metric.SHARE_UNDER_45, min(100, share_then + 3), year_end),
        SubGoal(more[2], Metric.MEMBERS_ATTENDED, max(attended + 5, round(members_then * 0.5)),
                year_end),
    ]
    plan.goals[0].due_on = year_end
    # Planned activities spread over the year. Those already past are done, and linked
    # to a recruiting activity from the activities list when one was held near the date
    # (the plan then carries that activity's title); the last one is still ahead.
    available = board.repo.held_activities(start, year_end, _RECRUITING_KINDS)
    people = [p.person_name for p in session.association.board if p.person_name][:4]
    used: set[int] = set()
    for index, activity in enumerate(plan.activities):
        if people:
            activity.responsible = people[index % len(people)]
        if index == len(plan.activities) - 1 and day + timedelta(days=20) <= year_end:
            activity.on_date = day + timedelta(days=20)
        if activity.on_date is None or activity.on_date > day:
            continue
        activity.status = ActivityStatus.DONE
        near = [a for a in available if a[0] not in used and a[1] <= day
                and abs((a[1] - activity.on_date).days) <= 45]
        if near:
            activity.activity_id, activity.on_date, activity.title = near[0]
            used.add(near[0][0])
    board.save_plan(plan)
