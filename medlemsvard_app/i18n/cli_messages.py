"""argparse's own words ("usage:", "options", its error sentences) in the user's language.

argparse looks up its module-level ``_`` each time it needs a string, so pointing that at
our catalog (context "argparse") translates help and usage errors without a fork.
"""

from __future__ import annotations

import argparse

from medlemsvard_app.i18n import pgettext


def _argparse_text(message: str) -> str:
    return pgettext("argparse", message)


def install() -> None:
    argparse._ = _argparse_text  # type: ignore[attr-defined]


def _argparse_strings() -> list[str]:  # pragma: no cover - read by pybabel, not executed
    return [
        pgettext("argparse", "usage: "),
        pgettext("argparse", "positional arguments"),
        pgettext("argparse", "options"),
        pgettext("argparse", "show this help message and exit"),
        pgettext("argparse", "show program's version number and exit"),
        pgettext("argparse", "%(prog)s: error: %(message)s\n"),
        pgettext("argparse", "the following arguments are required: %s"),
        pgettext("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
        pgettext("argparse", "unrecognized arguments: %s"),
        pgettext("argparse", "expected one argument"),
        pgettext("argparse", "argument %(argument_name)s: %(message)s"),
        pgettext("argparse", "invalid %(type)s value: %(value)r"),
        pgettext("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    ]
