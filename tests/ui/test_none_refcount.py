"""PySide6 6.12.0 leaks references to None; ui/__init__.py makes that harmless on 3.11."""

import sys

from PySide6.QtWidgets import QLabel

import medlemsvard_app.ui  # noqa: F401 - the workaround runs on import


def test_a_long_session_of_void_calls_does_not_free_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(20_000):  # several times what 3.11's own count of None survives
        label.setText("x")
        label.property("not_set")
    assert sys.getrefcount(None) > 10_000

