"""Words for the SWOT quadrants and the association compass: areas, items, answers, hints.

The item texts are the app's own wording of the handbook's checklist; each area has a
lead-in ("The association…") so the items read as short statements.
"""

from __future__ import annotations

from collections.abc import Callable

from medlemsvard_app.domain.compass import Answer, Area, AreaSummary, Hint, HintFigure, Progress
from medlemsvard_app.domain.swot import Quadrant
from medlemsvard_app.i18n import N_, _, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_count


def quadrant_label(quadrant: Quadrant) -> str:
    return {
        Quadrant.STRENGTHS: pgettext("swot", "Strengths"),
        Quadrant.WEAKNESSES: pgettext("swot", "Weaknesses"),
        Quadrant.OPPORTUNITIES: pgettext("swot", "Opportunities"),
        Quadrant.THREATS: pgettext("swot", "Threats"),
    }[quadrant]


def quadrant_question(quadrant: Quadrant) -> str:
    """A short prompt under each quadrant's title."""
    return {
        Quadrant.STRENGTHS: _("What do we do well? What do we have going for us?"),
        Quadrant.WEAKNESSES: _("What holds us back? What do we lack?"),
        Quadrant.OPPORTUNITIES: _("What around us could help us grow?"),
        Quadrant.THREATS: _("What around us could hurt us?"),
    }[quadrant]


def quadrant_placeholder(quadrant: Quadrant) -> str:
    return {
        Quadrant.STRENGTHS: _("Add a strength…"),
        Quadrant.WEAKNESSES: _("Add a weakness…"),
        Quadrant.OPPORTUNITIES: _("Add an opportunity…"),
        Quadrant.THREATS: _("Add a threat…"),
    }[quadrant]


def internal_label() -> str:
    return pgettext("swot", "Internal: the association itself")


def external_label() -> str:
    return pgettext("swot", "External: the world around it")


def area_label(area: Area) -> str:
    return {
        Area.ANALYSE: pgettext("compass area", "Analyse"),
        Area.CARE: pgettext("compass area", "Care"),
        Area.WELCOME: pgettext("compass area", "Welcome"),
        Area.RECRUIT: pgettext("compass area", "Recruit"),
        Area.EVALUATE: pgettext("compass area", "Evaluate"),
    }[area]


def area_lead(area: Area) -> str:
    return {
        Area.ANALYSE: _("Our association…"),
        Area.CARE: _("Our members…"),
        Area.WELCOME: _("Our new members…"),
        Area.RECRUIT: _("Our association or board…"),
        Area.EVALUATE: _("Our association or board…"),
    }[area]


def answer_label(answer: Answer) -> str:
    return {
        Answer.NOW: pgettext("compass answer", "We do this now"),
        Answer.SOON: pgettext("compass answer", "Realistic soon"),
        Answer.NOT_NOW: pgettext("compass answer", "Not now"),
    }[answer]


def answer_short(answer: Answer) -> str:
    return {
        Answer.NOW: pgettext("compass answer short", "Now"),
        Answer.SOON: pgettext("compass answer short", "Soon"),
        Answer.NOT_NOW: pgettext("compass answer short", "Not now"),
    }[answer]


_ITEMS: dict[str, str] = {
    "analyse.member_survey": N_("has asked its members in a survey"),
    "analyse.know_members": N_("has a fair picture of who its members are"),
    "analyse.member_skills": N_("knows what its members are good at"),
    "analyse.partners": N_("knows which other organisations it could work with"),
    "analyse.media": N_("knows which media and channels it can use"),
    "analyse.overview": N_("has a clear view of everything it does"),
    "analyse.activity_plan": N_("has a concrete plan for its activities"),
    "care.influence_plan": N_("have a say in the activity plan before the annual meeting"),
    "care.newsletter": N_("get a newsletter at regular intervals"),
    "care.targeted_mailings": N_("get mailings that match their interests or tasks"),
    "care.find_niche": N_("can find a place in the work that suits them"),
    "care.know_how_to_help": N_("know how they can help"),
    "care.lead_activities": N_("get the chance to be in charge of an activity"),
    "welcome.letter": N_("get a welcome letter"),
    "welcome.board_call": N_("get a phone call from someone on the board"),
    "welcome.meeting_invite": N_("are told about, or invited to, a meeting for new members"),
    "welcome.ask_wants": N_("are asked what they would like to do"),
    "welcome.ask_skills": N_("are asked what they are good at"),
    "welcome.offer_task": N_("are offered a task that suits them"),
    "recruit.membership_officer": N_("has a membership officer"),
    "recruit.discuss_development": N_("talks about how the membership develops, regularly"),
    "recruit.working_group": N_("has a working group for recruiting and member care"),
    "recruit.action_plan": N_("has an action plan for membership development"),
    "recruit.target_groups": N_("knows which groups it wants to recruit"),
    "recruit.activities": N_("holds activities to recruit members"),
    "evaluate.satisfaction": N_("checks regularly how content the members are"),
    "evaluate.each_activity": N_("evaluates every activity it holds"),
    "evaluate.use_lessons": N_("uses what it learnt when planning new activities"),
}


def item_label(code: str) -> str:
    return _(_ITEMS[code])


def item_full_label(code: str) -> str:
    """The item with its area's lead-in, for lists outside the area ("Our new members get a
    welcome letter")."""
    from medlemsvard_app.domain.compass import ITEM_BY_CODE

    lead = area_lead(ITEM_BY_CODE[code].area).rstrip("…").rstrip(".")
    return f"{lead} {item_label(code)}"


def hint_text(figure: HintFigure) -> str:
    """What the app itself sees for an item, e.g. "The app sees: 8 of 12 new members got a
    welcome letter"."""
    n, total = format_count(figure.count), format_count(figure.total)
    hint = figure.hint
    if hint is Hint.WELCOME_LETTER:
        if not figure.total:
            return _("The app sees: no new members in the last 90 days.")
        return ngettext("The app sees: {count} of {total} new member (last 90 days) got a "
                        "welcome letter.",
                        "The app sees: {count} of {total} new members (last 90 days) got a "
                        "welcome letter.", figure.total).format(count=n, total=total)
    if hint is Hint.WELCOME_CALL:
        if not figure.total:
            return _("The app sees: no new members in the last 90 days.")
        return ngettext("The app sees: {count} of {total} new member (last 90 days) was "
                        "reached by phone.",
                        "The app sees: {count} of {total} new members (last 90 days) were "
                        "reached by phone.", figure.total).format(count=n, total=total)
    if hint is Hint.ASKED_WANTS:
        if not figure.total:
            return _("The app sees: no new members in the last 90 days.")
        return ngettext("The app sees: what {count} of {total} new member wants to do is noted.",
                        "The app sees: what {count} of {total} new members want to do is noted.",
                        figure.total).format(count=n, total=total)
    if hint is Hint.ASKED_SKILLS:
        if not figure.total:
            return _("The app sees: no new members in the last 90 days.")
        return ngettext("The app sees: what {count} of {total} new member is good at is noted.",
                        "The app sees: what {count} of {total} new members are good at is "
                        "noted.", figure.total).format(count=n, total=total)
    if hint is Hint.MEMBERSHIP_OFFICER:
        if figure.names:
            return _("The app sees: {names} is membership officer.").format(
                names=", ".join(figure.names))
        if figure.count:
            return _("The app sees: the board has a membership officer post.")
        return _("The app sees: no membership officer among the board posts.")
    if hint is Hint.ACTION_PLAN:
        if not figure.count:
            return _("The app sees: no action plan yet.")
        return ngettext("The app sees: {count} action plan.", "The app sees: {count} action plans.",
                        figure.count).format(count=n)
    if hint is Hint.EVALUATED_ACTIVITIES:
        if not figure.total:
            return _("The app sees: no activities held in the last year.")
        return ngettext("The app sees: {count} of {total} activity in the last year was "
                        "evaluated.",
                        "The app sees: {count} of {total} activities in the last year were "
                        "evaluated.", figure.total).format(count=n, total=total)
    if hint is Hint.MEMBERS_LEAD:
        if not figure.total:
            return _("The app sees: no activities held in the last year.")
        return ngettext("The app sees: {count} of {total} activity in the last year was led "
                        "by a member.",
                        "The app sees: {count} of {total} activities in the last year were led "
                        "by a member.", figure.total).format(count=n, total=total)
    if hint is Hint.SATISFACTION:
        return ngettext("The app sees: {count} member was asked how content they are in the "
                        "last year.",
                        "The app sees: {count} members were asked how content they are in the "
                        "last year.", figure.count).format(count=n)
    # Hint.KNOWN_SKILLS
    return ngettext("The app sees: skills are noted for {count} of {total} member.",
                    "The app sees: skills are noted for {count} of {total} members.",
                    figure.total).format(count=n, total=total)


def hint_link_text(target: str) -> str:
    return {
        "welcome": _("Open Welcome"), "calls": _("Open Calls"),
        "settings": _("Open the board posts"), "plan": _("Open the action plan"),
        "activities": _("Open Activities"), "register": _("Open Register"),
    }.get(target, _("Open"))


def area_summary_text(summary: AreaSummary) -> str:
    """"4 now · 2 soon · 1 not now" (and blanks, if any) for an area."""
    parts = [_("{count} now").format(count=format_count(summary.now)),
             _("{count} soon").format(count=format_count(summary.soon)),
             _("{count} not now").format(count=format_count(summary.not_now))]
    if summary.blank:
        parts.append(ngettext("{count} blank", "{count} blank", summary.blank).format(
            count=format_count(summary.blank)))
    return " · ".join(parts)


def progress_lines(moved: Progress, label: Callable[[str], str]) -> list[str]:
    """Sentences for what moved between two assessments, one per kind of change."""
    if moved.empty:
        return [_("Nothing changed.")]
    lines = []
    for codes, text in (
            (moved.moved_to_now, _("Moved from “soon” to “now” ({count}): {items}")),
            (moved.new_now, _("Done now, not planned last time ({count}): {items}")),
            (moved.new_soon, _("Newly marked “soon” ({count}): {items}")),
            (moved.dropped, _("No longer done ({count}): {items}"))):
        if codes:
            lines.append(text.format(count=format_count(len(codes)),
                                     items="; ".join(label(c) for c in codes)))
    return lines
