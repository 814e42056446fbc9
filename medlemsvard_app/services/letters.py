"""Letters use cases: templates, who gets a letter and who is left out, the PDF, the log.

The GUI's Letters page and ``medlemsvard letters`` both come here. A letter is written in
the language chosen for it, which need not be the app's: its printed words come from that
language's catalog, its dates and amounts from that language's locale.

Who is left out of a batch (and counted, never silently): members with protected identity
(DOMAIN §3), members who prefer e-mail to post, and members without a complete postal
address. A batch is logged in ``mailings`` only after the user says it printed well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from babel.dates import format_date as babel_date
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations

from medlemsvard_app.documents.letter import (
    ContactCard,
    Letter,
    Letterhead,
    LetterLayout,
    LetterWriter,
    PaymentBox,
    build_letters,
)
from medlemsvard_app.domain.addresses import AddressStyle, Recipient, address_lines, is_complete
from medlemsvard_app.domain.envelopes import (
    DEFAULT_PRESET,
    EnvelopePreset,
    clamp_offset,
    preset,
    preset_ids,
)
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.letters import (
    LANGUAGES,
    TEMPLATE_IDS,
    LetterTemplate,
    merge,
    unknown_fields,
)
from medlemsvard_app.domain.models import (
    Association,
    BoardRole,
    Member,
    PreferredChannel,
)
from medlemsvard_app.domain.swish import swish_payload
from medlemsvard_app.i18n import DOMAIN, LOCALES, N_
from medlemsvard_app.i18n.letter_texts import default_template
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.paths import translations_dir
from medlemsvard_app.storage.letters import LetterRepository, StoredTemplate
from medlemsvard_app.storage.mailings import Mailing, MailingRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

#: The ready selection "new members (joined in the last 12 months) without a welcome letter".
NEW_WITHOUT_WELCOME = "new_without_welcome"

register_messages({
    "letter_template_unknown": N_("“{template}” is not a letter template."),
    "letters_cancelled": N_("The letters were cancelled; nothing was logged."),
})

ProgressFn = Callable[[int, int], bool]
#: A reminder whose due date has passed asks for payment within this many days.
REMINDER_DAYS = 14

_ROLE_ORDER = (BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.SECRETARY,
               BoardRole.TREASURER, BoardRole.MEMBERSHIP_OFFICER, BoardRole.BOARD_MEMBER,
               BoardRole.OTHER)
_ROLE_WORDS = {
    BoardRole.CHAIR: N_("Chair"), BoardRole.VICE_CHAIR: N_("Vice chair"),
    BoardRole.SECRETARY: N_("Secretary"), BoardRole.TREASURER: N_("Treasurer"),
    BoardRole.MEMBERSHIP_OFFICER: N_("Membership officer"),
    BoardRole.BOARD_MEMBER: N_("Board member"), BoardRole.OTHER: N_("Other role"),
}


class BatchCancelled(DomainError):
    def __init__(self) -> None:
        super().__init__("letters_cancelled")


@cache
def translator(language: str) -> Callable[[str], str]:
    """gettext for the letter's language, whatever language the app speaks."""
    loaded = Translations.load(str(translations_dir()), [language], DOMAIN)
    catalog = loaded if isinstance(loaded, Translations) else NullTranslations()
    return catalog.gettext


def letter_date(day: date, language: str, fmt: str = "long") -> str:
    return babel_date(day, format=fmt, locale=LOCALES.get(language, "en_GB"))


def letter_money(amount_ore: int, currency: str, language: str) -> str:
    return format_currency(amount_ore / 100, currency, locale=LOCALES.get(language, "en_GB"))


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Members a batch leaves out, by reason (member ids)."""

    protected: tuple[int, ...] = ()
    no_post: tuple[int, ...] = ()
    incomplete: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return len(self.protected) + len(self.no_post) + len(self.incomplete)


@dataclass(frozen=True, slots=True)
class Recipients:
    member_ids: tuple[int, ...]
    left_out: LeftOut


@dataclass(frozen=True, slots=True)
class LetterBatch:
    """A made batch, not yet logged: ``record_printed`` logs it once it printed well."""

    template: str
    language: str
    day: date
    pdf: bytes
    member_ids: tuple[int, ...]
    left_out: LeftOut
    pages: int = 0


@dataclass(slots=True)
class LetterContext:
    """What every letter of a batch shares, computed once."""

    association: Association
    language: str
    day: date
    values: dict[str, str]
    head: Letterhead
    style: AddressStyle
    place_date: str
    fee: int
    scheme: Any = None
    rules: Any = None
    calendar: Any = None


def selection_label(name: str) -> str:
    """For messages: the ready selection's words (register filters use the chips' words)."""
    return {NEW_WITHOUT_WELCOME: N_("New members without a welcome letter")}.get(name, name)


class LetterService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = LetterRepository(session.db)
        self.mailings = MailingRepository(session.db)

    # -- templates -------------------------------------------------------------------------
    @staticmethod
    def _check(template: str, language: str) -> None:
        if template not in TEMPLATE_IDS:
            raise DomainError("letter_template_unknown", template=template)
        if language not in LANGUAGES:
            raise DomainError("letter_template_unknown", template=f"{template}/{language}")

    def template(self, template: str, language: str) -> LetterTemplate:
        """The association's wording if it has one, else the app's default."""
        self._check(template, language)
        stored = self.repo.template(template, language)
        if stored is None:
            return default_template(template, language)
        return LetterTemplate(template, language, stored.subject, stored.body,
                              stored.signature)

    def is_customised(self, template: str, language: str) -> bool:
        return self.repo.template(template, language) is not None

    def save_template(self, tpl: LetterTemplate) -> None:
        """Store the wording; the same text as the default is stored as "no edit"."""
        self._check(tpl.template, tpl.language)
        if tpl.texts() == default_template(tpl.template, tpl.language).texts():
            self.repo.delete_template(tpl.template, tpl.language)
            return
        self.repo.save_template(StoredTemplate(tpl.template, tpl.language, tpl.subject,
                                               tpl.body, tpl.signature))

    def reset_template(self, template: str, language: str) -> LetterTemplate:
        self._check(template, language)
        self.repo.delete_template(template, language)
        return default_template(template, language)

    @staticmethod
    def unknown_fields(tpl: LetterTemplate) -> list[str]:
        return unknown_fields(*tpl.texts())

    # -- print settings --------------------------------------------------------------------
    def envelope(self) -> EnvelopePreset:
        country = self.session.association.country.value
        return preset(self.repo.setting("envelope", DEFAULT_PRESET.get(country, "DIN-A")))

    def set_envelope(self, preset_id: str) -> None:
        if preset_id in preset_ids():
            self.repo.set_setting("envelope", preset_id)

    def offset(self, printer: str = "") -> tuple[float, float]:
        return self.repo.offset(printer)

    def set_offset(self, printer: str, x_mm: float, y_mm: float) -> None:
        self.repo.set_offset(printer, clamp_offset(x_mm), clamp_offset(y_mm))

    # -- who gets a letter -----------------------------------------------------------------
    def candidate_ids(self, filters: Sequence[str] = (), member_ids: Sequence[int] | None = None,
                      day: date | None = None) -> list[int]:
        """The selection before anyone is left out: the given ids, the register filters
        (current members without any), or the ready choice ``NEW_WITHOUT_WELCOME``."""
        day = day or self.session.today()
        if member_ids is not None:
            return list(dict.fromkeys(member_ids))
        names = list(filters) or ["current"]
        ready = NEW_WITHOUT_WELCOME in names
        names = [n for n in names if n != NEW_WITHOUT_WELCOME]
        if ready:
            names = names or ["new"]
            if "new" not in names:
                names.append("new")
        ids = self.session.register().search_ids("", names, sort="family_name", today=day)
        if ready:
            sent = self.mailings.first_sent("letter", "welcome", ids)
            ids = [i for i in ids if i not in sent]
        return ids

    def recipients(self, filters: Sequence[str] = (), member_ids: Sequence[int] | None = None,
                   day: date | None = None) -> Recipients:
        ids = self.candidate_ids(filters, member_ids, day)
        keep: list[int] = []
        out: dict[str, list[int]] = {"protected": [], "no_post": [], "incomplete": []}
        for (member_id, protected, channel, email, given, call, family, street, code,
             city) in self.repo.screening(ids):
            probe = Member(given or "", family or "", call_name=call or "",
                           street=street or "", postal_code=code or "", city=city or "",
                           email=email or "", protected_identity=bool(protected),
                           preferred_channel=PreferredChannel(channel) if channel else None)
            reason = self.why_left_out(probe)
            (keep if reason is None else out[reason]).append(member_id)
        return Recipients(tuple(keep), LeftOut(tuple(out["protected"]), tuple(out["no_post"]),
                                               tuple(out["incomplete"])))

    @staticmethod
    def why_left_out(member: Member) -> str | None:
        """'protected', 'no_post', 'incomplete' or None (gets a letter)."""
        if member.protected_identity:
            return "protected"
        if member.preferred_channel is PreferredChannel.EMAIL and member.email.strip():
            return "no_post"
        if not is_complete(_recipient(member)):
            return "incomplete"
        return None

    def split(self, members: Sequence[Member]) -> Recipients:
        keep: list[int] = []
        out: dict[str, list[int]] = {"protected": [], "no_post": [], "incomplete": []}
        for m in members:
            reason = self.why_left_out(m)
            if reason is None:
                keep.append(m.id)  # type: ignore[arg-type]
            else:
                out[reason].append(m.id)  # type: ignore[arg-type]
        return Recipients(tuple(keep), LeftOut(tuple(out["protected"]), tuple(out["no_post"]),
                                               tuple(out["incomplete"])))

    def sample_member(self) -> Member:
        """Someone to preview with: the newest current member with an address, else a
        made-up member (the preview must work in an empty register)."""
        day = self.session.today()
        register = self.session.register()
        ids = register.search_ids("", ["current"], sort="joined_on", descending=True,
                                  today=day)[:50]
        for m in register.members(ids):
            if self.why_left_out(m) is None:
                return m
        home = self.session.association.country.value
        if home == "NO":
            return Member("Kari", "Nordmann", id=0, member_number=1001, street="Storgata 1",
                          postal_code="0155", city="Oslo", joined_on=day)
        return Member("Anna", "Svensson", id=0, member_number=1001, street="Storgatan 1",
                      postal_code="11122", city="Stockholm", joined_on=day)

    # -- the letters -----------------------------------------------------------------------
    def context(self, language: str, day: date | None = None) -> LetterContext:
        day = day or self.session.today()
        t = translator(language)
        assoc = self.session.association
        style = AddressStyle(sender_country=assoc.country.value)
        posts = sorted((p for p in assoc.board if p.person_name.strip()),
                       key=lambda p: _ROLE_ORDER.index(p.role))

        def role_word(post) -> str:
            return post.title.strip() or t(_ROLE_WORDS[post.role])

        cards = [ContactCard(role_word(p), p.person_name.strip(), p.phone.strip(),
                             p.email.strip()) for p in posts]
        if not cards and (assoc.phone or assoc.email):
            cards = [ContactCard(assoc.name, "", assoc.phone, assoc.email)]
        contact_lines = "\n".join(
            f"{c.role}: " + ", ".join(x for x in (c.name, c.phone, c.email) if x)
            for c in cards)

        def person(*roles: BoardRole) -> str:
            for role in roles:
                for p in posts:
                    if p.role is role:
                        return p.person_name.strip()
            return ""

        own = address_lines(Recipient("", assoc.street, assoc.co, assoc.postal_code,
                                      assoc.city, assoc.country.value), style)
        own = [line for line in own if line]
        head_lines = [*own, assoc.phone, assoc.email, assoc.website]
        return_address = " · ".join([assoc.name, *own])
        head = Letterhead(assoc.name, assoc.logo_png, [s for s in head_lines if s][:5],
                          return_address, cards, t(N_("The board")))

        repo = self.repo
        activities = repo.upcoming_activities(day, 3)

        def when(a) -> str:
            # Norwegian writes the day as an ordinal: "26. november".
            day_month = "d. MMMM" if language == "nb" else "d MMMM"
            text = letter_date(a.on_date, language, day_month if a.on_date.year == day.year
                               else f"{day_month} y")
            if a.starts_at:
                text = t(N_("{date} at {time}")).format(date=text, time=a.starts_at)
            return text

        if activities:
            upcoming = "\n".join(
                "• " + ", ".join(x for x in (when(a), a.title, a.place) if x)
                for a in activities)
        else:
            upcoming = t(N_("We will tell you about our next activities soon."))
        meeting = repo.next_activity_of_kind("new_member_meeting", day)
        if meeting is not None:
            text = letter_date(meeting.on_date, language,
                               "EEEE d. MMMM y" if language == "nb" else "EEEE d MMMM y")
            if meeting.starts_at:
                text = t(N_("{date} at {time}")).format(date=text, time=meeting.starts_at)
            next_meeting = t(N_("When: {when}")).format(when=text)
            if meeting.place:
                next_meeting += "\n" + t(N_("Where: {place}")).format(place=meeting.place)
        else:
            next_meeting = t(N_("We will send you the date and place soon."))

        dues = self.session.dues()
        calendar = dues.calendar()
        from medlemsvard_app.domain.dues_state import DuesRules

        rules = DuesRules(calendar, day)
        values = {
            "association": assoc.name,
            "board_contacts": contact_lines,
            "membership_officer": person(BoardRole.MEMBERSHIP_OFFICER, BoardRole.SECRETARY,
                                         BoardRole.CHAIR),
            "chair": person(BoardRole.CHAIR, BoardRole.VICE_CHAIR),
            "next_activities": upcoming,
            "next_meeting": next_meeting,
            "payment_details": _payment_line(assoc, t),
            "today": letter_date(day, language),
        }
        place = assoc.city.strip()
        dated = letter_date(day, language)
        place_date = t(N_("{place}, {date}")).format(place=place, date=dated) if place \
            else dated
        return LetterContext(assoc, language, day, values, head, style, place_date,
                             calendar.annual_fee, dues.reference_scheme(), rules, calendar)

    def member_values(self, ctx: LetterContext, member: Member) -> dict[str, str]:
        values = dict(ctx.values)
        given = member.given_name.split()[0] if member.given_name.strip() else ""
        period, fee = _period_fee(ctx, member)
        try:
            due_on = ctx.calendar.due_on(period, member.joined_on)
        except (ValueError, TypeError, AttributeError):
            due_on = None
        if due_on is None or due_on < ctx.day + timedelta(days=REMINDER_DAYS):
            # A letter never asks for payment by a day already gone (or almost).
            due_on = ctx.day + timedelta(days=REMINDER_DAYS)
        due = letter_date(due_on, ctx.language)
        values.update({
            "call_name": member.call_name.strip() or given or member.display_name,
            "full_name": member.display_name,
            "given_name": member.given_name,
            "family_name": member.family_name,
            "member_number": str(member.member_number or ""),
            "joined_on": letter_date(member.joined_on, ctx.language) if member.joined_on
            else "",
            "fee": letter_money(fee, ctx.association.currency, ctx.language),
            "reference": (ctx.scheme.make(member.member_number, period)
                          if member.member_number else ""),
            "due_date": due,
        })
        return values

    def letter(self, ctx: LetterContext, tpl: LetterTemplate, member: Member) -> Letter:
        t = translator(ctx.language)
        values = self.member_values(ctx, member)
        merged = merge(tpl, values)
        info = [ctx.place_date]
        if member.member_number:
            info.insert(0, t(N_("Membership number {number}")).format(
                number=member.member_number))
        payment = (_payment_box(ctx, values, _period_fee(ctx, member)[1], t)
                   if tpl.template == "dues_reminder" else None)
        return Letter(address_lines(_recipient(member), ctx.style), merged.subject,
                      merged.body, merged.signature, info, payment)

    def layout(self, preset_id: str | None = None, offset: tuple[float, float] | None = None,
               language: str = "en") -> LetterLayout:
        chosen = preset(preset_id) if preset_id else self.envelope()
        dx, dy = offset if offset is not None else self.offset("")
        return LetterLayout(chosen, clamp_offset(dx), clamp_offset(dy),
                            continued=translator(language)(N_("{name} · page {page}")))

    def make(self, tpl: LetterTemplate, member_ids: Sequence[int], *,
             left_out: LeftOut = LeftOut(), day: date | None = None,
             preset_id: str | None = None, offset: tuple[float, float] | None = None,
             progress: ProgressFn | None = None, invariant: bool = False) -> LetterBatch:
        """One PDF with a letter for each member (in the order given). ``progress(done,
        total)`` returning False cancels (BatchCancelled)."""
        day = day or self.session.today()
        ctx = self.context(tpl.language, day)
        total = len(member_ids)
        if progress is not None and not progress(0, total):
            raise BatchCancelled

        def letters() -> Iterator[Letter]:
            for chunk_start in range(0, total, 500):
                chunk = member_ids[chunk_start:chunk_start + 500]
                for m in self.session.register().members(chunk):
                    yield self.letter(ctx, tpl, m)

        def step(n: int) -> None:
            if progress is not None and (n % 10 == 0 or n == total) \
                    and not progress(n, total):
                raise BatchCancelled

        t = translator(tpl.language)
        title = t(N_("Letters: {subject}")).format(subject=tpl.subject.split("{")[0].strip()
                                                   or tpl.template)
        writer = LetterWriter(ctx.head, self.layout(preset_id, offset, tpl.language),
                              title=title, invariant=invariant)
        for n, letter in enumerate(letters(), start=1):
            writer.add(letter)
            step(n)
        pdf = writer.finish()
        return LetterBatch(tpl.template, tpl.language, day, pdf, tuple(member_ids), left_out,
                           writer.pages)

    def make_for(self, template: str, language: str, filters: Sequence[str] = (),
                 member_ids: Sequence[int] | None = None, **kwargs) -> LetterBatch:
        """Choose the recipients, leave out who must be, and make the letters."""
        day = kwargs.get("day") or self.session.today()
        chosen = self.recipients(filters, member_ids, day)
        return self.make(self.template(template, language), chosen.member_ids,
                         left_out=chosen.left_out, **kwargs)

    def preview_parts(self, tpl: LetterTemplate, member: Member | None = None, *,
                      preset_id: str | None = None,
                      offset: tuple[float, float] | None = None
                      ) -> tuple[Letterhead, list[Letter], LetterLayout]:
        """What ``build_letters`` needs for one sample letter: gathered here (a few quick
        reads), drawn elsewhere (the GUI draws off its thread)."""
        member = member or self.sample_member()
        ctx = self.context(tpl.language)
        return (ctx.head, [self.letter(ctx, tpl, member)],
                self.layout(preset_id, offset, tpl.language))

    def preview(self, tpl: LetterTemplate, member: Member | None = None, *,
                preset_id: str | None = None,
                offset: tuple[float, float] | None = None) -> bytes:
        """One letter to look at (the sample member unless one is given)."""
        head, letters, layout = self.preview_parts(tpl, member, preset_id=preset_id,
                                                   offset=offset)
        return build_letters(head, letters, layout)

    def record_printed(self, batch: LetterBatch) -> int:
        """The user said the batch printed well: log it (the welcome checklist reads it)."""
        mailing_id = self.mailings.record(
            Mailing("letter", batch.day, batch.template, left_out=batch.left_out.total,
                    note=batch.language), batch.member_ids)
        self._audit(batch, mailing_id=mailing_id)
        return mailing_id

    def record_written(self, batch: LetterBatch, file_name: str) -> None:
        """A PDF of letters written to a file (command line): in the audit log only."""
        self._audit(batch, file=file_name)

    def _audit(self, batch: LetterBatch, mailing_id: int | None = None, **extra) -> None:
        from medlemsvard_app.services import audit

        audit.record(self.session, "print_batch",
                     {"kind": "letter", "template": batch.template,
                      "language": batch.language, "letters": len(batch.member_ids),
                      "left_out": batch.left_out.total, **extra},
                     object_kind="mailing" if mailing_id is not None else "",
                     object_id=mailing_id)

    def calibration(self, offset: tuple[float, float] | None = None,
                    language: str = "en") -> bytes:
        """The calibration page with this (or the stored) printer correction."""
        dx, dy = offset if offset is not None else self.offset("")
        return calibration_pdf(language, dx, dy)


def calibration_pdf(language: str = "en", dx: float = 0.0, dy: float = 0.0) -> bytes:
    """The calibration page: a millimetre grid and every preset's window, labelled."""
    from medlemsvard_app.documents.calibration import CalibrationWords, build_calibration

    t = translator(language)
    dx, dy = clamp_offset(dx), clamp_offset(dy)
    words = CalibrationWords(
        title=t(N_("Calibration page for window envelopes")),
        instructions=t(N_(
            "Print this page at actual size (100 %). Measure from the paper's left and "
            "top edges to the long lines marked 20 mm: if a line is at 21.5 mm, move "
            "everything by −1.5 mm in that direction in the Letters page. Then fold the "
            "page and put it in your envelope: the address goes in the frame of the "
            "envelope you use.")),
        offset=t(N_("Printer correction now: right {x} mm, down {y} mm")).format(
            x=_signed(dx, language), y=_signed(dy, language)),
        window=t(N_("window")),
        address=t(N_("address")),
        verify=t(N_("check with your envelope")),
        mm=t(N_("mm")))
    return build_calibration(words, dx, dy)


def _signed(value: float, language: str) -> str:
    """+1.5 / −2,0: a correction with its sign and the language's decimal mark."""
    text = f"{value:+.1f}"
    return text.replace(".", ",") if language in ("sv", "nb") else text


def _recipient(member: Member) -> Recipient:
    """A member as an address. Only name and address fields: never an identity number."""
    return Recipient(member.display_name, member.street, member.co, member.postal_code,
                     member.city, member.country)


def _payment_line(assoc: Association, t: Callable[[str], str]) -> str:
    parts = []
    if assoc.bankgiro:
        parts.append(t(N_("Bankgiro {number}")).format(number=assoc.bankgiro))
    if assoc.plusgiro:
        parts.append(t(N_("Plusgiro {number}")).format(number=assoc.plusgiro))
    if assoc.bank_account:
        parts.append(t(N_("Account {number}")).format(number=assoc.bank_account))
    if assoc.swish:
        parts.append(t(N_("Swish {number}")).format(number=assoc.swish))
    if assoc.vipps:
        parts.append(t(N_("Vipps {number}")).format(number=assoc.vipps))
    return ", ".join(parts)


def _period_fee(ctx: LetterContext, member: Member) -> tuple[int, int]:
    """The dues period a letter is about (the one invoiced last) and its fee in öre."""
    period = ctx.rules.current_period(member.joined_on)
    return period, ctx.calendar.fee_for(period)


def _payment_box(ctx: LetterContext, values: dict[str, str], fee: int,
                 t: Callable[[str], str]) -> PaymentBox:
    assoc = ctx.association
    norway = assoc.country.value == "NO"
    rows = [(t(N_("Amount")), values["fee"])]
    if assoc.bankgiro:
        rows.append((t(N_("Bankgiro")), assoc.bankgiro))
    if assoc.plusgiro:
        rows.append((t(N_("Plusgiro")), assoc.plusgiro))
    if assoc.bank_account:
        rows.append((t(N_("Account number")), assoc.bank_account))
    if values["reference"]:
        rows.append((t(N_("KID")) if norway else t(N_("OCR number")), values["reference"]))
    if values["due_date"]:
        rows.append((t(N_("Pay by")), values["due_date"]))
    if assoc.vipps:
        rows.append((t(N_("Vipps")), assoc.vipps))
    payload = caption = ""
    if assoc.swish and not norway:
        try:
            payload = swish_payload(assoc.swish, fee, values["reference"])
            caption = t(N_("Scan with Swish"))
            rows.append((t(N_("Swish")), assoc.swish))
        except ValueError:
            payload = ""
    return PaymentBox(t(N_("How to pay")), rows, payload, caption)


# -- words for the screen and the command line (the app's language) ---------------------------

def template_label(template: str) -> str:
    from medlemsvard_app.i18n import _

    return {
        "welcome": _("Welcome letter"),
        "thanks": _("Thank you for your support"),
        "dues_reminder": _("Friendly dues reminder"),
        "direct_debit": _("Invitation to pay by direct debit"),
        "new_member_meeting": _("Invitation to a new-member meeting"),
    }.get(template, template)


def field_label(name: str) -> str:
    from medlemsvard_app.i18n import _

    return {
        "call_name": _("Call name (Anna)"),
        "full_name": _("Full name (Anna Svensson)"),
        "given_name": _("Given names"),
        "family_name": _("Family name"),
        "member_number": _("Membership number"),
        "joined_on": _("Date joined"),
        "association": _("The association's name"),
        "board_contacts": _("The board's contacts (a line each)"),
        "membership_officer": _("Membership officer's name"),
        "chair": _("Chair's name"),
        "next_activities": _("The next activities (up to three)"),
        "next_meeting": _("The next new-member meeting"),
        "fee": _("Membership fee"),
        "reference": _("Payment reference (OCR/KID)"),
        "due_date": _("Due date"),
        "payment_details": _("How to pay (bankgiro, account, Swish)"),
        "today": _("Today's date"),
    }.get(name, name)


def envelope_label(preset_id: str) -> str:
    from medlemsvard_app.i18n import _

    return {
        "DIN-A": _("DIN 5008 A: window top left (DL, C6/5, C5)"),
        "DIN-B": _("DIN 5008 B: window top left, lower"),
        "NO-safe": _("Norway: fits E6/5, C6/5, C5 and EC4 windows"),
        "SE-V2": _("Sweden V2: left window (check with your envelope)"),
        "SE-H2": _("Sweden H2: right window (check with your envelope)"),
    }.get(preset_id, preset_id)


def left_out_text(left_out: LeftOut) -> str:
    """"3 left out: 1 with protected identity, 2 without a complete address"."""
    from medlemsvard_app.i18n import _, ngettext

    if not left_out.total:
        return _("No one is left out.")
    parts = []
    if left_out.protected:
        n = len(left_out.protected)
        parts.append(ngettext("{count} with protected identity",
                              "{count} with protected identity", n).format(count=n))
    if left_out.no_post:
        n = len(left_out.no_post)
        parts.append(ngettext("{count} who prefers e-mail to post",
                              "{count} who prefer e-mail to post", n).format(count=n))
    if left_out.incomplete:
        n = len(left_out.incomplete)
        parts.append(ngettext("{count} without a complete address",
                              "{count} without a complete address", n).format(count=n))
    return ngettext("{count} left out: {reasons}.", "{count} left out: {reasons}.",
                    left_out.total).format(count=left_out.total, reasons=", ".join(parts))
