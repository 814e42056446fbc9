"""Shared fixtures. The Qt platform must be set before anything imports Qt."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the test run away from the user's own settings and database.
_ISOLATED = tempfile.mkdtemp(prefix="medlemsvard-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_ISOLATED, "config")
os.environ["MEDLEMSVARD_DATA_DIR"] = os.path.join(_ISOLATED, "data")
os.environ.setdefault("LANGUAGE", "en")

from datetime import date  # noqa: E402

import pytest  # noqa: E402

import medlemsvard_app.ui  # noqa: E402,F401 - PySide6 6.12 None-refcount workaround first
from medlemsvard_app.domain.models import Member  # noqa: E402
from medlemsvard_app.i18n import set_language  # noqa: E402
from medlemsvard_app.services.session import Session, create_session  # noqa: E402

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def english():
    """Tests read English unless they switch language themselves."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def today() -> date:
    return TODAY


def _follow_dues_this_year(s: Session) -> Session:
    """A register started in November follows dues from next year; the tests want this
    year's states to show, so they follow dues from 2026."""
    from medlemsvard_app.domain.dues_calendar import with_changes

    dues = s.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=TODAY.year))
    return s


@pytest.fixture
def session(tmp_path) -> Session:
    s = _follow_dues_this_year(create_session(tmp_path / "assoc.sqlite", "Testföreningen",
                                              "SE", "sv", today=lambda: TODAY))
    yield s
    s.close()


@pytest.fixture
def no_session(tmp_path) -> Session:
    s = _follow_dues_this_year(create_session(tmp_path / "lag.sqlite", "Testlaget", "NO", "nb",
                                              today=lambda: TODAY))
    yield s
    s.close()


def add_members(session: Session, *people: dict) -> list[Member]:
    from medlemsvard_app.domain.models import MembershipStatus
    from medlemsvard_app.domain.privacy import Consent, ConsentPurpose

    register = session.register()
    out = []
    for fields in people:
        fields = {"joined_on": date(2020, 1, 1), **fields}
        # A prospect is kept only with a recorded consent (issue 9): give one.
        consent = (Consent(member_id=0, purpose=ConsentPurpose.PROSPECT_CONTACT,
                           given_on=date(2020, 1, 1))
                   if fields.get("status") in (MembershipStatus.PROSPECT, "prospect") else None)
        member, _changes = register.save(Member(**fields), consent)
        out.append(member)
    return out
