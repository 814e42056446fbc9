"""Refresh the message catalogs: extract → update sv/nb/en → compile.

    python translations/update_catalogs.py          # after changing user-visible strings
    python translations/update_catalogs.py --check  # exit 1 if a catalog is stale or incomplete

English is the source language; its catalog is filled with the source strings so that
"complete" is checkable for all three. Untranslated sv/nb entries are listed for a translator.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOMAIN = "medlemsvard"
LANGUAGES = ("sv", "nb", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract() -> Catalog:
    catalog = Catalog(project="Medlemsvård", domain=DOMAIN, charset="utf-8")
    method_map = [("medlemsvard_app/**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, keywords=KEYWORDS, comment_tags=("L10N:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def po_path(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str, template: Catalog) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="Medlemsvård", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(strings) or message.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    template = extract()
    problems = 0
    for lang in LANGUAGES:
        catalog = load(lang, template)
        if lang == "en":
            for message in catalog:
                if message.id and message.pluralizable:
                    message.string = tuple(message.id)
                elif message.id:
                    message.string = message.id
                message.flags.discard("fuzzy")
        missing = untranslated(catalog)
        if args.check:
            obsolete = len(catalog.obsolete)
            if missing or obsolete:
                print(f"{lang}: {len(missing)} untranslated, {obsolete} obsolete")
                problems += 1
            continue
        catalog.obsolete.clear()
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        write_po(buf, catalog, width=100, omit_header=False, sort_output=False,
                 include_previous=False)
        path.write_bytes(buf.getvalue())
        with path.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        print(f"{lang}: {len(catalog) - 1} messages, {len(missing)} untranslated")
    if not args.check:
        buf = io.BytesIO()
        write_po(buf, template, width=100, omit_header=False)
        (HERE / f"{DOMAIN}.pot").write_bytes(buf.getvalue())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
