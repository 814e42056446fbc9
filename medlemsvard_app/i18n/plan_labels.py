"""Words for the action plan (sections, metrics, statuses), the planning guidance, and the
example plan a board can start from: the handbook's worked example in the app's words."""

from __future__ import annotations

import re
from collections.abc import Callable

from medlemsvard_app.domain.action_plan import ActivityStatus, GoalProgress, Metric
from medlemsvard_app.i18n import N_, _, ngettext, pgettext
from medlemsvard_app.i18n.formatting import format_count, format_date, format_money


def whole_money(amount_ore: int, currency: str) -> str:
    """An amount in the locale's style, without "",00"" when it is whole kronor (budgets)."""
    text = format_money(amount_ore, currency)
    if amount_ore % 100 == 0:
        text = re.sub(r"[.,]00(?!\d)", "", text)
    return text


def section_label(key: str) -> str:
    return {
        "overall_goal": _("Overall goal"),
        "problems": _("Problems and challenges"),
        "goals": _("Sub-goals"),
        "activities": _("Activities"),
        "responsible": _("Responsible"),
        "resources": _("Resources"),
        "channels": _("Marketing channels"),
        "partners": _("Cooperation partners"),
        "follow_ups": _("Follow-up"),
        "evaluation": _("Evaluation"),
    }[key]


def section_help(key: str) -> str:
    return {
        "overall_goal": _("Where the association wants to be in a few years, in a sentence "
                          "or two."),
        "problems": _("How things stand today: who is in the association, who is missing, "
                      "and what has held growth back."),
        "goals": _("Steps on the way, each specific, measurable, accepted, realistic and "
                   "with a date. Pick what the app should count and the figure fills in "
                   "itself."),
        "activities": _("What you will do to reach the sub-goals, who is in charge, when, "
                        "and what it takes."),
        "responsible": _("Who holds the plan together and reports to the board."),
        "resources": _("People, money and time the plan needs as a whole, and any special "
                       "skills."),
        "channels": _("How people will hear about the activities."),
        "partners": _("Organisations you can do things with, to reach further."),
        "follow_ups": _("Who checks how it goes, when and how."),
        "evaluation": _("How and when the board will judge whether the plan worked."),
    }[key]


def metric_label(metric: Metric | None) -> str:
    if metric is None:
        return pgettext("plan metric", "Not counted by the app")
    return {
        Metric.MEMBERS: pgettext("plan metric", "Members"),
        Metric.NEW_MEMBERS: pgettext("plan metric", "New members this year"),
        Metric.SHARE_UNDER_45: pgettext("plan metric", "Share under 45 (%)"),
        Metric.ACTIVITIES_HELD: pgettext("plan metric", "Activities held this year"),
        Metric.MEMBERS_ATTENDED: pgettext("plan metric", "Members who came to an activity"),
    }[metric]


def status_label(status: ActivityStatus) -> str:
    return {
        ActivityStatus.PLANNED: pgettext("plan activity", "Planned"),
        ActivityStatus.UNDER_WAY: pgettext("plan activity", "Under way"),
        ActivityStatus.DONE: pgettext("plan activity", "Done"),
        ActivityStatus.CANCELLED: pgettext("plan activity", "Cancelled"),
    }[status]


def progress_text(progress: GoalProgress) -> str:
    """"132 of 150 members on 25 Nov 2026" — the figure, its target and its day."""
    value, target = format_count(progress.value), format_count(progress.target)
    day = format_date(progress.as_of, "medium")
    m = progress.metric
    if m is Metric.MEMBERS:
        text = ngettext("{value} of {target} member on {date}",
                        "{value} of {target} members on {date}", progress.target)
    elif m is Metric.NEW_MEMBERS:
        text = ngettext("{value} of {target} new member by {date}",
                        "{value} of {target} new members by {date}", progress.target)
    elif m is Metric.SHARE_UNDER_45:
        text = _("{value} % of {target} % under 45 on {date}")
    elif m is Metric.ACTIVITIES_HELD:
        text = ngettext("{value} of {target} activity held by {date}",
                        "{value} of {target} activities held by {date}", progress.target)
    else:
        text = ngettext("{value} of {target} member came to an activity by {date}",
                        "{value} of {target} members came to an activity by {date}",
                        progress.target)
    out = text.format(value=value, target=target, date=day)
    if progress.reached:
        out += " · " + _("reached")
    elif progress.overdue:
        out += " · " + _("not reached by the date")
    return out


def guidance(tool: str) -> str:
    """A few sentences per tool: what it is for and how a board uses it."""
    return {
        "swot": _(
            "A SWOT analysis helps the board see the association clearly before it plans. "
            "Strengths and weaknesses are about the association itself; opportunities and "
            "threats are about the world around it. At a meeting, let everyone suggest "
            "cards, group what belongs together, and then pick the few that matter most. "
            "Keep each analysis: next year's shows what changed. Drag cards between the "
            "fields, or use Ctrl+arrow keys (Ctrl+Shift+arrow keys to another field)."),
        "compass": _(
            "The compass is a check of the association's routines for member care, done "
            "once or twice a year, for example before the annual meeting. For each item, "
            "mark whether you do it now, whether it is realistic soon, or not for now. "
            "The items marked “soon” are good candidates for the action plan. Where the app "
            "can see an answer in the register it says so beside the item. A new "
            "assessment starts from the last one, so the board only changes what moved."),
        "plan": _(
            "The action plan turns the analysis into work: an overall goal, the problems "
            "to solve, sub-goals with a number and a date, and the activities that get you "
            "there, with who is responsible and what it costs. Where a sub-goal is "
            "something the app counts (members, new members, share under 45, activities, "
            "members who came), its progress comes from the register. Go through the plan "
            "at board meetings and print it for the members."),
    }[tool]


def example_texts(t: Callable[[str], str] = _) -> dict[str, object]:
    """The example plan's texts, through ``t`` (the demo passes its own language's
    catalog): a branch ready to grow by recruiting actively.

    Written for this app; numbers follow the handbook's example (a quarter more members,
    about twenty a year, five recruiting events a year with four new members at each).
    """
    return {
        "title": t(N_("Membership development plan")),
        "overall_goal": t(N_(
            "We have a working association and room for more people. By recruiting actively "
            "we want to grow by a quarter over two years: about twenty new members a year.")),
        "problems": t(N_(
            "Few of our active members work in manual and care jobs, and people in those "
            "jobs who care about politics mostly find their way to other parties today.")),
        "goals": [
            (t(N_("Hold five recruiting activities a year, spread over the year")),
             "activities_held", 5),
            (t(N_("About four new members from each activity: twenty in the year")),
             "new_members", 20),
        ],
        "activities": [
            t(N_("Evening talk: the history of the labour movement")),
            t(N_("Family afternoon in the park")),
            t(N_("Open meeting for care workers with our councillors")),
            t(N_("Soup lunch at the end of the month, when money is short")),
            t(N_("Photo competition: a picture from your working day")),
        ],
        "responsible": t(N_("The membership officer, with the member care group")),
        "resources": t(N_(
            "Three recruiters at each activity. A budget of 10,000 kr a year, shared between "
            "the activities as they need it. About fifteen hours per person and year.")),
        "channels": [
            (t(N_("Local newspaper")), t(N_("Small adverts before each activity"))),
            (t(N_("Posters")), t(N_("In the town centre and around the station"))),
            (t(N_("Newsletter")), t(N_("Every issue mentions the next activity"))),
        ],
        "partners": [
            (t(N_("The adult education association")), t(N_("Co-host the talk evening"))),
            (t(N_("The community centre")), t(N_("Rooms for the open meeting"))),
        ],
        "follow_ups": [
            (t(N_("The board")), t(N_("Every board meeting")),
             t(N_("Membership development is a standing item on the agenda"))),
            (t(N_("The membership officer")), t(N_("Before the annual meeting")),
             t(N_("A section in the annual report"))),
            (t(N_("The whole board")), t(N_("December of the second year")),
             t(N_("A day to evaluate the whole plan"))),
        ],
        "more_goals": [
            t(N_("End the year with clearly more members than we started with")),
            t(N_("More members under 45: up three percentage points")),
            t(N_("Half of the members come to something during the year")),
        ],
        "evaluation": t(N_(
            "After each activity we note what worked, what did not and how many joined. "
            "At the end of the period the board goes through the whole plan and decides "
            "what to keep for the next one.")),
    }
