"""Labels and lists for the demo: the annual meeting's invitation went out on labels, one
per household, and the board printed a member list for the meeting.

Both are logged as a real batch is (members left out by the same rules, counted). The
invitation is printed three weeks before an annual meeting in mid-March: this year's if
that day has passed, else last year's. The association also keeps a sheet of its own
(bought at the office shop) and used the Avery L7160 last. No randomness: the same
register and day give the same batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from medlemsvard_app.domain.collation import sort_key
from medlemsvard_app.domain.models import Member
from medlemsvard_app.services.labels import LabelService, address_style, label_batch
from medlemsvard_app.storage.mailings import Mailing, MailingRepository

#: the day the invitation labels were printed, as (month, day)
_PRINTED = (2, 23)


def add_demo_labels(session, people: Sequence[Member], day: date) -> None:
    on = date(day.year, *_PRINTED)
    if on >= day:
        on = date(day.year - 1, *_PRINTED)
    current = [m for m in people if m.id is not None and m.as_of(on).is_current(on)]
    if not current:
        return
    home = session.association.country.value
    current.sort(key=lambda m: (sort_key(m.family_name, home), sort_key(m.given_name, home)))
    batch = label_batch(current, address_style(session), households=True)
    mailings = MailingRepository(session.db)
    if batch.labels:
        mailings.record(Mailing("labels", on, "L7160", left_out=batch.left_out.total,
                                note="demo"), batch.member_ids)
    listed = [m.id for m in current if not m.protected_identity]
    mailings.record(Mailing("list", on, "member_list", left_out=len(current) - len(listed),
                            note="demo"), listed)  # type: ignore[arg-type]
    labels = LabelService(session)
    labels.save_custom_sheet({"description": "Kontorsbutikens 3×8", "columns": 3, "rows": 8,
                              "label_width": 70, "label_height": 36, "left": 0, "top": 4.5,
                              "pitch_x": 70, "pitch_y": 36})
    labels.remember("L7160")
