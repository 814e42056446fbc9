"""Typed domain errors; each carries a code the UI and CLI translate."""

from __future__ import annotations


class DomainError(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ValidationError(DomainError):
    """One or more fields are invalid; ``problems`` maps field name to an error code."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("invalid_fields", fields=", ".join(problems))
        self.problems = problems
