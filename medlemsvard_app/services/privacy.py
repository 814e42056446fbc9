"""Members' rights (issue 9 item 4): register extracts, erasure, retention, consents.

``session.privacy()`` is the one door for the GUI and the CLI. Erasure and anonymisation
first take a backup (services.backups, when present), then empty the member row and the
texts about the person in one transaction, and log the act without naming anyone.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member, MembershipStatus
from medlemsvard_app.domain.privacy import (
    Consent,
    ConsentPurpose,
    ConsentSource,
    RetentionRule,
    bookkeeping_years,
    due_for_anonymisation,
    keep_payment_until,
)
from medlemsvard_app.services import audit
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.storage.privacy import PrivacyRepository
from medlemsvard_app.storage.transaction import transaction

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

EXTRACT_FORMAT = "medlemsvard.register_extract/1"

#: How each table that points at members appears in the extract: its section key. Tables
#: found in the file but named neither here nor in ``EXTRACT_EXCLUDED`` still go into the
#: extract (section ``other``), and tests/services/test_privacy.py asks for a section.
EXTRACT_SECTIONS: dict[tuple[str, str], str] = {
    ("member_tags", "member_id"): "member",
    ("consents", "member_id"): "consents",
    ("payments", "member_id"): "payments",
    ("mandate_events", "member_id"): "mandates",
    ("dues_notices", "member_id"): "dues_notices",
    ("dues_exemptions", "member_id"): "exemptions",
    ("contacts", "member_id"): "contacts",
    ("activity_people", "member_id"): "activities",
    ("mailing_members", "member_id"): "mailings",
    ("round_members", "member_id"): "call_rounds",
    ("board_posts", "member_id"): "roles",
    ("callers", "member_id"): "roles",
    ("activities", "responsible_member_id"): "roles",
    ("audit_log", "member_id"): "log",
    ("welcome_marks", "member_id"): "welcome",
    ("mentors", "member_id"): "welcome",
    ("mentors", "mentor_id"): "roles",
    ("task_offers", "member_id"): "tasks",
}
#: Tables that point at members and are left out of the extract on purpose, with why.
EXTRACT_EXCLUDED: dict[tuple[str, str], str] = {
    ("payment_periods", "member_id"): "derived from payments (the same money split by year)",
    ("member_periods", "member_id"): "derived from payments (first and full payment per year)",
}

_INTERNAL_MEMBER_COLUMNS = {"family_key", "given_key", "street_key", "city_key",
                            "dues_any_bits", "dues_paid_bits", "dues_last_direct_debit"}


@dataclass(frozen=True)
class DueMember:
    """A former member or prospect the retention rule says is due for anonymisation."""

    member_id: int
    member_number: int | None
    name: str
    status: str
    left_on: date | None
    leave_reason: str | None
    due_on: date


@dataclass
class ErasureResult:
    member_number: int | None
    deleted: bool  # a prospect's row goes completely
    payments_kept: int
    payments_purged: int
    keep_payments_until: date | None
    backup: Path | None
    changes: Changes = field(default_factory=lambda: Changes(members=True, dues=True))


@dataclass
class RetentionResult:
    anonymised: int
    payments_purged: int
    backup: Path | None


def _backup(session: Session, reason: str) -> Path | None:
    """A backup before a change that cannot be undone (services.backups, issue 9 item 2)."""
    try:
        from medlemsvard_app.services import backups
    except ImportError:
        return None
    backup_now = getattr(backups, "backup_now", None)
    return backup_now(session, reason) if backup_now is not None else None


def mask_identity(number: str | None) -> str:
    """YYYYMMDD-**** (DOMAIN §4: shown masked, never in full on paper)."""
    if not number:
        return ""
    digits = number.replace("-", "").replace("+", "")
    return (digits[:-4] + "-****") if len(digits) > 4 else "****"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


class PrivacyService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = PrivacyRepository(session.db)

    def today(self) -> date:
        return self.session.today()

    @property
    def country(self) -> str:
        return self.session.association.country.value

    # -- settings ----------------------------------------------------------------------
    def rule(self) -> RetentionRule:
        return RetentionRule.from_dict(self.repo.settings(), self.country)

    def save_rule(self, rule: RetentionRule) -> None:
        self.repo.save_settings(rule.check().to_dict())
        audit.record(self.session, "retention_rule", rule.to_dict())

    # -- consents ----------------------------------------------------------------------
    def consents(self, member_id: int) -> list[Consent]:
        self.repo.sync_from_members(self.today(), member_id)
        return self.repo.consents(member_id)

    def give_consent(self, member_id: int, purpose: ConsentPurpose, given_on: date | None = None,
                     *, source: ConsentSource = ConsentSource.CARD, purpose_text: str = "",
                     note: str = "") -> tuple[Consent, Changes]:
        consent = Consent(member_id=member_id, purpose=purpose,
                          given_on=given_on or self.today(), source=source,
                          purpose_text=purpose_text, note=note).check()
        with transaction(self.session.db):
            saved = self.repo.add_consent(consent)
            audit.record(self.session, "consent_given", {"purpose": purpose.value},
                         member_id=member_id)
        return saved, Changes(members=True)

    def withdraw_consent(self, consent_id: int, on: date | None = None) -> Changes:
        with transaction(self.session.db):
            member_id = self.repo.withdraw(consent_id, on or self.today())
            if member_id is not None:
                audit.record(self.session, "consent_withdrawn", {"consent": consent_id},
                             member_id=member_id)
        return Changes(members=True)

    def consent_overview(self, day: date | None = None) -> list[tuple[str, int, int]]:
        """(purpose, open, withdrawn) over the register."""
        self.repo.sync_from_members(self.today())
        return self.repo.consent_overview(day or self.today())

    def prospects_without_consent(self) -> list[int]:
        return self.repo.prospects_without_consent(self.today())

    def check_prospect(self, member: Member, consent: Consent | None = None) -> None:
        """A prospect (not a member) may be kept only with a recorded consent (DOMAIN §6,
        Art. 9(2)(a)): raises DomainError ``prospect_needs_consent`` otherwise."""
        if member.status is not MembershipStatus.PROSPECT:
            return
        if consent is not None and consent.open_on(self.today()):
            return
        if member.newsletter_consent_on is not None or member.sms_consent_on is not None:
            return
        contact = tuple(p.value for p in ConsentPurpose if p is not ConsentPurpose.ARCHIVE)
        if member.id is not None and self.repo.has_open_consent(member.id, contact,
                                                                self.today()):
            return
        raise DomainError("prospect_needs_consent")

    def after_member_saved(self, member: Member, consent: Consent | None = None) -> None:
        """Keep the consent history in step with the card's consent dates (register.save)."""
        if member.id is None:
            return
        if consent is not None:
            self.repo.add_consent(Consent(**{**consent.__dict__, "member_id": member.id}))
        self.repo.sync_from_members(self.today(), member.id)

    # -- retention ---------------------------------------------------------------------
    def due(self, day: date | None = None) -> list[DueMember]:
        """Who is due for anonymisation on ``day`` (default today), earliest first."""
        day = day or self.today()
        pairs = due_for_anonymisation(
            self.rule(), self.repo.retention_people(day), day,
            strike_off_months=self.session.dues().calendar().strike_off_months)
        rows = self.session.members.rows(
            [mid for mid, _d in pairs],
            ("member_number", "given_name", "family_name", "status", "left_on", "leave_reason"))
        out = []
        for mid, when in pairs:
            number, given, family, status, left_on, reason = rows[mid]
            out.append(DueMember(mid, number, f"{given} {family}".strip(), status,
                                 date.fromisoformat(left_on) if left_on else None, reason, when))
        return out

    def apply_retention(self, day: date | None = None,
                        member_ids: list[int] | None = None) -> RetentionResult:
        """Anonymise everyone due on ``day`` (or those of them in ``member_ids``)."""
        day = day or self.today()
        due = [d for d in self.due(day) if member_ids is None or d.member_id in member_ids]
        if not due:
            return RetentionResult(0, 0, None)
        backup = _backup(self.session, "anonymisation")
        self.repo.secure_delete()
        purged = 0
        links = self.repo.member_links()
        with transaction(self.session.db):
            for person in due:
                purged += self._anonymise(person.member_id, day, scrub=False,
                                          links=links)["payments_purged"]
            audit.record(self.session, "anonymisation",
                         {"members": len(due), "payments_purged": purged, "as_of": day})
        self.repo.wipe_free_space()
        return RetentionResult(len(due), purged, backup)

    def _anonymise(self, member_id: int, day: date, *, scrub: bool = True,
                   links: list[tuple[str, str]] | None = None) -> dict[str, int]:
        row = self.repo.member_row(member_id) or {}
        names = [f"{row.get('given_name', '')} {row.get('family_name', '')}".strip(),
                 str(row.get("email") or ""), str(row.get("phone") or ""),
                 str(row.get("phone_alt") or ""), str(row.get("street") or ""),
                 str(row.get("identity_number") or "")]
        if row.get("call_name"):
            names.append(f"{row['call_name']} {row.get('family_name', '')}".strip())
        kept_from = day.year - bookkeeping_years(self.country)
        return self.repo.anonymise(member_id, day, names=[n for n in names if n] if scrub else [],
                                   payments_kept_from=kept_from, links=links)

    # -- erasure -----------------------------------------------------------------------
    def erasure_preview(self, member_id: int) -> dict[str, Any]:
        """What an erasure would do, for the confirmation: counts and dates only."""
        row = self.repo.member_row(member_id)
        if row is None:
            raise LookupError(member_id)
        payments = self.repo.rows_about("payments", "member_id", member_id)
        kept = [p for p in payments
                if keep_payment_until(date.fromisoformat(p["paid_on"]), self.country)
                >= self.today()]
        until = max((keep_payment_until(date.fromisoformat(p["paid_on"]), self.country)
                     for p in kept), default=None)
        return {"member_number": row["member_number"], "status": row["status"],
                "prospect": row["status"] == "prospect",
                "payments_kept": len(kept), "payments_purged": len(payments) - len(kept),
                "keep_payments_until": until,
                "contacts": len(self.repo.rows_about("contacts", "member_id", member_id)),
                "bookkeeping_years": bookkeeping_years(self.country)}

    def erase(self, member_id: int) -> ErasureResult:
        """Erase a person on their request: a member leaves (resigned, today) and the row
        keeps only what the figures and the payments' bookkeeping need; a prospect goes."""
        preview = self.erasure_preview(member_id)
        if self.repo.member_row(member_id).get("anonymised_on"):  # type: ignore[union-attr]
            raise DomainError("already_anonymised")
        backup = _backup(self.session, "erasure")
        self.repo.secure_delete()
        today = self.today()
        with transaction(self.session.db):
            if preview["status"] == "member":
                self.session.db.execute(
                    "UPDATE members SET status = 'former', left_on = max(?, coalesce(joined_on,"
                    " ?)), leave_reason = 'resigned' WHERE id = ?",
                    [today.isoformat(), today.isoformat(), member_id])
            counts = self._anonymise(member_id, today)
            audit.record(self.session, "erasure",
                         {"payments_kept": preview["payments_kept"],
                          "payments_purged": counts["payments_purged"],
                          "prospect": preview["prospect"]},
                         member_id=None if preview["prospect"] else member_id,
                         object_kind="member")
        self.repo.wipe_free_space()
        return ErasureResult(preview["member_number"], preview["prospect"],
                             preview["payments_kept"], counts["payments_purged"],
                             preview["keep_payments_until"], backup)

    # -- the register extract ------------------------------------------------------------
    def extract(self, member_id: int, *, log: bool = True) -> dict[str, Any]:
        """Everything held about a member, with stable English keys (DESIGN §7)."""
        row = self.repo.member_row(member_id)
        if row is None:
            raise LookupError(member_id)
        self.repo.sync_from_members(self.today(), member_id)
        assoc = self.session.association
        member = {k: _plain(v) for k, v in row.items() if k not in _INTERNAL_MEMBER_COLUMNS}
        member["identity_number"] = mask_identity(row.get("identity_number"))
        tags = self.repo.rows_about("member_tags", "member_id", member_id)
        member["interests"] = [t["tag"] for t in tags if t["kind"] == "interest"]
        member["skills"] = [t["tag"] for t in tags if t["kind"] == "skill"]
        out: dict[str, Any] = {
            "format": EXTRACT_FORMAT,
            "created_on": self.today().isoformat(),
            "association": {k: getattr(assoc, k) for k in (
                "name", "org_number", "street", "co", "postal_code", "city", "email", "phone",
                "website")} | {"country": assoc.country.value},
            "member": member,
            "consents": [], "payments": [], "mandates": [], "dues_notices": [],
            "exemptions": [], "contacts": [], "activities": [], "mailings": [],
            "call_rounds": [], "welcome": [], "tasks": [], "roles": [], "log": [],
            "other": {},
        }
        for table, column in self.repo.member_links():
            key = EXTRACT_SECTIONS.get((table, column))
            if (table, column) in EXTRACT_EXCLUDED or key == "member":
                continue
            rows = self._section_rows(table, column, member_id)
            if not rows:
                continue
            if key is None:
                out["other"][table] = rows
            elif key == "roles":
                out["roles"] += [{"table": table, **r} for r in rows]
            else:
                out[key] += rows
        if log:
            # The act is logged after the log was read: the extract shows the log as it was.
            audit.record(self.session, "register_extract", {}, member_id=member_id)
        return out

    def _section_rows(self, table: str, column: str, member_id: int) -> list[dict[str, Any]]:
        lookups = {
            "activity_people": (
                "SELECT a.title, a.kind, a.on_date, p.signed_up_on, p.signed_up_via, "
                "p.reminded_on, p.attended FROM activity_people p JOIN activities a ON "
                "a.id = p.activity_id WHERE p.member_id = ? ORDER BY a.on_date, a.id"),
            "mailing_members": (
                "SELECT m.kind, m.template, m.on_date FROM mailing_members mm JOIN mailings m "
                "ON m.id = mm.mailing_id WHERE mm.member_id = ? ORDER BY m.on_date, m.id"),
            "round_members": (
                "SELECT r.purpose, r.title, r.started_on, r.closed_on FROM round_members rm "
                "JOIN call_rounds r ON r.id = rm.round_id WHERE rm.member_id = ? "
                "ORDER BY r.started_on, r.id"),
            "audit_log": (
                "SELECT at, user_name, action, detail FROM audit_log WHERE member_id = ? "
                "ORDER BY at, id"),
            "contacts": (
                "SELECT c.on_date, c.channel, c.outcome, c.mood, c.satisfaction, c.note, "
                "c.wants, c.good_at, c.follow_up_on, r.purpose AS round_purpose FROM contacts c "
                "LEFT JOIN call_rounds r ON r.id = c.round_id WHERE c.member_id = ? "
                "ORDER BY c.on_date, c.id"),
        }
        by_column = {
            ("mentors", "member_id"): (
                "SELECT 'mentor' AS step, 'done' AS mark, m.since AS on_date, "
                "o.member_number AS mentor_member_number FROM mentors m JOIN members o "
                "ON o.id = m.mentor_id WHERE m.member_id = ?"),
            # Being someone's mentor is about this member; who the other is, is not.
            ("mentors", "mentor_id"): "SELECT 'mentor' AS role, since FROM mentors "
                                      "WHERE mentor_id = ?",
        }
        if (table, column) in by_column:
            rows = self.repo.lookup(by_column[(table, column)], [member_id])
        elif table == "task_offers" and self.repo.table_exists("tasks"):
            rows = self.repo.lookup(
                "SELECT t.title, o.offered_on, o.answer, o.answered_on, o.note FROM "
                "task_offers o JOIN tasks t ON t.id = o.task_id WHERE o.member_id = ? "
                "ORDER BY o.offered_on, o.id", [member_id])
        elif table in lookups and column == "member_id":
            rows = self.repo.lookup(lookups[table], [member_id])
        else:
            rows = self.repo.rows_about(table, column, member_id)
        drop = {"id", "member_id", "created_at", "updated_at", column}
        if table == "payments":
            drop -= {"id"}
        return [{k: _plain(v) for k, v in r.items() if k not in drop} for r in rows]

    def extract_json(self, member_id: int) -> str:
        return json.dumps(self.extract(member_id), ensure_ascii=False, indent=2,
                          sort_keys=False) + "\n"

    def extract_pdf(self, member_id: int) -> bytes:
        from medlemsvard_app.documents.register_extract import build_register_extract

        return build_register_extract(extract_document(self.extract(member_id)))

    def write_extract(self, member_id: int, path: Path) -> Path:
        """A .pdf or .json extract written whole (temp file + rename)."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".pdf", ".json"):
            raise DomainError("extract_format")
        data = (self.extract_pdf(member_id) if suffix == ".pdf"
                else self.extract_json(member_id).encode("utf-8"))
        _write_whole(path, lambda tmp: tmp.write_bytes(data))
        return path

    # -- the log -------------------------------------------------------------------------
    def log(self, *, action: str | None = None, since: date | None = None,
            until: date | None = None, limit: int | None = None) -> list[audit.AuditEntry]:
        return audit.entries(self.session, action=action, since=since, until=until, limit=limit)

    def log_actions(self) -> list[str]:
        return audit.actions(self.session)


def _write_whole(path: Path, write: Callable[[Path], None]) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- encrypted ZIP for exports (issue 9 item 8) -------------------------------------------
def zip_inner_name(path: Path) -> str:
    """The file inside FILE.zip: FILE.xlsx.zip holds FILE.xlsx, FILE.zip holds FILE.csv."""
    stem = Path(path).name
    if stem.lower().endswith(".zip"):
        stem = stem[:-4]
    return stem if Path(stem).suffix.lower() in (".csv", ".xlsx") else stem + ".csv"


def write_encrypted_zip(target: Path, inner_name: str, write_inner: Callable[[Path], None],
                        passphrase: str) -> None:
    """Write one file with ``write_inner`` and pack it alone into an AES-256 ZIP at
    ``target``; the plain file lives only in a private temporary folder meanwhile."""
    import pyzipper

    with tempfile.TemporaryDirectory(prefix="medlemsvard-") as folder:
        inner = Path(folder) / inner_name
        write_inner(inner)
        with pyzipper.AESZipFile(target, "w", compression=pyzipper.ZIP_DEFLATED,
                                 encryption=pyzipper.WZ_AES) as archive:
            archive.setpassword(passphrase.encode("utf-8"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            archive.write(inner, inner_name)


# -- the extract in words (for the PDF) ----------------------------------------------------
def _d(value: Any) -> str:
    from medlemsvard_app.i18n.formatting import format_date

    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _member_rows(member: dict[str, Any], home_country: str) -> list[tuple[str, str]]:
    from medlemsvard_app.domain.addresses import country_name
    from medlemsvard_app.domain.validation import format_phone
    from medlemsvard_app.i18n import _, current_language
    from medlemsvard_app.i18n.messages import (
        gender_label,
        join_channel_label,
        leave_reason_label,
        preferred_channel_label,
        status_label,
    )
    from medlemsvard_app.services.transfer_messages import field_label

    words = {
        "status": status_label, "leave_reason": leave_reason_label, "gender": gender_label,
        "join_channel": join_channel_label, "preferred_channel": preferred_channel_label,
        "join_method": lambda c: {"recruited": _("Recruited by someone"),
                                  "own": _("Joined on their own")}.get(c, c),
    }
    order = ("member_number", "given_name", "family_name", "call_name", "birth_date",
             "birth_year", "identity_number", "gender", "street", "co", "postal_code", "city",
             "country", "phone", "phone_alt", "email", "status", "joined_on", "left_on",
             "leave_reason", "leave_note", "join_method", "join_channel", "preferred_channel",
             "do_not_call", "protected_identity", "interests", "skills", "notes",
             "anonymised_on")
    extra = {"birth_year": _("Birth year"), "anonymised_on": _("Anonymised on")}
    rows: list[tuple[str, str]] = []
    for key in order:
        value = member.get(key)
        if value in (None, "", [], 0) and key not in ("member_number", "status"):
            continue
        if key in words:
            text = words[key](value)
        elif key in ("do_not_call", "protected_identity"):
            text = _("Yes")
        elif key.endswith(("_on", "_date")):
            text = _d(value)
        elif isinstance(value, list):
            text = ", ".join(value)
        elif key in ("phone", "phone_alt"):
            text = format_phone(str(value), home_country)
        elif key == "country":
            text = country_name(str(value), current_language())
        else:
            text = str(value)
        rows.append((extra.get(key) or field_label(key), text))
    return rows


def mailing_text(kind: str, template: str | None) -> str:
    """A logged mailing in words for the extract: "Letter: Welcome letter", "Address labels:
    Avery L7160", "Member list" (the JSON keeps the codes)."""
    from medlemsvard_app.domain.label_sheets import CUSTOM_PREFIX
    from medlemsvard_app.i18n import _
    from medlemsvard_app.services.labels import builtin_sheets
    from medlemsvard_app.services.letters import template_label

    template = template or ""
    if kind == "list":
        return {"member_list": _("Member list"),
                "phone_list": _("Phone list")}.get(template, _("Member list"))
    words = {"letter": _("Letter"), "labels": _("Address labels"),
             # L10N: a logged print of the call sheets of a calling round
             "call_sheet": _("Call sheet")}.get(kind, kind)
    if kind == "letter":
        name = template_label(template)
    elif kind == "labels":
        if template.startswith(CUSTOM_PREFIX):
            name = template[len(CUSTOM_PREFIX):].replace("-", " ")
        else:
            name = next((s.description for s in builtin_sheets() if s.id == template),
                        template)
    else:
        name = template
    # L10N: a kind of mailing and its template in a register extract, "Letter: Welcome letter"
    return _("{kind}: {template}").format(kind=words, template=name) if name else words


def extract_document(data: dict[str, Any]):  # -> documents.register_extract.ExtractDocument
    """The extract's words: every heading translated, every code and date in words."""
    from medlemsvard_app.documents.register_extract import ExtractDocument, ExtractSection
    from medlemsvard_app.domain.calls import CallOutcome, Mood
    from medlemsvard_app.i18n import _, pgettext
    from medlemsvard_app.i18n.call_labels import mood_label, outcome_label
    from medlemsvard_app.i18n.dues_labels import (
        exemption_kind_label,
        mandate_kind_label,
        mandate_status_label,
        notice_stage_label,
        payment_method_label,
    )
    from medlemsvard_app.i18n.formatting import format_money
    from medlemsvard_app.i18n.privacy_labels import (
        action_label,
        purpose_label,
        rights_text,
        source_label,
    )

    assoc, member = data["association"], data["member"]
    currency = "NOK" if assoc.get("country") == "NO" else "SEK"
    none = _("Nothing recorded.")
    name = f"{member.get('given_name', '')} {member.get('family_name', '')}".strip()
    person = _("{name}, member number {number}").format(
        name=name or _("(anonymised)"), number=member.get("member_number") or "–")
    issuer = [assoc.get("name", "")]
    street = ", ".join(x for x in (assoc.get("street"), assoc.get("co")) if x)
    town = " ".join(x for x in (assoc.get("postal_code"), assoc.get("city")) if x)
    issuer += [x for x in (street, town, assoc.get("email"), assoc.get("phone"),
                           assoc.get("org_number") and _("Org. no. {number}").format(
                               number=assoc["org_number"])) if x]

    def section(title: str, headers: list[str], rows: list[list[str]],
                widths: list[float]) -> ExtractSection:
        return ExtractSection(title, headers, rows, widths, none)

    def outcome(code: str | None) -> str:
        return outcome_label(CallOutcome(code)) if code else ""

    def mood(code: str | None) -> str:
        return mood_label(Mood(code)) if code else ""

    home = assoc.get("country") or "SE"
    sections = [ExtractSection(_("Your details"), (), _member_rows(member, home), (), none)]
    sections.append(section(_("Consents"), [_("Purpose"), _("Given"), _("Withdrawn"),
                                            _("How"), _("Note")], [
        [purpose_label(c["purpose"]) + (f": {c['purpose_text']}" if c.get("purpose_text")
                                        else ""),
         _d(c["given_on"]), _d(c.get("withdrawn_on")), source_label(c["source"]),
         c.get("note", "")] for c in data["consents"]], [3, 1.4, 1.4, 1.6, 2.6]))
    sections.append(section(_("Payments"), [_("Paid on"), _("Amount"), _("For"), _("Method"),
                                            _("Reference")], [
        [_d(p["paid_on"]), format_money(p["amount"], currency),
         str(p["period_from"]) if p["period_from"] == p["period_to"]
         else f"{p['period_from']}–{p['period_to']}",
         payment_method_label(p["method"]), p.get("reference", "")]
        for p in data["payments"]], [1.4, 1.4, 1.2, 1.8, 2.2]))
    sections.append(section(_("Direct-debit mandate"), [_("Date"), _("Status"), _("Kind"),
                                                         _("Monthly amount")], [
        [_d(m["changed_on"]), mandate_status_label(m["status"]), mandate_kind_label(m["kind"]),
         format_money(m["monthly_amount"], currency) if m.get("monthly_amount") else ""]
        for m in data["mandates"]], [1.4, 2, 2, 1.6]))
    sections.append(section(_("Invoices and reminders"), [_("Sent on"), _("Year"), _("What"),
                                                           _("Amount")], [
        [_d(n["sent_on"]), str(n["period"]), notice_stage_label(n["stage"]),
         format_money(n["amount"], currency) if n.get("amount") else ""]
        for n in data["dues_notices"]], [1.4, 1, 2.6, 1.4]))
    sections.append(section(_("Exemptions from dues"), [_("Kind"), _("From"), _("Until"),
                                                         _("Note")], [
        [exemption_kind_label(e["kind"]), _d(e["from_on"]), _d(e.get("until_on")),
         e.get("note", "")] for e in data["exemptions"]], [1.6, 1.3, 1.3, 3]))
    sections.append(section(_("Calls and other contacts"), [_("Date"), _("Outcome"),
                                                             _("Mood"), _("Notes")], [
        [_d(c["on_date"]), outcome(c.get("outcome")), mood(c.get("mood")),
         "\n".join(x for x in (c.get("note"), c.get("wants") and _("Wants: {text}").format(
             text=c["wants"]), c.get("good_at") and _("Good at: {text}").format(
             text=c["good_at"])) if x)]
        for c in data["contacts"]], [1.3, 1.5, 1.1, 4]))
    sections.append(section(_("Activities"), [_("Date"), _("Activity"), _("Signed up"),
                                              _("Came")], [
        [_d(a["on_date"]), a["title"], _d(a.get("signed_up_on")),
         _("Yes") if a.get("attended") else ""] for a in data["activities"]],
        [1.3, 3.5, 1.3, 0.9]))
    sections.append(section(_("Letters, labels and lists"), [_("Date"), _("What")], [
        [_d(m["on_date"]), mailing_text(m["kind"], m.get("template"))]
        for m in data["mailings"]], [1.3, 5]))
    sections.append(section(_("Calling rounds"), [_("Started"), _("Round")], [
        [_d(r["started_on"]), r.get("title") or r["purpose"]] for r in data["call_rounds"]],
        [1.3, 5]))
    sections.append(section(_("Welcome steps"), [_("Date"), _("Step"), _("Note")], [
        [_d(w.get("on_date")), " · ".join(str(x) for x in (w.get("step"), w.get("mark")) if x),
         w.get("note", "") or (_("Mentor: member {number}").format(
             number=w["mentor_member_number"]) if w.get("mentor_member_number") else "")]
        for w in data["welcome"]], [1.3, 2.5, 3]))
    sections.append(section(_("Tasks offered"), [_("Offered"), _("Task"), _("Answer"),
                                                 _("Note")], [
        [_d(t.get("offered_on")), str(t.get("title", "")), str(t.get("answer", "")),
         t.get("note", "")] for t in data["tasks"]], [1.3, 3, 1.2, 2.5]))
    if data["roles"]:
        sections.append(section(_("Roles in the association"), [_("Where"), _("Details")], [
            [r["table"], ", ".join(f"{k}: {v}" for k, v in r.items()
                                   if k != "table" and v not in (None, ""))]
            for r in data["roles"]], [1.5, 5]))
    for table, rows in data["other"].items():
        sections.append(section(_("Other records ({table})").format(table=table),
                                [_("Details")], [
            [", ".join(f"{k}: {v}" for k, v in r.items() if v not in (None, ""))]
            for r in rows], [1]))
    sections.append(section(_("Log entries about you"), [_("When"), _("Who"), _("What")], [
        [_d(e["at"]), e.get("user_name", ""), action_label(e["action"])]
        for e in data["log"]], [1.4, 2, 3.5]))
    return ExtractDocument(
        title=_("Register extract"), person=person, issuer_lines=issuer,
        meta=_("Made on {date} by {association}").format(date=_d(data["created_on"]),
                                                        association=assoc.get("name", "")),
        rights_title=_("Your rights"), rights=rights_text(), sections=sections,
        page=pgettext("page footer", "Page {page} of {pages}"),
        footer=_("Register extract for {person}").format(person=person))
