"""Privacy for the demo: a consent history (newsletter and SMS from the members' dates,
photos, a few archive consents, every prospect's consent to be contacted, two withdrawals)
and a log of what the board did with the register this year.

The retention routine has not been run: the Privacy page opens on the former members due
for anonymisation, as it would when an association starts using the app (and the demo's
every member stays a person, which its tests check). Drawn from a random stream of its
own (same seed and day, same history).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from medlemsvard_app.domain.models import Association, BoardRole, Member, MembershipStatus
from medlemsvard_app.domain.privacy import (
    Consent,
    ConsentPurpose,
    ConsentSource,
)
from medlemsvard_app.services.audit import render_detail
from medlemsvard_app.services.privacy import PrivacyService
from medlemsvard_app.storage.audit import AuditRepository


def _officer(assoc: Association) -> str:
    for role in (BoardRole.MEMBERSHIP_OFFICER, BoardRole.SECRETARY, BoardRole.CHAIR):
        for post in assoc.board:
            if post.role is role and post.person_name:
                return post.person_name.split()[0]
    return "Kim"


def add_demo_privacy(session, people: Sequence[Member], assoc: Association, day: date,
                     seed: int, country: str) -> None:
    rng = random.Random(f"privacy-{seed}-{day.isoformat()}")
    privacy = PrivacyService(session)
    repo = privacy.repo
    log = AuditRepository(session.db)
    user = _officer(assoc)

    def logged(action: str, on: date, detail: dict, member: Member | None = None) -> None:
        at = f"{on.isoformat()}T{rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:00Z"
        log.append(user_name=user, action=action, detail=render_detail(detail), data=detail,
                   object_kind="member" if member else "",
                   object_id=member.id if member else None,
                   member_id=member.id if member else None,
                   member_number=member.member_number if member else None, at=at)

    # The consent dates on the members become the history; a few more purposes.
    repo.sync_from_members(day)
    current = [m for m in people if m.id is not None and m.status is MembershipStatus.MEMBER]
    for m in people:
        if m.id is None:
            continue
        joined = m.joined_on or day - timedelta(days=400)
        if m.status is MembershipStatus.PROSPECT:
            repo.add_consent(Consent(member_id=m.id, purpose=ConsentPurpose.PROSPECT_CONTACT,
                                     given_on=min(day, joined if m.joined_on else
                                                  day - timedelta(days=rng.randint(20, 300))),
                                     source=ConsentSource.FORM))
        elif m.status is MembershipStatus.MEMBER and rng.random() < 0.18:
            repo.add_consent(Consent(member_id=m.id, purpose=ConsentPurpose.PHOTOS,
                                     given_on=joined, source=ConsentSource.FORM))
    for m in rng.sample(current, min(3, len(current))):
        repo.add_consent(Consent(member_id=m.id, purpose=ConsentPurpose.ARCHIVE,
                                 given_on=max(m.joined_on or day, day - timedelta(days=200)),
                                 source=ConsentSource.FORM))
    withdrawn = [c for m in rng.sample(current, min(40, len(current)))
                 for c in repo.consents(m.id) if c.withdrawn_on is None
                 and c.purpose is ConsentPurpose.NEWSLETTER]
    for c in withdrawn[:2]:
        repo.withdraw(c.id, max(c.given_on, day - timedelta(days=rng.randint(10, 120))))

    # What the board did with the register this year, as the log shows it.
    year_start = date(day.year, 1, 1)
    for k in range(4):
        on = year_start + timedelta(days=rng.randint(20, max(21, (day - year_start).days - 5)))
        logged("export", on, {"file": "medlemmar.xlsx" if k % 2 else "medlemmar.csv",
                              "exported": rng.randint(40, max(41, len(current))),
                              "left_out_protected": rng.randint(0, 2), "encrypted": k == 3})
    for m in rng.sample(current, min(2, len(current))):
        logged("register_extract", day - timedelta(days=rng.randint(5, 200)), {}, m)
