"""Schema history, append-only: each migration is recorded in ``_sqlite_migrations``.

0001 is explicit DDL with constraints; later issues add 0002_… and never edit 0001.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from medlemsvard_app.domain.dues_calendar import starting_calendar

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


# Later migrations go above this line, in number order: 0006_welcome, 0007_letters,
# 0008_board, 0009_goals, 0010_privacy, 0011_security.

KNOWN = [m.name for m in migrations._migrations]
