"""Words for the indicators: each figure's name and its definition in the app's own words,
the periods, exit reasons, tenure and age groups, goal metrics, and how a figure is shown.

Shared by the indicators page, the board report and the ``indicators`` command.
"""

from __future__ import annotations

from medlemsvard_app.domain.indicators import KINDS, Period
from medlemsvard_app.domain.projection import GoalMetric
from medlemsvard_app.i18n import N_, _, current_locale, pgettext

#: figure code -> (name, definition); translated where shown.
_FIGURES: dict[str, tuple[str, str]] = {
    "member_count": (N_("Members"), N_(
        "Everyone whose membership covers the last day of the period: joined on or before "
        "it and not yet left. Members behind with their dues still count until they are "
        "struck off.")),
    "members_at_start": (N_("Members at the start"), N_(
        "Members on the day before the period began.")),
    "joined": (N_("New members"), N_(
        "People whose join date falls in the period.")),
    "left": (N_("Members who left"), N_(
        "Members whose leave date falls in the period, whatever the reason.")),
    "net_change": (N_("Net change"), N_(
        "Members at the end of the period minus members at its start.")),
    "left_resigned": (N_("Resigned"), N_("Members who left at their own wish in the period.")),
    "left_struck_off": (N_("Struck off for non-payment"), N_(
        "Members struck off in the period because their dues were not paid.")),
    "left_deceased": (N_("Deceased"), N_("Members who died in the period.")),
    "left_other": (N_("Other reasons"), N_(
        "Members who left in the period for another reason: expelled, moved away or "
        "something else.")),
    "new_under_45": (N_("New members under 45"), N_(
        "New members in the period who were younger than 45 on the day they joined.")),
    "share_new_under_45": (N_("Share of new members under 45"), N_(
        "New members under 45 as a share of all new members in the period.")),
    "under_45": (N_("Members under 45"), N_(
        "Members younger than 45 on the last day of the period.")),
    "share_under_45": (N_("Share under 45"), N_(
        "Members under 45 as a share of all members on the last day of the period. Members "
        "with no birth date count as 45 or older.")),
    "recruited": (N_("Recruited"), N_(
        "New members in the period whom someone actively recruited.")),
    "joined_own": (N_("Joined on their own"), N_(
        "New members in the period who joined on their own initiative.")),
    "share_recruited": (N_("Share recruited"), N_(
        "Recruited new members as a share of the new members whose way in is recorded.")),
    "retention": (N_("Retention"), N_(
        "Of the members at the start of the period, the share who were still members at its "
        "end. One minus this is the churn.")),
    "first_year_retention": (N_("First-year retention"), N_(
        "Of the people who joined in the year before the last twelve months, the share who "
        "were still members a year after they joined.")),
    "bounced": (N_("Bounced"), N_(
        "Current members who paid the introductory fee but never the first full year's "
        "dues, now past its due date.")),
    "tenure_under_1": (N_("Left within a year"), N_(
        "Members who left in the period less than a year after joining.")),
    "tenure_1_3": (N_("Left after 1-3 years"), N_(
        "Members who left in the period after one to three years.")),
    "tenure_3_5": (N_("Left after 3-5 years"), N_(
        "Members who left in the period after three to five years.")),
    "tenure_over_5": (N_("Left after more than 5 years"), N_(
        "Members who left in the period after five years or more.")),
    "age_0_25": (N_("Aged 25 or under"), N_("Members aged 25 or younger at the period's end.")),
    "age_26_35": (N_("Aged 26-35"), N_("Members aged 26 to 35 at the period's end.")),
    "age_36_50": (N_("Aged 36-50"), N_("Members aged 36 to 50 at the period's end.")),
    "age_51_65": (N_("Aged 51-65"), N_("Members aged 51 to 65 at the period's end.")),
    "age_66_plus": (N_("Aged 66 or over"), N_("Members aged 66 or older at the period's end.")),
    "age_unknown": (N_("Age not recorded"), N_("Members with no birth date in the register.")),
    "new_members": (N_("New (under a year)"), N_(
        "Members at the end of the period who joined less than a year before it. They need "
        "welcoming: a call, a mentor, a first activity.")),
    "experienced_members": (N_("Experienced (a year or more)"), N_(
        "Members at the end of the period who have been members for a year or longer. They "
        "need thanks and tasks that fit them.")),
    "share_new": (N_("Share new"), N_("New members (under a year) as a share of all members.")),
    "left_new": (N_("New members who left"), N_(
        "Members who left in the period less than a year after joining.")),
    "left_experienced": (N_("Experienced members who left"), N_(
        "Members who left in the period after a year or more.")),
    "payment_rate": (N_("Payment rate"), N_(
        "Members who have paid this dues year or pay by direct debit, as a share of the "
        "members who owe dues (exempt members left out), on the last day of the period.")),
    "payment_rate_new": (N_("Payment rate, new members"), N_(
        "The payment rate among members who joined less than a year ago.")),
    "payment_rate_experienced": (N_("Payment rate, experienced members"), N_(
        "The payment rate among members of a year or more.")),
    "activities_held": (N_("Activities held"), N_(
        "Activities dated in the period that were not cancelled.")),
    "attended": (N_("Members who came to an activity"), N_(
        "Members who came to at least one activity this calendar year, up to the period's "
        "end.")),
    "attended_share": (N_("Share who came to an activity"), N_(
        "Members who came to at least one activity this calendar year, as a share of all "
        "members.")),
    "attended_share_new": (N_("Came to an activity, new members"), N_(
        "The same share among members who joined less than a year ago.")),
    "attended_share_experienced": (N_("Came to an activity, experienced members"), N_(
        "The same share among members of a year or more.")),
    "calls_made": (N_("Calls made"), N_("Phone calls to members recorded in the period.")),
    "calls_reached": (N_("Calls that reached the member"), N_(
        "Calls in the period where the caller spoke with the member.")),
    "share_reached": (N_("Share reached"), N_("Calls that reached the member, of all calls.")),
    "calls_led_to_payment": (N_("Calls followed by a payment"), N_(
        "Contacts that reached the member where the member paid within 30 days (a "
        "direct-debit withdrawal does not count: it would have come anyway).")),
    "calls_led_to_signup": (N_("Calls that led to a sign-up"), N_(
        "Contacts in the period where the member signed up for an activity.")),
    "satisfaction": (N_("Satisfaction"), N_(
        "The average answer, from 1 (not at all) to 5 (very), when members were asked in a "
        "call how satisfied they are with their membership.")),
    "satisfaction_answers": (N_("Satisfaction answers"), N_(
        "How many members answered the satisfaction question in the period.")),
    "interest_signups": (N_("Interest sign-ups"), N_(
        "People who signed up as interested (prospects, not yet members) in the period.")),
}


def figure_label(code: str) -> str:
    entry = _FIGURES.get(code)
    return _(entry[0]) if entry else code


def figure_definition(code: str) -> str:
    entry = _FIGURES.get(code)
    return _(entry[1]) if entry else ""


def period_label(period: Period) -> str:
    return {
        Period.TWO_MONTHS: pgettext("indicator period", "Two months"),
        Period.HALF_YEAR: pgettext("indicator period", "Half-year"),
        Period.YEAR: pgettext("indicator period", "Year"),
    }[period]


def exit_reason_label(code: str) -> str:
    return figure_label(f"left_{code}")


def tenure_label(code: str) -> str:
    return {
        "under_1": _("Under 1 year"),
        "1_3": _("1-3 years"),
        "3_5": _("3-5 years"),
        "over_5": _("Over 5 years"),
    }.get(code, code)


def age_group_label(code: str) -> str:
    return {
        "0_25": _("0-25"),
        "26_35": _("26-35"),
        "36_50": _("36-50"),
        "51_65": _("51-65"),
        "66_plus": _("66+"),
    }.get(code, code)


def goal_metric_label(metric: GoalMetric) -> str:
    return {
        GoalMetric.MEMBERS: _("Members"),
        GoalMetric.NEW_MEMBERS: _("New members a year"),
        GoalMetric.SHARE_UNDER_45: _("Share under 45"),
        GoalMetric.SHARE_RECRUITED: _("Share recruited"),
    }[metric]


def fewer_than_five() -> str:
    return _("fewer than 5")


def format_figure(code: str, value: int | float | None, *, hidden: bool = False) -> str:
    """A figure as text in the user's locale: counts, signed changes, percentages, means."""
    from babel.numbers import format_decimal, format_percent

    if hidden:
        return fewer_than_five()
    if value is None:
        return "–"
    kind = KINDS.get(code, "count")
    locale = current_locale()
    if kind == "share":
        return format_percent(value, "#,##0 %", locale=locale)
    if kind == "mean":
        return format_decimal(value, "#,##0.0", locale=locale)
    if kind == "change":
        text = format_decimal(abs(value), locale=locale)
        return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)
    return format_decimal(value, locale=locale)


def format_change(code: str, delta: int | float | None) -> str:
    """The change since the previous period: "+3", "−2 %-points", "±0"."""
    from babel.numbers import format_decimal

    if delta is None:
        return ""
    kind = KINDS.get(code, "count")
    locale = current_locale()
    if kind == "share":
        points = round(delta * 100)
        text = _("{sign}{points} pp").format(
            sign="+" if points > 0 else ("−" if points < 0 else "±"),
            points=format_decimal(abs(points), locale=locale))
        return text
    if kind == "mean":
        number = format_decimal(abs(delta), "#,##0.0", locale=locale)
    else:
        number = format_decimal(abs(delta), locale=locale)
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{sign}{number}"
