"""The catalogs are complete, current with the source, and compiled (ARCHITECTURE §7.8)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from medlemsvard_app.i18n import _, ngettext, set_language

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "medlemsvard.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def test_catalogs_are_complete_and_current_with_the_source():
    out = subprocess.run([sys.executable, str(TRANSLATIONS / "update_catalogs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_compiled_catalog_matches_its_source(lang):
    catalog = _catalog(lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    mo = TRANSLATIONS / lang / "LC_MESSAGES" / "medlemsvard.mo"
    assert mo.read_bytes() == buf.getvalue(), f"run translations/update_catalogs.py ({lang})"


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_placeholders_survive_translation(lang):
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = (message.string if isinstance(message.string, tuple | list)
                   else (message.string,))
        # sv and nb have two forms like English: each keeps the placeholders of its own
        # English form (a singular may say "one row" where the plural says "{count} rows").
        for index, text in enumerate(strings):
            wanted = set(PLACEHOLDER.findall(ids[min(index, len(ids) - 1)]))
            assert set(PLACEHOLDER.findall(text)) == wanted, (lang, message.id, text)


def test_the_app_speaks_swedish_and_norwegian():
    set_language("sv")
    assert _("Former members") == "Tidigare medlemmar"
    assert ngettext("{count} shown", "{count} shown", 2).format(count=2) == "2 visas"
    set_language("nb")
    assert _("Former members") == "Tidligere medlemmer"
    set_language("no_NO")
    assert _("Former members") == "Tidligere medlemmer"
    set_language("de")
    assert _("Former members") == "Former members"


def test_an_unexpected_error_is_still_a_sentence_in_the_users_language():
    from medlemsvard_app.i18n.messages import describe

    set_language("sv")
    assert describe(RuntimeError("boom")).startswith("Något oväntat gick fel")
    assert describe(RuntimeError("boom")).endswith("boom")
