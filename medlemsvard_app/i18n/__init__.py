"""Translation functions shared by every layer that shows text (gettext via Babel).

Import the functions explicitly (``from medlemsvard_app.i18n import _``); nothing is put
into builtins. The active language is process-wide and set once at start-up: changing
it in the settings takes effect on the next start, as in most desktop programs.
"""

from __future__ import annotations

import locale as _pylocale
import os
from collections.abc import Callable

from babel.support import NullTranslations, Translations

from medlemsvard_app.paths import translations_dir

DOMAIN = "medlemsvard"
LANGUAGES: tuple[str, ...] = ("sv", "nb", "en")
#: Babel locale used for dates and numbers per UI language.
LOCALES: dict[str, str] = {"sv": "sv_SE", "nb": "nb_NO", "en": "en_GB"}

_translations: NullTranslations = NullTranslations()
_language = "en"


def normalise_language(code: str | None) -> str | None:
    """Map 'no', 'nb_NO', 'sv-SE', 'en_US.UTF-8' … onto one of our languages."""
    if not code:
        return None
    code = code.split(".")[0].replace("-", "_").lower()
    base = code.split("_")[0]
    if base in ("no", "nb", "nn"):
        return "nb"
    if base in LANGUAGES:
        return base
    return None


def system_language() -> str | None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            for part in value.split(":"):
                lang = normalise_language(part)
                if lang:
                    return lang
    try:
        loc = _pylocale.getlocale()[0]
    except ValueError:
        loc = None
    return normalise_language(loc)


def set_language(language: str) -> str:
    """Activate a language for every later call of ``_``; returns the language chosen."""
    global _translations, _language
    lang = normalise_language(language) or "en"
    loaded = Translations.load(str(translations_dir()), [lang], DOMAIN)
    _translations = loaded if isinstance(loaded, Translations) else NullTranslations()
    _language = lang
    return lang


def translations_for(language: str) -> NullTranslations:
    """One language's catalog without switching the app's: for data written in the
    association's language (the demo's round titles) while the window speaks another."""
    lang = normalise_language(language) or "en"
    loaded = Translations.load(str(translations_dir()), [lang], DOMAIN)
    return loaded if isinstance(loaded, Translations) else NullTranslations()


def current_language() -> str:
    return _language


def current_locale() -> str:
    return LOCALES[_language]


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def has_translation(context: str, message: str) -> bool:
    """True when the active catalog holds a real translation (used by the Qt bridge)."""
    if not isinstance(_translations, Translations):
        return False
    key = f"{context}\x04{message}"
    return key in _translations._catalog  # type: ignore[attr-defined]


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


Translator = Callable[[str], str]
