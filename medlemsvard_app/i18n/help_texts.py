"""The F1 help of each view: what it is for and how the routine goes, in a few lines."""

from __future__ import annotations

from medlemsvard_app.i18n import N_, _

_TITLES = {
    "home": N_("Home"),
    "register": N_("Register"),
    "dues": N_("Dues"),
    "calls": N_("Calls"),
    "welcome": N_("Welcome"),
    "activities": N_("Activities"),
    "letters": N_("Letters"),
    "planning": N_("Planning"),
    "indicators": N_("Indicators"),
    "privacy": N_("Privacy"),
}

_TEXTS = {
    "home": N_(
        "Home gathers what needs doing today: the calls still waiting, new members whose "
        "welcome steps are late, what the dues year does next and what is on this week. "
        "Each card has a button to the view where the work is done. Start the day here."),
    "register": N_(
        "The register holds every member, former member and prospect. Type in the search box "
        "to find someone by name, number, phone, e-mail or town; the chips above the list "
        "narrow it to new members, unpaid dues and more. Press Enter in the search box, "
        "double-click or press Ctrl+Enter to open a member's card, where details, dues, calls "
        "and activities are kept."),
    "dues": N_(
        "The dues view follows the dues year: the invoice, the due date, the reminders and, "
        "last, strike-off. The timeline marks today and names the next step and how many "
        "members it concerns. Click a count to see the members behind it. Record payments "
        "on the member's card or import a file from the bank."),
    "calls": N_(
        "Calling rounds follow the dues year: new members, everyone in February, those who "
        "have not paid in spring and again in autumn, and campaigns of your own. Start a "
        "round, share the members among the callers, and log each call as you go: reached, "
        "no answer, a message left. Each caller keeps the same members year after year."),
    "welcome": N_(
        "Every new member gets a short list of welcome steps: a letter, a call, an invitation "
        "to a new-member meeting, a message after the first activity. Steps tick themselves "
        "when the app sees them happen; you can tick, untick or skip a step with a note. Late "
        "steps are marked so that nobody is forgotten in the first months."),
    "activities": N_(
        "Plan meetings, study circles, parties and stalls. Sign members up, remind them the "
        "day before, and take attendance with the keyboard: type a name and press Enter. "
        "Afterwards write down what worked and what did not; the notes come back when you "
        "plan the next activity of the same kind."),
    "letters": N_(
        "Write welcome letters, thanks, friendly reminders and invitations from templates "
        "with fields such as the member's name. Choose who gets them; members with protected "
        "identity or who want no post are left out and counted. The address lands in the "
        "envelope window: print the calibration page once to check your printer."),
    "planning": N_(
        "The board's tools for a planning meeting: a SWOT analysis of the association, the "
        "association compass to see which routines you follow now and which are realistic "
        "soon, and an action plan with goals the app measures from the register. Turn on "
        "large text for a projector and print handouts for everyone."),
    "indicators": N_(
        "How the membership develops: members over time, joins and exits with their reasons, "
        "the share under 45, retention of new members, payment rate and more. Choose the "
        "period; each figure explains how it is counted. Set a goal to see what it takes to "
        "reach it, and print the figures for the annual report."),
    "privacy": N_(
        "Members have a right to see what is kept about them and to be erased. Make a "
        "register extract, erase a member on request, and anonymise former members when the "
        "retention time has passed. The log shows who did what and when, without personal "
        "data."),
}


def help_title(key: str) -> str:
    return _(_TITLES[key]) if key in _TITLES else key


def help_text(key: str) -> str:
    return _(_TEXTS[key]) if key in _TEXTS else ""


def help_keys() -> list[str]:
    return list(_TEXTS)
