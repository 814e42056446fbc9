"""Address labels for a selection of members: who gets one, on which sheet, from which label.

The GUI's Labels dialog and ``medlemsvard labels`` both come here. Members with protected
identity or "no post" are left out and counted, so are members whose address is not
enough to reach a letterbox; no identity number is ever read. The printed batch is logged
as a mailing (kind ``labels``) once the person says it printed well (the CLI: once the
PDF is written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from medlemsvard_app.documents.labels import Cancelled, build_labels, build_test_page
from medlemsvard_app.domain.addresses import (
    AddressStyle,
    Recipient,
    address_lines,
    household_key,
    is_complete,
)
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.households import Person, group_households, household_name
from medlemsvard_app.domain.label_sheets import (
    LabelSheet,
    custom_id,
    pages_needed,
    parse_sheets,
    sheet_from_dict,
)
from medlemsvard_app.domain.models import Member, PreferredChannel
from medlemsvard_app.i18n import N_, _, pgettext
from medlemsvard_app.i18n.messages import register_messages, register_param_words
from medlemsvard_app.paths import resources_dir
from medlemsvard_app.storage.label_settings import LabelSettings, LabelSettingsRepository
from medlemsvard_app.storage.mailings import Mailing, MailingRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

__all__ = ["Cancelled", "LabelResult", "LabelService", "LeftOut", "builtin_sheet",
           "builtin_sheets", "label_batch", "label_test_page_pdf", "member_recipient"]

Progress = Callable[[int, int], bool]

register_messages({
    "label_sheet_unknown": N_("There is no label sheet called “{sheet}”."),
    "label_sheet_invalid": N_("The label sheet is not right: check {field}."),
    "label_sheet_off_page": N_("The labels do not fit on an A4 page: they reach {width} mm "
                               "across and {height} mm down (A4 is 210 × 297 mm)."),
    "label_start_invalid": N_("Start at a label from 1 to {last}."),
    "labels_nobody": N_("No one in the selection can get a label."),
})

_FIELD_WORDS = {
    "id": N_("the name"), "columns": N_("the columns"), "rows": N_("the rows"),
    "label_width": N_("the label width"), "label_height": N_("the label height"),
    "left": N_("the left margin"), "top": N_("the top margin"),
    "pitch_x": N_("the distance across"), "pitch_y": N_("the distance down"),
    "corner_radius": N_("the corner radius"),
}


def _field_words(params: dict[str, object]) -> dict[str, object]:
    word = _FIELD_WORDS.get(str(params.get("field", "")))
    if word is not None:
        params["field"] = _(word)
    return params


register_param_words("label_sheet_invalid", _field_words)


@cache
def builtin_sheets() -> tuple[LabelSheet, ...]:
    """The sheets shipped in resources/label_sheets.json (read once)."""
    path = resources_dir() / "label_sheets.json"
    return tuple(parse_sheets(path.read_text(encoding="utf-8")))


@dataclass(slots=True)
class LeftOut:
    """Who got no label, and why (each member counted once, under the first reason)."""

    protected_identity: int = 0
    no_post: int = 0
    incomplete_address: int = 0

    @property
    def total(self) -> int:
        return self.protected_identity + self.no_post + self.incomplete_address

    def to_dict(self) -> dict[str, int]:
        return {"protected_identity": self.protected_identity, "no_post": self.no_post,
                "incomplete_address": self.incomplete_address}


@dataclass(slots=True)
class LabelBatch:
    """The labels to print, each with its lines and the members it is for."""

    labels: list[tuple[list[str], list[int]]] = field(default_factory=list)
    left_out: LeftOut = field(default_factory=LeftOut)

    @property
    def member_ids(self) -> list[int]:
        return [i for _lines, ids in self.labels for i in ids]


@dataclass(slots=True)
class LabelResult:
    pdf: bytes
    sheet: LabelSheet
    start: int
    labels: int
    pages: int
    member_ids: list[int]
    left_out: LeftOut
    households: bool = False


def no_post(member: Member) -> bool:
    """A member who wants no post: e-mail is their preferred channel and they have an
    address for it (the same rule as the letters, services/letters.py)."""
    return member.preferred_channel is PreferredChannel.EMAIL and bool(member.email.strip())


def member_recipient(member: Member, home_country: str) -> Recipient:
    return Recipient(name=member.display_name, street=member.street, co=member.co,
                     postal_code=member.postal_code, city=member.city,
                     country=(member.country or home_country).upper())


def address_style(session: Session) -> AddressStyle:
    return AddressStyle(sender_country=session.association.country.value, city_capitals=True)


def and_word() -> str:
    # L10N: joins the last two names on a household label: "Anna och Per Ek"
    return pgettext("household names", "and")


def label_batch(members: Iterable[Member], style: AddressStyle, *,
                households: bool = False) -> LabelBatch:
    """Who gets a label and its lines, in the members' order; who is left out and why.
    Pure apart from the translated "and" of household names (the demo uses it too)."""
    home = style.sender_country
    batch = LabelBatch()
    keep: list[tuple[Member, Recipient]] = []
    for member in members:
        recipient = member_recipient(member, home)
        if member.protected_identity:
            batch.left_out.protected_identity += 1
        elif no_post(member):
            batch.left_out.no_post += 1
        elif not is_complete(recipient):
            batch.left_out.incomplete_address += 1
        else:
            keep.append((member, recipient))
    if not households:
        batch.labels = [(address_lines(r, style), [m.id]) for m, r in keep]  # type: ignore[misc]
        return batch
    conjunction = and_word()
    for group in group_households(keep, key=lambda pair: household_key(pair[1])):
        people = [Person(m.call_name or m.given_name, m.family_name) for m, _r in group.members]
        first = group.members[0][1]
        recipient = Recipient(household_name(people, conjunction), first.street, first.co,
                              first.postal_code, first.city, first.country)
        batch.labels.append((address_lines(recipient, style),
                             [m.id for m, _r in group.members]))  # type: ignore[misc]
    return batch


def builtin_sheet(sheet_id: str) -> LabelSheet:
    """A shipped sheet by its id, in any case ("l7160"); DomainError if there is none."""
    for sheet in builtin_sheets():
        if sheet.id.casefold() == sheet_id.strip().casefold():
            return sheet
    raise DomainError("label_sheet_unknown", sheet=sheet_id)


def label_test_page_pdf(sheet: LabelSheet, *, start: int = 1,
                        offset: tuple[float, float] = (0, 0),
                        invariant: bool = False) -> bytes:
    """The test page with its caption in the current language (needs no database)."""
    dx, dy = offset
    caption = [
        _("Test page: {sheet}").format(sheet=sheet.title),
        _("Print at actual size (100 %), not “fit to page”."),
        _("Hold the page against a sheet of labels and the light: each outline should "
          "lie on a label."),
        _("Printer adjustment: {x} mm to the right, {y} mm down.").format(
            x=_number(dx), y=_number(dy)),
    ]
    return build_test_page(sheet, caption, start=start, offset=(dx, dy),
                           title=_("Label test page"), invariant=invariant)


class LabelService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = LabelSettingsRepository(session.db)

    # -- sheets and settings -------------------------------------------------------------
    def settings(self) -> LabelSettings:
        return self.repo.get()

    def custom_sheets(self) -> list[LabelSheet]:
        out = []
        for data in self.repo.get().custom_sheets:
            try:
                out.append(sheet_from_dict(data, custom=True))
            except DomainError:
                continue  # a sheet saved by a newer version with other rules
        return out

    def sheets(self) -> list[LabelSheet]:
        return [*builtin_sheets(), *self.custom_sheets()]

    def sheet(self, sheet_id: str) -> LabelSheet:
        wanted = sheet_id.strip()
        for sheet in self.sheets():
            if sheet.id == wanted:
                return sheet
        for sheet in self.sheets():  # "l7160", "70X37", or a custom sheet's bare name
            if sheet.id.casefold() in (wanted.casefold(), custom_id(wanted).casefold()):
                return sheet
        raise DomainError("label_sheet_unknown", sheet=sheet_id)

    def save_custom_sheet(self, data: dict, replaces: str | None = None) -> LabelSheet:
        """Add or change one of the association's own sheets; checked before it is kept."""
        name = str(data.get("description") or data.get("id") or "").strip()
        if not name:
            raise DomainError("label_sheet_invalid", field="id")
        sheet = sheet_from_dict({**data, "id": custom_id(name), "description": name},
                                custom=True)
        settings = self.repo.get()
        kept = [s for s in settings.custom_sheets
                if s.get("id") not in (sheet.id, replaces)]
        settings.custom_sheets = [*kept, sheet.to_dict()]
        self.repo.save(settings)
        return sheet

    def delete_custom_sheet(self, sheet_id: str) -> None:
        settings = self.repo.get()
        settings.custom_sheets = [s for s in settings.custom_sheets if s.get("id") != sheet_id]
        if settings.last_sheet == sheet_id:
            settings.last_sheet = ""
        self.repo.save(settings)

    def remember(self, sheet_id: str | None = None,
                 offset: tuple[float, float] | None = None) -> None:
        """Keep the sheet and the printer offset for next time."""
        settings = self.repo.get()
        if sheet_id is not None:
            settings.last_sheet = sheet_id
        if offset is not None:
            settings.offset_x_mm = max(-20.0, min(20.0, float(offset[0])))
            settings.offset_y_mm = max(-20.0, min(20.0, float(offset[1])))
        self.repo.save(settings)

    def offset(self) -> tuple[float, float]:
        settings = self.repo.get()
        return settings.offset_x_mm, settings.offset_y_mm

    # -- who ------------------------------------------------------------------------------
    def select(self, filters: Iterable[str] | None = None,
               member_ids: Sequence[int] | None = None, day: date | None = None) -> list[int]:
        """Explicit member ids, else the register filters (none: current members), sorted
        the way the register sorts (family name, Swedish or Norwegian order)."""
        if member_ids is not None:
            return list(member_ids)
        return self.session.register().search_ids(
            "", list(filters or ()) or ["current"], today=day or self.session.today())

    def gather(self, ids: Sequence[int], *, households: bool = False,
               progress: Progress | None = None) -> LabelBatch:
        """The label lines of the members with these ids, in this order."""
        total = len(ids)

        def loaded() -> Iterable[Member]:
            for done, member in enumerate(self.session.members.iter_members(list(ids)),
                                          start=1):
                yield member
                report = progress is not None and (done % 500 == 0 or done == total)
                if report and progress(done, total * 2) is False:  # type: ignore[misc]
                    raise Cancelled

        return label_batch(loaded(), address_style(self.session), households=households)

    # -- the PDF --------------------------------------------------------------------------
    def make(self, ids: Sequence[int], sheet: LabelSheet | str, *, start: int = 1,
             households: bool = False, offset: tuple[float, float] | None = None,
             progress: Progress | None = None, invariant: bool = False) -> LabelResult:
        """Labels for these members on ``sheet``, the first on label ``start``.

        DomainError ``label_start_invalid`` or ``labels_nobody``; Cancelled when
        ``progress`` returned False.
        """
        if isinstance(sheet, str):
            sheet = self.sheet(sheet)
        if not 1 <= start <= sheet.per_sheet:
            raise DomainError("label_start_invalid", last=sheet.per_sheet)
        batch = self.gather(ids, households=households, progress=progress)
        if not batch.labels:
            raise DomainError("labels_nobody")
        total = len(ids)

        def drawing(done: int, count: int) -> bool:
            if progress is None:
                return True
            return progress(total + round(done * total / max(count, 1)), total * 2)

        pdf = build_labels(sheet, [lines for lines, _ids in batch.labels], start=start,
                           offset=self.offset() if offset is None else offset,
                           title=_("Address labels"), author=self.session.association.name,
                           progress=drawing, invariant=invariant)
        return LabelResult(pdf, sheet, start, len(batch.labels),
                           pages_needed(len(batch.labels), sheet, start), batch.member_ids,
                           batch.left_out, households)

    def test_page(self, sheet: LabelSheet | str, *, start: int = 1,
                  offset: tuple[float, float] | None = None, invariant: bool = False) -> bytes:
        """The calibration page of a sheet (outlines and numbers), nothing logged."""
        if isinstance(sheet, str):
            sheet = self.sheet(sheet)
        return label_test_page_pdf(sheet, start=start,
                                   offset=self.offset() if offset is None else offset,
                                   invariant=invariant)

    def record(self, result: LabelResult, day: date | None = None, note: str = "") -> int:
        """Log the printed batch (a mailing of kind 'labels') and the print in the audit log."""
        day = day or self.session.today()
        mailing_id = MailingRepository(self.session.db).record(
            Mailing("labels", day, template=result.sheet.id, left_out=result.left_out.total,
                    note=note), result.member_ids)
        from medlemsvard_app.services import audit

        audit.record(self.session, "print_batch",
                     {"kind": "labels", "sheet": result.sheet.id, "labels": result.labels,
                      "members": len(result.member_ids), "left_out": result.left_out.total},
                     object_kind="mailing", object_id=mailing_id)
        return mailing_id

    def record_written(self, result: LabelResult, file_name: str) -> None:
        """Labels written to a file without ``--mark-sent`` (command line): the print is in
        the audit log, but no mailing is logged until someone says they went out."""
        from medlemsvard_app.services import audit

        audit.record(self.session, "print_batch",
                     {"kind": "labels", "sheet": result.sheet.id, "labels": result.labels,
                      "members": len(result.member_ids), "left_out": result.left_out.total,
                      "file": file_name})


def _number(value: float) -> str:
    from babel.numbers import format_decimal

    from medlemsvard_app.i18n import current_locale

    return format_decimal(round(value, 1), format="+0.0;-0.0" if value else "0",
                          locale=current_locale())
