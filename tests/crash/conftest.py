"""The kill harness reports its counts in the terminal summary, so CI logs show them."""

from __future__ import annotations

REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001
    if REPORT:
        terminalreporter.section("crash harness")
        for line in REPORT:
            terminalreporter.write_line(line)
