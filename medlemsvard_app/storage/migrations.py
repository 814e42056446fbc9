"""Schema history, append-only: each migration is recorded in ``_sqlite_migrations``.

0001 is explicit DDL with constraints; later issues add 0002_… and never edit 0001.
"""

from __future__ import annotations

import json
from datetime import date

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from medlemsvard_app.domain.dues_calendar import starting_calendar
from medlemsvard_app.storage.driver import sqlite3

migrations = Migrations("medlemsvard")

_INITIAL = r"""
CREATE TABLE association (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    country TEXT NOT NULL DEFAULT 'SE' CHECK (country IN ('SE', 'NO')),
    language TEXT NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'nb', 'en')),
    org_number TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    co TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    logo_png BLOB,
    bankgiro TEXT NOT NULL DEFAULT '',
    plusgiro TEXT NOT NULL DEFAULT '',
    swish TEXT NOT NULL DEFAULT '',
    bank_account TEXT NOT NULL DEFAULT '',
    vipps TEXT NOT NULL DEFAULT '',
    identity_number_enabled INTEGER NOT NULL DEFAULT 0 CHECK (identity_number_enabled IN (0, 1)),
    identity_number_purpose TEXT NOT NULL DEFAULT '',
    gender_enabled INTEGER NOT NULL DEFAULT 0 CHECK (gender_enabled IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE board_posts (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'secretary', 'treasurer',
        'membership_officer', 'board_member', 'other')),
    title TEXT NOT NULL DEFAULT '',
    person_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    member_number INTEGER UNIQUE CHECK (member_number IS NULL OR member_number > 0),
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    call_name TEXT NOT NULL DEFAULT '',
    birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    identity_number TEXT,
    gender TEXT CHECK (gender IS NULL OR gender IN ('female', 'male', 'other')),
    street TEXT NOT NULL DEFAULT '',
    co TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT 'SE' CHECK (length(country) = 2),
    phone TEXT NOT NULL DEFAULT '',
    phone_alt TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    joined_on TEXT CHECK (joined_on IS NULL OR joined_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status TEXT NOT NULL DEFAULT 'member' CHECK (status IN ('member', 'former', 'prospect')),
    left_on TEXT CHECK (left_on IS NULL OR left_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    leave_reason TEXT CHECK (leave_reason IS NULL OR leave_reason IN
        ('resigned', 'struck_off', 'deceased', 'expelled', 'moved', 'other')),
    leave_note TEXT NOT NULL DEFAULT '',
    join_method TEXT CHECK (join_method IS NULL OR join_method IN ('recruited', 'own')),
    recruited_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    join_channel TEXT CHECK (join_channel IS NULL OR join_channel IN
        ('stall', 'door', 'web', 'event', 'other')),
    preferred_channel TEXT CHECK (preferred_channel IS NULL OR preferred_channel IN
        ('phone', 'sms', 'email', 'letter')),
    newsletter_consent_on TEXT,
    sms_consent_on TEXT,
    do_not_call INTEGER NOT NULL DEFAULT 0 CHECK (do_not_call IN (0, 1)),
    protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    family_key TEXT NOT NULL DEFAULT '',
    given_key TEXT NOT NULL DEFAULT '',
    street_key TEXT NOT NULL DEFAULT '',
    city_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (status != 'former' OR (left_on IS NOT NULL AND leave_reason IS NOT NULL)),
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on),
    CHECK (status = 'prospect' OR member_number IS NOT NULL)
) STRICT;

-- The register's sort orders; they carry the filter columns so that listing 100,000
-- current members in order is one index scan with no table lookups.
CREATE INDEX members_by_name ON members (family_key, given_key, id, status, joined_on, left_on);
CREATE INDEX members_by_given ON members (given_key, family_key, id, status, joined_on, left_on);
CREATE INDEX members_by_city ON members (city_key, family_key, id, status, joined_on, left_on);
CREATE INDEX members_by_joined ON members (joined_on, id, status, left_on);
CREATE INDEX members_by_number ON members (member_number, status, joined_on, left_on);
CREATE INDEX members_by_birth ON members (birth_date, id);
CREATE INDEX members_by_email ON members (email) WHERE email != '';
CREATE INDEX members_by_identity ON members (identity_number) WHERE identity_number IS NOT NULL;

CREATE TABLE member_tags (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('interest', 'skill')),
    tag TEXT NOT NULL CHECK (length(trim(tag)) > 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (member_id, kind, tag)
) STRICT;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    action TEXT NOT NULL,
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Search text is written by the repository (names, number, e-mail, phone digits,
-- street, town); rowid = members.id. unicode61 folds case for Ö/Ø too.
CREATE VIRTUAL TABLE member_search USING fts5(
    body, tokenize = "unicode61 remove_diacritics 2"
);
"""


def _run_script(db: Database, script: str) -> None:
    """Run DDL statement by statement: ``executescript`` would commit mid-migration."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        db.execute(pending)


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    _run_script(db, _INITIAL)



_DUES = r"""
CREATE TABLE dues_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    calendar TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(calendar)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    paid_on TEXT NOT NULL CHECK (paid_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount INTEGER NOT NULL CHECK (amount > 0),
    period_from INTEGER NOT NULL CHECK (period_from BETWEEN 1900 AND 2200),
    period_to INTEGER NOT NULL CHECK (period_to >= period_from AND period_to - period_from < 10),
    kind TEXT NOT NULL DEFAULT 'annual' CHECK (kind IN ('annual', 'intro', 'other')),
    method TEXT NOT NULL CHECK (method IN
        ('direct_debit', 'bank_giro', 'swish', 'vipps', 'cash', 'other')),
    reference TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'demo')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX payments_by_member ON payments (member_id, paid_on);
CREATE INDEX payments_by_method ON payments (member_id, method, paid_on);
CREATE INDEX payments_by_date ON payments (paid_on);

-- One row per period a payment pays for (a two-year payment has two): what the dues
-- summary reads, in one covering index, without looking at the payments themselves.
CREATE TABLE payment_periods (
    payment_id INTEGER NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    period INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    direct_debit INTEGER NOT NULL CHECK (direct_debit IN (0, 1)),
    intro INTEGER NOT NULL DEFAULT 0 CHECK (intro IN (0, 1)),
    amount INTEGER NOT NULL,
    PRIMARY KEY (payment_id, period)
) STRICT;
CREATE INDEX payment_periods_by_member ON payment_periods (member_id, period);

-- Per member and period, the first day anything was paid for it and the day its
-- payments reached the period's fee (or an intro fee was paid); dates as yyyymmdd
-- numbers, 99991231 for never. Kept by the repository on every payment change, so the
-- dues state of 100,000 members is one pass over a few recent periods of this table.
CREATE TABLE member_periods (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    period INTEGER NOT NULL,
    any_on INTEGER NOT NULL,
    paid_on INTEGER NOT NULL,
    PRIMARY KEY (member_id, period)
) STRICT, WITHOUT ROWID;

-- The same, folded into each member's row for periods 2000-2061 (bit p - 2000): what was
-- paid as of the latest payment. When no payment is dated after the day asked about (the
-- usual "today"), the dues states need no other table.
ALTER TABLE members ADD COLUMN dues_any_bits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN dues_paid_bits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN dues_last_direct_debit TEXT;
-- Members with the same join date and payment bits are read as one group, in this
-- index's order, without sorting.
CREATE INDEX members_dues ON members (joined_on, dues_any_bits, dues_paid_bits, status, left_on);

-- Invoices and reminders sent (by letter, e-mail or otherwise): the history on the card.
CREATE TABLE dues_notices (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    period INTEGER NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('invoice', 'reminder_1', 'reminder_2', 'reminder_3',
        'two_year_invoice')),
    sent_on TEXT NOT NULL CHECK (sent_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    reference TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT 'letter' CHECK (channel IN ('letter', 'email', 'sms', 'other')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX dues_notices_by_member ON dues_notices (member_id, sent_on);

-- Direct-debit mandates (autogiro / AvtaleGiro) as a history of status changes; the
-- mandate on a day is the latest change on or before it.
CREATE TABLE mandate_events (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    changed_on TEXT NOT NULL CHECK (changed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status TEXT NOT NULL CHECK (status IN ('none', 'form_sent', 'active', 'cancelled',
        'rejected')),
    kind TEXT NOT NULL CHECK (kind IN ('autogiro', 'avtalegiro')),
    payer_number TEXT NOT NULL DEFAULT '',
    monthly_amount INTEGER NOT NULL DEFAULT 0 CHECK (monthly_amount >= 0),
    max_amount INTEGER CHECK (max_amount IS NULL OR max_amount >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX mandate_events_by_member ON mandate_events (member_id, changed_on, id);

-- Members who owe no dues (honorary members, hardship) for a span of days.
CREATE TABLE dues_exemptions (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('honorary', 'hardship', 'other')),
    from_on TEXT NOT NULL CHECK (from_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until_on TEXT CHECK (until_on IS NULL OR until_on >= from_on),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX dues_exemptions_by_member ON dues_exemptions (member_id, from_on);
"""


@migrations(name="0002_dues")
def dues(db: Database) -> None:
    _run_script(db, _DUES)
    # A register from before dues has no payments: it follows dues from the first year it
    # can, counted from the day of the upgrade, so nobody is suddenly in arrears.
    row = db.execute("SELECT country FROM association WHERE id = 1").fetchone()
    if row is not None:
        calendar = starting_calendar(row[0], date.today())
        db.execute("INSERT INTO dues_settings (id, calendar) VALUES (1, ?)",
                   [json.dumps(calendar.to_dict(), sort_keys=True)])



_CALLS = r"""
CREATE TABLE call_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- People who phone members: board members and volunteers (a caller may be a member).
CREATE TABLE callers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE UNIQUE INDEX callers_by_name ON callers (name);

CREATE TABLE call_rounds (
    id INTEGER PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('new_members', 'invoice_all', 'reminder_unpaid',
        'autumn_unpaid', 'former_members', 'campaign')),
    title TEXT NOT NULL DEFAULT '',
    started_on TEXT NOT NULL CHECK (started_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    closed_on TEXT CHECK (closed_on IS NULL OR closed_on >= started_on),
    talking_points TEXT NOT NULL DEFAULT '',
    selection TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX call_rounds_by_purpose ON call_rounds (purpose, started_on);

CREATE TABLE round_members (
    round_id INTEGER NOT NULL REFERENCES call_rounds(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    caller_id INTEGER REFERENCES callers(id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX round_members_by_caller ON round_members (round_id, caller_id, position);
CREATE INDEX round_members_by_member ON round_members (member_id, round_id, caller_id);

-- Every call, message or meeting with a member: the member's contact history.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'sms', 'email', 'letter',
        'meeting', 'other')),
    round_id INTEGER REFERENCES call_rounds(id) ON DELETE SET NULL,
    caller_id INTEGER REFERENCES callers(id) ON DELETE SET NULL,
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('reached', 'no_answer', 'message',
        'wrong_number', 'do_not_call')),
    mood TEXT CHECK (mood IS NULL OR mood IN ('positive', 'neutral', 'negative')),
    satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    note TEXT NOT NULL DEFAULT '',
    wants TEXT NOT NULL DEFAULT '',
    good_at TEXT NOT NULL DEFAULT '',
    follow_up_on TEXT CHECK (follow_up_on IS NULL OR follow_up_on >= on_date),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX contacts_by_member ON contacts (member_id, on_date, id);
CREATE INDEX contacts_by_round ON contacts (round_id, member_id, on_date, id);
"""


@migrations(name="0003_calls")
def calls(db: Database) -> None:
    _run_script(db, _CALLS)


_ACTIVITIES = r"""
-- Meetings, study circles, parties, stalls, new-member meetings ... (issue 5).
-- kind is a suggestion code (meeting, study_circle, party, stall, new_member_meeting, ...)
-- or the user's own word; evaluations live with the activity.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind TEXT NOT NULL DEFAULT 'meeting',
    on_date TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    starts_at TEXT CHECK (starts_at IS NULL OR starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    ends_at TEXT CHECK (ends_at IS NULL OR ends_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    place TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    responsible_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    guests INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX activities_by_date ON activities (on_date, starts_at);
CREATE INDEX activities_by_kind ON activities (kind, on_date);

-- One row per member and activity: signed up, reminded, came.
CREATE TABLE activity_people (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    signed_up_on TEXT CHECK (signed_up_on IS NULL OR
        signed_up_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    signed_up_via TEXT NOT NULL DEFAULT 'list' CHECK (signed_up_via IN ('list', 'call', 'card',
        'cli', 'import')),
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    reminded_on TEXT,
    attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    PRIMARY KEY (activity_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_people_by_member ON activity_people (member_id, attended, activity_id);

CREATE TABLE activity_evaluations (
    activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
    evaluated_on TEXT NOT NULL CHECK (evaluated_on GLOB
        '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    worked TEXT NOT NULL DEFAULT '',
    did_not_work TEXT NOT NULL DEFAULT '',
    came INTEGER CHECK (came IS NULL OR came >= 0),
    joined INTEGER CHECK (joined IS NULL OR joined >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
"""


@migrations(name="0004_activities")
def activities(db: Database) -> None:
    _run_script(db, _ACTIVITIES)


_MAILINGS = r"""
-- Every printed batch (letters, labels, lists): what, when, for whom; the welcome checklist
-- reads its welcome letters from here, and the audit log points at it.
CREATE TABLE mailings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('letter', 'labels', 'list', 'call_sheet')),
    template TEXT NOT NULL DEFAULT '',
    on_date TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    member_count INTEGER NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    left_out INTEGER NOT NULL DEFAULT 0 CHECK (left_out >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX mailings_by_date ON mailings (on_date, kind);

CREATE TABLE mailing_members (
    mailing_id INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    PRIMARY KEY (mailing_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX mailing_members_by_member ON mailing_members (member_id, mailing_id);
"""


@migrations(name="0005_mailings")
def mailings(db: Database) -> None:
    _run_script(db, _MAILINGS)


_WELCOME = r"""
-- The welcome checklist (issue 5): its steps and period as settings; per member only what
-- a person decided (ticked, unticked, skipped with a note) -- the rest is derived from
-- letters, calls, activities, mentors and task offers, so nothing is written per new member.
CREATE TABLE welcome_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE welcome_marks (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    step TEXT NOT NULL CHECK (length(step) > 0),
    mark TEXT NOT NULL CHECK (mark IN ('done', 'skipped', 'open')),
    on_date TEXT NOT NULL CHECK (on_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (member_id, step)
) STRICT, WITHOUT ROWID;

-- A new member's mentor (seed 004): an experienced member who shows them around.
CREATE TABLE mentors (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    mentor_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    since TEXT NOT NULL CHECK (since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (mentor_id != member_id)
) STRICT;
CREATE INDEX mentors_by_mentor ON mentors (mentor_id, member_id);

-- Tasks the association needs done, with the skills and interests they want (tags), and
-- the offers made to members with their answers.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    responsible TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
    created_on TEXT CHECK (created_on IS NULL OR
        created_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE task_offers (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    offered_on TEXT NOT NULL CHECK (offered_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    answer TEXT NOT NULL DEFAULT 'thinking' CHECK (answer IN ('accepted', 'declined',
        'thinking')),
    answered_on TEXT CHECK (answered_on IS NULL OR answered_on >= offered_on),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (task_id, member_id)
) STRICT;
CREATE INDEX task_offers_by_member ON task_offers (member_id, offered_on);
-- Suggesting members for a task looks members up by the tags it wants.
CREATE INDEX member_tags_by_tag ON member_tags (tag, member_id);
"""


@migrations(name="0006_welcome")
def welcome(db: Database) -> None:
    _run_script(db, _WELCOME)


_LETTERS = r"""
-- The association's own wording of a letter template, per language; a template with no
-- row here prints the app's default text (i18n/letter_texts.py), so "reset" = delete.
CREATE TABLE letter_templates (
    template TEXT NOT NULL CHECK (template IN ('welcome', 'thanks', 'dues_reminder',
        'direct_debit', 'new_member_meeting')),
    language TEXT NOT NULL CHECK (language IN ('sv', 'nb', 'en')),
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    signature TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (template, language)
) STRICT, WITHOUT ROWID;

-- Print settings for letters: the chosen envelope preset, and an x/y offset in mm per
-- printer name ('' = the computer's default printer), found with the calibration page.
CREATE TABLE letter_settings (
    key TEXT PRIMARY KEY CHECK (length(key) > 0),
    value TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT, WITHOUT ROWID;
CREATE TABLE printer_offsets (
    printer TEXT PRIMARY KEY,
    x_mm REAL NOT NULL DEFAULT 0 CHECK (x_mm BETWEEN -20 AND 20),
    y_mm REAL NOT NULL DEFAULT 0 CHECK (y_mm BETWEEN -20 AND 20),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT, WITHOUT ROWID;
"""


@migrations(name="0007_letters")
def letters(db: Database) -> None:
    _run_script(db, _LETTERS)


_LABELS = r"""
-- Label printing: the association's own label sheets (a JSON array of sheets in mm, as in
-- resources/label_sheets.json), the sheet used last, and the printer's x/y offset in mm
-- found with the test page. One row.
CREATE TABLE label_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    custom_sheets TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(custom_sheets)
        AND json_type(custom_sheets) = 'array'),
    last_sheet TEXT NOT NULL DEFAULT '',
    offset_x_mm REAL NOT NULL DEFAULT 0 CHECK (offset_x_mm BETWEEN -20 AND 20),
    offset_y_mm REAL NOT NULL DEFAULT 0 CHECK (offset_y_mm BETWEEN -20 AND 20),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
INSERT INTO label_settings (id) VALUES (1);
"""


@migrations(name="0008_labels")
def labels(db: Database) -> None:
    _run_script(db, _LABELS)



_BOARD = r"""
-- The board's tools (issue 7). Each tool is a small set of rows rather than one JSON
-- document: cards move between quadrants, answers are compared item by item between
-- assessments, and planned activities point at held ones, all of which SQL can check.
CREATE TABLE swot_analyses (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL CHECK (held_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    title TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX swot_analyses_by_date ON swot_analyses (held_on, id);

CREATE TABLE swot_cards (
    id INTEGER PRIMARY KEY,
    analysis_id INTEGER NOT NULL REFERENCES swot_analyses(id) ON DELETE CASCADE,
    quadrant TEXT NOT NULL CHECK (quadrant IN ('strengths', 'weaknesses', 'opportunities',
        'threats')),
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX swot_cards_by_analysis ON swot_cards (analysis_id, quadrant, position);

CREATE TABLE compass_assessments (
    id INTEGER PRIMARY KEY,
    assessed_on TEXT NOT NULL CHECK (assessed_on GLOB
        '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX compass_assessments_by_date ON compass_assessments (assessed_on, id);

-- item is a stable code (domain/compass.py ITEMS), e.g. 'welcome.letter'.
CREATE TABLE compass_answers (
    assessment_id INTEGER NOT NULL REFERENCES compass_assessments(id) ON DELETE CASCADE,
    item TEXT NOT NULL CHECK (item GLOB '[a-z]*.[a-z]*'),
    answer TEXT CHECK (answer IS NULL OR answer IN ('now', 'soon', 'not_now')),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE action_plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    starts_on TEXT NOT NULL CHECK (starts_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    ends_on TEXT NOT NULL CHECK (ends_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    overall_goal TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    resources TEXT NOT NULL DEFAULT '',
    evaluation TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (ends_on >= starts_on)
) STRICT;

CREATE TABLE plan_goals (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL DEFAULT '',
    metric TEXT CHECK (metric IS NULL OR metric IN ('members', 'new_members', 'share_under_45',
        'activities_held', 'members_attended')),
    target INTEGER CHECK (target IS NULL OR target >= 0),
    due_on TEXT CHECK (due_on IS NULL OR due_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;
CREATE INDEX plan_goals_by_plan ON plan_goals (plan_id, position);

CREATE TABLE plan_activities (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    title TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    on_date TEXT CHECK (on_date IS NULL OR on_date GLOB
        '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    budget_ore INTEGER NOT NULL DEFAULT 0 CHECK (budget_ore >= 0),
    hours INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'under_way', 'done',
        'cancelled')),
    activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX plan_activities_by_plan ON plan_activities (plan_id, position);

-- Marketing channels, cooperation partners and follow-ups: short lists of text.
CREATE TABLE plan_lines (
    plan_id INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('channel', 'partner', 'follow_up')),
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, kind, position)
) STRICT, WITHOUT ROWID;
"""


@migrations(name="0009_board")
def board(db: Database) -> None:
    _run_script(db, _BOARD)


_GOALS = r"""
-- Goals the board sets for the indicators (issue 8): "150 members by the end of 2028".
-- metric is an indicator code; shares are fractions 0-1.
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL CHECK (metric IN ('members', 'new_members', 'share_under_45',
        'share_recruited')),
    target REAL NOT NULL CHECK (target >= 0
        AND (metric NOT LIKE 'share_%' OR target <= 1)),
    by_date TEXT NOT NULL CHECK (by_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX goals_by_metric ON goals (metric, by_date);

-- The indicators read every member's dates, way in, birth date and gender: this index
-- holds them all, so the passes over 100,000 members never touch the wide rows.
CREATE INDEX members_flow ON members (status, joined_on, left_on, leave_reason, join_method,
    birth_date, gender);
"""


@migrations(name="0010_goals")
def goals(db: Database) -> None:
    _run_script(db, _GOALS)


_PRIVACY = r"""
-- Who did what, without the content (DESIGN §6): the user's name as they gave it, an
-- action code, what it was about (kind + id, the member number where a person is meant)
-- and counts. ``detail`` is the readable key=value text, ``data`` the same as JSON.
ALTER TABLE audit_log ADD COLUMN user_name TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN object_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN object_id INTEGER;
ALTER TABLE audit_log ADD COLUMN member_number INTEGER;
ALTER TABLE audit_log ADD COLUMN data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data));
CREATE INDEX audit_log_by_at ON audit_log (at, action);
CREATE INDEX audit_log_by_member ON audit_log (member_id, at);

-- Consents with date and purpose, as a history: a withdrawal closes the row. The
-- members' newsletter_consent_on / sms_consent_on stay the current state and are kept in
-- step with the open rows of those purposes.
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('newsletter', 'sms', 'photos',
        'prospect_contact', 'archive', 'other')),
    purpose_text TEXT NOT NULL DEFAULT '',
    given_on TEXT NOT NULL CHECK (given_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on),
    source TEXT NOT NULL DEFAULT 'card' CHECK (source IN ('card', 'form', 'call', 'email',
        'import', 'register', 'demo', 'other')),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (purpose != 'other' OR length(trim(purpose_text)) > 0)
) STRICT;
CREATE INDEX consents_by_member ON consents (member_id, purpose, withdrawn_on);

-- An anonymised member keeps the row (member number as the pseudonym the payments point
-- at, dates, leave reason, birth year, gender, join method) so the figures stay right.
ALTER TABLE members ADD COLUMN anonymised_on TEXT CHECK (anonymised_on IS NULL OR
    anonymised_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE members ADD COLUMN birth_year INTEGER CHECK (birth_year IS NULL OR
    birth_year BETWEEN 1850 AND 2200);

-- The retention rule (domain.privacy.RetentionRule as JSON; {} = the country's default).
CREATE TABLE privacy_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

INSERT INTO consents (member_id, purpose, given_on, source)
    SELECT id, 'newsletter', newsletter_consent_on, 'register' FROM members
    WHERE newsletter_consent_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]';
INSERT INTO consents (member_id, purpose, given_on, source)
    SELECT id, 'sms', sms_consent_on, 'register' FROM members
    WHERE sms_consent_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]';
"""


@migrations(name="0011_privacy")
def privacy(db: Database) -> None:
    _run_script(db, _PRIVACY)

# Later migrations go above this line, in number order.

KNOWN = [m.name for m in migrations._migrations]
